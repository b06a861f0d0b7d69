using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PowerMap.Core.Data.Providers;

/// <summary>
/// The same model on PostgreSQL. A type of its own so that its migrations (Data/Migrations/Postgres, generated with
/// <c>dotnet ef … --context PostgresPowerMapDbContext</c>) are kept apart from SQLite's: EF picks a context's
/// migrations by its exact type. Everything else (entities, the change log on save) is inherited.
/// </summary>
public sealed class PostgresPowerMapDbContext(DbContextOptions<PowerMapDbContext> options) : PowerMapDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // PowerMap's times are UTC; Npgsql's timestamptz refuses a DateTime whose Kind is not Utc (one read from JSON or SQLite).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>
/// Gives <c>dotnet ef … --context PowerMapDbContext</c> the SQLite context (without it EF would also take the
/// PostgreSQL factory below for the base type: the factory interface is covariant and EF takes the first factory
/// assignable to it, in declaration order, so this one must stay declared first).
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<PowerMapDbContext>
{
    public PowerMapDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PowerMapDbContext>().UseSqlite(PowerMapCoreServices.DefaultConnectionString).Options);
}

/// <summary>
/// Gives <c>dotnet ef</c> a PostgreSQL context to diff migrations against, without a server (nothing is connected to
/// while adding a migration). The connection string is only used by <c>dotnet ef database update</c>.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPowerMapDbContext>
{
    public PostgresPowerMapDbContext CreateDbContext(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__PowerMap") is { Length: > 0 } c && !c.Contains("Data Source", StringComparison.OrdinalIgnoreCase)
            ? c : "Host=localhost;Database=powermap;Username=powermap";
        var options = new DbContextOptionsBuilder<PowerMapDbContext>().UseNpgsql(connection).Options;
        return new PostgresPowerMapDbContext(options);
    }
}

/// <summary>Creates <see cref="PostgresPowerMapDbContext"/>s for everything that asks for a <see cref="PowerMapDbContext"/>.</summary>
public sealed class PostgresContextFactory(DbContextOptions<PowerMapDbContext> options) : IDbContextFactory<PowerMapDbContext>
{
    public PowerMapDbContext CreateDbContext() => new PostgresPowerMapDbContext(options);
}

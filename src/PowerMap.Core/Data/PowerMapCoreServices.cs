using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PowerMap.Core.Data.Providers;

namespace PowerMap.Core.Data;

public static class PowerMapCoreServices
{
    public const string DefaultConnectionString = "Data Source=powermap.db";

    /// <summary>
    /// How long a write waits for another process's lock on the database before it gives up with "database is busy"
    /// (the API answers 503 with Retry-After). Short, so that a client hears back in seconds, not after Microsoft.Data.Sqlite's 30 s.
    /// </summary>
    public const int DefaultBusyTimeoutSeconds = 5;

    /// <summary>The database (one context per operation), the shared topology and the write store.</summary>
    public static IServiceCollection AddPowerMapCore(this IServiceCollection services, string? connectionString, int busyTimeoutSeconds = DefaultBusyTimeoutSeconds,
        string synchronous = "NORMAL", DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new ArgumentException("Database:Provider is Postgres but ConnectionStrings:PowerMap is empty (e.g. Host=db;Database=powermap;Username=powermap;Password=…).");
            }
            var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
            if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
            {
                // A write waiting for another's row lock gives up like SQLite's busy timeout (503, retry) instead of Npgsql's 30 s.
                npgsql.CommandTimeout = Math.Max(busyTimeoutSeconds, 1);
            }
            services.AddDbContextFactory<PowerMapDbContext, PostgresContextFactory>(o => o.UseNpgsql(npgsql.ConnectionString).AddInterceptors(Revisions.RevisionCommits.Instance));
        }
        else
        {
            var connection = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString);
            if (!connectionString?.Contains("timeout", StringComparison.OrdinalIgnoreCase) ?? true)
            {
                // Also the wait of BEGIN IMMEDIATE, which uses the connection's default rather than the command's timeout.
                connection.DefaultTimeout = busyTimeoutSeconds;
            }
            var pragmas = new SqlitePragmas(synchronous);
            services.AddDbContextFactory<PowerMapDbContext>(o => o.UseSqlite(connection.ConnectionString, s => s.CommandTimeout(connection.DefaultTimeout)).AddInterceptors(pragmas, Revisions.RevisionCommits.Instance));
        }
        services.AddSingleton<TopologyService>();
        services.AddSingleton<DcimStore>();
        services.AddSingleton<ChangeLog.ChangeLogStore>();
        services.AddSingleton<Backup>();
        services.AddSingleton<History.LoadHistoryStore>();
        services.AddSingleton<Accounts.TokenStore>();
        return services;
    }

    /// <summary>Migrates the database, loads the demo data into an empty one, and loads the topology.</summary>
    public static async Task InitializePowerMapAsync(this IServiceProvider services, bool demoWhenEmpty = true, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PowerMapDbContext>>();
        long started = Stopwatch.GetTimestamp();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // Instances starting together on one new PostgreSQL database: one migrates, the others wait and find it done.
            await using var migrating = await DatabaseProviders.LockWritersAsync(factory, ct, DatabaseProviders.StartUpLockWait);
            // Migrate() also compares the model with the last migration's snapshot, which costs a start at XL about a
            // second of CPU: only run it when a migration is pending (a new database, or an upgrade).
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await db.Database.MigrateAsync(ct);
            }
            await DatabaseProviders.PrepareAsync(db, ct);
        }
        var migrated = Stopwatch.GetElapsedTime(started);
        var topology = services.GetRequiredService<TopologyService>();
        await topology.ReloadAsync(ct);
        services.GetService<ILoggerFactory>()?.CreateLogger(typeof(PowerMapCoreServices)).LogInformation(
            "Loaded {Objects} objects at revision {Revision} in {Milliseconds:F0} ms (database opened and migrations checked in {Migrated:F0} ms).",
            topology.Current.Installation.ObjectCount, topology.DataRevision, Stopwatch.GetElapsedTime(started).TotalMilliseconds, migrated.TotalMilliseconds);
        if (demoWhenEmpty && topology.Current.Installation.ObjectCount == 0)
        {
            await services.GetRequiredService<DcimStore>().ReplaceAllAsync(DemoData.Build(), ct);
        }
    }
}

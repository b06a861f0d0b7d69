using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data;
using PowerMap.Core.Data.Providers;

namespace PowerMap.Tests.TestSupport;

/// <summary>A migrated SQLite file (or a fresh PostgreSQL database on the test run's <see cref="PostgresServer"/>) with the Core services over it (no web host).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"powermap-core-{Guid.NewGuid():N}.db");

    public ServiceProvider Services { get; }
    public TopologyService Topology => Services.GetRequiredService<TopologyService>();
    public DcimStore Store => Services.GetRequiredService<DcimStore>();
    public IDbContextFactory<PowerMapDbContext> Factory => Services.GetRequiredService<IDbContextFactory<PowerMapDbContext>>();

    private TestDatabase(Action<DbContextOptionsBuilder>? configure, string? postgres)
    {
        var services = postgres is null
            ? new ServiceCollection().AddPowerMapCore($"Data Source={_path}")
            : new ServiceCollection().AddPowerMapCore(postgres, provider: DatabaseProvider.Postgres);
        if (configure is not null)
        {
            services.ConfigureDbContext<PowerMapDbContext>(configure);
        }
        Services = services.BuildServiceProvider();
    }

    /// <summary>A fresh database; <paramref name="configure"/> adds to the context options (e.g. an interceptor).</summary>
    public static async Task<TestDatabase> CreateAsync(Action<DbContextOptionsBuilder>? configure = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        string? postgres = provider == DatabaseProvider.Postgres ? await (await PostgresServer.GetAsync()).CreateDatabaseAsync() : null;
        var db = new TestDatabase(configure, postgres);
        await db.Services.InitializePowerMapAsync(demoWhenEmpty: false);
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_path + suffix);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}

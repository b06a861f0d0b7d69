using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace PowerMap.Core.Data;

public static class PowerMapCoreServices
{
    public const string DefaultConnectionString = "Data Source=powermap.db";

    /// <summary>The database (one context per operation), the shared topology and the write store.</summary>
    public static IServiceCollection AddPowerMapCore(this IServiceCollection services, string? connectionString)
    {
        services.AddDbContextFactory<PowerMapDbContext>(o => o.UseSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString));
        services.AddSingleton<TopologyService>();
        services.AddSingleton<DcimStore>();
        services.AddSingleton<ChangeLog.ChangeLogStore>();
        services.AddSingleton<Accounts.TokenStore>();
        return services;
    }

    /// <summary>Migrates the database, loads the demo data into an empty one, and loads the topology.</summary>
    public static async Task InitializePowerMapAsync(this IServiceProvider services, bool demoWhenEmpty = true, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PowerMapDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
            // WAL lets readers (page loads, API reads) run beside a writer.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        var topology = services.GetRequiredService<TopologyService>();
        await topology.ReloadAsync(ct);
        if (demoWhenEmpty && topology.Current.Installation.ObjectCount == 0)
        {
            await services.GetRequiredService<DcimStore>().ReplaceAllAsync(DemoData.Build(), ct);
        }
    }
}

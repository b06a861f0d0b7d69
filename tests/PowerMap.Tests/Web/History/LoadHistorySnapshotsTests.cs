using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PowerMap.Core.Data.History;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.History;

namespace PowerMap.Tests.Web.History;

public class LoadHistorySnapshotsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A clock whose day a test sets; timers stay real.</summary>
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Start_TakesOneSnapshot_ThenNoneMoreThatDay_ThenOneTheNextDay()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Store.ReplaceAllAsync(TopologyBuilder.Seed().Inst, Ct);
        var store = db.Services.GetRequiredService<LoadHistoryStore>();
        var clock = new Clock(new DateTimeOffset(2026, 11, 1, 23, 0, 0, TimeSpan.Zero));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["History:Interval"] = "00:00:00.02" }).Build();
        using var service = new LoadHistorySnapshots(store, db.Topology, config, NullLogger<LoadHistorySnapshots>.Instance, clock);

        await service.StartAsync(Ct);
        try
        {
            await WaitAsync(() => service.Taken == 1);
            await Task.Delay(300, Ct); // about 15 more checks on the same day
            Assert.Equal(1, service.Taken);
            Assert.True(await store.HasDayAsync(new DateOnly(2026, 11, 1), Ct));

            clock.Now = clock.Now.AddHours(2); // past midnight UTC
            await WaitAsync(() => service.Taken == 2);
            Assert.True(await store.HasDayAsync(new DateOnly(2026, 11, 2), Ct));
        }
        finally
        {
            await service.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task TodayAlreadyTaken_StartTakesNone()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Store.ReplaceAllAsync(TopologyBuilder.Seed().Inst, Ct);
        var store = db.Services.GetRequiredService<LoadHistoryStore>();
        var clock = new Clock(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        await store.TakeAsync(db.Topology.Current.Report, new DateOnly(2026, 11, 1), Ct);
        using var service = new LoadHistorySnapshots(store, db.Topology, new ConfigurationBuilder().Build(), NullLogger<LoadHistorySnapshots>.Instance, clock);

        await service.TickAsync(Ct);
        await service.TickAsync(Ct);

        Assert.Equal(0, service.Taken);
    }

    [Fact]
    public async Task Retention_PurgesDaysOlderThanRetentionDays()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Store.ReplaceAllAsync(TopologyBuilder.Seed().Inst, Ct);
        var store = db.Services.GetRequiredService<LoadHistoryStore>();
        await store.TakeAsync(db.Topology.Current.Report, new DateOnly(2026, 10, 1), Ct);
        await store.TakeAsync(db.Topology.Current.Report, new DateOnly(2026, 10, 25), Ct);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["History:RetentionDays"] = "10" }).Build();
        using var service = new LoadHistorySnapshots(store, db.Topology, config, NullLogger<LoadHistorySnapshots>.Instance,
            new Clock(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero)));

        await service.TickAsync(Ct);

        Assert.False(await store.HasDayAsync(new DateOnly(2026, 10, 1), Ct));
        Assert.True(await store.HasDayAsync(new DateOnly(2026, 10, 25), Ct));
        Assert.True(await store.HasDayAsync(new DateOnly(2026, 11, 1), Ct));
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out");
            await Task.Delay(20, Ct);
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PowerMap.Core.Data.Providers;
using System.Runtime.CompilerServices;
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

    // Two instances on one PostgreSQL database: B's overview list was computed from a flat history; A takes today's
    // snapshot again with a rising load ──► B's list follows within its refresh interval (not a day later).
    [Fact]
    public async Task SnapshotByAnotherInstance_ReachesThisInstancesForecasts()
    {
        await using var db = await TestDatabase.CreateAsync(provider: DatabaseProvider.Postgres);
        await db.Store.ReplaceAllAsync(TopologyBuilder.Seed().Inst, Ct);
        var storeA = db.Services.GetRequiredService<LoadHistoryStore>();
        var storeB = new LoadHistoryStore(db.Factory);
        var report = db.Topology.Current.Report;
        var psu = db.Topology.Current.Installation.PowerPorts.First(p => p.Name == "PSU1");
        var nov1 = new DateOnly(2026, 11, 1);
        foreach (int day in new[] { 0, 1, 3 })
        {
            await storeA.TakeAsync(report, nov1.AddDays(day), Ct);
        }
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["History:RefreshInterval"] = "00:00:00.05" }).Build();
        using var serviceB = new LoadHistorySnapshots(storeB, db.Topology, config, NullLogger<LoadHistorySnapshots>.Instance,
            new Clock(new DateTimeOffset(2026, 11, 4, 8, 0, 0, TimeSpan.Zero)));
        var refreshesB = CountRefreshes(storeB);
        await serviceB.StartAsync(Ct);
        try
        {
            await WaitAsync(() => Volatile.Read(ref refreshesB.Value) > 0);
            Assert.Empty(storeB.Upcoming);

            await storeA.TakeAsync(report.WithPortDraw(psu.Id, 650, 650), nov1.AddDays(1), Ct);
            await storeA.TakeAsync(report.WithPortDraw(psu.Id, 950, 950), nov1.AddDays(3), Ct);
            Assert.NotEmpty(storeA.Upcoming);

            await WaitAsync(() => storeB.Upcoming.SequenceEqual(storeA.Upcoming));
            Assert.Equal(0, serviceB.Taken);
        }
        finally
        {
            await serviceB.StopAsync(Ct);
        }
    }

    // Nothing changed in the samples ──► a check costs index reads only: the list is not recomputed.
    [Fact]
    public async Task Check_WithoutNewSamples_DoesNotRecompute()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Store.ReplaceAllAsync(TopologyBuilder.Seed().Inst, Ct);
        var store = db.Services.GetRequiredService<LoadHistoryStore>();
        using var service = new LoadHistorySnapshots(store, db.Topology, new ConfigurationBuilder().Build(), NullLogger<LoadHistorySnapshots>.Instance,
            new Clock(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero)));
        await service.TickAsync(Ct);
        var refreshes = CountRefreshes(store);

        await service.TickAsync(Ct);
        await service.TickAsync(Ct);

        Assert.Equal(1, service.Taken);
        Assert.Equal(0, refreshes.Value);
    }

    // Two instances find today missing at the same moment and both insert it (held at the first INSERT until both are
    // there) ──► one takes it, the other loses on the unique index, reads the winner's and logs no warning.
    [Fact]
    public async Task TwoInstancesTakingTheSameDay_TheLoserUsesTheWinnersSnapshot()
    {
        var meet = new MeetAtFirstInsert("\"LoadSamples\"", parties: 2);
        await using var db = await TestDatabase.CreateAsync(o => o.AddInterceptors(meet), DatabaseProvider.Postgres);
        await db.Store.ReplaceAllAsync(TopologyBuilder.Seed().Inst, Ct);
        var clock = new Clock(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        var config = new ConfigurationBuilder().Build();
        var logs = new ListLogger();
        var storeA = db.Services.GetRequiredService<LoadHistoryStore>();
        var storeB = new LoadHistoryStore(db.Factory);
        using var a = new LoadHistorySnapshots(storeA, db.Topology, config, logs, clock);
        using var b = new LoadHistorySnapshots(storeB, db.Topology, config, logs, clock);

        await Task.WhenAll(Task.Run(() => a.TickAsync(Ct), Ct), Task.Run(() => b.TickAsync(Ct), Ct));

        Assert.True(meet.Met);
        Assert.Equal(1, a.Taken + b.Taken);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("another instance took"));
        Assert.True(await storeA.HasDayAsync(new DateOnly(2026, 11, 1), Ct));
        Assert.Equal(storeA.Upcoming, storeB.Upcoming);
    }

    // "Take snapshot now" pressed on two instances at the same moment (both held at their first INSERT) ──► both requests
    // succeed; the day holds one snapshot (one sample per feed, rack and panel), not an error for one of the two users.
    [Fact]
    public async Task TakeNow_OnTwoInstancesAtOnce_BothSucceed_OneSnapshotOfTheDay()
    {
        var meet = new MeetAtFirstInsert("\"LoadSamples\"", parties: 2);
        await using var db = await TestDatabase.CreateAsync(o => o.AddInterceptors(meet), DatabaseProvider.Postgres);
        await db.Store.ReplaceAllAsync(TopologyBuilder.Seed().Inst, Ct);
        var storeA = db.Services.GetRequiredService<LoadHistoryStore>();
        var storeB = new LoadHistoryStore(db.Factory);
        var day = new DateOnly(2026, 11, 1);
        var report = db.Topology.Current.Report;

        var counts = await Task.WhenAll(Task.Run(() => storeA.TakeNowAsync(report, day, Ct), Ct), Task.Run(() => storeB.TakeNowAsync(report, day, Ct), Ct));

        Assert.True(meet.Met);
        Assert.Equal([4, 4], counts); // 2 feeds, 1 rack, 1 panel
        Assert.Equal(4, (await storeA.AllAsync(Ct)).Count);
    }

    /// <summary>Counts the store's recomputations of its list from now on.</summary>
    private static StrongBox<int> CountRefreshes(LoadHistoryStore store)
    {
        var count = new StrongBox<int>();
        store.Changed += () => Interlocked.Increment(ref count.Value);
        return count;
    }

    /// <summary>Holds the first INSERT into a table of each of <c>parties</c> flows until all of them got there.</summary>
    private sealed class MeetAtFirstInsert(string table, int parties) : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private readonly Barrier _barrier = new(parties);
        private int _waiting;

        public bool Met { get; private set; }

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("INSERT INTO " + table, StringComparison.Ordinal) && Interlocked.Increment(ref _waiting) <= parties)
            {
                Met = await Task.Run(() => _barrier.SignalAndWait(TimeSpan.FromSeconds(10)), cancellationToken);
            }
            return result;
        }
    }

    private sealed class ListLogger : ILogger<LoadHistorySnapshots>
    {
        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
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

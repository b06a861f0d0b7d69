using PowerMap.Core.Analysis;
using PowerMap.Core.Data.History;
using PowerMap.Core.Data.Providers;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace PowerMap.Tests.Core.Data.History;

// Panel 1 ─ Feed 1 (230 V 16 A 80 % = 2944 VA) ─ PDU1 ─ Server PSU1 (350 W) + Router PSU1 (120 W)
//         └ Feed 2 (side B)                       ─ PDU2 ─ Server PSU2 (350 W) + Router PSU2 (120 W)
public class LoadHistoryStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private sealed record SeedIds(int Feed1, int Rack, int Panel, int ServerPsu1);

    /// <summary>The seed's ids as stored (the store may number them anew).</summary>
    private static SeedIds Ids(Installation inst)
    {
        var server = inst.Devices.Single(d => d.Name == "Server");
        return new SeedIds(inst.PowerFeeds.Single(f => f.Name == "Feed 1").Id, inst.Racks.Single(r => r.Name == "R1").Id,
            inst.PowerPanels.Single(p => p.Name == "Panel 1").Id, inst.PowerPorts.Single(p => p.DeviceId == server.Id && p.Name == "PSU1").Id);
    }

    [Fact]
    public async Task ThreeSnapshotsOnThreeDays_ForecastCrossingDaysByHand()
    {
        await using var db = await TestDatabase.CreateAsync(provider: Provider);
        await db.Store.ReplaceAllAsync(TopologyBuilder.Seed().Inst, Ct);
        var ids = Ids(db.Topology.Current.Installation);
        var store = db.Services.GetRequiredService<LoadHistoryStore>();
        var report = db.Topology.Current.Report;
        var nov1 = new DateOnly(2026, 11, 1);

        // Feed 1 = Server PSU1 + Router PSU1: 350 + 120 = 470, then 650 + 120 = 770, then 950 + 120 = 1070 VA
        await store.TakeAsync(report, nov1, Ct);
        await store.TakeAsync(report.WithPortDraw(ids.ServerPsu1, 650, 650), nov1.AddDays(1), Ct);
        await store.TakeAsync(report.WithPortDraw(ids.ServerPsu1, 950, 950), nov1.AddDays(3), Ct);

        var samples = await store.SamplesAsync(CapacitySubject.PowerFeed, ids.Feed1, ct: Ct);
        Assert.Equal([470L, 770L, 1070L], samples.Select(s => s.AllocatedVoltAmps));
        Assert.All(samples, s => Assert.Equal(2944, s.AvailableVoltAmps));
        // x = 0, 1, 3; x̄ = 4/3, ȳ = 770; Σdx·dy = (−4/3)(−300) + (5/3)(300) = 900; Σdx² = 14/3
        // b = 900 / (14/3) = 192.857 VA/day; a = 770 − 192.857 · 4/3 = 512.857 VA
        // 75 % = 2208 VA: (2208 − 512.857) / 192.857 = 8.79 → day 9 = Nov 10; 100 %: (2944 − 512.857) / 192.857 = 12.61 → day 13 = Nov 14
        var forecast = LoadForecast.Compute(samples, 75);
        Assert.Equal(900 / (14.0 / 3), forecast.SlopeVoltAmpsPerDay!.Value, 6);
        Assert.Equal(new DateOnly(2026, 11, 10), forecast.Warning.Day);
        Assert.Equal(new DateOnly(2026, 11, 14), forecast.Full.Day);

        // The rack (Feed 1 + Feed 2 over 2 × 2944 VA) and the panel are sampled too, from the same report.
        var rack = await store.SamplesAsync(CapacitySubject.Rack, ids.Rack, ct: Ct);
        Assert.Equal([940L, 1240L, 1540L], rack.Select(s => s.AllocatedVoltAmps));
        Assert.Equal(db.Topology.Current.Report.RackUtilization(ids.Rack), rack[0].Percent);
        var panel = await store.SamplesAsync(CapacitySubject.PowerPanel, ids.Panel, ct: Ct);
        Assert.Equal(PowerSummary.Panel(report, ids.Panel)!.AllocatedVoltAmps, panel[0].AllocatedVoltAmps);

        // The overview's list, as of Nov 4: Feed 1 crosses 75 % on Nov 10, within 90 days.
        await store.RefreshAsync(nov1.AddDays(3), 75, Ct);
        Assert.Contains(store.Upcoming, u => u.Subject == CapacitySubject.PowerFeed && u.Id == ids.Feed1 && u.Next.Day == new DateOnly(2026, 11, 10));
    }

    [Fact]
    public async Task TakingADayAgain_ReplacesItsSamples()
    {
        await using var db = await TestDatabase.CreateAsync(provider: Provider);
        await db.Store.ReplaceAllAsync(TopologyBuilder.Seed().Inst, Ct);
        var ids = Ids(db.Topology.Current.Installation);
        var store = db.Services.GetRequiredService<LoadHistoryStore>();
        var day = new DateOnly(2026, 11, 1);

        int count = await store.TakeAsync(db.Topology.Current.Report, day, Ct);
        await store.TakeAsync(db.Topology.Current.Report.WithPortDraw(ids.ServerPsu1, 650, 650), day, Ct);

        Assert.Equal(2 + 1 + 1, count); // 2 feeds, 1 rack, 1 panel
        Assert.Equal(count, (await store.AllAsync(Ct)).Count);
        var only = Assert.Single(await store.SamplesAsync(CapacitySubject.PowerFeed, ids.Feed1, ct: Ct));
        Assert.Equal(770, only.AllocatedVoltAmps);
        Assert.True(await store.HasDayAsync(day, Ct));
        Assert.Equal(count, await store.PurgeAsync(day.AddDays(1), Ct));
        Assert.False(await store.HasDayAsync(day, Ct));
    }

    [Fact]
    public async Task ASnapshot_LeavesPlannedDevicesAndCablesOut()
    {
        await using var db = await TestDatabase.CreateAsync(provider: Provider);
        var (inst, _, _) = PowerMap.Tests.Core.Analysis.PlannedChangesTests.SeedWithPlannedServer();
        await db.Store.ReplaceAllAsync(inst, Ct);
        var stored = db.Topology.Current;
        var feed1 = stored.Installation.PowerFeeds.Single(f => f.Name == "Feed 1").Id;
        Assert.Equal(670, stored.Report.Feed(feed1)!.Utilization!.AllocatedVoltAmps); // 470 + the planned server's 200 VA

        await db.Services.GetRequiredService<LoadHistoryStore>().TakeAsync(stored.Report, new DateOnly(2026, 11, 1), Ct);

        var sample = Assert.Single(await db.Services.GetRequiredService<LoadHistoryStore>().SamplesAsync(CapacitySubject.PowerFeed, feed1, ct: Ct));
        Assert.Equal(470, sample.AllocatedVoltAmps);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class LoadHistoryStoreTestsOnPostgres : LoadHistoryStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Power;

public class PowerOverviewTests
{
    // Panel ─ F-low (1440 VA) ─ 144 W  10 %
    //       ├ F-warn         ─ 1152 W  80 %   warning
    //       ├ F-over         ─ 1600 W 111.1 % danger, over capacity
    //       ├ F-danger       ─ 1300 W  90.3 % danger
    //       └ F-idle (no cable)
    private static (PowerReport Report, Dictionary<string, int> Ids) Build()
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R1");
        var rack2 = b.Rack("R2");
        var panel = b.Panel("P");
        var ids = new Dictionary<string, int>();
        foreach (var (name, watts, r) in new[] { ("F-low", 144, rack2), ("F-warn", 1152, rack), ("F-over", 1600, rack), ("F-danger", 1300, rack2) })
        {
            var feed = b.Feed(panel, name, rack: r);
            b.Cable(feed, b.Port(b.Device("D-" + name), "PSU", watts));
            ids[name] = feed.Id;
        }
        ids["F-idle"] = b.Feed(panel, "F-idle").Id;
        ids["R1"] = rack.Id;
        ids["R2"] = rack2.Id;
        return (PowerReport.Compute(b.Build()), ids);
    }

    [Fact]
    public void Compute_CountsFeedsByStatus_AndTotals()
    {
        var (report, _) = Build();
        var o = PowerOverview.Compute(report);

        Assert.Equal((5, 4, 1, 2, 1, 3), (o.FeedCount, o.LoadedFeedCount, o.WarningFeedCount, o.DangerFeedCount, o.OverCapacityFeedCount, o.NearCapacityFeedCount));
        Assert.Equal((7200L, 4196L), (o.AvailableVoltAmps, o.AllocatedVoltAmps));
    }

    [Fact]
    public void Compute_RanksNearCapacityAndTopFeeds_HighestFirst()
    {
        var (report, ids) = Build();
        var o = PowerOverview.Compute(report, top: 2);

        Assert.Equal([ids["F-over"], ids["F-danger"], ids["F-warn"]], o.NearCapacity.Select(f => f.FeedId));
        Assert.Equal([ids["F-over"], ids["F-danger"]], o.TopFeeds.Select(f => f.FeedId));
        Assert.Equal([111.1, 90.3], o.TopFeeds.Select(f => f.Percent));
    }

    // R1: (1152 + 1600) / 2880 = 95.6 %, R2: (144 + 1300) / 2880 = 50.1 %
    [Fact]
    public void Compute_RanksRacksWithCapacity()
    {
        var (report, ids) = Build();
        var o = PowerOverview.Compute(report);
        Assert.Equal([(ids["R1"], 95.6), (ids["R2"], 50.1)], o.TopRacks.Select(r => (r.RackId, r.Percent)));
    }

    [Fact]
    public void Compute_SeedExample_HasNothingNearCapacity()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var o = PowerOverview.Compute(PowerReport.Compute(inst));
        Assert.Empty(o.NearCapacity);
        Assert.Equal([16.0, 16.0], o.TopFeeds.Select(f => f.Percent));
        Assert.Equal(ids.Feed1, o.TopFeeds[0].FeedId);
    }
}

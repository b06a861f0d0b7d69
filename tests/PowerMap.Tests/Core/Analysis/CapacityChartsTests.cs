using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Analysis;

public class CapacityChartsTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(37.4, 0)]
    [InlineData(37.5, 1)]
    [InlineData(74.9, 1)]
    [InlineData(75.0, 2)]
    [InlineData(90.0, 3)]
    [InlineData(100.0, 3)]
    [InlineData(100.1, 4)]
    public void RackDistribution_PutsEachRackInItsBand(double percent, int band)
    {
        var bands = CapacityCharts.RackDistribution([new RackHeadroom(1, percent, percent, null)], UtilizationOptions.Default);

        Assert.Equal(["< 37.5 %", "37.5–75 %", "75–90 %", "90–100 %", "> 100 %"], bands.Select(b => b.Label));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => i == band ? 1 : 0), bands.Select(b => b.RackCount));
    }

    // Panel 1 ─┬ Feed 1 (A) ── PDU1 ── Server PSU1 350 W, Router PSU1 120 W   → side A 470 VA
    //          └ Feed 2 (B) ── PDU2 ── Server PSU2 350 W, Router PSU2 120 W   → side B 470 VA
    [Fact]
    public void Sides_Seed_SplitsTheRackLoadByFeedType()
    {
        var (inst, ids) = TopologyBuilder.Seed();

        var sides = CapacityCharts.Sides(PowerReport.Compute(inst), [ids.Rack]);

        Assert.Equal([new RackSides(ids.Rack, 470, 470)], sides);
    }

    // P ── Feed 3φ (400 V 32 A) ── PDU (outlets 1–3 on legs A, B, C) ── D1 300 W (A), D2 500 W (B); leg C empty
    //  └── Feed 1φ ── Lamp 50 W (no legs)
    [Fact]
    public void LegBalance_ThreePhaseFeed_ListsItsLegs_SinglePhaseLeftOut()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("P");
        var three = b.Feed(panel, "Feed 3φ", 400, 32, 80, phase: Choices.ThreePhase);
        var single = b.Feed(panel, "Feed 1φ");
        var pdu = b.Pdu("PDU", 3, null, "A", "B", "C");
        b.Cable(three, pdu.Inlet);
        b.Cable(pdu.Outlets[0], b.Port(b.Device("D1"), "PSU", 300));
        b.Cable(pdu.Outlets[1], b.Port(b.Device("D2"), "PSU", 500));
        b.Cable(single, b.Port(b.Device("Lamp"), "PSU", 50));

        var legs = CapacityCharts.LegBalance(PowerReport.Compute(b.Build()), [three.Id, single.Id]);

        var feed = Assert.Single(legs);
        Assert.Equal(three.Id, feed.FeedId);
        Assert.Equal([("A", 300L), ("B", 500L), ("C", 0L)], feed.Legs.Select(l => (l.Name, l.AllocatedWatts)));
    }
}

using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Layout;

public class NodeFiguresTests
{
    // Panel 1 ─┬─ Feed 1 ── PDU1 ─┬─ Server, Router
    //          └─ Feed 2 ── PDU2 ─┘
    [Fact]
    public void Compute_SeedLayoutAndReport_PutsTheFeedNumbersOnBothFeedNodes()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        var view = TopologyView.Build(inst, null, report);
        var layout = TopologyLayout.Compute(view);

        var figures = TopologyFigures.Compute(view, report);

        foreach (var feedId in new[] { ids.Feed1, ids.Feed2 })
        {
            string id = TopologyNodeId.Feed(feedId);
            Assert.Contains(layout.Nodes, b => b.Id == id);
            var f = figures[id];
            Assert.Equal(470, f.AllocatedWatts);
            Assert.Equal(2944, f.AvailableVoltAmps);
            Assert.Equal(16.0, f.Percent);
            Assert.Equal(UtilizationStatus.Normal, f.Status);
            Assert.Equal(2474, f.RemainingVoltAmps);
            Assert.False(f.IsOverCapacity);
        }
    }

    [Fact]
    public void Compute_SeedExample_PanelSumsItsFeedsAndPdusShowTheirInletAgainstTheFeed()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        var view = TopologyView.Build(inst, null, report);

        var figures = TopologyFigures.Compute(view, report);

        var panel = figures[TopologyNodeId.Panel(ids.Panel)];
        Assert.Equal((940L, 5888L, 16.0), (panel.AllocatedWatts!.Value, panel.AvailableVoltAmps!.Value, panel.Percent!.Value));
        var pdu = figures[TopologyNodeId.Device(ids.Pdu1)];
        Assert.Equal((470L, 2944L, 16.0), (pdu.AllocatedWatts!.Value, pdu.AvailableVoltAmps!.Value, pdu.Percent!.Value));
        Assert.Empty(pdu.Legs);
        var server = figures[TopologyNodeId.Device(ids.Server)];
        Assert.Equal(700, server.AllocatedWatts);
        Assert.Null(server.AvailableVoltAmps);
        Assert.Null(server.Status);
    }

    // Panel ── Feed (16 A: 2944 VA) ── PDU ── Server 3000 W  → 101.9 %
    [Fact]
    public void For_OverloadedFeed_IsDangerAndOverCapacityWithTheRealPercent()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("Panel 1");
        var feed = b.Feed(panel, "Feed 1", 230, 16, 80);
        var pdu = b.Pdu("PDU1", 2);
        var server = b.Device("Server");
        b.Cable(feed, pdu.Inlet);
        b.Cable(pdu.Outlets[0], b.Port(server, "PSU1", 3000, 3200));
        var inst = b.Build();
        var report = PowerReport.Compute(inst);
        var view = TopologyView.Build(inst, null, report);

        var f = TopologyFigures.Compute(view, report)[TopologyNodeId.Feed(feed.Id)];

        Assert.Equal(101.9, f.Percent);
        Assert.Equal(UtilizationStatus.Danger, f.Status);
        Assert.True(f.IsOverCapacity);
        Assert.Equal(-56, f.RemainingVoltAmps);
    }

    // Feed 3-phase 400 V 32 A ── PDU (legs A/B/C) ── 3 servers on outlets 1..3
    [Fact]
    public void For_ThreePhasePdu_CarriesItsLegs()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("Panel 1");
        var feed = b.Feed(panel, "Feed 3P", 400, 32, 80, phase: Choices.ThreePhase);
        var pdu = b.Pdu("PDU1", 6, null, "A", "B", "C");
        b.Cable(feed, pdu.Inlet);
        for (int i = 0; i < 3; i++)
        {
            var server = b.Device($"S{i + 1}");
            b.Cable(pdu.Outlets[i], b.Port(server, "PSU1", 100 * (i + 1), 500));
        }
        var inst = b.Build();
        var report = PowerReport.Compute(inst);
        var view = TopologyView.Build(inst, null, report);

        var f = TopologyFigures.Compute(view, report)[TopologyNodeId.Device(pdu.Device.Id)];

        Assert.Equal(["A", "B", "C"], f.Legs.Select(l => l.Name));
        Assert.Equal([100L, 200, 300], f.Legs.Select(l => l.AllocatedWatts));
        Assert.Equal(600, f.AllocatedWatts);
    }

    [Fact]
    public void Equals_ComparesLegsByValue()
    {
        var a = new NodeFigures(10, 100, 10.0, UtilizationStatus.Normal, [new LegFigure("A", 10, 33, 30.3)]);
        var b = new NodeFigures(10, 100, 10.0, UtilizationStatus.Normal, [new LegFigure("A", 10, 33, 30.3)]);
        var c = a with { Legs = [new LegFigure("A", 11, 33, 33.3)] };

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}

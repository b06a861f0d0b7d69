using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Analysis;

public class PlacementFitTests
{
    // Panel 1 ─┬ Feed 1 (A, 2944 VA) ── PDU1 ─ outlets 1, 2 cabled; 3..8 free      470 VA now, 940 VA N−1
    //          └ Feed 2 (B, 2944 VA) ── PDU2 ─ outlets 1, 2 cabled; 3..8 free
    // + server 400 W, 2 PSUs → 200 W per feed: 670 VA = 22.8 %; N−1 ≤ 940 + 400 = 1340 VA = 45.5 %
    [Fact]
    public void Seed_400WDualCorded_FitsOnPdu1AndPdu2Outlet3()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);

        var placement = Assert.Single(PlacementFit.Find(report, new FitRequest(400, 500, 2, RackId: ids.Rack)));

        Assert.Equal((ids.Rack, 0), (placement.RackId, placement.Proximity));
        Assert.Equal([(ids.Pdu1, "Outlet 3", "A"), (ids.Pdu2, "Outlet 3", "B")],
            placement.Outlets.Select(o => (o.PduId, inst.OutletById[o.OutletId].Name, o.Side)));
        var feed1 = Assert.Single(placement.Feeds, f => f.FeedId == ids.Feed1);
        Assert.Equal(new FitFeedChange(ids.Feed1, 16.0, 22.8, 31.9, 45.5), feed1);
    }

    // Rack R1: F1 (A) 1840 VA ── PDU A (2 outlets, 1 free) ; F2 (B) 1840 VA ── PDU B: server 700 W per PSU
    //   + 600 W dual → B N−1 after = 1400 + 600 = 2000 VA = 108.7 % → ranked out
    // Rack R2 (same location): F3 (A) / F4 (B), empty PDUs → 300 W per feed 16.3 %, N−1 600 VA 32.6 % → fits
    // Rack R3 (other location): same as R2 → fits, ranked after R2
    [Fact]
    public void FailoverOverWarning_IsRankedOut_NeighboursByLocation()
    {
        var b = new TopologyBuilder();
        var row1 = b.Location("Row 1");
        var row2 = b.Location("Row 2");
        var panel = b.Panel("P");
        Rack RackIn(string name, Location loc) { var r = b.Rack(name); r.LocationId = loc.Id; return r; }
        var r1 = RackIn("R1", row1);
        var r3 = RackIn("R3", row2);
        var r2 = RackIn("R2", row1);
        (PowerOutlet First, Device Pdu) Side(Rack rack, string name, string side)
        {
            var feed = b.Feed(panel, name, 230, 10, 80, rack: rack);
            feed.Type = FeedSide.TypeOf(side);
            var pdu = b.Pdu("PDU " + name, 2, rack);
            b.Cable(feed, pdu.Inlet);
            return (pdu.Outlets[0], pdu.Device);
        }
        var a1 = Side(r1, "F1", "A");
        var b1 = Side(r1, "F2", "B");
        var server = b.Device("Server", rack: r1);
        b.Cable(a1.First, b.Port(server, "PSU1", 700));
        b.Cable(b1.First, b.Port(server, "PSU2", 700));
        Side(r2, "F3", "A");
        Side(r2, "F4", "B");
        Side(r3, "F5", "A");
        Side(r3, "F6", "B");

        var placements = PlacementFit.Find(PowerReport.Compute(b.Build()), new FitRequest(600, 600, 2, RackId: r1.Id));

        Assert.Equal([(r2.Id, 1), (r3.Id, 2)], placements.Select(p => (p.RackId, p.Proximity)));
        Assert.All(placements[0].Feeds, f => Assert.Equal((0.0, 16.3, 0.0, 32.6), (f.PercentBefore!.Value, f.PercentAfter!.Value, f.N1PercentBefore!.Value, f.N1PercentAfter!.Value)));
    }

    // The seed, with PDU1 rated 1,000 VA (470 VA now, 940 VA if Feed 2 fails):
    //   + 400 W dual → PDU1 now 670 VA = 67 % but N−1 ≤ 940 + 400 = 1,340 VA = 134 % → ranked out, though both feeds fit.
    // Rated 2,000 VA instead: N−1 1,340 VA = 67 % → fits. Panel 1 (both feeds) carries 940 VA, 1,340 VA with the server:
    // a 230 V 8 A breaker (1,840 VA) holds it at 72.8 %; a 7 A one (1,610 VA) would be at 83.2 % → out.
    [Theory]
    [InlineData(1000, null, false)]
    [InlineData(2000, null, true)]
    [InlineData(2000, 8, true)]
    [InlineData(2000, 7, false)]
    public void RatedPduOrPanel_OverWarningAfterFailover_IsRankedOut(int pduRatedVa, int? panelAmps, bool fits)
    {
        var (inst, ids) = TopologyBuilder.Seed();
        inst.DeviceById[ids.Pdu1].RatedVoltAmps = pduRatedVa;
        if (panelAmps is { } amps)
        {
            var panel = inst.PanelById[inst.FeedById[ids.Feed1].PowerPanelId];
            (panel.RatedVoltage, panel.RatedAmperage, panel.RatedPhase) = (230, amps, "single-phase");
        }

        var placements = PlacementFit.Find(PowerReport.Compute(inst), new FitRequest(400, 500, 2, RackId: ids.Rack));

        Assert.Equal(fits, placements.Count == 1);
    }

    // One PDU on side A only: a dual-corded device needs both sides (no placement); a single-PSU device fits.
    [Fact]
    public void OneSideOnly_DualCordedDoesNotFit_SingleCordedDoes()
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R1");
        var feed = b.Feed(b.Panel("P"), "F1", 230, 16, 80, rack: rack);
        var pdu = b.Pdu("PDU", 4, rack);
        b.Cable(feed, pdu.Inlet);
        var report = PowerReport.Compute(b.Build());

        Assert.Empty(PlacementFit.Find(report, new FitRequest(300, 300, 2)));
        var single = Assert.Single(PlacementFit.Find(report, new FitRequest(300, 300, 1)));
        Assert.Equal(new FitFeedChange(feed.Id, 0.0, 10.2, 0.0, 10.2), Assert.Single(single.Feeds)); // 300 / 2944
    }
}

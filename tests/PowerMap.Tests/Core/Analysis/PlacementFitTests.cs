using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Analysis;

public class PlacementFitTests
{
    // Panel 1 ─┬ Feed 1 (A, 2944 VA) ── PDU1 ─ outlets 1, 2 cabled; 3..8 free      470 VA now, 940 VA N−1
    //          └ Feed 2 (B, 2944 VA) ── PDU2 ─ outlets 1, 2 cabled; 3..8 free
    // + server 400 W allocated, 500 W maximum, 2 PSUs → now 200 W per feed: 670 VA = 22.8 %;
    //   N−1 ≤ 940 + 500 (the maximum: the surviving PSU may carry the peak) = 1440 VA = 48.9 %
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
        Assert.Equal(new FitFeedChange(ids.Feed1, 16.0, 22.8, 31.9, 48.9), feed1);
    }

    // The same seed without a maximum (0, or below the allocated draw): the N−1 bound takes the allocated draw,
    // 940 + 400 = 1340 VA = 45.5 %.
    [Theory]
    [InlineData(0)]
    [InlineData(400)]
    [InlineData(300)]
    public void Seed_MaximumNotAboveAllocated_N1UsesTheAllocatedDraw(long maximumWatts)
    {
        var (inst, ids) = TopologyBuilder.Seed();

        var placement = Assert.Single(PlacementFit.Find(PowerReport.Compute(inst), new FitRequest(400, maximumWatts, 2, RackId: ids.Rack)));

        Assert.Equal(new FitFeedChange(ids.Feed1, 16.0, 22.8, 31.9, 45.5), Assert.Single(placement.Feeds, f => f.FeedId == ids.Feed1));
    }

    // Two racks alike but for the single-corded load on side B; thresholds set to 90 / 95 % (a setting), every feed
    // 230 V 16 A 80 % = 2944 VA, PDUs unrated, panel unrated:
    //
    //   R1: FA (A) ── PDU R1-A ──┬── S (300 W per PSU) ──┐── PDU R1-B ── FB (B)
    //                            │                      └── X 1680 W (B only)
    //   R2: FA (A) ── PDU R2-A ──┴── S (300 W per PSU) ──┐── PDU R2-B ── FB (B)
    //                                                   └── X 1620 W (B only)
    //
    //   + new device, 400 W allocated, 2 PSUs (200 W each):
    //   side A now 300 + 200 = 500 VA = 17.0 %;  A N−1 (B fails: S moves over, X is lost) 600 + 400 = 1000 VA = 34.0 %
    //   R1 side B now 300 + 1680 + 200 = 2180 VA = 74.0 %; B N−1 (A fails) 600 + 1680 + 400 = 2680 VA = 91.0 % → out
    //   R2 side B now 300 + 1620 + 200 = 2120 VA = 72.0 %; B N−1 (A fails) 600 + 1620 + 400 = 2620 VA = 89.0 % → in
    //   before: A 300 VA = 10.2 %, A N−1 600 VA = 20.4 %; R1 B 1980 VA = 67.3 %, N−1 2280 VA = 77.4 %;
    //           R2 B 1920 VA = 65.2 %, N−1 2220 VA = 75.4 %
    // Only side B crosses, and only after the failover: R1 is ranked out, R2 (just below) in.
    // A 450 W maximum draw adds 50 W to the N−1 bound only (now unchanged): A 1050 VA = 35.7 %, R1 B 2730 VA = 92.7 %,
    // R2 B 2670 VA = 90.7 % → out too.
    [Theory]
    [InlineData(400, 34.0, 91.0, 89.0, true)]
    [InlineData(450, 35.7, 92.7, 90.7, false)]
    public void BSideOnlyCrossesAfterFailover_RankedOut_JustBelowRankedIn(long maximumWatts, double aN1After, double r1BN1After, double r2BN1After, bool r2Fits)
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("P");
        Rack BuildRack(string name, int singleCordedWatts)
        {
            var rack = b.Rack(name);
            var feedA = b.Feed(panel, name + "-FA", 230, 16, 80, rack: rack);
            var feedB = b.Feed(panel, name + "-FB", 230, 16, 80, rack: rack);
            feedB.Type = FeedSide.TypeOf(FeedSide.B);
            var pduA = b.Pdu(name + "-PDU-A", 8, rack);
            var pduB = b.Pdu(name + "-PDU-B", 8, rack);
            b.Cable(feedA, pduA.Inlet);
            b.Cable(feedB, pduB.Inlet);
            var s = b.Device(name + "-S", rack: rack);
            b.Cable(pduA.Outlets[0], b.Port(s, "PSU1", 300));
            b.Cable(pduB.Outlets[0], b.Port(s, "PSU2", 300));
            var x = b.Device(name + "-X", rack: rack);
            b.Cable(pduB.Outlets[1], b.Port(x, "PSU1", singleCordedWatts));
            return rack;
        }
        var r1 = BuildRack("R1", 1680);
        var r2 = BuildRack("R2", 1620);
        var inst = b.Build();
        var feeds = inst.PowerFeeds.ToDictionary(f => f.Name, f => f.Id);
        var request = new FitRequest(400, maximumWatts, 2);

        var placements = PlacementFit.Find(PowerReport.Compute(inst, new UtilizationOptions(90, 95)), request);

        Assert.DoesNotContain(placements, p => p.RackId == r1.Id);
        Assert.Equal(r2Fits ? [r2.Id] : [], placements.Select(p => p.RackId));
        // The hand-worked numbers, read where a 99 % threshold lets both racks through.
        var all = PlacementFit.Find(PowerReport.Compute(inst, new UtilizationOptions(99, 100)), request).ToDictionary(p => p.RackId);
        var r1Feeds = all[r1.Id].Feeds.ToDictionary(f => f.FeedId);
        Assert.Equal(new FitFeedChange(feeds["R1-FA"], 10.2, 17.0, 20.4, aN1After), r1Feeds[feeds["R1-FA"]]);
        Assert.Equal(new FitFeedChange(feeds["R1-FB"], 67.3, 74.0, 77.4, r1BN1After), r1Feeds[feeds["R1-FB"]]);
        Assert.Equal(new FitFeedChange(feeds["R2-FB"], 65.2, 72.0, 75.4, r2BN1After), all[r2.Id].Feeds.Single(f => f.FeedId == feeds["R2-FB"]));
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

        // Maximum = allocated: this case is about the ratings, not the peak.
        var placements = PlacementFit.Find(PowerReport.Compute(inst), new FitRequest(400, 400, 2, RackId: ids.Rack));

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

using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Analysis;

public class CapacityOverviewTests
{
    // DC1: P1 ─┬ Feed A (1840 VA, R1) ── PDU A ── Server PSU1 700 W   38.0 % now, 76.1 % if B fails
    //          ├ Feed B (1840 VA, R1) ── PDU B ── Server PSU2 700 W   38.0 % now, 76.1 % if A fails
    //          └ Feed C (1840 VA, R2) ─────────── Single PSU 1700 W   92.4 % now (critical)
    // DC2: P2 ── Feed D (1840 VA, R3) ─────────── Small PSU 100 W      5.4 %
    private static (PowerReport Report, Dictionary<string, int> Ids) Build()
    {
        var (inst, ids) = TwoSites();
        return (PowerReport.Compute(inst), ids);
    }

    /// <summary>The installation sketched above (also rendered by the overview's bUnit tests).</summary>
    internal static (Installation Inst, Dictionary<string, int> Ids) TwoSites()
    {
        var b = new TopologyBuilder();
        var dc2 = b.Site("DC2");
        var r1 = b.Rack("R1");
        var r2 = b.Rack("R2");
        var r3 = b.Rack("R3", dc2);
        var p1 = b.Panel("P1");
        var p2 = b.Panel("P2", dc2);
        var a = b.Feed(p1, "Feed A", 230, 10, 80, rack: r1);
        var fb = b.Feed(p1, "Feed B", 230, 10, 80, rack: r1);
        fb.Type = "redundant";
        var c = b.Feed(p1, "Feed C", 230, 10, 80, rack: r2);
        var d = b.Feed(p2, "Feed D", 230, 10, 80, rack: r3);
        var pduA = b.Pdu("PDU A", 4, r1);
        var pduB = b.Pdu("PDU B", 4, r1);
        var server = b.Device("Server", rack: r1);
        b.Cable(a, pduA.Inlet);
        b.Cable(fb, pduB.Inlet);
        b.Cable(pduA.Outlets[0], b.Port(server, "PSU1", 700, 800));
        b.Cable(pduB.Outlets[0], b.Port(server, "PSU2", 700, 800));
        b.Cable(c, b.Port(b.Device("Single", rack: r2), "PSU", 1700, 1800));
        b.Cable(d, b.Port(b.Device("Small", dc2, r3), "PSU", 100, 100));
        var ids = new Dictionary<string, int>
        {
            ["DC1"] = b.DefaultSite.Id, ["DC2"] = dc2.Id, ["R1"] = r1.Id, ["R2"] = r2.Id, ["P1"] = p1.Id,
            ["A"] = a.Id, ["B"] = fb.Id, ["C"] = c.Id,
        };
        return (b.Build(), ids);
    }

    [Fact]
    public void Compute_Site_TotalsAndN1Headroom()
    {
        var (report, ids) = Build();

        var o = CapacityOverview.Compute(report, ids["DC1"]);

        Assert.Equal((3, 3, 2, 1), (o.FeedCount, o.ConnectedFeedCount, o.RackCount, o.PanelCount));
        Assert.Equal(new CapacityLoad(3100, 5520, 56.2, UtilizationStatus.Normal), o.Capacity);
        Assert.Equal(2420, o.Capacity.HeadroomVoltAmps);
        Assert.Equal(1400 + 1400 + 1700, o.N1AllocatedVoltAmps);
        Assert.Equal(5520 - 4500, o.N1HeadroomVoltAmps);
        Assert.Equal(2, o.SinglePointsOfFailure); // P1 and Feed C take "Single" down; the server survives either PDU
    }

    [Fact]
    public void Compute_AllSites_AddsTheOtherSite()
    {
        var (report, ids) = Build();

        var all = CapacityOverview.Compute(report);
        var dc1 = CapacityOverview.Compute(report, ids["DC1"]);
        var dc2 = CapacityOverview.Compute(report, ids["DC2"]);

        Assert.Equal(4, all.FeedCount);
        Assert.Equal(5520 + 1840, all.Capacity.AvailableVoltAmps);
        Assert.Equal(3100 + 100, all.Capacity.AllocatedVoltAmps);
        Assert.Equal(dc1.SinglePointsOfFailure + dc2.SinglePointsOfFailure, all.SinglePointsOfFailure);
        Assert.Equal(dc1.Warnings + dc2.Warnings, all.Warnings);
        Assert.Empty(dc2.AtRisk);
    }

    [Fact]
    public void Compute_AtRisk_MergesNowAndFailoverRows_MostSevereFirst()
    {
        var (report, ids) = Build();

        var o = CapacityOverview.Compute(report, ids["DC1"]);

        Assert.Equal(
            [(CapacitySubject.PowerFeed, "Feed C"), (CapacitySubject.Rack, "R2"), (CapacitySubject.PowerFeed, "Feed A"),
             (CapacitySubject.PowerFeed, "Feed B"), (CapacitySubject.Rack, "R1")],
            o.AtRisk.Select(a => (a.Subject, a.Name)));
        var c = o.AtRisk[0];
        Assert.Equal((92.4, UtilizationStatus.Danger, true), (c.PercentNow!.Value, c.Severity, c.AtRiskNow));
        var a = o.AtRisk[2];
        Assert.Equal((38.0, 76.1, UtilizationStatus.Warning, false), (a.PercentNow!.Value, a.PercentN1!.Value, a.Severity, a.AtRiskNow));
        Assert.Equal(new FailureElement(FailureElementKind.PowerFeed, ids["B"]), a.Cause);
        var r1 = o.AtRisk[4];
        Assert.Equal((38.0, 76.1), (r1.PercentNow!.Value, r1.PercentN1!.Value));
        Assert.Equal([new SideFailure("A", 76.1), new SideFailure("B", 76.1)], r1.IfSideFails);
        Assert.All(o.AtRisk.Where(x => x.Subject != CapacitySubject.Rack), x => Assert.Empty(x.IfSideFails));
        Assert.Empty(o.AtRisk[1].IfSideFails); // R2: Feed C only (side A), no "if B fails"
        Assert.DoesNotContain(o.AtRisk, x => x.Subject == CapacitySubject.PowerPanel); // P1 at 56.2 %
    }

    /// <summary>
    /// One rack, fed unevenly (feeds 230 V 10 A 80 % = 1840 VA):
    ///   Feed A (A) ── PDU A ── Server PSU1 700 W
    ///   Feed B (B) ── PDU B ─┬ Server PSU2 700 W
    ///                        └ Extra 300 W (B only)
    /// now 1700 / 3680 = 46.2 %; if A fails: B carries 700 + 700 + 300 = 1700 / 1840 = 92.4 %;
    /// if B fails: A carries 1400 (Extra is lost) / 1840 = 76.1 %.
    /// </summary>
    internal static (Installation Inst, int RackId) UnevenRack()
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R9");
        var panel = b.Panel("P");
        var a = b.Feed(panel, "Feed A", 230, 10, 80, rack: rack);
        var fb = b.Feed(panel, "Feed B", 230, 10, 80, rack: rack);
        fb.Type = "redundant";
        var pduA = b.Pdu("PDU A", 4, rack);
        var pduB = b.Pdu("PDU B", 4, rack);
        b.Cable(a, pduA.Inlet);
        b.Cable(fb, pduB.Inlet);
        var server = b.Device("Server", rack: rack);
        b.Cable(pduA.Outlets[0], b.Port(server, "PSU1", 700));
        b.Cable(pduB.Outlets[0], b.Port(server, "PSU2", 700));
        b.Cable(pduB.Outlets[1], b.Port(b.Device("Extra", rack: rack), "PSU", 300));
        return (b.Build(), rack.Id);
    }

    [Fact]
    public void Compute_RackFedFromBothSides_WhyHasEachSidesFailure()
    {
        var (inst, rackId) = UnevenRack();

        var rack = Assert.Single(CapacityOverview.Compute(PowerReport.Compute(inst)).AtRisk, x => x.Subject == CapacitySubject.Rack);

        Assert.Equal((rackId, 46.2, 92.4), (rack.Id, rack.PercentNow!.Value, rack.PercentN1!.Value));
        Assert.Equal([new SideFailure("A", 92.4), new SideFailure("B", 76.1)], rack.IfSideFails);
    }

    [Fact]
    public void Compute_Panel_AtRiskOnItsLoadNow()
    {
        var (report, ids) = Build();
        var strict = PowerReport.Compute(report.Installation, new UtilizationOptions(50, 90));

        var o = CapacityOverview.Compute(strict, ids["DC1"]);

        var panel = Assert.Single(o.AtRisk, x => x.Subject == CapacitySubject.PowerPanel);
        Assert.Equal((ids["P1"], 56.2, UtilizationStatus.Warning), (panel.Id, panel.PercentNow!.Value, panel.Severity));
    }

    // Panel 1 ─┬ Feed 1 ── PDU1 ── Server, Router   16.0 % now
    //          └ Feed 2 ── PDU2 ── Server, Router   31.9 % if the other side fails
    [Fact]
    public void Compute_Seed_NothingAtRisk()
    {
        var (inst, ids) = TopologyBuilder.Seed();

        var o = CapacityOverview.Compute(PowerReport.Compute(inst));

        Assert.Empty(o.AtRisk);
        Assert.Equal(new CapacityLoad(940, 5888, 16.0, UtilizationStatus.Normal), o.Capacity);
        var rack = Assert.Single(o.Racks);
        Assert.Equal((ids.Rack, 16.0, 31.9), (rack.RackId, rack.Utilization, rack.N1Utilization));
    }

    // The seed with Panel 1's main breaker rated 230 V 5 A single-phase = 1,150 VA: its 940 VA are 81.7 % of the rating
    // (warning), though only 16.0 % of its feeds' 5,888 VA — a rated panel is judged against its rating.
    [Fact]
    public void Compute_RatedPanel_AtRiskAgainstItsRating()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var panel = inst.PanelById[inst.FeedById[ids.Feed1].PowerPanelId];
        Assert.Empty(CapacityOverview.Compute(PowerReport.Compute(inst)).AtRisk);
        (panel.RatedVoltage, panel.RatedAmperage, panel.RatedPhase) = (230, 5, "single-phase");

        var o = CapacityOverview.Compute(PowerReport.Compute(inst));

        var item = Assert.Single(o.AtRisk);
        Assert.Equal((CapacitySubject.PowerPanel, panel.Id, 81.7, UtilizationStatus.Warning), (item.Subject, item.Id, item.PercentNow!.Value, item.Severity));
    }
}

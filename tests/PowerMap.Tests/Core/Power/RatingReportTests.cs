using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Power;

// Ratings above and below the feed (power-model.md §9): a panel's main breaker and a PDU's/UPS's rated VA are limits
// shown with headroom; they never change a parity number.
public class RatingReportTests
{
    [Theory]
    [InlineData(400, 100, Choices.ThreePhase, 69280L)]   // 400 × 100 × 1.732
    [InlineData(230, 63, Choices.SinglePhase, 14490L)]
    [InlineData(208, 225, Choices.ThreePhase, 81058L)]   // 46800 × 1.732 = 81057.6 → 81058
    [InlineData(110, 25, Choices.SinglePhase, 2750L)]
    public void PanelRatedVoltAmps_FeedFormulaAtFullRating(int voltage, int amperage, string phase, long expected)
    {
        var panel = new PowerPanel { RatedVoltage = voltage, RatedAmperage = amperage, RatedPhase = phase };

        Assert.Equal(expected, RatingReport.PanelRatedVoltAmps(panel));
    }

    [Fact]
    public void PanelRatedVoltAmps_IncompleteRating_IsUnknown()
    {
        Assert.Null(RatingReport.PanelRatedVoltAmps(new PowerPanel()));
        Assert.Null(RatingReport.PanelRatedVoltAmps(new PowerPanel { RatedVoltage = 400, RatedAmperage = 100 }));
    }

    // MDB-1 (400 V 3φ 100 A = 69,280 VA) ─┬─ F1 400/32/80 3φ (17,736 VA) ── PDU-1 ── Load1 20,000 W
    //                                     ├─ F2 400/32/80 3φ (17,736 VA) ── PDU-2 ── Load2 18,000 W
    //                                     └─ F3 400/32/80 3φ (uncabled)
    [Fact]
    public void Panel_LoadIsSumOfFeedsAgainstMainBreaker()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("MDB-1");
        panel.RatedVoltage = 400;
        panel.RatedAmperage = 100;
        panel.RatedPhase = Choices.ThreePhase;
        var f1 = b.Feed(panel, "F1", 400, 32, 80, Choices.ThreePhase);
        var f2 = b.Feed(panel, "F2", 400, 32, 80, Choices.ThreePhase);
        b.Feed(panel, "F3", 400, 32, 80, Choices.ThreePhase);
        var pdu1 = b.Pdu("PDU-1");
        var pdu2 = b.Pdu("PDU-2");
        b.Cable(f1, pdu1.Inlet);
        b.Cable(f2, pdu2.Inlet);
        b.Cable(pdu1.Outlets[0], b.Port(b.Device("Load1"), "PSU", allocated: 20000));
        b.Cable(pdu2.Outlets[0], b.Port(b.Device("Load2"), "PSU", allocated: 18000));
        var report = PowerReport.Compute(b.Build());

        var load = RatingReport.For(report).Panel(panel.Id);

        Assert.NotNull(load);
        Assert.Equal(69280, load.AvailableVoltAmps);
        Assert.Equal(38000, load.AllocatedVoltAmps);
        Assert.Equal(PowerSummary.Panel(report, panel.Id)!.AllocatedVoltAmps, load.AllocatedVoltAmps); // one source
        Assert.Equal(31280, load.HeadroomVoltAmps);
        Assert.Equal(54.8, load.Percent);                 // 38000 / 69280 = 54.849 %
        Assert.Equal(UtilizationStatus.Normal, load.Status);
        Assert.False(load.Exceeded);
    }

    [Fact]
    public void Panel_WithoutRating_HasNoRatingLoad()
    {
        var (inst, ids) = TopologyBuilder.Seed();

        Assert.Null(RatingReport.For(PowerReport.Compute(inst)).Panel(ids.Panel));
    }

    // Feed 230/32/80 (5,888 VA) ── PDU (rated 3,680 VA, auto inlet) ─┬─ S1 PSU 2,000 W
    //                                                                └─ S2 PSU 2,000 W
    [Fact]
    public void Device_RatedBelowItsLoad_StillRollsUpAndShowsTheExcess()
    {
        Installation Build(int? rating, out PowerFeed feed, out Device pdu)
        {
            var b = new TopologyBuilder();
            feed = b.Feed(b.Panel("P"), "F", 230, 32, 80);
            var p = b.Pdu("PDU");
            p.Device.RatedVoltAmps = rating;
            pdu = p.Device;
            b.Cable(feed, p.Inlet);
            b.Cable(p.Outlets[0], b.Port(b.Device("S1"), "PSU", allocated: 2000));
            b.Cable(p.Outlets[1], b.Port(b.Device("S2"), "PSU", allocated: 2000));
            return b.Build();
        }
        var rated = PowerReport.Compute(Build(3680, out var feed, out var pdu));
        var unrated = PowerReport.Compute(Build(null, out _, out _));

        var load = RatingReport.For(rated).Device(pdu.Id);

        Assert.NotNull(load);
        Assert.Equal((3680L, 4000L, -320L), (load.AvailableVoltAmps, load.AllocatedVoltAmps, load.HeadroomVoltAmps));
        Assert.Equal(108.7, load.Percent);                // 4000 / 3680 = 108.696 %
        Assert.Equal(UtilizationStatus.Danger, load.Status);
        Assert.True(load.Exceeded);
        // The roll-up goes on through the rated inlet: the feed still sees 4,000 VA, as without a rating.
        Assert.Equal(4000, rated.Feed(feed.Id)!.Utilization!.AllocatedVoltAmps);
        Assert.Equal(unrated.Feed(feed.Id), rated.Feed(feed.Id));
        Assert.Null(RatingReport.For(unrated).Device(pdu.Id));

        var warning = Assert.Single(ConsistencyWarnings.Find(rated.Installation, rated), w => w.Code == ConsistencyWarnings.DeviceOverRating);
        Assert.Equal((WarningSubject.Device, pdu.Id), (warning.Subject, warning.SubjectId));
        Assert.Contains("3680 VA", warning.Message);
    }

    // Panel (230 V 1φ 20 A = 4,600 VA) ── Feed 230/63/80 (11,592 VA) ── PDU ── S PSU 5,000 W
    [Fact]
    public void Panel_OverItsMainBreaker_IsAConsistencyWarning()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("Small");
        (panel.RatedVoltage, panel.RatedAmperage, panel.RatedPhase) = (230, 20, Choices.SinglePhase);
        var feed = b.Feed(panel, "F", 230, 63, 80);
        var pdu = b.Pdu("PDU");
        b.Cable(feed, pdu.Inlet);
        b.Cable(pdu.Outlets[0], b.Port(b.Device("S"), "PSU", allocated: 5000));
        var inst = b.Build();
        var report = PowerReport.Compute(inst);

        Assert.Equal((4600L, 5000L, 108.7), (RatingReport.For(report).Panel(panel.Id)!.AvailableVoltAmps, RatingReport.For(report).Panel(panel.Id)!.AllocatedVoltAmps,
            RatingReport.For(report).Panel(panel.Id)!.Percent!.Value));
        var warning = Assert.Single(ConsistencyWarnings.Find(inst, report), w => w.Code == ConsistencyWarnings.PanelOverRating);
        Assert.Equal((WarningSubject.PowerPanel, panel.Id), (warning.Subject, warning.SubjectId));
    }
}

using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Analysis;

// What-if and N−1 with ratings (issue 10): panels and PDUs/UPSs whose load after a failure exceeds their rating.
public class FailureAnalysisRatingTests
{
    private sealed record Ids(int PanelA, int PanelB, int FeedA, int FeedB, int PduA, int PduB);

    // Panel A (230 V 1φ 20 A = 4,600 VA) ── Feed A 230/16/80 ── PDU-A (rated 3,680 VA) ─┬─ S1/PSU1 1,000 W
    //                                                                                   └─ S2/PSU1 1,000 W
    // Panel B (no rating)               ── Feed B 230/16/80 ── PDU-B (rated 3,680 VA) ─┬─ S1/PSU2 1,000 W
    //                                                                                   └─ S2/PSU2 1,000 W
    private static (Installation Inst, Ids Ids) DualCorded()
    {
        var b = new TopologyBuilder();
        var panelA = b.Panel("Panel A");
        (panelA.RatedVoltage, panelA.RatedAmperage, panelA.RatedPhase) = (230, 20, Choices.SinglePhase);
        var panelB = b.Panel("Panel B");
        var feedA = b.Feed(panelA, "Feed A", 230, 16, 80);
        var feedB = b.Feed(panelB, "Feed B", 230, 16, 80);
        feedB.Type = "redundant";
        var pduA = b.Pdu("PDU-A");
        var pduB = b.Pdu("PDU-B");
        pduA.Device.RatedVoltAmps = 3680;
        pduB.Device.RatedVoltAmps = 3680;
        b.Cable(feedA, pduA.Inlet);
        b.Cable(feedB, pduB.Inlet);
        for (int i = 0; i < 2; i++)
        {
            var server = b.Device($"S{i + 1}");
            b.Cable(pduA.Outlets[i], b.Port(server, "PSU1", allocated: 1000));
            b.Cable(pduB.Outlets[i], b.Port(server, "PSU2", allocated: 1000));
        }
        return (b.Build(), new Ids(panelA.Id, panelB.Id, feedA.Id, feedB.Id, pduA.Device.Id, pduB.Device.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WhatIf_FeedBFails_PushesPduAOverItsRating(bool forceExact)
    {
        var (inst, ids) = DualCorded();
        var analysis = FailureAnalysis.For(PowerReport.Compute(inst));

        var result = analysis.WhatIf([new FailureElement(FailureElementKind.PowerFeed, ids.FeedB)], forceExact: forceExact);

        // PDU-A: 2,000 → 4,000 VA (split: each server's 2,000 W moves to PSU1) against 3,680 VA = 108.7 %.
        var pdu = Assert.Single(result.OverRating);
        Assert.Equal(new FailureElement(FailureElementKind.Device, ids.PduA), pdu.Element);
        Assert.Equal((3680L, 2000L, 54.3), (pdu.Before.AvailableVoltAmps, pdu.Before.AllocatedVoltAmps, pdu.Before.Percent!.Value));
        Assert.Equal((4000L, 108.7, UtilizationStatus.Danger), (pdu.After.AllocatedVoltAmps, pdu.After.Percent!.Value, pdu.After.Status!.Value));
        // Panel A rises to 4,000 of 4,600 VA (87.0 %): above the warning threshold but within its rating, so not listed.
        Assert.DoesNotContain(result.OverRating, x => x.Element.Kind == FailureElementKind.PowerPanel);
    }

    [Fact]
    public void WhatIf_AllocatedRule_NoLoadMoves_NothingOverRating()
    {
        var (inst, ids) = DualCorded();

        var result = FailureAnalysis.For(PowerReport.Compute(inst)).WhatIf([new FailureElement(FailureElementKind.PowerFeed, ids.FeedB)], TransferRule.Allocated);

        Assert.Empty(result.OverRating);
    }

    [Fact]
    public void Resilience_RatingsN1_LargestLoadAfterASingleFailure()
    {
        var (inst, ids) = DualCorded();

        var ratings = FailureAnalysis.For(PowerReport.Compute(inst)).Resilience().Ratings;

        Assert.Equal([(FailureElementKind.PowerPanel, ids.PanelA), (FailureElementKind.Device, ids.PduA), (FailureElementKind.Device, ids.PduB)],
            ratings.Select(r => (r.Element.Kind, r.Element.Id)));
        var pduA = ratings.Single(r => r.Element.Id == ids.PduA);
        Assert.Equal((2000L, 4000L, 108.7), (pduA.Now.AllocatedVoltAmps, pduA.N1.AllocatedVoltAmps, pduA.N1.Percent!.Value));
        // Panel B, Feed B and PDU-B each push the same 4,000 VA; any of them may be named.
        Assert.Contains(pduA.Cause!.Value, new[]
        {
            new FailureElement(FailureElementKind.PowerPanel, ids.PanelB), new FailureElement(FailureElementKind.PowerFeed, ids.FeedB),
            new FailureElement(FailureElementKind.Device, ids.PduB),
        });
        var panelA = ratings.Single(r => r.Element.Kind == FailureElementKind.PowerPanel);
        Assert.Equal((4600L, 2000L, 4000L, 87.0), (panelA.Now.AvailableVoltAmps, panelA.Now.AllocatedVoltAmps, panelA.N1.AllocatedVoltAmps, panelA.N1.Percent!.Value));
        Assert.Equal(UtilizationStatus.Warning, panelA.N1.Status);
    }

    [Fact]
    public void Resilience_NoRatings_NoRatingRows()
    {
        Assert.Empty(FailureAnalysis.For(PowerReport.Compute(TopologyBuilder.Seed().Inst)).Resilience().Ratings);
    }
}

using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Analysis;

// issue 10: consistency warnings — allowed by NetBox, almost certainly wrong; they never change a number.
public class ConsistencyWarningsTests
{
    private static IReadOnlyList<ConsistencyWarning> Warnings(Installation inst) => ConsistencyWarnings.Find(inst, PowerReport.Compute(inst));

    [Fact]
    public void Seed_HasNone()
    {
        // Panel 1 → Feed 1 (A) → PDU1, Feed 2 (B) → PDU2; Server and Router one PSU on each: nothing to warn about.
        Assert.Empty(Warnings(TopologyBuilder.Seed().Inst));
    }

    [Fact]
    public void BothPsusOnOneFeed_AndOnOneSide()
    {
        //  Feed A1 ─ PDU1 ─┬─ Srv1/PSU1        Feed A2 ─ PDU2 ─ Srv2/PSU2
        //                  └─ Srv1/PSU2   PDU1 ─ Srv2/PSU1      (A1, A2 both primary = side A)
        var b = new TopologyBuilder();
        var panel = b.Panel("P");
        var a1 = b.Feed(panel, "A1");
        var a2 = b.Feed(panel, "A2");
        var (_, in1, out1) = b.Pdu("PDU1");
        var (_, in2, out2) = b.Pdu("PDU2");
        b.Cable(a1, in1);
        b.Cable(a2, in2);
        var srv1 = b.Device("Srv1");
        b.Cable(out1[0], b.Port(srv1, "PSU1", allocated: 100));
        b.Cable(out1[1], b.Port(srv1, "PSU2", allocated: 100));
        var srv2 = b.Device("Srv2");
        b.Cable(out1[2], b.Port(srv2, "PSU1", allocated: 100));
        b.Cable(out2[0], b.Port(srv2, "PSU2", allocated: 100));

        var warnings = Warnings(b.Build());

        Assert.Equal([(ConsistencyWarnings.AllPsusOnOneFeed, srv1.Id), (ConsistencyWarnings.BothPsusOnOneSide, srv2.Id)],
            warnings.Select(w => (w.Code, w.SubjectId)).OrderBy(x => x.Code));
        Assert.Contains("fed by A1", warnings.Single(w => w.Code == ConsistencyWarnings.AllPsusOnOneFeed).Message);
    }

    [Fact]
    public void PlugsThatDoNotFit_ThreePhaseDc_LegOnSinglePhase_Overload_AndAnInletWithNothingBelow()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("P");
        var feed = b.Feed(panel, "F1", voltage: 230, amperage: 1);
        var (pdu, inlet, outlets) = b.Pdu("PDU1", 2);
        outlets[0].Type = "iec-60320-c13";
        outlets[0].FeedLeg = "A";
        outlets[1].Type = "iec-60320-c13";
        b.Cable(feed, inlet);
        var srv = b.Device("Srv");
        var psu1 = b.Port(srv, "PSU1", allocated: 300);
        psu1.Type = "iec-60320-c14";
        var psu2 = b.Port(srv, "PSU2", allocated: 300);
        psu2.Type = "iec-60320-c20";
        b.Cable(outlets[0], psu1);
        b.Cable(outlets[1], psu2);
        var dc = b.Feed(panel, "DC1");
        dc.Supply = Choices.Dc;
        dc.Phase = Choices.ThreePhase;
        var idle = b.Feed(panel, "F-idle");
        var (_, idleInlet, _) = b.Pdu("PDU-idle", 2);
        b.Cable(idle, idleInlet);

        var codes = Warnings(b.Build()).Select(w => w.Code).ToList();

        Assert.Contains(ConsistencyWarnings.PlugMismatch, codes);
        Assert.Single(codes, c => c == ConsistencyWarnings.PlugMismatch); // C14 in C13 fits, C20 in C13 does not
        Assert.Contains(ConsistencyWarnings.ThreePhaseDc, codes);
        Assert.Contains(ConsistencyWarnings.LegOnSinglePhase, codes);
        Assert.Contains(ConsistencyWarnings.FeedOverloaded, codes); // 600 W on 230 V × 1 A × 80 % = 184 VA
        Assert.Contains(ConsistencyWarnings.InletWithoutLoad, codes);
        Assert.Contains(ConsistencyWarnings.AllPsusOnOneFeed, codes);
        _ = pdu;
    }

    [Fact]
    public void ALoop_IsReported_ASharedSubtreeIsNot()
    {
        // PDU-A/Outlet 1 → PDU-B/Inlet, PDU-B/Outlet 1 → PDU-A/Inlet: a loop above the server.
        var b = new TopologyBuilder();
        var (_, inA, outA) = b.Pdu("PDU-A", 2);
        var (_, inB, outB) = b.Pdu("PDU-B", 2);
        b.Cable(outA[0], inB);
        b.Cable(outB[0], inA);
        var srv = b.Device("Srv");
        b.Cable(outA[1], b.Port(srv, "PSU1", allocated: 50));

        var warnings = Warnings(b.Build());

        Assert.Contains(warnings, w => w.Code == ConsistencyWarnings.Loop && w.SubjectId == srv.Id);
    }

    [Theory]
    [InlineData("iec-60320-c14", "iec-60320-c13", true)]
    [InlineData("iec-60320-c20", "iec-60320-c19", true)]
    [InlineData("iec-60320-c14", "iec-60320-c15", true)]
    [InlineData("iec-60320-c20", "iec-60320-c13", false)]
    [InlineData("iec-60320-c14", "iec-60320-c19", false)]
    [InlineData("nema-5-15p", "nema-5-15r", true)]
    [InlineData("nema-5-15p", "nema-l6-30r", false)]
    [InlineData(null, "iec-60320-c13", true)]
    public void PlugFits(string? plug, string? receptacle, bool fits) => Assert.Equal(fits, ConsistencyWarnings.Fits(plug, receptacle));
}

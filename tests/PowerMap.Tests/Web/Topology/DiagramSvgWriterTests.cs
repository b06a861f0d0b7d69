using System.Text.RegularExpressions;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Topology;

namespace PowerMap.Tests.Web.Topology;

// The exported drawing (also the review pack's and the print view's diagram) marks planned changes as the screen does:
// planned devices and planned links dashed, with a legend entry.
public class DiagramSvgWriterTests
{
    private static string Svg(Installation inst)
    {
        var report = PowerReport.Compute(inst);
        var view = TopologyView.Build(inst, new TopologyViewOptions { SiteId = inst.Sites[0].Id, MaxNodes = TopologyViewOptions.Default.MaxNodes }, report);
        return DiagramSvgWriter.Write(view, TopologyLayout.Compute(view), TopologyFigures.Compute(view, report), null, "DC1").Svg;
    }

    private static int PlannedLinks(string svg) => Regex.Matches(svg, "<path class=\"l[^\"]*\\bplanned\\b").Count;

    private static int PlannedNodes(string svg) => Regex.Matches(svg, "<rect class=\"n[^\"]*\\bplanned\\b").Count;

    // Panel ─ Feed 1 ─ PDU1 ─┬─ Server (planned) ─┬─ PDU2 ─ Feed 2 ─ Panel
    //                        └─ Router            └─ Router
    [Fact]
    public void Write_PlannedDevice_NodeAndItsTwoLinksDashed()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        inst.DeviceById[ids.Server].Status = "planned";

        string svg = Svg(inst);

        Assert.Equal(1, PlannedNodes(svg));
        Assert.Equal(2, PlannedLinks(svg));
        Assert.Contains(".l.planned{stroke-dasharray:3 3}", svg);
        Assert.Contains(">planned</text>", svg);
    }

    // PDU1 ─ ─ ─▶ Server (active): only the planned cable is dashed.
    [Fact]
    public void Write_PlannedCableIntoActiveDevice_OnlyThatLinkDashed()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        inst.CableOf[(TerminationKind.PowerPort, ids.ServerPsu1)].Cable.Status = "planned";

        string svg = Svg(inst);

        Assert.Equal(0, PlannedNodes(svg));
        Assert.Equal(1, PlannedLinks(svg));
        Assert.Contains(">planned</text>", svg);
    }

    [Fact]
    public void Write_NothingPlanned_NoDashesNoLegendEntry()
    {
        var (inst, _) = TopologyBuilder.Seed();

        string svg = Svg(inst);

        Assert.Equal(0, PlannedNodes(svg) + PlannedLinks(svg));
        Assert.DoesNotContain(">planned</text>", svg);
    }
}

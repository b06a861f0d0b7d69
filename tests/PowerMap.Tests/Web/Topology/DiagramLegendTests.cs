using Bunit;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;
using PowerMap.Web.Features.Topology;

namespace PowerMap.Tests.Web.Topology;

// The diagram's legend (on screen and in the exported drawing) names the thresholds the node colours follow.
public class DiagramLegendTests : BunitContext
{
    [Fact]
    public void Legend_DefaultsToNetBoxsThresholds()
    {
        var cut = Render<DiagramLegend>();

        var texts = cut.FindAll(".pm-legend-item").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("< 75 %", texts);
        Assert.Contains("≥ 75 %", texts);
        Assert.Contains("≥ 90 %", texts);
    }

    [Fact]
    public void Legend_ShowsTheConfiguredThresholds()
    {
        var cut = Render<DiagramLegend>(p => p.Add(l => l.Thresholds, new UtilizationOptions(60, 82.5)));

        var texts = cut.FindAll(".pm-legend-item").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("< 60 %", texts);
        Assert.Contains("≥ 60 %", texts);
        Assert.Contains("≥ 82.5 %", texts);
        Assert.DoesNotContain(texts, t => t.Contains("75", StringComparison.Ordinal) || t.Contains("90", StringComparison.Ordinal));
    }

    // The side colours come from the feed's NetBox type (FeedSide: primary = A, redundant = B), not from the feeds' order.
    [Fact]
    public void Legend_SaysWhichSideIsWhichFeedType()
    {
        var cut = Render<DiagramLegend>();

        var texts = cut.FindAll(".pm-legend-item").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("A side = primary feed", texts);
        Assert.Contains("B side = redundant feed", texts);
    }

    [Fact]
    public void ExportedDrawing_LegendSaysWhichSideIsWhichFeedType()
    {
        var (inst, _) = PowerMap.Tests.TestSupport.TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        var view = TopologyView.Build(inst, new TopologyViewOptions { SiteId = inst.Sites[0].Id, MaxNodes = TopologyViewOptions.Default.MaxNodes }, report);
        var layout = TopologyLayout.Compute(view);

        var (svg, width, _) = DiagramSvgWriter.Write(view, layout, TopologyFigures.Compute(view, report), null, "DC1", report.Options);

        Assert.Contains(">A side = primary feed</text>", svg);
        Assert.Contains(">B side = redundant feed</text>", svg);
        // The legend's last entry starts inside the drawing's width.
        var last = System.Text.RegularExpressions.Regex.Matches(svg, "<text x=\"(\\d+)\" y=\"4\">").Last();
        Assert.True(int.Parse(last.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 60 < width - 16, $"legend ends past the drawing's width {width}");
    }

    [Fact]
    public void ExportedDrawing_LegendShowsTheConfiguredThresholds()
    {
        var (inst, _) = PowerMap.Tests.TestSupport.TopologyBuilder.Seed();
        var options = new UtilizationOptions(60, 80);
        var report = PowerReport.Compute(inst, options);
        var view = TopologyView.Build(inst, new TopologyViewOptions { SiteId = inst.Sites[0].Id, MaxNodes = TopologyViewOptions.Default.MaxNodes }, report);
        var layout = TopologyLayout.Compute(view);

        var (svg, _, _) = DiagramSvgWriter.Write(view, layout, TopologyFigures.Compute(view, report), null, "DC1", report.Options);
        var (plain, _, _) = DiagramSvgWriter.Write(view, layout, TopologyFigures.Compute(view, report), null, "DC1");

        Assert.Contains(">≥ 60 %</text>", svg);
        Assert.Contains(">≥ 80 %</text>", svg);
        Assert.DoesNotContain(">≥ 75 %</text>", svg);
        Assert.Contains(">≥ 75 %</text>", plain);
    }

}

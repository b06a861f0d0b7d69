using System.Globalization;
using System.Text;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// Writes the current view as a standalone SVG document (the export): the layout's boxes and routes with the same
/// texts as the node widgets, status colours, A/B link colours, the trace, a title and a legend. Planned devices and
/// planned links are dashed as on screen (the review pack and the print view use this drawing). Formatting only.
/// </summary>
public static class DiagramSvgWriter
{
    private const double Margin = 24;
    private const double TitleHeight = 28;
    private const double LegendHeight = 36;
    private const double LegendWidth = 690;
    private const double PlannedLegendWidth = 90;

    private const string SideA = DiagramPalette.SideA;
    private const string SideB = DiagramPalette.SideB;
    private const string NoSide = DiagramPalette.NoSide;

    /// <summary>The SVG text and its size in pixels.</summary>
    public static (string Svg, double Width, double Height) Write(TopologyView view, LayoutResult layout, IReadOnlyDictionary<string, NodeFigures> figures,
        TraceHighlight? trace, string title, UtilizationOptions? thresholds = null)
    {
        var t = thresholds ?? UtilizationOptions.Default;
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(figures);
        var bounds = layout.Bounds;
        bool anyPlanned = view.Edges.Any(e => TopologyFigures.PlannedLink(e, figures)) || figures.Values.Any(f => f.Planned);
        double width = Math.Max(bounds.Width + (2 * Margin), LegendWidth + (anyPlanned ? PlannedLegendWidth : 0) + (2 * Margin));
        double height = bounds.Height + (2 * Margin) + TitleHeight + LegendHeight;
        var (dx, dy) = Offset(layout);
        bool tracing = trace is not null && trace.Nodes.Count > 0;

        var svg = new StringBuilder();
        svg.Append(RootTag(width, height)).Append(" font-family=\"Roboto, Helvetica, Arial, sans-serif\">\n");
        svg.Append("<style>")
            .Append(".n{fill:#fff;stroke:#90a4ae;stroke-width:1}.n.agg{fill:#eceff1;stroke-dasharray:4 3}.name{font-size:12px;font-weight:600;fill:#212121}")
            .Append(".nums{font-size:11px;fill:#424242}.pct{font-size:10px;fill:#212121}.bar{fill:#e0e0e0}")
            .Append(".l{fill:none;stroke-width:1.5}.back{stroke-dasharray:6 4}.dim{opacity:.25}.sel{stroke-width:3}")
            .Append(".l.planned{stroke-dasharray:3 3}.n.planned{stroke-dasharray:5 3}")
            .Append("</style>\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.Append(Inv($"<text x=\"{Margin:0}\" y=\"{Margin:0}\" font-size=\"16\" font-weight=\"600\" fill=\"#0d2b45\">{Escape(title)}</text>\n"));
        svg.Append(Inv($"<g transform=\"translate({dx:0.##} {dy:0.##})\">\n"));

        foreach (var group in layout.Groups)
        {
            var r = group.Box;
            string frame = group.Kind switch
            {
                GroupKind.Site => "fill=\"none\" stroke=\"none\"",
                GroupKind.Location => "fill=\"#fafbfc\" stroke=\"#b0bec5\" stroke-dasharray=\"4 3\"",
                _ => "fill=\"#f3f5f6\" stroke=\"#dde3e7\"",
            };
            double size = group.Kind switch { GroupKind.Site => 14, GroupKind.Location => 13, _ => 11 };
            svg.Append(Inv($"<g class=\"grp\"><rect x=\"{r.X:0.##}\" y=\"{r.Y:0.##}\" width=\"{r.Width:0.##}\" height=\"{r.Height:0.##}\" rx=\"6\" {frame}/>"));
            svg.Append(Inv($"<text x=\"{r.X + 6:0.##}\" y=\"{r.Y + 12:0.##}\" font-size=\"{size:0}\" font-weight=\"600\" fill=\"#546e7a\">{Escape(group.Label)}</text></g>\n"));
        }

        for (int i = 0; i < view.Edges.Count; i++)
        {
            var edge = view.Edges[i];
            var path = layout.Edges[i];
            var role = trace?.EdgeRole(edge) ?? TraceRole.None;
            string color = DiagramPalette.Side(edge.Side);
            var d = new StringBuilder();
            for (int p = 0; p < path.Points.Count; p++)
            {
                d.Append(p == 0 ? "M" : " L").Append(Inv($"{path.Points[p].X:0.##} {path.Points[p].Y:0.##}"));
            }
            string css = "l" + (path.IsBackEdge ? " back" : "") + (TopologyFigures.PlannedLink(edge, figures) ? " planned" : "") + (tracing && role == TraceRole.None ? " dim" : "") + (role != TraceRole.None ? " sel" : "");
            svg.Append(Inv($"<path class=\"{css}\" stroke=\"{color}\" d=\"{d}\"/>\n"));
        }

        var nodes = view.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        foreach (var box in layout.Nodes)
        {
            var node = nodes[box.Id];
            var f = figures.GetValueOrDefault(node.Id) ?? NodeFigures.None;
            var role = trace?.NodeRole(node.Id) ?? TraceRole.None;
            var r = box.Box;
            string stroke = f.Status is { } status && status != UtilizationStatus.Normal ? DiagramPalette.Status(status) : "#90a4ae";
            double strokeWidth = f.IsOverCapacity ? 3 : 1;
            if (role.HasFlag(TraceRole.Selected))
            {
                stroke = "#212121";
                strokeWidth = 3;
            }
            else if (role.HasFlag(TraceRole.SideA) != role.HasFlag(TraceRole.SideB))
            {
                stroke = role.HasFlag(TraceRole.SideA) ? SideA : SideB;
                strokeWidth = 2.5;
            }
            else if (role != TraceRole.None)
            {
                stroke = "#424242";
                strokeWidth = 2.5;
            }
            svg.Append(Inv($"<g{(tracing && role == TraceRole.None ? " class=\"dim\"" : "")}>"));
            svg.Append(Inv($"<rect class=\"n{(node.Kind == NodeKind.Aggregate ? " agg" : "")}{(f.Planned ? " planned" : "")}\" x=\"{r.X:0.##}\" y=\"{r.Y:0.##}\" width=\"{r.Width:0.##}\" height=\"{r.Height:0.##}\" rx=\"6\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth:0.#}\"/>"));
            string name = node.Kind == NodeKind.Aggregate ? NodeText.Hidden(node) : node.Label;
            string nums = node.Kind == NodeKind.Aggregate ? NodeText.Power(f.AllocatedWatts ?? 0) : NodeText.Load(f);
            svg.Append(Inv($"<text class=\"name\" x=\"{r.X + 8:0.##}\" y=\"{r.Y + 17:0.##}\">{Escape(Clip(name, r.Width))}</text>"));
            svg.Append(Inv($"<text class=\"nums\" x=\"{r.X + 8:0.##}\" y=\"{r.Y + 32:0.##}\">{Escape(nums)}</text>"));
            double line = r.Y + 38;
            if (f.Percent is { } pct)
            {
                double barWidth = r.Width - 16;
                string fill = DiagramPalette.Status(f.Status);
                svg.Append(Inv($"<rect class=\"bar\" x=\"{r.X + 8:0.##}\" y=\"{line:0.##}\" width=\"{barWidth:0.##}\" height=\"12\" rx=\"3\"/>"));
                svg.Append(Inv($"<rect x=\"{r.X + 8:0.##}\" y=\"{line:0.##}\" width=\"{barWidth * Math.Clamp(pct, 0, 100) / 100:0.##}\" height=\"12\" rx=\"3\" fill=\"{fill}\" fill-opacity=\".55\"/>"));
                svg.Append(Inv($"<text class=\"pct\" x=\"{r.X + 12:0.##}\" y=\"{line + 10:0.##}\">{Escape(NodeText.Percent(pct))}</text>"));
                line += 16;
            }
            if (f.Legs.Count > 0)
            {
                svg.Append(Inv($"<text class=\"pct\" x=\"{r.X + 8:0.##}\" y=\"{line + 10:0.##}\">{Escape(NodeText.Legs(f))}</text>"));
            }
            svg.Append("</g>\n");
        }
        svg.Append("</g>\n");

        double ly = height - LegendHeight + 14;
        svg.Append(Inv($"<g font-size=\"11\" fill=\"#424242\" transform=\"translate({Margin:0} {ly:0})\">"));
        // The sides are the feeds' NetBox type (FeedSide), not their order: the legend says so.
        svg.Append(Inv($"<line x1=\"0\" y1=\"0\" x2=\"24\" y2=\"0\" stroke=\"{SideA}\" stroke-width=\"2\"/><text x=\"30\" y=\"4\">A side = primary feed</text>"));
        svg.Append(Inv($"<line x1=\"165\" y1=\"0\" x2=\"189\" y2=\"0\" stroke=\"{SideB}\" stroke-width=\"2\"/><text x=\"195\" y=\"4\">B side = redundant feed</text>"));
        svg.Append(Inv($"<line x1=\"345\" y1=\"0\" x2=\"369\" y2=\"0\" stroke=\"{NoSide}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"375\" y=\"4\">loop (back edge)</text>"));
        double x = 480;
        foreach (var (status, label) in new[] { (UtilizationStatus.Normal, Inv($"< {t.WarningPercent:0.#} %")), (UtilizationStatus.Warning, Inv($"≥ {t.WarningPercent:0.#} %")), (UtilizationStatus.Danger, Inv($"≥ {t.DangerPercent:0.#} %")) })
        {
            svg.Append(Inv($"<rect x=\"{x:0}\" y=\"-6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{DiagramPalette.Status(status)}\"/><text x=\"{x + 16:0}\" y=\"4\">{Escape(label)}</text>"));
            x += 70;
        }
        if (anyPlanned)
        {
            svg.Append(Inv($"<line x1=\"{x:0}\" y1=\"0\" x2=\"{x + 24:0}\" y2=\"0\" stroke=\"{NoSide}\" stroke-width=\"2\" stroke-dasharray=\"3 3\"/><text x=\"{x + 30:0}\" y=\"4\">planned</text>"));
        }
        svg.Append("</g>\n</svg>\n");
        return (svg.ToString(), width, height);
    }

    /// <summary>
    /// The same drawing cropped to <paramref name="window"/> (drawing units of an SVG written by <see cref="Write"/> of
    /// that <paramref name="width"/> and <paramref name="height"/>) and scaled to the element it is placed in: one printed
    /// page of a tiled print.
    /// </summary>
    public static string Window(string svg, double width, double height, Rect window) =>
        Reroot(svg, width, height, window, "width=\"100%\" height=\"100%\" preserveAspectRatio=\"xMinYMin meet\"");

    /// <summary>
    /// The same drawing cut to <paramref name="window"/> (drawing units) as a file of that size: what the screen shows
    /// of the diagram (the toolbar's "current view" export), with the parts outside the window left out.
    /// </summary>
    public static string Crop(string svg, double width, double height, Rect window) =>
        Reroot(svg, width, height, window, Inv($"width=\"{window.Width:0}\" height=\"{window.Height:0}\""));

    private static string Reroot(string svg, double width, double height, Rect window, string size)
    {
        ArgumentNullException.ThrowIfNull(svg);
        string root = RootTag(width, height);
        if (!svg.StartsWith(root, StringComparison.Ordinal))
        {
            throw new ArgumentException("not an SVG written by DiagramSvgWriter.Write with this size", nameof(svg));
        }
        return Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" {size} viewBox=\"{window.X:0.##} {window.Y:0.##} {window.Width:0.##} {window.Height:0.##}\"")
            + svg[root.Length..];
    }

    /// <summary>Where the layout's origin lies in the written SVG (below the title, inside the margin).</summary>
    public static Point Offset(LayoutResult layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new Point(Margin - layout.Bounds.X, Margin + TitleHeight - layout.Bounds.Y);
    }

    private static string RootTag(double width, double height) =>
        Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\"");

    private static string Clip(string text, double width)
    {
        int max = Math.Max(4, (int)((width - 16) / 7));
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

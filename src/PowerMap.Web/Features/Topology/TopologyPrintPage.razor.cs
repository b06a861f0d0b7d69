using System.Globalization;
using Microsoft.AspNetCore.Components;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// /topology/print?site=…&amp;node=…(&amp;expand=…&amp;collapse=…&amp;all=…): the view the page shows, drawn by
/// <see cref="DiagramSvgWriter"/> (the export's drawing) once per printed page with a window of it. Server-rendered only:
/// nothing on it is interactive, and a large site's drawing is sent once, in the HTML.
/// </summary>
public sealed partial class TopologyPrintPage
{
    /// <summary>The printable area of an A4 landscape page with 10 mm margins (277 × 190 mm) in CSS px, less the header.</summary>
    public static readonly Size SheetDrawingArea = new(1040, 650);

    /// <summary>Below this zoom a card's texts are too small on paper (12 px names print under 6 px): tile instead.</summary>
    public const double ReadableZoom = 0.5;

    /// <summary>At most this many names in the printed trace list (a panel's trace can hold hundreds).</summary>
    private const int MaxTraceNames = 60;

    [Inject] private TopologyService Topology { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "site")] public string? SiteQuery { get; set; }
    [SupplyParameterFromQuery(Name = "expand")] public string? ExpandQuery { get; set; }
    [SupplyParameterFromQuery(Name = "collapse")] public string? CollapseQuery { get; set; }
    [SupplyParameterFromQuery(Name = "all")] public string? AllQuery { get; set; }
    [SupplyParameterFromQuery(Name = "node")] public string? NodeQuery { get; set; }

    private TopologyPrint? _print;
    private string _problem = "";

    /// <summary>What is printed: the drawing (its SVG and size), the pages, the header's title and the trace list.</summary>
    private sealed record TopologyPrint(string Title, string Svg, double Width, double Height, PrintTiling Tiling, string? TracedNode, IReadOnlyList<string> Traced);

    protected override void OnParametersSet()
    {
        var snapshot = Topology.Current;
        var state = TopologyUrlState.Parse(SiteQuery, ExpandQuery, CollapseQuery, AllQuery, NodeQuery, null, null);
        var inst = snapshot.Installation;
        int? siteId = state.SiteId ?? inst.Sites.OrderBy(s => s.Name, NaturalComparer.Instance).FirstOrDefault()?.Id;
        if (siteId is not { } site || !inst.SiteById.TryGetValue(site, out var siteEntity))
        {
            _print = null;
            _problem = SiteQuery is null ? "No site yet: there is nothing to print." : $"site: no site with id “{SiteQuery}”.";
            return;
        }
        var view = TopologyView.Build(inst, new TopologyViewOptions
        {
            SiteId = site,
            ExpandAll = state.ExpandAll,
            Expanded = state.Expanded,
            Collapsed = state.Collapsed,
            MaxNodes = TopologyViewOptions.Default.MaxNodes,
        }, snapshot.Report);
        var layout = TopologyLayout.Compute(view);
        var figures = TopologyFigures.Compute(view, snapshot.Report);
        var node = state.NodeId is { } id ? view.Nodes.FirstOrDefault(n => n.Id == id && n.Kind != NodeKind.Aggregate) : null;
        var highlight = node is null ? null : TopologyTrace.Of(snapshot, view, node).Highlight;
        string title = Title(siteEntity.Name, DateTime.UtcNow, snapshot.DataRevision);
        var (svg, width, height) = DiagramSvgWriter.Write(view, layout, figures, highlight, title, snapshot.Report.Options);
        // Page edges fall between racks (and nodes) where they can, so a rack prints whole on one page.
        var offset = DiagramSvgWriter.Offset(layout);
        var keepWhole = layout.Groups.Where(g => g.Kind == GroupKind.Rack).Select(g => g.Box).Concat(layout.Nodes.Select(n => n.Box))
            .Select(r => r with { X = r.X + offset.X, Y = r.Y + offset.Y }).ToList();
        _print = new TopologyPrint(title, svg, width, height, PrintPages.Tile(new Size(width, height), SheetDrawingArea, ReadableZoom, keepWhole),
            node?.Label, TopologyTrace.Labels(view, highlight, node?.Id));
    }

    /// <summary>
    /// The site's default view drawn whole and scaled to the box it is put in (the review pack's diagram): the same drawing
    /// as the export, without a trace, with <paramref name="title"/> above it.
    /// </summary>
    public static string FittedDrawing(PowerMap.Core.Data.TopologySnapshot snapshot, int siteId, string title)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var view = TopologyView.Build(snapshot.Installation, new TopologyViewOptions { SiteId = siteId, MaxNodes = TopologyViewOptions.Default.MaxNodes }, snapshot.Report);
        var layout = TopologyLayout.Compute(view);
        var (svg, width, height) = DiagramSvgWriter.Write(view, layout, TopologyFigures.Compute(view, snapshot.Report), null, title, snapshot.Report.Options);
        return DiagramSvgWriter.Window(svg, width, height, new Rect(0, 0, width, height));
    }

    /// <summary>The printed header: "PowerMap · DC2 · 2026-11-26 17:05 UTC · revision 12" (also the /topology page's print header).</summary>
    public static string Title(string siteName, DateTime utcNow, long revision) =>
        $"PowerMap · {siteName} · {utcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · revision {revision}";

    private static string TraceList(IReadOnlyList<string> names) =>
        names.Count <= MaxTraceNames
            ? string.Join(" · ", names)
            : string.Join(" · ", names.Take(MaxTraceNames)) + $" · and {names.Count - MaxTraceNames} more";
}

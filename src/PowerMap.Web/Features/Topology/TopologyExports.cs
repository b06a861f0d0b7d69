using MudBlazor;
using PowerMap.Core.Layout;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// The topology page's downloads and print: the whole view as SVG or PNG (the trace's highlight and dimming only when
/// asked, so the toolbar's export is a clean drawing even while a node is traced), the part the screen shows as PNG, and
/// the print view in a new tab. Drawings come from <see cref="DiagramSvgWriter"/>; a browser that refuses says so.
/// </summary>
public sealed class TopologyExports(TopologyViewState state, TopologyDiagram diagram, DiagramExportInterop export, ISnackbar snackbar)
{
    public async Task SvgAsync(bool withTrace)
    {
        if (Drawing(withTrace) is not { } drawing)
        {
            return;
        }
        if (!await export.DownloadTextAsync(state.ExportFileName("svg", DateTime.UtcNow), drawing.Svg, "image/svg+xml"))
        {
            snackbar.Add("The export could not be started in this browser.", Severity.Error);
        }
    }

    public async Task PngAsync(bool withTrace)
    {
        if (Drawing(withTrace) is not { } drawing)
        {
            return;
        }
        if (!await export.DownloadPngAsync(state.ExportFileName("png", DateTime.UtcNow), drawing.Svg, drawing.Width, drawing.Height))
        {
            snackbar.Add("The PNG could not be drawn in this browser.", Severity.Error);
        }
    }

    /// <summary>
    /// The part of the diagram the screen shows, as a PNG (clean: no trace): the drawing cut to the canvas' viewport
    /// (the viewport the server last learned, at most 150 ms behind a gesture).
    /// </summary>
    public async Task ViewPngAsync()
    {
        if (state.Layout is null || !diagram.HasContainer || Drawing(withTrace: false) is not { } drawing)
        {
            return;
        }
        var d = diagram.Diagram;
        var container = d.Container!;
        var offset = DiagramSvgWriter.Offset(state.Layout);
        var window = new Rect((-d.Pan.X / d.Zoom) + offset.X, (-d.Pan.Y / d.Zoom) + offset.Y, container.Width / d.Zoom, container.Height / d.Zoom);
        string file = state.ExportFileName("png", DateTime.UtcNow).Replace(".png", "-view.png", StringComparison.Ordinal);
        if (!await export.DownloadPngAsync(file, DiagramSvgWriter.Crop(drawing.Svg, drawing.Width, drawing.Height, window), window.Width, window.Height))
        {
            snackbar.Add("The PNG could not be drawn in this browser.", Severity.Error);
        }
    }

    /// <summary>Prints the print view of this view and trace (<see cref="TopologyPrintPage"/>: tiled over pages for a large site).</summary>
    public async Task PrintAsync()
    {
        if (!await export.PrintAsync(state.Url.ToPrintUrl()))
        {
            snackbar.Add("The print view could not be opened: allow this site to open a new tab (pop-ups), then print again.", Severity.Warning);
        }
    }

    private (string Svg, double Width, double Height)? Drawing(bool withTrace) =>
        state.View is null || state.Layout is null
            ? null
            : DiagramSvgWriter.Write(state.View, state.Layout, state.Figures, withTrace ? state.Highlight : null, state.ExportTitle(), state.Snapshot.Report.Options);
}

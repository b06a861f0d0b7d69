using BenchmarkDotNet.Attributes;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;

namespace PowerMap.Benchmarks;

/// <summary>
/// The topology diagram in Core at S/M/L/XL: <see cref="TopologyLayout.Compute"/> on the fully expanded view
/// (<c>ExpandAll = true, MaxNodes = int.MaxValue</c>: every panel, feed and device) and on the default semantic-zoom
/// view (what /topology opens with, ≤ 400 nodes), plus building the default view from the installation.
/// The setup prints each view's node, edge and crossing counts (shown in the log and the results' footnote).
/// Run: <c>dotnet run -c Release --project benchmarks/PowerMap.Benchmarks -- --filter '*LayoutBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class LayoutBenchmarks
{
    private static readonly TopologyViewOptions ExpandedOptions = new() { ExpandAll = true, MaxNodes = int.MaxValue };

    private Installation _installation = null!;
    private PowerReport _report = null!;
    private TopologyView _expanded = null!;
    private TopologyView _default = null!;

    [Params(InstallationSize.S, InstallationSize.M, InstallationSize.L, InstallationSize.XL)]
    public InstallationSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _installation = InstallationGenerator.Generate(Size);
        _report = PowerReport.Compute(_installation);
        _expanded = TopologyView.Build(_installation, ExpandedOptions, _report);
        _default = TopologyView.Build(_installation, null, _report);
        foreach (var (name, view) in new[] { ("expanded", _expanded), ("default", _default) })
        {
            var layout = TopologyLayout.Compute(view);
            // Issue 12: aspect ratio (≤ 3:1) and the zoom of "fit" on a 1280 × 800 screen (≥ 0.25), whole window and the
            // page's canvas at that window size (952 × 594 px once the navigation, toolbar, margins and legend are taken).
            double aspect = Math.Max(layout.Bounds.Width / layout.Bounds.Height, layout.Bounds.Height / layout.Bounds.Width);
            double fit = Math.Min(1280 / layout.Bounds.Width, 800 / layout.Bounds.Height);
            double fitCanvas = Math.Min(952 / layout.Bounds.Width, 594 / layout.Bounds.Height);
            Console.WriteLine($"// {Size} {name} view: {view.Nodes.Count} nodes, {view.Edges.Count} edges, {layout.Crossings} crossings, " +
                $"{layout.Bounds.Width:0} × {layout.Bounds.Height:0} px, aspect {aspect:0.00}:1, fit zoom {fit:0.000} (window) / {fitCanvas:0.000} (canvas)");
        }
    }

    [Benchmark(Description = "layout, fully expanded view")]
    public LayoutResult LayoutExpanded() => TopologyLayout.Compute(_expanded);

    [Benchmark(Description = "layout, default view")]
    public LayoutResult LayoutDefault() => TopologyLayout.Compute(_default);

    [Benchmark(Description = "build default view + layout + figures")]
    public int DefaultViewEndToEnd()
    {
        var view = TopologyView.Build(_installation, null, _report);
        var layout = TopologyLayout.Compute(view);
        return TopologyFigures.Compute(view, _report).Count + layout.Nodes.Count;
    }
}

using Microsoft.AspNetCore.Components;
using MudBlazor;
using Charts = MudBlazor.Charts;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;

namespace PowerMap.Web.Components.Pages;

/// <summary>Maps <see cref="CapacityCharts"/> and the overview's ranked feeds and racks onto MudCharts; it computes no load.</summary>
public sealed partial class CapacityChartPanel
{
    /// <summary>Bars per chart at most (a generated XL site has thousands of feeds; the exports have all).</summary>
    public const int MaxBars = 20;

    // Dark, light and middle greys: told apart by lightness on paper, and every bar carries its value.
    private static readonly string[] Greys = ["#263238", "#b0bec5", "#607d8b"];

    private readonly StackedBarChartOptions _stacked = new() { ShowValues = true, ChartPalette = Greys, XAxisLabelRotation = 45 };
    private readonly BarChartOptions _single = Options();
    private readonly BarChartOptions _paired = Options();
    private readonly BarChartOptions _legs = Options();

    [Parameter, EditorRequired] public TopologySnapshot Snapshot { get; set; } = null!;

    [Parameter, EditorRequired] public CapacityOverview Overview { get; set; } = null!;

    private string[] _feedLabels = [];
    private List<ChartSeries<double>> _feedSeries = [];
    private string[] _bandLabels = [];
    private List<ChartSeries<double>> _bandSeries = [];
    private string[] _sideLabels = [];
    private List<ChartSeries<double>> _sideSeries = [];
    private string[] _legLabels = [];
    private List<ChartSeries<double>> _legSeries = [];

    protected override void OnParametersSet()
    {
        var inst = Snapshot.Installation;
        var report = Snapshot.Report;

        var feeds = Overview.Feeds.Take(MaxBars).ToList();
        _feedLabels = feeds.Select(f => inst.FeedById[f.FeedId].Name).ToArray();
        _feedSeries =
        [
            Series("Allocated", feeds.Select(f => Kilo(f.AllocatedVoltAmps))),
            Series("Headroom", feeds.Select(f => Kilo(Math.Max(0, f.AvailableVoltAmps - f.AllocatedVoltAmps)))),
        ];

        var bands = CapacityCharts.RackDistribution(Overview.Racks, report.Options);
        _bandLabels = bands.Select(b => b.Label).ToArray();
        _bandSeries = [Series("Racks", bands.Select(b => (double)b.RackCount))];

        var racks = Overview.Racks.Take(MaxBars).ToList();
        var sides = CapacityCharts.Sides(report, racks.Select(r => r.RackId));
        _sideLabels = racks.Select(r => inst.RackById[r.RackId].Name).ToArray();
        _sideSeries = [Series("Side A", sides.Select(s => Kilo(s.SideAVoltAmps))), Series("Side B", sides.Select(s => Kilo(s.SideBVoltAmps)))];

        Scale(_stacked, _feedSeries, stacked: true);
        Scale(_single, _bandSeries);
        Scale(_paired, _sideSeries);

        var legs = CapacityCharts.LegBalance(report, Overview.Feeds.Select(f => f.FeedId)).Take(MaxBars).ToList();
        _legLabels = legs.Select(l => inst.FeedById[l.FeedId].Name).ToArray();
        var legNames = legs.SelectMany(l => l.Legs.Select(x => x.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
        _legSeries = legNames.Select(n => Series("Leg " + n, legs.Select(l => (double)(l.Legs.FirstOrDefault(x => x.Name == n)?.AllocatedWatts ?? 0)))).ToList();
        Scale(_legs, _legSeries);
    }

    /// <summary>About five ticks of 1, 2 or 5 × 10ⁿ (at least 1: MudChart's tick spacing is an integer).</summary>
    internal static void Scale(Charts.DefaultAxisChartOptions options, List<ChartSeries<double>> series, bool stacked = false)
    {
        double max = 0;
        if (series.Count > 0)
        {
            int n = series.Max(s => s.Data.Count);
            for (int i = 0; i < n; i++)
            {
                var values = series.Select(s => i < s.Data.Count ? s.Data.GetValue(i) : 0);
                max = Math.Max(max, stacked ? values.Sum() : values.Max());
            }
        }
        double raw = Math.Max(1, max / 5), magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw))), step = raw / magnitude;
        options.YAxisTicks = (int)Math.Max(1, (step <= 1 ? 1 : step <= 2 ? 2 : step <= 5 ? 5 : 10) * magnitude);
        options.YAxisFormat = "#,##0.#";
    }

    private static double Kilo(long voltAmps) => Math.Round(voltAmps / 1000.0, 1);

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) => new() { Name = name, Data = new ChartData<double>(values.ToList()) };

    private static BarChartOptions Options() => new() { ShowValues = true, ChartPalette = Greys, XAxisLabelRotation = 45 };
}

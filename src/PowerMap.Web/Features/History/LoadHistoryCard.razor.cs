using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data.History;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.History;

/// <summary>Reads one object's samples from <see cref="LoadHistoryStore"/> and shows them with <see cref="LoadForecast"/>'s trend; it computes no load.</summary>
public sealed partial class LoadHistoryCard
{
    // Dark line for the load, middle grey for the trend, light greys for the thresholds: told apart by lightness on paper.
    private static readonly string[] Greys = ["#263238", "#607d8b", "#90a4ae", "#b0bec5"];

    private readonly LineChartOptions _options = new() { ChartPalette = Greys, ShowDataMarkers = true, XAxisLabelRotation = 45 };

    [Inject] private LoadHistoryStore Store { get; set; } = null!;

    [Parameter, EditorRequired] public CapacitySubject Subject { get; set; }

    [Parameter, EditorRequired] public int Id { get; set; }

    /// <summary>The warning threshold, percent.</summary>
    [Parameter, EditorRequired] public double WarningPercent { get; set; }

    private IReadOnlyList<LoadPoint> _samples = [];
    private LoadForecast _forecast = LoadForecast.Compute([], PowerMap.Core.Power.UtilizationOptions.Default.WarningPercent);
    private string[] _labels = [];
    private List<ChartSeries<double>> _series = [];

    private string Kind => HistoryApi.KindName(Subject);

    protected override void OnInitialized() => Store.Changed += OnStoreChanged;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var all = await Store.SamplesAsync(Subject, Id);
        var from = all.Count == 0 ? default : all[^1].Day.AddDays(-Store.TrendDays);
        _samples = all.Where(s => s.Day >= from).ToList();
        _forecast = HistoryApi.Forecast(Store, all, WarningPercent);
        _labels = _samples.Select(s => s.Day.ToString("MM-dd", CultureInfo.InvariantCulture)).ToArray();
        // In VA: MudChart's tick spacing is a whole number, too coarse in kVA for a single feed.
        double capacity = _forecast.CapacityVoltAmps, warning = Math.Round(capacity * WarningPercent / 100);
        _series =
        [
            Series("Allocated", _samples.Select(s => (double)s.AllocatedVoltAmps)),
            Series("Trend", _samples.Select(s => Math.Round(_forecast.TrendAt(s.Day) ?? 0))),
            Series($"Warning {WarningPercent:0.#} % ({warning:#,##0} VA)", _samples.Select(_ => warning)),
            Series($"100 % ({capacity:#,##0} VA)", _samples.Select(_ => capacity)),
        ];
        PowerMap.Web.Components.Pages.CapacityChartPanel.Scale(_options, _series);
    }

    private string ForecastText
    {
        get
        {
            string Crossing(ThresholdCrossing c, string name) => c.State switch
            {
                CrossingState.AlreadyOver => $"{name}: already reached",
                CrossingState.Crosses => $"{name}: reached on {Day(c.Day!.Value)} at this trend",
                _ => $"{name}: not reached at this trend",
            };
            string slope = _forecast.SlopeVoltAmpsPerDay is { } b ? $"trend {(b >= 0 ? "+" : "−")}{Math.Abs(b):#,##0} VA/day" : "trend needs 2 days of samples";
            return $"{Format.Count(_samples.Count, "sample")}; {slope}. {Crossing(_forecast.Warning, $"Warning {WarningPercent:0.#} %")}; {Crossing(_forecast.Full, "100 %")}.";
        }
    }

    private void OnStoreChanged() => _ = ReloadAsync();

    private async Task ReloadAsync()
    {
        try
        {
            await InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit is gone; Dispose unsubscribes.
        }
    }

    public void Dispose() => Store.Changed -= OnStoreChanged;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) => new() { Name = name, Data = new ChartData<double>(values.ToList()) };
}

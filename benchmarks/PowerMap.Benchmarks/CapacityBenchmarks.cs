using BenchmarkDotNet.Attributes;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Features.Capacity;

namespace PowerMap.Benchmarks;

/// <summary>
/// Issue 11 targets at XL: the overview for all sites ≤ 300 ms, the XLSX report ≤ 3 s. "Cold" builds a new report
/// first, so the failure sweep behind N−1 (cached per snapshot) is included; "warm" is a page render after the first.
/// </summary>
[MemoryDiagnoser]
public class CapacityBenchmarks
{
    private Installation _installation = null!;
    private TopologySnapshot _snapshot = null!;
    private List<(CapacitySubject, int, LoadPoint)> _history = null!;

    [Params(InstallationSize.XL)]
    public InstallationSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _installation = InstallationGenerator.Generate(Size);
        _snapshot = new TopologySnapshot(_installation, PowerReport.Compute(_installation), 1, 1);
        _ = CapacityOverview.Compute(_snapshot.Report);
        // 90 days of one sample per feed, rack and panel: today's load, 0.2 % less for each day back.
        var today = new DateOnly(2026, 11, 26);
        var loads = LoadHistory.Loads(_snapshot.Report).ToList();
        _history = new List<(CapacitySubject, int, LoadPoint)>(loads.Count * HistoryDays);
        for (int d = 0; d < HistoryDays; d++)
        {
            double factor = 1 - 0.002 * (HistoryDays - 1 - d);
            foreach (var l in loads)
            {
                _history.Add((l.Subject, l.Id, new LoadPoint(today.AddDays(d - HistoryDays + 1), (long)(l.AllocatedVoltAmps * factor), l.AvailableVoltAmps)));
            }
        }
    }

    private const int HistoryDays = 90;

    [Benchmark(Description = "overview all sites, cold (report + N−1 sweep + overview)")]
    public int OverviewCold() => CapacityOverview.Compute(PowerReport.Compute(_installation)).AtRisk.Count;

    [Benchmark(Description = "overview all sites, warm (sweep cached per snapshot)")]
    public int OverviewWarm() => CapacityOverview.Compute(_snapshot.Report).AtRisk.Count;

    [Benchmark(Description = "where does it fit, 400 W dual-corded, all sites (sweep cached per snapshot)")]
    public int Fit() => PlacementFit.Find(_snapshot.Report, new FitRequest(400, 500, 2)).Count;

    [Benchmark(Description = "XLSX report, all sites (6 sheets)")]
    public long Xlsx()
    {
        using var stream = new MemoryStream();
        CapacityExport.WriteXlsx(_snapshot, null, stream);
        return stream.Length;
    }

    [Benchmark(Description = "daily snapshot rows: every feed, rack and panel of the report (LoadHistory.Loads)")]
    public int SnapshotRows() => LoadHistory.Loads(_snapshot.Report).Count();

    [Benchmark(Description = "overview forecast list: trend of every feed, rack and panel over 90 days (LoadHistory.Upcoming)")]
    public int Upcoming() => LoadHistory.Upcoming(_history, new DateOnly(2026, 11, 26), 90, 75).Count;
}

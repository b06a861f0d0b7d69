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

    [Params(InstallationSize.XL)]
    public InstallationSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _installation = InstallationGenerator.Generate(Size);
        _snapshot = new TopologySnapshot(_installation, PowerReport.Compute(_installation), 1);
        _ = CapacityOverview.Compute(_snapshot.Report);
    }

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
}

using BenchmarkDotNet.Attributes;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Core.Topology;

namespace PowerMap.Benchmarks;

/// <summary>
/// The power engine at S/M/L/XL: graph build, full report, and the report after one port's draw changes.
/// Targets (issue 3): full report at XL ≤ 20 ms on 2 cores; report current again after a draw edit ≤ 1 ms at XL.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private Installation _installation = null!;
    private PowerGraph _graph = null!;
    private PowerReport _report = null!;
    private int _portId;
    private int _flip;

    [Params(InstallationSize.S, InstallationSize.M, InstallationSize.L, InstallationSize.XL)]
    public InstallationSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _installation = InstallationGenerator.Generate(Size);
        _graph = PowerGraph.Build(_installation);
        _report = PowerReport.Compute(_graph);
        // A server PSU deep in the tree: the edit walks its whole upstream chain.
        _portId = _installation.PowerPorts.Last(p => p.AllocatedDrawWatts is not null).Id;
    }

    [Benchmark(Description = "build graph")]
    public PowerGraph BuildGraph() => PowerGraph.Build(_installation);

    [Benchmark(Description = "full report")]
    public PowerReport FullReport() => PowerReport.Compute(_graph);

    [Benchmark(Description = "build graph + full report")]
    public PowerReport BuildAndReport() => PowerReport.Compute(PowerGraph.Build(_installation));

    [Benchmark(Description = "report after one draw edit")]
    public PowerReport DrawEdit() => _report.WithPortDraw(_portId, 100 + (_flip++ & 1), 900);
}

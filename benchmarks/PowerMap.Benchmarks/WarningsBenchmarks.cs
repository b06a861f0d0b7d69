using BenchmarkDotNet.Attributes;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Benchmarks;

/// <summary>
/// The consistency warnings of a whole installation, computed once per published snapshot (shared by every page and
/// the app-bar count). No target in the issue; it must stay well below an edit's budget at XL.
/// </summary>
[MemoryDiagnoser]
public class WarningsBenchmarks
{
    private Installation _installation = null!;
    private PowerReport _report = null!;

    [Params(InstallationSize.M, InstallationSize.XL)]
    public InstallationSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _installation = InstallationGenerator.Generate(Size);
        _report = PowerReport.Compute(_installation);
    }

    [Benchmark(Description = "consistency warnings")]
    public int Warnings() => ConsistencyWarnings.Find(_installation, _report).Count;
}

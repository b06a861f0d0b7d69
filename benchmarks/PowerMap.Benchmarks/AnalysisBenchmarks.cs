using BenchmarkDotNet.Attributes;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Power;

namespace PowerMap.Benchmarks;

/// <summary>
/// The failure analyses at M and XL. Targets (issue 10): one what-if of a single feed at XL ≤ 2 ms; the full N−1 sweep
/// (every panel, feed and distribution device) at XL ≤ 1 s, cached per data revision; /api/power/redundancy at XL ≤ 200 ms.
/// </summary>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private PowerReport _report = null!;
    private FailureAnalysis _analysis = null!;
    private FailureElement _feed;
    private FailureElement _panel;
    private FailureElement[] _sideA = [];

    [Params(InstallationSize.M, InstallationSize.XL)]
    public InstallationSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var installation = InstallationGenerator.Generate(Size);
        _report = PowerReport.Compute(installation);
        _analysis = FailureAnalysis.CreateUncached(_report);
        // The most loaded feed: its failure moves the most load to the other side.
        var feed = _report.Feeds.MaxBy(f => f.Utilization?.AllocatedVoltAmps ?? 0)!;
        _feed = new FailureElement(FailureElementKind.PowerFeed, feed.FeedId);
        _panel = new FailureElement(FailureElementKind.PowerPanel, installation.PowerPanels[0].Id);
        _sideA = installation.PowerFeeds.Where(f => PowerMap.Core.Dcim.FeedSide.Of(f) == PowerMap.Core.Dcim.FeedSide.A)
            .Select(f => new FailureElement(FailureElementKind.PowerFeed, f.Id)).ToArray();
    }

    [Benchmark(Description = "what-if: one feed")]
    public WhatIfResult WhatIfFeed() => _analysis.WhatIf([_feed]);

    [Benchmark(Description = "what-if: one panel")]
    public WhatIfResult WhatIfPanel() => _analysis.WhatIf([_panel]);

    [Benchmark(Description = "what-if: all of side A")]
    public WhatIfResult WhatIfSideA() => _analysis.WhatIf(_sideA);

    [Benchmark(Description = "index + N−1 sweep (redundancy, headroom)")]
    public ResilienceReport Sweep() => FailureAnalysis.CreateUncached(_report).Resilience();
}

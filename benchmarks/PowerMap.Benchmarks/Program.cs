using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using BenchmarkDotNet.Running;
using PowerMap.Core.Data;
using PowerMap.Core.Power;
using PowerMap.Core.Topology;

namespace PowerMap.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project benchmarks/PowerMap.Benchmarks -- --filter '*'</c> (BenchmarkDotNet; see benchmarks/README.md),
    /// or <c>-- quick</c> for a rough Stopwatch pass while developing.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["quick", ..])
        {
            Quick();
            return;
        }
        if (args is ["generate", var sizeName, var file])
        {
            // A generated installation as a topology document, for the API load benchmark (benchmarks/api-load.sh).
            File.WriteAllText(file, TopologyExporter.ExportJson(InstallationGenerator.Generate(Enum.Parse<InstallationSize>(sizeName))));
            return;
        }
        if (args is ["load", var baseUrl, var clients, var seconds, var ports, .. var loadRest])
        {
            int feeds = loadRest.Length > 0 ? int.Parse(loadRest[0]) : 0;
            Environment.ExitCode = ApiLoad.RunAsync(baseUrl, int.Parse(clients), int.Parse(seconds), int.Parse(ports), feeds).GetAwaiter().GetResult();
            return;
        }
        if (args is ["propagation", var urlA, var urlB, var count, .. var what])
        {
            Environment.ExitCode = RevisionPropagation.RunAsync(urlA, urlB, int.Parse(count), what.Length > 0 ? what[0] : "feed").GetAwaiter().GetResult();
            return;
        }
        if (args is ["writes", var writesUrl, var writes, .. var rest])
        {
            Environment.ExitCode = ApiWrites.RunAsync(writesUrl, int.Parse(writes), rest.Length > 0 ? rest[0] : null).GetAwaiter().GetResult();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void Quick()
    {
        foreach (var size in Enum.GetValues<InstallationSize>())
        {
            var sw = Stopwatch.StartNew();
            var inst = InstallationGenerator.Generate(size);
            var gen = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var graph = PowerGraph.Build(inst);
            var build = sw.Elapsed.TotalMilliseconds;
            PowerReport report = null!;
            var best = double.MaxValue;
            for (int i = 0; i < 10; i++)
            {
                sw.Restart();
                report = PowerReport.Compute(graph);
                best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            }
            var port = inst.PowerPorts.Last(p => p.AllocatedDrawWatts is not null).Id;
            var bestEdit = double.MaxValue;
            for (int i = 0; i < 20; i++)
            {
                sw.Restart();
                report.WithPortDraw(port, 100 + i, 900);
                bestEdit = Math.Min(bestEdit, sw.Elapsed.TotalMilliseconds);
            }
            var nonTree = graph.PortTreeLike.Count(t => !t);
            var analysisWatch = Stopwatch.StartNew();
            var resilience = PowerMap.Core.Analysis.FailureAnalysis.CreateUncached(report).Resilience();
            var sweep = analysisWatch.Elapsed.TotalMilliseconds;
            var hotFeed = report.Feeds.MaxBy(f => f.Utilization?.AllocatedVoltAmps ?? 0)!.FeedId;
            var analysis = PowerMap.Core.Analysis.FailureAnalysis.For(report);
            var bestWhatIf = double.MaxValue;
            for (int i = 0; i < 20; i++)
            {
                analysisWatch.Restart();
                analysis.WhatIf([new(PowerMap.Core.Analysis.FailureElementKind.PowerFeed, hotFeed)]);
                bestWhatIf = Math.Min(bestWhatIf, analysisWatch.Elapsed.TotalMilliseconds);
            }
            var sideA = inst.PowerFeeds.Where(f => PowerMap.Core.Dcim.FeedSide.Of(f) == PowerMap.Core.Dcim.FeedSide.A)
                .Select(f => new PowerMap.Core.Analysis.FailureElement(PowerMap.Core.Analysis.FailureElementKind.PowerFeed, f.Id)).ToArray();
            analysisWatch.Restart();
            var sideResult = analysis.WhatIf(sideA);
            var sideMs = analysisWatch.Elapsed.TotalMilliseconds;
            Console.WriteLine($"{size}: N-1 sweep {sweep:F0} ms ({resilience.SinglePointsOfFailure.Count} single points), what-if one feed {bestWhatIf:F3} ms, " +
                $"all of side A {sideMs:F1} ms ({sideResult.DevicesDown} down, {sideResult.DevicesDegraded} degraded, {sideResult.OverloadedFeeds} feeds over 100 %)");
            if (size is InstallationSize.M or InstallationSize.XL)
            {
                var dir = Directory.CreateTempSubdirectory("powermap-quick-").FullName;
                using (var services = new ServiceCollection().AddPowerMapCore($"Data Source={Path.Combine(dir, "q.db")}").BuildServiceProvider())
                {
                    services.InitializePowerMapAsync(demoWhenEmpty: false).GetAwaiter().GetResult();
                    var store = services.GetRequiredService<DcimStore>();
                    var doc = TopologyExporter.ExportJson(inst);
                    sw.Restart();
                    var plan = store.ImportAsync(doc, ImportMode.Replace).GetAwaiter().GetResult();
                    var import = sw.Elapsed.TotalMilliseconds;
                    sw.Restart();
                    var loaded = new TopologyStore(services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PowerMapDbContext>>()).LoadAsync().GetAwaiter().GetResult();
                    PowerReport.Compute(loaded);
                    var load = sw.Elapsed.TotalMilliseconds;
                    Console.WriteLine($"{size}: import {import:F0} ms (valid {plan.IsValid}, doc {doc.Length / 1024} KiB), load+report {load:F0} ms");
                }
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(dir, true);
            }
            Console.WriteLine($"{size}: objects {inst.ObjectCount}, generate {gen:F1} ms, build {build:F1} ms, report {best:F2} ms, edit {bestEdit:F3} ms, non-tree ports {nonTree}");
        }
    }
}

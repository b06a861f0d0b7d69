using System.Diagnostics;
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
            Console.WriteLine($"{size}: objects {inst.ObjectCount}, generate {gen:F1} ms, build {build:F1} ms, report {best:F2} ms, edit {bestEdit:F3} ms, non-tree ports {nonTree}");
        }
    }
}

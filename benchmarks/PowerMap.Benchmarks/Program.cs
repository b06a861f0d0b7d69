using BenchmarkDotNet.Running;

namespace PowerMap.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project benchmarks/PowerMap.Benchmarks -- --filter '*'</c>; see benchmarks/README.md.
    /// </summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

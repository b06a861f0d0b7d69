using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data;
using PowerMap.Core.Power;

namespace PowerMap.Benchmarks;

/// <summary>
/// SQLite: load every table and build the report (M, XL); import the XL topology document into an empty database.
/// Targets (issue 3): load XL + build ≤ 1.5 s; import the XL document ≤ 15 s.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DataBenchmarks
{
    private string _dir = null!;
    private ServiceProvider _loaded = null!;
    private string _document = null!;
    private ServiceProvider? _importTarget;
    private string _importPath = "";

    [Params(InstallationSize.M, InstallationSize.XL)]
    public InstallationSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("powermap-bench-").FullName;
        var installation = InstallationGenerator.Generate(Size);
        _loaded = Open(Path.Combine(_dir, "loaded.db"));
        _loaded.GetRequiredService<DcimStore>().ReplaceAllAsync(installation).GetAwaiter().GetResult();
        _document = TopologyExporter.ExportJson(installation);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _loaded.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [IterationSetup(Target = nameof(ImportDocument))]
    public void NewEmptyDatabase()
    {
        _importTarget?.Dispose();
        _importPath = Path.Combine(_dir, $"import-{Guid.NewGuid():N}.db");
        _importTarget = Open(_importPath);
    }

    [Benchmark(Description = "load from SQLite + build report")]
    public PowerReport LoadAndBuild()
    {
        var installation = new TopologyStore(_loaded.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PowerMapDbContext>>()).LoadAsync().GetAwaiter().GetResult();
        return PowerReport.Compute(installation);
    }

    [Benchmark(Description = "import topology document (replace)")]
    public int ImportDocument()
    {
        var plan = _importTarget!.GetRequiredService<DcimStore>().ImportAsync(_document, ImportMode.Replace).GetAwaiter().GetResult();
        return plan.IsValid ? plan.Added.Count : throw new InvalidOperationException(plan.Errors.ToString());
    }

    private static ServiceProvider Open(string path)
    {
        var services = new ServiceCollection().AddPowerMapCore($"Data Source={path}").BuildServiceProvider();
        services.InitializePowerMapAsync(demoWhenEmpty: false).GetAwaiter().GetResult();
        return services;
    }
}

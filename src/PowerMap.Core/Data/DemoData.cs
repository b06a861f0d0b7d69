using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>
/// The demo installation loaded on first start: the seed example of power-model.md §7 exactly (site DC1), plus a
/// realistic generated site (DC2) from the same deterministic generator the benchmarks use.
/// </summary>
public static class DemoData
{
    public const string GeneratedSiteName = "DC2";

    /// <summary>The seed example as a topology document (also in docs/examples/seed-example.json).</summary>
    public static string SeedExampleJson()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("PowerMap.SeedExample.json")
            ?? throw new InvalidOperationException("The seed example resource is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The seed example alone.</summary>
    public static Installation SeedExample()
    {
        var plan = TopologyImporter.Plan(Installation.Empty, SeedExampleJson(), ImportMode.Replace);
        return plan.IsValid ? plan.Result : throw new InvalidOperationException("The seed example is invalid: " + plan.Errors);
    }

    /// <summary>The seed example plus the generated site.</summary>
    public static Installation Build(InstallationSize generatedSize = InstallationSize.M) =>
        InstallationGenerator.AddTo(SeedExample(), generatedSize, seed: 42, siteName: GeneratedSiteName);
}

using PowerMap.Core.Data;

namespace PowerMap.Web;

/// <summary>
/// <c>dotnet run --project src/PowerMap.Web -- import FILE [--replace]</c>, <c>-- export FILE</c>, <c>-- demo</c>:
/// the same import/export as the API and the UI, on the configured database.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["import", "export", "demo"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var topology = services.GetRequiredService<TopologyService>();
        var store = services.GetRequiredService<DcimStore>();
        switch (args[0])
        {
            case "import" when args.Length >= 2:
            {
                var mode = args.Contains("--replace") ? ImportMode.Replace : ImportMode.Merge;
                var plan = await store.ImportAsync(await File.ReadAllTextAsync(args[1]), mode);
                if (!plan.IsValid)
                {
                    foreach (var (path, messages) in plan.Errors)
                    {
                        foreach (var m in messages)
                        {
                            Console.Error.WriteLine($"{path}: {m}");
                        }
                    }
                    Console.Error.WriteLine("Nothing was imported.");
                    return 1;
                }
                Console.WriteLine($"Imported {plan.Added.Count} objects ({mode.ToString().ToLowerInvariant()}); the database now holds {topology.Current.Installation.ObjectCount}.");
                return 0;
            }
            case "export" when args.Length >= 2:
                await File.WriteAllTextAsync(args[1], TopologyExporter.ExportJson(topology.Current.Installation));
                Console.WriteLine($"Exported {topology.Current.Installation.ObjectCount} objects to {args[1]}.");
                return 0;
            case "demo":
                await store.ReplaceAllAsync(DemoData.Build());
                Console.WriteLine($"Demo data loaded: {topology.Current.Installation.ObjectCount} objects.");
                return 0;
            default:
                Console.Error.WriteLine("Usage: import FILE [--replace] | export FILE | demo");
                return 2;
        }
    }
}

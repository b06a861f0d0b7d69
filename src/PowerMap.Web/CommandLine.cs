using PowerMap.Core.Data;
using PowerMap.Core.Data.Accounts;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Web.Features.Accounts;
using PowerMap.Web.Features.NetBox;

namespace PowerMap.Web;

/// <summary>
/// <c>dotnet run --project src/PowerMap.Web -- import FILE [--replace]</c>, <c>-- export FILE</c>, <c>-- export-netbox DIR</c> (NetBox CSV files), <c>-- demo</c>:
/// the same import/export as the API and the UI, on the configured database; <c>-- user add NAME --role admin|editor|viewer
/// [--password P]</c> and <c>-- token add NAME [--read-only] [--expires DAYS]</c> (the key alone on the last line);
/// <c>-- copy-to "CONNECTION" --provider Postgres|Sqlite</c> copies the whole database into an empty one (see <see cref="DatabaseCopy"/>).
/// Changes made here are logged as the command line's (<c>cli</c>).
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["import", "import-netbox", "export", "export-netbox", "demo", "user", "token", "backup", "restore", "copy-to"];

    private const string Usage = "Usage: import FILE [--replace] | import-netbox URL --token TOKEN [--replace] | export FILE | export-netbox DIR | demo | user add NAME --role admin|editor|viewer [--password P] | token add NAME [--read-only] [--expires DAYS] | backup FILE | restore FILE | copy-to CONNECTION --provider Postgres|Sqlite";

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? output = null)
    {
        var @out = output ?? Console.Out;
        var topology = services.GetRequiredService<TopologyService>();
        var store = services.GetRequiredService<DcimStore>();
        using var actor = ChangeActor.Use(new ChangeActor("cli", ChangeActor.NewRequestId(), CanEdit: true));
        switch (args[0])
        {
            case "import" when args.Length >= 2:
            {
                var mode = args.Contains("--replace") ? ImportMode.Replace : ImportMode.Merge;
                var plan = await store.ImportAsync(await File.ReadAllTextAsync(args[1]), mode);
                if (!plan.IsValid)
                {
                    PrintErrors(plan.Errors, "Nothing was imported.");
                    return 1;
                }
                @out.WriteLine($"Imported {plan.Added.Count} objects ({mode.ToString().ToLowerInvariant()}); the database now holds {topology.Current.Installation.ObjectCount}.");
                return 0;
            }
            case "import-netbox" when args.Length >= 2 && Option(args, "--token") is { } token:
                return await ImportNetBoxAsync(store, topology, @out, args[1], token, args.Contains("--replace") ? ImportMode.Replace : ImportMode.Merge);
            case "export-netbox" when args.Length >= 2:
                var written = NetBoxCsvExporter.WriteTo(topology.Current.Installation, args[1]);
                @out.WriteLine($"Wrote {written.Count} NetBox CSV import files to {args[1]}: import them in NetBox in the order of their numbers.");
                return 0;
            case "export" when args.Length >= 2:
                await File.WriteAllTextAsync(args[1], TopologyExporter.ExportJson(topology.Current.Installation));
                @out.WriteLine($"Exported {topology.Current.Installation.ObjectCount} objects to {args[1]}.");
                return 0;
            case "demo":
                await store.ReplaceAllAsync(DemoData.Build());
                @out.WriteLine($"Demo data loaded: {topology.Current.Installation.ObjectCount} objects.");
                return 0;
            case "backup" when args.Length >= 2:
            {
                await using var file = File.Create(args[1]);
                var (objects, changes) = await services.GetRequiredService<Backup>().WriteAsync(file);
                @out.WriteLine($"Backed up {objects} objects and {changes} change records to {args[1]}.");
                return 0;
            }
            case "restore" when args.Length >= 2:
            {
                await using var file = File.OpenRead(args[1]);
                var (errors, objects, changes) = await services.GetRequiredService<Backup>().RestoreAsync(file);
                if (!errors.IsValid)
                {
                    PrintErrors(errors, "Nothing was restored.");
                    return 1;
                }
                @out.WriteLine($"Restored {objects} objects and {changes} change records from {args[1]}.");
                return 0;
            }
            case "copy-to" when args.Length >= 2:
                return await CopyToAsync(services, @out, args[1], Option(args, "--provider"));
            case "user" when args.Length >= 3 && args[1] == "add":
                return await AddUserAsync(services, @out, args[2], Option(args, "--role") ?? Roles.Viewer, Option(args, "--password"));
            case "token" when args.Length >= 3 && args[1] == "add":
                return await AddTokenAsync(services, @out, args[2], readOnly: args.Contains("--read-only"), Option(args, "--expires"));
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>Copies the whole database into an empty one (the other provider, typically), all or nothing.</summary>
    private static async Task<int> CopyToAsync(IServiceProvider services, TextWriter @out, string connectionString, string? providerName)
    {
        PowerMap.Core.Data.Providers.DatabaseProvider provider;
        try
        {
            provider = PowerMap.Core.Data.Providers.DatabaseProviders.Parse(providerName);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine("--provider: " + ex.Message);
            return 2;
        }
        CopyResult result;
        try
        {
            result = await DatabaseCopy.CopyAsync(services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PowerMapDbContext>>(), provider, connectionString);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or ArgumentException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"Cannot copy to the {provider} database: {ex.GetBaseException().Message}");
            Console.Error.WriteLine("Nothing was copied.");
            return 1;
        }
        if (!result.IsOk)
        {
            Console.Error.WriteLine(result.Error);
            return 1;
        }
        @out.WriteLine($"Copied {result.TotalRows} rows in {result.Tables.Count} tables to the {provider} database: " +
            string.Join(", ", result.Tables.Where(t => t.Rows > 0).Select(t => $"{t.Table} {t.Rows}")) + ".");
        return 0;
    }

    /// <summary>Reads a live NetBox and imports its power objects in one all-or-nothing write.</summary>
    private static async Task<int> ImportNetBoxAsync(DcimStore store, TopologyService topology, TextWriter @out, string url, string token, ImportMode mode)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        string document;
        try
        {
            var (doc, counts, version) = await NetBoxDocument.ReadAsync(new NetBoxClient(http, url, token), CancellationToken.None);
            document = doc;
            @out.WriteLine($"NetBox {version} at {url}: {counts.Sites} sites, {counts.Locations} locations, {counts.Racks} racks, {counts.PowerPanels} power panels, " +
                $"{counts.PowerFeeds} power feeds, {counts.Manufacturers} manufacturers, {counts.DeviceRoles} device roles, {counts.DeviceTypes} device types, {counts.Devices} devices, {counts.PowerPorts} power ports, " +
                $"{counts.PowerOutlets} power outlets, {counts.Cables} power cables.");
        }
        catch (NetBoxException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine("Nothing was imported.");
            return 1;
        }
        if (mode == ImportMode.Replace)
        {
            var plan = await store.ImportAsync(document, mode);
            if (!plan.IsValid)
            {
                PrintErrors(plan.Errors, "Nothing was imported.");
                return 1;
            }
            @out.WriteLine($"Imported {plan.Added.Count} objects (replace); the database now holds {topology.Current.Installation.ObjectCount}.");
            return 0;
        }
        // Without --replace: update in place, matched by NetBox id (objects made in PowerMap are kept).
        var result = await store.ImportNetBoxAsync(document);
        if (!result.IsOk)
        {
            PrintErrors(result.Message is { } m && result.Errors.IsValid ? new PowerMap.Core.Dcim.ValidationErrors().Add(PowerMap.Core.Dcim.ValidationErrors.NonField, m) : result.Errors,
                "Nothing was imported.");
            return 1;
        }
        @out.WriteLine(NetBoxImportReport.Format(result));
        @out.WriteLine($"The database now holds {topology.Current.Installation.ObjectCount} objects.");
        return 0;
    }

    /// <summary>Every error as "path: message" on standard error, then what did not happen.</summary>
    private static void PrintErrors(PowerMap.Core.Dcim.ValidationErrors errors, string outcome)
    {
        foreach (var (path, messages) in errors)
        {
            foreach (var m in messages)
            {
                Console.Error.WriteLine($"{path}: {m}");
            }
        }
        Console.Error.WriteLine(outcome);
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static async Task<int> AddUserAsync(IServiceProvider services, TextWriter @out, string name, string role, string? password)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        bool generated = password is null;
        password ??= AccountService.NewPassword();
        var result = await accounts.AddAsync(name, role, password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                Console.Error.WriteLine(e.Description);
            }
            return 1;
        }
        @out.WriteLine($"User '{name}' added with role {role}.");
        if (generated)
        {
            @out.WriteLine($"Password (shown once): {password}");
        }
        return 0;
    }

    private static async Task<int> AddTokenAsync(IServiceProvider services, TextWriter @out, string userName, bool readOnly, string? expiresDays)
    {
        await using var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<AccountService>().FindAsync(userName);
        if (user is null)
        {
            Console.Error.WriteLine($"No user '{userName}'. Add one first: user add {userName} --role editor");
            return 1;
        }
        DateTime? expires = null;
        if (expiresDays is not null)
        {
            if (!int.TryParse(expiresDays, out int days) || days <= 0)
            {
                Console.Error.WriteLine("--expires: a whole number of days above 0.");
                return 2;
            }
            expires = DateTime.UtcNow.AddDays(days);
        }
        var (_, key) = await services.GetRequiredService<TokenStore>().CreateAsync(user.Id, writeEnabled: !readOnly, expires, "command line");
        @out.WriteLine($"{(readOnly ? "Read-only" : "Write-enabled")} token for '{userName}'{(expires is { } e ? $", expires {e:yyyy-MM-dd HH:mm} UTC" : "")}. Use it as: Authorization: Token <key>");
        @out.WriteLine(key);
        return 0;
    }
}

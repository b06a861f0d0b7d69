using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Tests.TestSupport;
using PowerMap.Tests.Web.Dcim;

namespace PowerMap.Tests.Web.Operations;

// Instance A is a real process, killed (SIGKILL) while 16 writes to it are in flight; instance B (in-process) on the same
// PostgreSQL database keeps serving and writing, and the database and B's snapshot stay consistent.
public class InstanceKilledTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillingOneInstanceMidWrite_TheOtherKeepsServing_AndTheDatabaseStaysConsistent()
    {
        string connection = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var b = new SharedPostgresApiFactory(connection);
        var apiB = await DcimClient.SeededAsync(b);
        int id = await apiB.IdAsync("power-feeds", "name=Feed 1");

        using var a = StartInstance(connection, out int port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", b.AdminKey);
            await WaitReadyAsync(http, a);
            var apiA = new DcimClient(http);

            var writes = Enumerable.Range(0, 16)
                .Select(i => Task.Run(() => apiA.PatchAsync(DcimClient.Url("power-feeds", id), $$"""{"description": "from A {{i}}"}"""), Ct))
                .ToList();
            await Task.Delay(150, Ct);
            a.Kill(entireProcessTree: true);
            await a.WaitForExitAsync(Ct);
            foreach (var w in writes)
            {
                try
                {
                    await w;
                }
                catch (HttpRequestException)
                {
                    // The instance died under this request: whether it committed is read from the database below.
                }
                catch (TaskCanceledException)
                {
                }
            }
        }
        finally
        {
            if (!a.HasExited)
            {
                a.Kill(entireProcessTree: true);
            }
        }

        // B serves and writes (A's advisory lock went with its connections).
        Assert.Equal(HttpStatusCode.OK, (await apiB.GetAsync(DcimClient.Url("power-feeds", id))).Status);
        var afterKill = await apiB.PatchAsync(DcimClient.Url("power-feeds", id), """{"description": "from B"}""");
        Assert.True(afterKill.Status == HttpStatusCode.OK, afterKill.ToString());

        // Consistent: every committed update is one version and one change record, and B's snapshot is the database.
        var topology = b.Services.GetRequiredService<TopologyService>();
        await topology.CatchUpAsync(Ct);
        await using var db = await topology.DbFactory.CreateDbContextAsync(Ct);
        var stored = await db.PowerFeeds.AsNoTracking().SingleAsync(f => f.Id == id, Ct);
        int updates = await db.ObjectChanges.CountAsync(c => c.ChangedObjectType == "dcim.powerfeed" && c.ChangedObjectId == id && c.Action == ObjectChange.Update, Ct);
        Assert.Equal(1 + updates, stored.Version);
        Assert.Equal("from B", stored.Description);
        Assert.Equal(TopologyExporter.ExportJson(await new TopologyStore(topology.DbFactory).LoadAsync(Ct)), TopologyExporter.ExportJson(topology.Current.Installation));
        Assert.Equal(await topology.DatabaseRevisionAsync(Ct), topology.DataRevision);
    }

    private static Process StartInstance(string connection, out int port)
    {
        port = FreePort();
        string web = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "PowerMap.Web", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "PowerMap.Web.dll"));
        Assert.True(File.Exists(web), "Build the solution first: " + web);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(web);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__PowerMap"] = connection;
        start.Environment["PowerMap__DemoData"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient http, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, "Instance A exited at start-up.");
            try
            {
                if ((await http.GetAsync("/health/ready", Ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "Instance A was not ready within 90 s.");
            await Task.Delay(200, Ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

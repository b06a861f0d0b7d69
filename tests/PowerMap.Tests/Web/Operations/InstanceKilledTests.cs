using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PowerMap.Core.Data;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Tests.TestSupport;
using PowerMap.Tests.Web.Dcim;

namespace PowerMap.Tests.Web.Operations;

// Instance A is a real process, killed (SIGKILL) in the middle of a write: holding the writers' lock, its transaction
// open, its UPDATE waiting for a row the test holds locked, 16 writes to it in flight. Instance B (in-process) on the same
// PostgreSQL database keeps serving and writing, none of A's writes is in the database, and the database and B's snapshot
// stay consistent.
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
        int version = (await apiB.GetAsync(DcimClient.Url("power-feeds", id))).Version;

        using var a = StartInstance(connection, out int port);
        int unanswered = 0;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", b.AdminKey);
            await WaitReadyAsync(http, a);
            var apiA = new DcimClient(http);

            // The feed's row is locked (as by a long transaction): A's first write blocks in its UPDATE, mid-transaction.
            await using var rowLock = new NpgsqlConnection(connection);
            await rowLock.OpenAsync(Ct);
            await using var held = await rowLock.BeginTransactionAsync(Ct);
            await using (var select = new NpgsqlCommand($"SELECT 1 FROM \"PowerFeeds\" WHERE \"Id\" = {id} FOR UPDATE", rowLock, held))
            {
                await select.ExecuteScalarAsync(Ct);
            }
            var writes = Enumerable.Range(0, 16)
                .Select(i => Task.Run(() => apiA.PatchAsync(DcimClient.Url("power-feeds", id), $$"""{"description": "from A {{i}}"}"""), Ct))
                .ToList();
            // Mid-write: A holds the writers' lock and its UPDATE waits for the row (seen from outside any transaction:
            // pg_stat_activity is a snapshot per transaction).
            await using var probe = new NpgsqlConnection(connection);
            await probe.OpenAsync(Ct);
            await WaitUntilAsync(async () => await ScalarAsync(probe, "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") == 1
                && await ScalarAsync(probe, "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE \"PowerFeeds\"%'") == 1);
            a.Kill(entireProcessTree: true);
            await a.WaitForExitAsync(Ct);
            await held.RollbackAsync(Ct);
            foreach (var w in writes)
            {
                try
                {
                    await w;
                }
                catch (HttpRequestException)
                {
                    unanswered++;
                }
                catch (TaskCanceledException)
                {
                    unanswered++;
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
        Assert.Equal(16, unanswered);

        // B serves and writes (A's advisory lock went with its connections).
        Assert.Equal(HttpStatusCode.OK, (await apiB.GetAsync(DcimClient.Url("power-feeds", id))).Status);
        var afterKill = await apiB.PatchAsync(DcimClient.Url("power-feeds", id), """{"description": "from B"}""");
        Assert.True(afterKill.Status == HttpStatusCode.OK, afterKill.ToString());

        // Consistent: A's open transaction rolled back (B's update is the only one since the seed), every committed update
        // is one version and one change record, and B's snapshot is the database.
        var topology = b.Services.GetRequiredService<TopologyService>();
        await topology.CatchUpAsync(Ct);
        await using var db = await topology.DbFactory.CreateDbContextAsync(Ct);
        var stored = await db.PowerFeeds.AsNoTracking().SingleAsync(f => f.Id == id, Ct);
        int updates = await db.ObjectChanges.CountAsync(c => c.ChangedObjectType == "dcim.powerfeed" && c.ChangedObjectId == id && c.Action == ObjectChange.Update, Ct);
        Assert.Equal(version + 1, stored.Version);
        Assert.Equal(1 + updates, stored.Version);
        Assert.Equal("from B", stored.Description);
        Assert.Equal(TopologyExporter.ExportJson(await new TopologyStore(topology.DbFactory).LoadAsync(Ct)), TopologyExporter.ExportJson(topology.Current.Installation));
        Assert.Equal(await topology.DatabaseRevisionAsync(Ct), topology.DataRevision);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), "Instance A's write did not reach the locked row (holding the writers' lock) within 4 s.");
            await Task.Delay(20, Ct);
        }
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

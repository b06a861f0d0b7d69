using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Dcim;
using PowerMap.Tests.Web.Dcim;

namespace PowerMap.Tests.Web.Operations;

/// <summary>Two app instances (A and B) on one PostgreSQL database, as two processes behind a load balancer.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public SharedPostgresApiFactory A { get; private set; } = null!;
    public SharedPostgresApiFactory B { get; private set; } = null!;

    /// <summary>B's catch-ups since the last <see cref="ResetCatchUps"/>: (revisions, reloaded).</summary>
    public List<(int Revisions, bool Reloaded)> CatchUpsOfB { get; } = [];

    public async ValueTask InitializeAsync()
    {
        string connection = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        A = new SharedPostgresApiFactory(connection);
        B = new SharedPostgresApiFactory(connection);
        // One after the other: the first migrates, both make the same test admin.
        _ = A.AdminKey;
        _ = B.AdminKey;
        B.Services.GetRequiredService<TopologyService>().CaughtUp += (revisions, reloaded) =>
        {
            lock (CatchUpsOfB)
            {
                CatchUpsOfB.Add((revisions, reloaded));
            }
        };
    }

    public void ResetCatchUps()
    {
        lock (CatchUpsOfB)
        {
            CatchUpsOfB.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        if (B is not null)
        {
            await B.DisposeAsync();
        }
    }
}

// Instances that agree: a write on one is applied by the other from the change records (LISTEN/NOTIFY), writers on
// both are serialized by the database, and a stale If-Match is refused on either.
public class MultiInstanceTests(TwoInstances apps) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Seeds through A and waits until B has the seed too.</summary>
    private async Task<(DcimClient A, DcimClient B, int FeedId)> SeededAsync(string feed = "Feed 1")
    {
        var a = await DcimClient.SeededAsync(apps.A);
        var b = new DcimClient(apps.B.CreateClient());
        int id = await a.IdAsync("power-feeds", "name=" + feed);
        int version = (await a.GetAsync(DcimClient.Url("power-feeds", id))).Version;
        await WaitUntilAsync(async () => (await b.GetAsync(DcimClient.Url("power-feeds", id))) is { Status: HttpStatusCode.OK } r && r.Version == version,
            TimeSpan.FromSeconds(10));
        // A re-seed keeps the feed's version, so the wait above can pass before B has followed the new import: B's
        // readiness (snapshot at the database's revision, catching up first) is the sync point, so a test's own write
        // is the only thing B follows afterwards.
        using var health = apps.B.CreateClient(key: null);
        await WaitUntilAsync(async () => (await health.GetAsync("/health/ready", Ct)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        return (a, b, id);
    }

    private static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"Not seen within {timeout.TotalSeconds} s.");
            await Task.Delay(10, Ct);
        }
        return clock.Elapsed;
    }

    [Fact]
    public async Task WriteOnA_IsInBsApiWithinOneSecond_AppliedFromTheChangeRecords_NotByAReload()
    {
        var (a, b, id) = await SeededAsync();
        apps.ResetCatchUps();

        var written = await a.PatchAsync(DcimClient.Url("power-feeds", id), """{"amperage": 25}""");
        Assert.Equal(HttpStatusCode.OK, written.Status);
        var seen = await WaitUntilAsync(async () => (await b.GetAsync(DcimClient.Url("power-feeds", id))).Json.GetProperty("amperage").GetInt32() == 25,
            TimeSpan.FromSeconds(1));

        Assert.True(seen < TimeSpan.FromSeconds(1), $"B saw the write after {seen.TotalMilliseconds} ms.");
        var onB = await b.GetAsync(DcimClient.Url("power-feeds", id));
        Assert.Equal(written.Body, onB.Body);
        lock (apps.CatchUpsOfB)
        {
            Assert.Contains(apps.CatchUpsOfB, c => !c.Reloaded);
            Assert.DoesNotContain(apps.CatchUpsOfB, c => c.Reloaded);
        }
        using (var health = apps.B.CreateClient(key: null))
        {
            var ready = await health.GetAsync("/health/ready", Ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        // B's power numbers follow: its snapshot report equals a full recompute of its installation.
        var snapshot = apps.B.Services.GetRequiredService<TopologyService>().Current;
        Assert.Equal(PowerMap.Core.Power.PowerReport.Compute(snapshot.Installation).Feed(id)?.Utilization, snapshot.Report.Feed(id)?.Utilization);
        Assert.Equal(25, snapshot.Installation.FeedById[id].Amperage);
    }

    // 16 writers without If-Match on one feed, 8 through each instance: every write applies, none is lost.
    [Fact]
    public async Task SixteenWritersSplitOverBothInstances_AllApply_NoneIsLost()
    {
        var (a, b, id) = await SeededAsync("Feed 2");
        int before = (await a.GetAsync(DcimClient.Url("power-feeds", id))).Version;
        var fields = new (string Body, string Field, string Value)[]
        {
            ("""{"amperage": 20}""", "amperage", "20"), ("""{"voltage": 240}""", "voltage", "240"), ("""{"max_utilization": 90}""", "max_utilization", "90"),
            ("""{"comments": "checked"}""", "comments", "checked"), ("""{"status": "planned"}""", "status", "planned"),
            ("""{"type": "redundant"}""", "type", "redundant"), ("""{"phase": "three-phase"}""", "phase", "three-phase"),
        };
        var bodies = fields.Select(f => f.Body).Concat(Enumerable.Range(0, 16 - fields.Length).Select(i => $$"""{"description": "writer {{i}}"}""")).ToList();

        var replies = await Task.WhenAll(bodies.Select((body, i) =>
            new DcimClient((i % 2 == 0 ? apps.A : apps.B).CreateClient()).PatchAsync(DcimClient.Url("power-feeds", id), body)));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(16, replies.Select(r => r.Version).Distinct().Count());
        foreach (var api in new[] { a, b })
        {
            await WaitUntilAsync(async () => (await api.GetAsync(DcimClient.Url("power-feeds", id))).Version == before + 16, TimeSpan.FromSeconds(2));
            var stored = (await api.GetAsync(DcimClient.Url("power-feeds", id))).Json;
            foreach (var (_, field, value) in fields)
            {
                Assert.Equal(value, stored.GetProperty(field).ToString());
            }
        }
        Assert.Equal((await a.GetAsync(DcimClient.Url("power-feeds", id))).Body, (await b.GetAsync(DcimClient.Url("power-feeds", id))).Body);
    }

    [Fact]
    public async Task StaleIfMatch_Is412_OnEitherInstance()
    {
        var (a, b, id) = await SeededAsync();
        var read = await a.GetAsync(DcimClient.Url("power-feeds", id));

        var onB = await b.PatchAsync(DcimClient.Url("power-feeds", id), """{"amperage": 20}""", read.ETag);
        var staleOnA = await a.PatchAsync(DcimClient.Url("power-feeds", id), """{"voltage": 240}""", read.ETag);
        var staleOnB = await b.PatchAsync(DcimClient.Url("power-feeds", id), """{"voltage": 240}""", read.ETag);

        Assert.Equal(HttpStatusCode.OK, onB.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleOnA.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleOnB.Status);
        Assert.Equal(onB.ETag, staleOnA.ETag);
        var stored = await a.GetAsync(DcimClient.Url("power-feeds", id));
        Assert.Equal((20, 230), (stored.Json.GetProperty("amperage").GetInt32(), stored.Json.GetProperty("voltage").GetInt32()));
    }

    // The same If-Match sent to both instances at once: the database lets exactly one win.
    [Fact]
    public async Task SameIfMatchOnBothInstancesAtOnce_ExactlyOneWins()
    {
        var (a, b, id) = await SeededAsync();
        var read = await a.GetAsync(DcimClient.Url("power-feeds", id));

        var replies = await Task.WhenAll(
            a.PatchAsync(DcimClient.Url("power-feeds", id), """{"amperage": 20}""", read.ETag),
            b.PatchAsync(DcimClient.Url("power-feeds", id), """{"voltage": 240}""", read.ETag));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], replies.Select(r => r.Status).Order());
        var stored = await b.GetAsync(DcimClient.Url("power-feeds", id));
        Assert.Equal(read.Version + 1, stored.Version);
    }

    // A PDU made on B (its ports from its type), then on A a cable from PDU1's Outlet 6 to its inlet: each instance applies the
    // other's write, and both end with the same installation and the same power numbers as a full recompute.
    [Fact]
    public async Task StructuralWrites_CrossBothWays_AndBothInstancesComputeTheSameReport()
    {
        var (a, b, _) = await SeededAsync();
        var pdu = await b.PostAsync("/api/dcim/devices/", """{"site": {"name": "DC1"}, "name": "PDU3", "device_type": {"model": "PDU-8"}, "role": "pdu"}""");
        Assert.True(pdu.Status == HttpStatusCode.Created, pdu.ToString());
        await WaitUntilAsync(async () => await a.CountAsync("power-ports", "device=PDU3") == 1, TimeSpan.FromSeconds(1));
        var cable = await a.PostAsync("/api/dcim/cables/", """
            {"a_terminations": [{"object_type": "dcim.poweroutlet", "object_id": {"device": {"name": "PDU1"}, "name": "Outlet 6"}}],
             "b_terminations": [{"object_type": "dcim.powerport", "object_id": {"device": {"name": "PDU3"}, "name": "Inlet"}}]}
            """);
        Assert.True(cable.Status == HttpStatusCode.Created, cable.ToString());

        var topologyA = apps.A.Services.GetRequiredService<TopologyService>();
        var topologyB = apps.B.Services.GetRequiredService<TopologyService>();
        await WaitUntilAsync(() => Task.FromResult(topologyA.DataRevision == topologyB.DataRevision), TimeSpan.FromSeconds(1));
        Assert.Equal(TopologyExporter.ExportJson(topologyA.Current.Installation), TopologyExporter.ExportJson(topologyB.Current.Installation));
        var full = PowerMap.Core.Power.PowerReport.Compute(topologyB.Current.Installation);
        Assert.Equal(full.Feeds.Select(f => f.Utilization), topologyB.Current.Report.Feeds.Select(f => f.Utilization));
        Assert.Equal(topologyA.Current.Report.Feeds.Select(f => f.Utilization), topologyB.Current.Report.Feeds.Select(f => f.Utilization));
    }

    /// <summary>A client of <paramref name="app"/> without a token that keeps no cookies and follows no redirects.</summary>
    private static HttpClient BrowserLike(ApiFactory app)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private static IEnumerable<string> CookiesOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    // Behind a load balancer without sticky sessions: the sign-in form comes from B, the sign-in is posted to A (B's
    // antiforgery token must be accepted by A), and A's sign-in cookie is then accepted by B.
    [Fact]
    public async Task SignInCookieAndAntiforgeryToken_OfOneInstance_AreAcceptedByTheOther()
    {
        await TestAccounts.EnsureUserAsync(apps.A.Services, "roaming-viewer", PowerMap.Core.Data.Accounts.Roles.Viewer);
        using var a = BrowserLike(apps.A);
        using var b = BrowserLike(apps.B);

        var form = await b.GetAsync("/account/login", Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        string html = await form.Content.ReadAsStringAsync(Ct);
        var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(antiforgery.Success, "no antiforgery token in the sign-in form");
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([
                new("_handler", "login"), new("__RequestVerificationToken", antiforgery.Groups[1].Value),
                new("Input.UserName", "roaming-viewer"), new("Input.Password", TestAccounts.Password)]),
        };
        post.Headers.Add("Cookie", string.Join("; ", CookiesOf(form)));
        var signedIn = await a.SendAsync(post, Ct);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        string? auth = CookiesOf(signedIn).SingleOrDefault(c => c.StartsWith("PowerMap.Auth=", StringComparison.Ordinal));
        Assert.NotNull(auth);
        using (var anonymous = new HttpRequestMessage(HttpMethod.Get, "/api/dcim/sites/"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await b.SendAsync(anonymous, Ct)).StatusCode);
        }
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/dcim/sites/");
        read.Headers.Add("Cookie", auth);
        Assert.Equal(HttpStatusCode.OK, (await b.SendAsync(read, Ct)).StatusCode);

        // The one key ring both used lives in the database, not in either process's home directory.
        await using var db = await apps.A.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PowerMapDbContext>>().CreateDbContextAsync(Ct);
        Assert.NotEmpty(db.DataProtectionKeys);
    }
}

using System.Net;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Dcim;

namespace PowerMap.Tests.Web.Dcim;

// Optimistic concurrency: ETag W/"version" on every object answer; If-Match checked under the store's write lock.
public class DcimApiConcurrencyTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Patch_TwoClientsWithTheSameIfMatch_OneWinsTheOtherIs412_AndNothingIsLost()
    {
        await DcimClient.SeededAsync(app);
        var first = new DcimClient(app.CreateClient());
        var second = new DcimClient(app.CreateClient());
        int id = await first.IdAsync("power-feeds", "name=Feed 1");
        var read = await first.GetAsync(DcimClient.Url("power-feeds", id));
        var etag = read.ETag!;
        Assert.Equal(DcimClient.WeakETag(read.Version), etag);

        var replies = await Task.WhenAll(
            first.PatchAsync(DcimClient.Url("power-feeds", id), """{"amperage": 20}""", etag),
            second.PatchAsync(DcimClient.Url("power-feeds", id), """{"voltage": 240}""", etag));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], replies.Select(r => r.Status).Order());
        var winner = replies.Single(r => r.Status == HttpStatusCode.OK);
        var loser = replies.Single(r => r.Status == HttpStatusCode.PreconditionFailed);
        Assert.Equal("application/problem+json", loser.ContentType);
        Assert.Equal(winner.ETag, loser.ETag);
        var stored = await first.GetAsync(DcimClient.Url("power-feeds", id));
        Assert.Equal(read.Version + 1, stored.Version);
        bool amperageWon = ReferenceEquals(winner, replies[0]);
        Assert.Equal(amperageWon ? 20 : 16, stored.Json.GetProperty("amperage").GetInt32());
        Assert.Equal(amperageWon ? 230 : 240, stored.Json.GetProperty("voltage").GetInt32());
        Assert.Equal(80, stored.Json.GetProperty("max_utilization").GetInt32());
        Assert.Equal(winner.Body, stored.Body);
    }

    [Fact]
    public async Task Patch_ManyClientsWithoutIfMatch_OnDifferentFields_AllApply()
    {
        await DcimClient.SeededAsync(app);
        var api = new DcimClient(app.CreateClient());
        int id = await api.IdAsync("power-feeds", "name=Feed 1");
        string[] bodies =
        [
            """{"amperage": 20}""", """{"voltage": 240}""", """{"max_utilization": 90}""", """{"description": "A side"}""",
            """{"comments": "checked"}""", """{"status": "planned"}""", """{"type": "redundant"}""", """{"phase": "three-phase"}""",
        ];

        var replies = await Task.WhenAll(bodies.Select(b => new DcimClient(app.CreateClient()).PatchAsync(DcimClient.Url("power-feeds", id), b)));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var stored = (await api.GetAsync(DcimClient.Url("power-feeds", id))).Json;
        Assert.Equal(1 + bodies.Length, stored.GetProperty("version").GetInt32());
        Assert.Equal((20, 240, 90, "A side", "checked", "planned", "redundant", "three-phase"),
            (stored.GetProperty("amperage").GetInt32(), stored.GetProperty("voltage").GetInt32(), stored.GetProperty("max_utilization").GetInt32(),
             stored.GetProperty("description").GetString(), stored.GetProperty("comments").GetString(), stored.GetProperty("status").GetString(),
             stored.GetProperty("type").GetString(), stored.GetProperty("phase").GetString()));
    }

    // The README's promise: a write without If-Match applies. 32 at once on one object: none refused, none lost.
    [Fact]
    public async Task Patch_32ConcurrentWritersWithoutIfMatch_AllApply_AndEveryFieldIsKept()
    {
        await DcimClient.SeededAsync(app);
        var api = new DcimClient(app.CreateClient());
        int id = await api.IdAsync("power-feeds", "name=Feed 2");
        int before = (await api.GetAsync(DcimClient.Url("power-feeds", id))).Version;
        var fields = new (string Body, string Field, string Value)[]
        {
            ("""{"amperage": 20}""", "amperage", "20"), ("""{"voltage": 240}""", "voltage", "240"), ("""{"max_utilization": 90}""", "max_utilization", "90"),
            ("""{"comments": "checked"}""", "comments", "checked"), ("""{"status": "planned"}""", "status", "planned"),
            ("""{"type": "redundant"}""", "type", "redundant"), ("""{"phase": "three-phase"}""", "phase", "three-phase"),
        };
        var bodies = fields.Select(f => f.Body).Concat(Enumerable.Range(0, 32 - fields.Length).Select(i => $$"""{"description": "writer {{i}}"}""")).ToList();

        var replies = await Task.WhenAll(bodies.Select(b => new DcimClient(app.CreateClient()).PatchAsync(DcimClient.Url("power-feeds", id), b)));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var stored = (await api.GetAsync(DcimClient.Url("power-feeds", id))).Json;
        Assert.Equal(before + 32, stored.GetProperty("version").GetInt32());
        Assert.All(fields, f => Assert.Equal(f.Value, stored.GetProperty(f.Field).ToString()));
        Assert.StartsWith("writer ", stored.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Patch_WithAStaleIfMatch_Is412_AndChangesNothing()
    {
        var api = await DcimClient.SeededAsync(app);
        int id = await api.IdAsync("power-feeds", "name=Feed 1");
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(DcimClient.Url("power-feeds", id), """{"amperage": 20}""")).Status);
        var before = await app.ExportAsync();

        var reply = await api.PatchAsync(DcimClient.Url("power-feeds", id), """{"amperage": 32}""", DcimClient.WeakETag(1));

        Assert.Equal(HttpStatusCode.PreconditionFailed, reply.Status);
        Assert.Equal(DcimClient.WeakETag(2), reply.ETag);
        Assert.Equal(before, await app.ExportAsync());
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"1\"")]
    [InlineData("*")]
    [InlineData("W/\"7\", W/\"1\"")]
    public async Task Patch_WithAMatchingIfMatch_Applies(string ifMatch)
    {
        var api = await DcimClient.SeededAsync(app);
        int id = await api.IdAsync("sites", "name=DC1");

        var reply = await api.PatchAsync(DcimClient.Url("sites", id), """{"description": "main"}""", ifMatch);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(DcimClient.WeakETag(2), reply.ETag);
    }

    [Theory]
    [InlineData(null, 3, null)]
    [InlineData("", 3, null)]
    [InlineData("*", 3, null)]
    [InlineData("W/\"3\"", 3, 3)]
    [InlineData("\"3\"", 3, 3)]
    [InlineData("W/\"2\"", 3, -1)]
    [InlineData("garbage", 3, -1)]
    [InlineData("W/\"1\", \"3\"", 3, 3)]
    public void ExpectedVersion_FromIfMatch_IsTheVersionAWriteMustFind(string? ifMatch, int stored, int? expected)
    {
        Assert.Equal(expected, DcimApi.ExpectedVersion(ifMatch, stored));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class DcimApiConcurrencyTestsOnPostgres(PostgresApiFactory app) : DcimApiConcurrencyTests(app), IClassFixture<PostgresApiFactory>;

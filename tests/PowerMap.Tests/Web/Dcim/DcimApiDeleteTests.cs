using System.Net;
using System.Text.Json;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Dcim;

// NetBox's delete effects through the REST API (power-model.md §4, docs/decisions.md), on the seed example:
// Panel 1 → Feed 1 → PDU1/Inlet → Outlet 1 → Server/PSU1, Outlet 2 → Router/PSU1 (and the same via Feed 2 / PDU2).
public class DcimApiDeleteTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task DeletePort_LeavesItsOutletsUnmapped_AndFreesTheFeed()
    {
        var api = await DcimClient.SeededAsync(app);
        var inlet = await api.GetObjectAsync("power-ports", "device=PDU1&name=Inlet");
        int cable = inlet.GetProperty("cable").GetProperty("id").GetInt32();

        var reply = await api.DeleteAsync(DcimClient.Url("power-ports", inlet.GetProperty("id").GetInt32()));

        Assert.Equal(HttpStatusCode.NoContent, reply.Status);
        var outlets = (await api.GetAsync("/api/dcim/power-outlets/?device=PDU1")).Json.GetProperty("results");
        Assert.Equal(8, outlets.GetArrayLength());
        Assert.All(outlets.EnumerateArray(), o => Assert.Equal(JsonValueKind.Null, o.GetProperty("power_port").ValueKind));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(DcimClient.Url("cables", cable))).Status);
        var feed = await api.GetObjectAsync("power-feeds", "name=Feed 1");
        Assert.Equal(JsonValueKind.Null, feed.GetProperty("cable").ValueKind);
        Assert.Equal(JsonValueKind.Null, feed.GetProperty("connected_endpoint").ValueKind);
        Assert.Equal(JsonValueKind.Null, feed.GetProperty("utilization").ValueKind);
        // The outlets still carry their cables to the servers.
        Assert.Equal(JsonValueKind.Object, outlets[0].GetProperty("cable").ValueKind);
    }

    [Fact]
    public async Task DeleteCable_FreesBothEnds_SoEachCanBeCabledAgain()
    {
        var api = await DcimClient.SeededAsync(app);
        var feed = await api.GetObjectAsync("power-feeds", "name=Feed 1");
        int cable = feed.GetProperty("cable").GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(DcimClient.Url("cables", cable))).Status);

        feed = await api.GetObjectAsync("power-feeds", "name=Feed 1");
        var inlet = await api.GetObjectAsync("power-ports", "device=PDU1&name=Inlet");
        Assert.Equal(JsonValueKind.Null, feed.GetProperty("cable").ValueKind);
        Assert.Equal(JsonValueKind.Null, feed.GetProperty("utilization").ValueKind);
        Assert.Equal(JsonValueKind.Null, inlet.GetProperty("cable").ValueKind);
        Assert.Equal(8.0, (await api.GetObjectAsync("racks", "name=R1")).GetProperty("power_utilization").GetDouble());
        var again = await api.PostAsync("/api/dcim/cables/", $$$"""
            {"a_terminations": [{"object_type": "dcim.powerfeed", "object_id": {{{feed.GetProperty("id").GetInt32()}}}}],
             "b_terminations": [{"object_type": "dcim.powerport", "object_id": {{{inlet.GetProperty("id").GetInt32()}}}}]}
            """);
        Assert.True(again.Status == HttpStatusCode.Created, again.ToString());
        Assert.Equal(16.0, (await api.GetObjectAsync("power-feeds", "name=Feed 1")).GetProperty("utilization").GetProperty("percent").GetDouble());
    }

    [Theory]
    [InlineData("power-panels", "name=Panel 1", "Cannot delete power panel 'Panel 1': it is still referenced by power feeds: Feed 1, Feed 2.")]
    [InlineData("racks", "name=R1", "Cannot delete rack 'R1': it is still referenced by power feeds: Feed 1, Feed 2; devices: PDU1, PDU2, Server, Router.")]
    [InlineData("sites", "name=DC1", "Cannot delete site 'DC1': it is still referenced by racks: R1; power panels: Panel 1; devices: PDU1, PDU2, Server, Router.")]
    [InlineData("device-types", "model=PDU-8", "Cannot delete device type 'PDU-8': it is still referenced by devices: PDU1, PDU2.")]
    public async Task Delete_StillReferenced_Is409NamingWhatReferencesIt_AndChangesNothing(string resource, string query, string detail)
    {
        var api = await DcimClient.SeededAsync(app);
        int id = await api.IdAsync(resource, query);
        var before = await app.ExportAsync();

        var reply = await api.DeleteAsync(DcimClient.Url(resource, id));

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.Equal(detail, reply.Json.GetProperty("detail").GetString());
        Assert.Equal(before, await app.ExportAsync());
    }

    [Fact]
    public async Task DeleteDevice_RemovesItsComponentsAndTheirCables()
    {
        var api = await DcimClient.SeededAsync(app);
        int pdu1 = await api.IdAsync("devices", "name=PDU1");
        var componentUrls = new List<string>();
        foreach (var resource in new[] { "power-ports", "power-outlets" })
        {
            var results = (await api.GetAsync($"/api/dcim/{resource}/?device=PDU1")).Json.GetProperty("results");
            componentUrls.AddRange(results.EnumerateArray().Select(x => DcimClient.Url(resource, x.GetProperty("id").GetInt32())));
        }
        Assert.Equal(9, componentUrls.Count);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(DcimClient.Url("devices", pdu1))).Status);

        foreach (var url in componentUrls)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(url)).Status);
        }
        Assert.Equal(0, await api.CountAsync("cables", "device=PDU1"));
        Assert.Equal(3, await api.CountAsync("cables"));
        Assert.Equal(JsonValueKind.Null, (await api.GetObjectAsync("power-ports", "device=Server&name=PSU1")).GetProperty("cable").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await api.GetObjectAsync("power-feeds", "name=Feed 1")).GetProperty("cable").ValueKind);
        Assert.Equal(16.0, (await api.GetObjectAsync("power-feeds", "name=Feed 2")).GetProperty("utilization").GetProperty("percent").GetDouble());
    }

    [Fact]
    public async Task DeleteFeed_RemovesItsCable()
    {
        var api = await DcimClient.SeededAsync(app);
        int feed = await api.IdAsync("power-feeds", "name=Feed 1");

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(DcimClient.Url("power-feeds", feed))).Status);

        Assert.Equal(JsonValueKind.Null, (await api.GetObjectAsync("power-ports", "device=PDU1&name=Inlet")).GetProperty("cable").ValueKind);
        Assert.Equal(16.0, (await api.GetObjectAsync("racks", "name=R1")).GetProperty("power_utilization").GetDouble());
    }

    [Fact]
    public async Task Delete_WithIfMatch_ChecksTheVersion()
    {
        var api = await DcimClient.SeededAsync(app);
        int feed = await api.IdAsync("power-feeds", "name=Feed 1");
        var before = await app.ExportAsync();

        var stale = await api.DeleteAsync(DcimClient.Url("power-feeds", feed), DcimClient.WeakETag(7));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(DcimClient.WeakETag(1), stale.ETag);
        Assert.Equal(before, await app.ExportAsync());

        var current = await api.DeleteAsync(DcimClient.Url("power-feeds", feed), DcimClient.WeakETag(1));
        Assert.Equal(HttpStatusCode.NoContent, current.Status);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class DcimApiDeleteTestsOnPostgres(PostgresApiFactory app) : DcimApiDeleteTests(app), IClassFixture<PostgresApiFactory>;

using System.Net;
using System.Text.Json;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Dcim;

// CRUD of every /api/dcim resource on the seed example (power-model.md §7), lists, filters, computed fields, routing.
public class DcimApiCrudTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string, string, string, string> Resources => new()
    {
        // resource, POST body, PATCH body, patched field, expected value (raw JSON)
        { "sites", """{"name": "DC9", "description": "spare"}""", """{"description": "cold"}""", "description", "\"cold\"" },
        { "locations", """{"site": {"name": "DC1"}, "name": "Room-1"}""", """{"name": "Room-2"}""", "name", "\"Room-2\"" },
        { "racks", """{"site": {"name": "DC1"}, "name": "R9", "facility_id": "F-9"}""", """{"facility_id": "F-10"}""", "display", "\"R9 (F-10)\"" },
        { "power-panels", """{"site": 1, "name": "Panel 9"}""", """{"name": "Panel 10"}""", "name", "\"Panel 10\"" },
        { "power-feeds", """{"power_panel": {"site": "DC1", "name": "Panel 1"}, "name": "Feed 9", "voltage": 400, "amperage": 32, "phase": "three-phase"}""",
            """{"max_utilization": 100}""", "available_power", "22170" },
        { "device-types", """{"model": "UPS-1", "manufacturer": "ACME"}""", """{"manufacturer": "Contoso"}""", "manufacturer", "\"Contoso\"" },
        { "power-port-templates", """{"device_type": {"model": "PDU-8"}, "name": "Inlet 2", "maximum_draw": 100}""", """{"allocated_draw": 50}""", "allocated_draw", "50" },
        { "power-outlet-templates", """{"device_type": {"model": "PDU-8"}, "name": "Outlet 9", "power_port": {"device_type": {"model": "PDU-8"}, "name": "Inlet"}, "feed_leg": "A"}""",
            """{"feed_leg": "B"}""", "feed_leg", "\"B\"" },
        { "devices", """{"site": {"name": "DC1"}, "rack": {"site": "DC1", "name": "R1"}, "name": "Switch", "role": "switch"}""", """{"status": "planned"}""", "status", "\"planned\"" },
        { "power-ports", """{"device": {"name": "Server"}, "name": "PSU3", "allocated_draw": 10}""", """{"maximum_draw": 20}""", "maximum_draw", "20" },
        { "power-outlets", """{"device": {"name": "PDU1"}, "name": "Outlet 9", "power_port": {"device": {"name": "PDU1"}, "name": "Inlet"}}""", """{"status": "disabled"}""", "status", "\"disabled\"" },
        { "interfaces", """{"device": {"name": "Server"}, "name": "eth0"}""", """{"type": "10gbase-t"}""", "type", "\"10gbase-t\"" },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Resource_CreateGetListPatchDelete_RoundTrips(string resource, string create, string patch, string field, string expected)
    {
        var api = await DcimClient.SeededAsync(app);

        var created = await api.PostAsync($"/api/dcim/{resource}/", create);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        int id = created.Id;
        Assert.Equal(1, created.Version);
        Assert.Equal(DcimClient.WeakETag(1), created.ETag);
        Assert.EndsWith($"/api/dcim/{resource}/{id}/", created.Json.GetProperty("url").GetString());
        Assert.False(string.IsNullOrEmpty(created.Json.GetProperty("display").GetString()));

        var read = await api.GetAsync(DcimClient.Url(resource, id));
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(created.Body, read.Body);
        Assert.Equal(DcimClient.WeakETag(1), read.ETag);

        var list = await api.GetAsync($"/api/dcim/{resource}/?limit=1000");
        Assert.Contains(list.Json.GetProperty("results").EnumerateArray(), x => x.GetProperty("id").GetInt32() == id);

        var patched = await api.PatchAsync(DcimClient.Url(resource, id), patch);
        Assert.True(patched.Status == HttpStatusCode.OK, patched.ToString());
        Assert.Equal(2, patched.Version);
        Assert.Equal(DcimClient.WeakETag(2), patched.ETag);
        Assert.Equal(expected, patched.Json.GetProperty(field).GetRawText());
        // Only the given field (and what is derived from it) changed.
        var changed = new HashSet<string> { "version", "display", field, JsonDocument.Parse(patch).RootElement.EnumerateObject().Single().Name };
        var computed = new HashSet<string> { "available_power", "utilization", "draw", "power_utilization" };
        foreach (var p in created.Json.EnumerateObject().Where(p => !changed.Contains(p.Name) && !computed.Contains(p.Name)))
        {
            Assert.Equal(p.Value.GetRawText(), patched.Json.GetProperty(p.Name).GetRawText());
        }

        var deleted = await api.DeleteAsync(DcimClient.Url(resource, id));
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(DcimClient.Url(resource, id))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync(DcimClient.Url(resource, id))).Status);
    }

    [Fact]
    public async Task Cable_CreateGetPatchDelete_RoundTripsAndMovesTheDraw()
    {
        // PDU1 Outlet 3 ──(new cable)── Server PSU3 (100 W) → Feed 1 carries 470 + 100
        var api = await DcimClient.SeededAsync(app);
        var psu3 = await api.PostAsync("/api/dcim/power-ports/", """{"device": {"name": "Server"}, "name": "PSU3", "allocated_draw": 100, "maximum_draw": 200}""");
        int outlet3 = await api.IdAsync("power-outlets", "device=PDU1&name=Outlet 3");

        var created = await api.PostAsync("/api/dcim/cables/", $$$"""
            {"a_terminations": [{"object_type": "dcim.poweroutlet", "object_id": {{{outlet3}}}}],
             "b_terminations": [{"object_type": "dcim.powerport", "object_id": {"device": {"name": "Server"}, "name": "PSU3"}}],
             "status": "planned", "length": 2.5, "length_unit": "m"}
            """);

        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var a = Assert.Single(created.Json.GetProperty("a_terminations").EnumerateArray());
        Assert.Equal("dcim.poweroutlet", a.GetProperty("object_type").GetString());
        Assert.Equal(outlet3, a.GetProperty("object_id").GetInt32());
        Assert.Equal("Outlet 3", a.GetProperty("object").GetProperty("name").GetString());
        Assert.Equal("PDU1", a.GetProperty("object").GetProperty("device").GetProperty("name").GetString());
        var b = Assert.Single(created.Json.GetProperty("b_terminations").EnumerateArray());
        Assert.Equal(psu3.Id, b.GetProperty("object_id").GetInt32());
        Assert.Equal(2.5, created.Json.GetProperty("length").GetDouble());
        Assert.Equal("planned", created.Json.GetProperty("status").GetString());
        Assert.Equal($"#{created.Id}", created.Json.GetProperty("display").GetString());

        var feed1 = await api.GetObjectAsync("power-feeds", "name=Feed 1");
        Assert.Equal(570, feed1.GetProperty("utilization").GetProperty("allocated").GetInt64());
        var port = (await api.GetAsync(DcimClient.Url("power-ports", psu3.Id))).Json;
        Assert.Equal(created.Id, port.GetProperty("cable").GetProperty("id").GetInt32());

        var relabelled = await api.PatchAsync(DcimClient.Url("cables", created.Id), """{"label": "C-42"}""");
        Assert.Equal(HttpStatusCode.OK, relabelled.Status);
        Assert.Equal("C-42", relabelled.Json.GetProperty("display").GetString());
        Assert.Equal(created.Json.GetProperty("b_terminations").GetRawText(), relabelled.Json.GetProperty("b_terminations").GetRawText());

        var moved = await api.PatchAsync(DcimClient.Url("cables", created.Id),
            """{"a_terminations": [{"object_type": "dcim.poweroutlet", "object_id": {"device": {"name": "PDU2"}, "name": "Outlet 3"}}]}""");
        Assert.True(moved.Status == HttpStatusCode.OK, moved.ToString());
        Assert.Equal(470, (await api.GetObjectAsync("power-feeds", "name=Feed 1")).GetProperty("utilization").GetProperty("allocated").GetInt64());
        Assert.Equal(570, (await api.GetObjectAsync("power-feeds", "name=Feed 2")).GetProperty("utilization").GetProperty("allocated").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(DcimClient.Url("cables", created.Id))).Status);
        Assert.Equal(470, (await api.GetObjectAsync("power-feeds", "name=Feed 2")).GetProperty("utilization").GetProperty("allocated").GetInt64());
    }

    [Fact]
    public async Task Device_CreatedWithAType_GetsThePortsAndOutletsOfItsTemplates()
    {
        var api = await DcimClient.SeededAsync(app);

        var pdu = await api.PostAsync("/api/dcim/devices/", """{"site": {"name": "DC1"}, "name": "PDU3", "device_type": {"model": "PDU-8"}, "role": "pdu"}""");

        Assert.True(pdu.Status == HttpStatusCode.Created, pdu.ToString());
        Assert.Equal("PDU-8", pdu.Json.GetProperty("device_type").GetProperty("name").GetString());
        var inlet = await api.GetObjectAsync("power-ports", "device=PDU3");
        Assert.Equal("Inlet", inlet.GetProperty("name").GetString());
        Assert.Equal("iec-60320-c20", inlet.GetProperty("type").GetString());
        Assert.Equal(8, inlet.GetProperty("draw").GetProperty("outlet_count").GetInt32());
        var outlets = (await api.GetAsync("/api/dcim/power-outlets/?device=PDU3")).Json.GetProperty("results");
        Assert.Equal(8, outlets.GetArrayLength());
        Assert.All(outlets.EnumerateArray(), o => Assert.Equal(inlet.GetProperty("id").GetInt32(), o.GetProperty("power_port").GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Put_WithoutARequiredField_Is400_WithIt_KeepsTheOptionalFieldsNotGiven()
    {
        var api = await DcimClient.SeededAsync(app);
        int feed1 = await api.IdAsync("power-feeds", "name=Feed 1");

        var missing = await api.PutAsync(DcimClient.Url("power-feeds", feed1), """{"name": "Feed 1", "amperage": 20}""");
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal(["This field is required."], missing.Errors("power_panel"));

        var put = await api.PutAsync(DcimClient.Url("power-feeds", feed1), """{"power_panel": 1, "name": "Feed 1", "amperage": 20}""");
        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        Assert.Equal(20, put.Json.GetProperty("amperage").GetInt32());
        Assert.Equal(230, put.Json.GetProperty("voltage").GetInt32());
        Assert.Equal("R1", put.Json.GetProperty("rack").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Patch_WithTheWholeResponseAsBody_IgnoresReadOnlyFields()
    {
        var api = await DcimClient.SeededAsync(app);
        var feed = await api.GetObjectAsync("power-feeds", "name=Feed 1");
        var body = feed.GetRawText().Replace("\"comments\":\"\"", "\"comments\":\"checked\"", StringComparison.Ordinal);

        var patched = await api.PatchAsync(DcimClient.Url("power-feeds", feed.GetProperty("id").GetInt32()), body);

        Assert.True(patched.Status == HttpStatusCode.OK, patched.ToString());
        Assert.Equal("checked", patched.Json.GetProperty("comments").GetString());
        Assert.Equal(2944, patched.Json.GetProperty("available_power").GetInt64());

        var cable = (await api.GetAsync(DcimClient.Url("cables", 1))).Json;
        var relabelled = await api.PutAsync(DcimClient.Url("cables", 1), cable.GetRawText().Replace("\"label\":\"\"", "\"label\":\"C-1\"", StringComparison.Ordinal));
        Assert.True(relabelled.Status == HttpStatusCode.OK, relabelled.ToString());
        Assert.Equal("C-1", relabelled.Json.GetProperty("display").GetString());
        Assert.Equal(cable.GetProperty("a_terminations").GetRawText(), relabelled.Json.GetProperty("a_terminations").GetRawText());
    }

    [Fact]
    public async Task ComputedFields_OnFeedsPortsRacksAndDevices_AreTheSeedNumbers()
    {
        var api = await DcimClient.SeededAsync(app);

        var feed = await api.GetObjectAsync("power-feeds", "name=Feed 1");
        Assert.Equal(2944, feed.GetProperty("available_power").GetInt64());
        Assert.Equal("PDU1", feed.GetProperty("connected_endpoint").GetProperty("device").GetString());
        Assert.Equal("Inlet", feed.GetProperty("connected_endpoint").GetProperty("name").GetString());
        var u = feed.GetProperty("utilization");
        Assert.Equal((470, 850, 2944, 16.0, "normal", "bg-success"),
            (u.GetProperty("allocated").GetInt64(), u.GetProperty("maximum").GetInt64(), u.GetProperty("available").GetInt64(),
             u.GetProperty("percent").GetDouble(), u.GetProperty("status").GetString(), u.GetProperty("bar_class").GetString()));

        var inlet = await api.GetObjectAsync("power-ports", "device=PDU1&name=Inlet");
        var draw = inlet.GetProperty("draw");
        Assert.Equal((470, 850, 8, 0), (draw.GetProperty("allocated").GetInt64(), draw.GetProperty("maximum").GetInt64(),
            draw.GetProperty("outlet_count").GetInt32(), draw.GetProperty("legs").GetArrayLength()));

        Assert.Equal(16.0, (await api.GetObjectAsync("racks", "name=R1")).GetProperty("power_utilization").GetDouble());

        int pdu1 = await api.IdAsync("devices", "name=PDU1");
        var rows = await api.GetAsync($"/api/dcim/devices/{pdu1}/power-utilization/");
        var row = Assert.Single(rows.Json.EnumerateArray());
        Assert.Equal(("Inlet", 8, 470, 2944, 16.0), (row.GetProperty("port").GetString(), row.GetProperty("outlet_count").GetInt32(),
            row.GetProperty("allocated").GetInt64(), row.GetProperty("available").GetInt64(), row.GetProperty("percent").GetDouble()));
        int server = await api.IdAsync("devices", "name=Server");
        var none = await api.GetAsync($"/api/dcim/devices/{server}/power-utilization/");
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Equal(JsonValueKind.Null, none.Json.ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/dcim/devices/9999/power-utilization/")).Status);
    }

    [Fact]
    public async Task ComputedFields_AfterAWrite_AreCurrent()
    {
        var api = await DcimClient.SeededAsync(app);
        int psu1 = await api.IdAsync("power-ports", "device=Server&name=PSU1");

        var patched = await api.PatchAsync(DcimClient.Url("power-ports", psu1), """{"allocated_draw": 550}""");

        Assert.Equal(550, patched.Json.GetProperty("draw").GetProperty("allocated").GetInt64());
        var feed = await api.GetObjectAsync("power-feeds", "name=Feed 1");
        Assert.Equal(670, feed.GetProperty("utilization").GetProperty("allocated").GetInt64());
        Assert.Equal(22.8, feed.GetProperty("utilization").GetProperty("percent").GetDouble());
    }

    [Fact]
    public async Task List_PagesWithLimitAndOffset_AndLinksNextAndPrevious()
    {
        var api = await DcimClient.SeededAsync(app);

        var page = await api.GetAsync("/api/dcim/power-outlets/?device=PDU1&limit=3&offset=3");

        Assert.Equal(8, page.Json.GetProperty("count").GetInt32());
        Assert.Equal(["Outlet 4", "Outlet 5", "Outlet 6"], page.Json.GetProperty("results").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        var next = page.Json.GetProperty("next").GetString()!;
        var previous = page.Json.GetProperty("previous").GetString()!;
        Assert.Contains("device=PDU1", next);
        Assert.Contains("offset=6", next);
        Assert.Contains("offset=0", previous);
        var last = await api.GetAsync(new Uri(next).PathAndQuery);
        Assert.Equal(["Outlet 7", "Outlet 8"], last.Json.GetProperty("results").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, last.Json.GetProperty("next").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await api.GetAsync("/api/dcim/power-outlets/")).Json.GetProperty("previous").ValueKind);
    }

    [Fact]
    public async Task List_DefaultLimitIs50_AndAtMost1000()
    {
        var interfaces = string.Join(",", Enumerable.Range(1, 1005).Select(i => $$$"""{"name": "eth{{{i}}}"}"""));
        var api = await DcimClient.SeededAsync(app, $$$"""{"devices": [{"name": "Switch", "site": "DC1", "interfaces": [{{{interfaces}}}]}]}""");

        Assert.Equal(50, (await api.GetAsync("/api/dcim/interfaces/")).Json.GetProperty("results").GetArrayLength());
        Assert.Equal(1000, (await api.GetAsync("/api/dcim/interfaces/?limit=5000")).Json.GetProperty("results").GetArrayLength());
        Assert.Equal(50, (await api.GetAsync("/api/dcim/interfaces/?limit=abc&offset=-4")).Json.GetProperty("results").GetArrayLength());
        Assert.Equal(1005, (await api.GetAsync("/api/dcim/interfaces/")).Json.GetProperty("count").GetInt32());
    }

    public static TheoryData<string, string, int> Filters => new()
    {
        { "power-outlets", "device=PDU1", 8 },
        { "power-outlets", "device=PDU1&name=Outlet 1", 1 },
        { "power-outlets", "name=Outlet 1", 2 },
        { "power-outlets", "name=Outlet 1&name=Outlet 2", 4 },
        { "power-outlets", "device_id=1", 8 },
        { "power-feeds", "power_panel=Panel 1", 2 },
        { "power-feeds", "rack=R1&name=Feed 2", 1 },
        { "power-feeds", "site=DC1", 2 },
        { "power-feeds", "power_panel=Panel 9", 0 },
        { "racks", "site=DC1", 1 },
        { "devices", "rack=R1", 4 },
        { "devices", "device_type=PDU-8", 2 },
        { "devices", "site=DC1&role=server", 1 },
        { "power-ports", "device=Router", 2 },
        { "power-port-templates", "device_type=PDU-8", 1 },
        { "power-outlet-templates", "device_type=PDU-8", 8 },
        { "device-types", "model=PDU-8", 1 },
        { "cables", "device=Server", 2 },
        { "cables", "power_panel=Panel 1", 2 },
        { "sites", "name=DC1", 1 },
        { "power-panels", "site=DC1", 1 },
        { "power-ports", "brief=1&device=PDU2", 1 },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task List_FilteredByNaturalKeys_CountsTheMatches(string resource, string query, int count)
    {
        var api = await DcimClient.SeededAsync(app);

        var reply = await api.GetAsync($"/api/dcim/{resource}/?{query}");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(count, reply.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task List_UnknownFilter_Is400()
    {
        var api = await DcimClient.SeededAsync(app);

        var reply = await api.GetAsync("/api/dcim/power-feeds/?panel=Panel 1");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("Unknown filter.", Assert.Single(reply.Errors("panel")));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/dcim/power-feeds/?rack_id=x")).Status);
    }

    [Theory]
    [InlineData("/api/dcim/sites")]
    [InlineData("/api/dcim/sites/")]
    [InlineData("/api/dcim/sites/1")]
    [InlineData("/api/dcim/sites/1/")]
    [InlineData("/api/dcim/devices/1/power-utilization")]
    public async Task Paths_WithOrWithoutTrailingSlash_Answer200(string path)
    {
        var api = await DcimClient.SeededAsync(app);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(path)).Status);
    }

    [Fact]
    public async Task Writes_WithoutTrailingSlash_Work()
    {
        var api = await DcimClient.SeededAsync(app);

        var created = await api.PostAsync("/api/dcim/sites", """{"name": "DC9"}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync($"/api/dcim/sites/{created.Id}", """{"description": "x"}""")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/dcim/sites/{created.Id}")).Status);
    }

    [Fact]
    public async Task Root_ListsEveryResourceWithItsUrl()
    {
        var api = await DcimClient.SeededAsync(app);

        var root = await api.GetAsync("/api/dcim/");

        Assert.Equal(HttpStatusCode.OK, root.Status);
        Assert.Equal(15, root.Json.EnumerateObject().Count());
        Assert.EndsWith("/api/dcim/power-feeds/", root.Json.GetProperty("power-feeds").GetString());
        Assert.EndsWith("/api/dcim/device-roles/", root.Json.GetProperty("device-roles").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/dcim/sites/999/")]
    [InlineData("PATCH", "/api/dcim/sites/999/")]
    [InlineData("DELETE", "/api/dcim/sites/999/")]
    [InlineData("GET", "/api/dcim/sites/abc/")]
    [InlineData("GET", "/api/dcim/sites/99999999999/")]
    [InlineData("GET", "/api/dcim/racks/1/nothing/")]
    [InlineData("GET", "/api/dcim/bogus/")]
    [InlineData("POST", "/api/dcim/sites/1/")]
    [InlineData("GET", "/api/nothing/here")]
    public async Task UnknownObjectOrRoute_Is404ProblemJson(string method, string path)
    {
        var api = await DcimClient.SeededAsync(app);

        var reply = await api.SendAsync(new HttpMethod(method), path, method is "PATCH" or "POST" ? "{}" : null);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.Equal(404, reply.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OpenApi_DescribesEveryResourceWithTagsAndSummaries()
    {
        using var client = app.CreateClient();
        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths");

        foreach (var resource in new[] { "sites", "locations", "racks", "power-panels", "power-feeds", "device-types", "power-port-templates",
                     "power-outlet-templates", "devices", "power-ports", "power-outlets", "interfaces", "cables" })
        {
            var list = paths.GetProperty($"/api/dcim/{resource}");
            var item = paths.GetProperty($"/api/dcim/{resource}/{{id}}");
            foreach (var op in new[] { list.GetProperty("get"), list.GetProperty("post"), item.GetProperty("get"), item.GetProperty("patch"), item.GetProperty("delete") })
            {
                Assert.StartsWith("dcim: ", op.GetProperty("tags")[0].GetString());
                Assert.False(string.IsNullOrEmpty(op.GetProperty("summary").GetString()));
            }
            Assert.True(item.GetProperty("patch").TryGetProperty("requestBody", out _));
        }
        Assert.True(paths.TryGetProperty("/api/dcim/devices/{id}/power-utilization", out _));
    }

    [Fact]
    public async Task ApiDocs_TheNavLinkTarget_ServesTheScalarReference()
    {
        using var client = app.CreateClient();

        // /api-docs redirects to /api-docs/; HttpClient drops the Authorization header on a redirect (a browser has its cookie).
        Assert.Equal(HttpStatusCode.Redirect, (await app.Server.CreateClient().GetAsync("/api-docs")).StatusCode);
        var response = await client.GetAsync("/api-docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("scalar", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("openapi/v1.json", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api-docs/scalar.js")).StatusCode);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class DcimApiCrudTestsOnPostgres(PostgresApiFactory app) : DcimApiCrudTests(app), IClassFixture<PostgresApiFactory>;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Dcim;

// Ratings over HTTP (issue 10): a panel's main breaker and a PDU's rated VA are extra, nullable, writable fields of
// /api/dcim/power-panels and /devices, with the load against them; what-if and headroom list them; documents carry them.
// On the seed: Panel 1 → Feed 1 → PDU1 (470 VA), Feed 2 → PDU2 (470 VA); Server 350+350 W, Router 120+120 W.
public class DcimApiRatingTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static (long Rated, long Allocated, long Headroom, double Percent, string Status) Rating(JsonElement o)
    {
        var r = o.GetProperty("rating");
        return (r.GetProperty("rated").GetInt64(), r.GetProperty("allocated").GetInt64(), r.GetProperty("headroom").GetInt64(),
            r.GetProperty("percent").GetDouble(), r.GetProperty("status").GetString()!);
    }

    [Fact]
    public async Task PowerPanel_PatchRating_ShowsLoadAgainstIt_AndNetBoxPatchKeepsIt()
    {
        var api = await DcimClient.SeededAsync(app);
        int panel = await api.IdAsync("power-panels", "site=DC1&name=Panel 1");
        var before = await api.GetAsync(DcimClient.Url("power-panels", panel));
        Assert.Equal(JsonValueKind.Null, before.Json.GetProperty("rated_voltage").ValueKind);
        Assert.Equal(JsonValueKind.Null, before.Json.GetProperty("rating").ValueKind);

        var patched = await api.PatchAsync(DcimClient.Url("power-panels", panel), """{"rated_voltage": 230, "rated_amperage": 10, "rated_phase": "single-phase"}""");

        Assert.True(patched.Status == HttpStatusCode.OK, patched.ToString());
        Assert.Equal((230, 10, "single-phase"), (patched.Json.GetProperty("rated_voltage").GetInt32(), patched.Json.GetProperty("rated_amperage").GetInt32(),
            patched.Json.GetProperty("rated_phase").GetString()));
        // 230 V × 10 A = 2,300 VA; the panel carries 470 + 470 = 940 VA: 40.9 %, 1,360 VA headroom.
        Assert.Equal((2300L, 940L, 1360L, 40.9, "normal"), Rating(patched.Json));

        // The same numbers in the report of every computed number.
        var report = await app.GetJsonAsync("/api/power/report");
        var reported = report.GetProperty("power_panels").EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == panel);
        Assert.Equal((2300L, 940L, 1360L, 40.9, "normal"), Rating(reported));
        Assert.All(report.GetProperty("devices").EnumerateArray(), d => Assert.False(d.TryGetProperty("rating", out _)));

        // A NetBox client that knows nothing of ratings renames the panel: the rating stays.
        var renamed = await api.PatchAsync(DcimClient.Url("power-panels", panel), """{"name": "Panel 1A"}""");
        Assert.Equal(230, renamed.Json.GetProperty("rated_voltage").GetInt32());
        Assert.Equal(2300, Rating(renamed.Json).Rated);
    }

    [Fact]
    public async Task PowerPanel_IncompleteRating_Is400NamingTheFields_AndChangesNothing()
    {
        var api = await DcimClient.SeededAsync(app);
        int panel = await api.IdAsync("power-panels", "site=DC1&name=Panel 1");

        var refused = await api.PatchAsync(DcimClient.Url("power-panels", panel), """{"rated_voltage": 400}""");
        var badPhase = await api.PatchAsync(DcimClient.Url("power-panels", panel), """{"rated_voltage": 400, "rated_amperage": 100, "rated_phase": "two-phase"}""");
        var zero = await api.PatchAsync(DcimClient.Url("power-panels", panel), """{"rated_voltage": 0, "rated_amperage": 100, "rated_phase": "three-phase"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["A panel rating needs voltage, amperage and phase together (or none of them)."], refused.Errors("rated_amperage"));
        Assert.Equal(["A panel rating needs voltage, amperage and phase together (or none of them)."], refused.Errors("rated_phase"));
        Assert.Equal(HttpStatusCode.BadRequest, badPhase.Status);
        Assert.Equal(["Value 'two-phase' is not a valid choice."], badPhase.Errors("rated_phase"));
        Assert.Equal(HttpStatusCode.BadRequest, zero.Status);
        Assert.Equal(["Ensure this value is greater than or equal to 1."], zero.Errors("rated_voltage"));
        var after = await api.GetAsync(DcimClient.Url("power-panels", panel));
        Assert.Equal(1, after.Version);
        Assert.Equal(JsonValueKind.Null, after.Json.GetProperty("rated_voltage").ValueKind);
    }

    [Fact]
    public async Task Device_RatedVa_IsALimitThatNeverStopsTheRollUp()
    {
        var api = await DcimClient.SeededAsync(app);
        int pdu1 = await api.IdAsync("devices", "site=DC1&name=PDU1");

        var patched = await api.PatchAsync(DcimClient.Url("devices", pdu1), """{"rated_va": 400}""");
        var refused = await api.PatchAsync(DcimClient.Url("devices", pdu1), """{"rated_va": 0}""");

        Assert.True(patched.Status == HttpStatusCode.OK, patched.ToString());
        Assert.Equal(400, patched.Json.GetProperty("rated_va").GetInt32());
        Assert.Equal((400L, 470L, -70L, 117.5, "danger"), Rating(patched.Json));
        // Feed 1 still carries the whole 470 VA below PDU1 (a maximum_draw of 400 would have cut it to 0 allocated).
        var feed1 = await api.GetObjectAsync("power-feeds", "power_panel=Panel 1&name=Feed 1");
        Assert.Equal(470, feed1.GetProperty("utilization").GetProperty("allocated").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["Ensure this value is greater than or equal to 1."], refused.Errors("rated_va"));
    }

    [Fact]
    public async Task WhatIfAndHeadroom_ListAPduPushedOverItsRating()
    {
        var api = await DcimClient.SeededAsync(app);
        int pdu2 = await api.IdAsync("devices", "site=DC1&name=PDU2");
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(DcimClient.Url("devices", pdu2), """{"rated_va": 900}""")).Status);
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/power/what-if", new StringContent(
            """{"failed": [{"object_type": "dcim.powerfeed", "object_id": {"power_panel": {"site": "DC1", "name": "Panel 1"}, "name": "Feed 1"}}]}""",
            Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("summary").GetProperty("over_rating").GetInt32());
        var over = Assert.Single(body.GetProperty("over_rating").EnumerateArray());
        Assert.Equal(("dcim.device", "DC1", "PDU2"), (over.GetProperty("element").GetProperty("object_type").GetString(),
            over.GetProperty("element").GetProperty("site").GetString(), over.GetProperty("element").GetProperty("name").GetString()));
        Assert.Equal(900, over.GetProperty("rated").GetInt32());
        Assert.Equal((470, 52.2), (over.GetProperty("before").GetProperty("allocated").GetInt32(), over.GetProperty("before").GetProperty("percent").GetDouble()));
        Assert.Equal((940, 104.4, "danger"), (over.GetProperty("after").GetProperty("allocated").GetInt32(), over.GetProperty("after").GetProperty("percent").GetDouble(),
            over.GetProperty("after").GetProperty("status").GetString()));

        var headroom = await app.GetJsonAsync("/api/power/headroom?site=DC1");
        var rated = Assert.Single(headroom.GetProperty("ratings").EnumerateArray());
        Assert.Equal(("PDU2", 900, 470), (rated.GetProperty("element").GetProperty("name").GetString(), rated.GetProperty("rated").GetInt32(),
            rated.GetProperty("allocated").GetInt32()));
        Assert.Equal((940, 104.4), (rated.GetProperty("n1").GetProperty("allocated").GetInt32(), rated.GetProperty("n1").GetProperty("percent").GetDouble()));
        Assert.NotEqual(JsonValueKind.Null, rated.GetProperty("n1").GetProperty("cause").ValueKind);
    }

    [Fact]
    public async Task Document_RatingsRoundTrip_AndOldDocumentsStillImport()
    {
        var doc = JsonNode.Parse(DemoData.SeedExampleJson())!;
        var panel = doc["power_panels"]!.AsArray().Single(p => (string?)p!["name"] == "Panel 1")!;
        panel["rated_voltage"] = 400;
        panel["rated_amperage"] = 63;
        panel["rated_phase"] = "three-phase";
        doc["devices"]!.AsArray().Single(d => (string?)d!["name"] == "PDU1")!["rated_va"] = 3680;

        var imported = await app.ImportAsync(doc.ToJsonString(), "replace");
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var export = JsonNode.Parse(await app.ExportAsync())!;

        var exportedPanel = export["power_panels"]!.AsArray().Single(p => (string?)p!["name"] == "Panel 1")!;
        Assert.Equal((400, 63, "three-phase"), ((int)exportedPanel["rated_voltage"]!, (int)exportedPanel["rated_amperage"]!, (string)exportedPanel["rated_phase"]!));
        Assert.Equal(3680, (int)export["devices"]!.AsArray().Single(d => (string?)d!["name"] == "PDU1")!["rated_va"]!);
        Assert.Null(export["devices"]!.AsArray().Single(d => (string?)d!["name"] == "PDU2")!["rated_va"]);
        var again = await app.ImportAsync(export.ToJsonString(), "replace");
        Assert.True(again.IsSuccessStatusCode);
        Assert.Equal(export.ToJsonString(), JsonNode.Parse(await app.ExportAsync())!.ToJsonString());

        // A document without ratings (older PowerMap) imports as before; an incomplete rating is refused at its path.
        Assert.True((await app.ImportAsync(DemoData.SeedExampleJson(), "replace")).IsSuccessStatusCode);
        panel["rated_phase"] = null;
        var refused = await app.ImportAsync(doc.ToJsonString(), "replace");
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("rated_phase", problem);
        Assert.Contains("A panel rating needs voltage, amperage and phase together", problem);
    }
}

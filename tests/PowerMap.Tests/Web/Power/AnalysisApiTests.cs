using System.Net;
using CsCheck;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Power;

// The seed example (power-model.md §7): Panel 1 → Feed 1 → PDU1 ─┬─ Server PSU1/PSU2, Router PSU1/PSU2
//                                                 → Feed 2 → PDU2 ─┘
public class AnalysisApiTests(AnalysisApiTests.SeedApp app) : IClassFixture<AnalysisApiTests.SeedApp>
{
    /// <summary>The app with the seed example imported once.</summary>
    public sealed class SeedApp : ApiFactory, IAsyncLifetime
    {
        public async ValueTask InitializeAsync()
        {
            using var response = await ImportAsync(PowerMap.Core.Data.DemoData.SeedExampleJson(), "replace");
            response.EnsureSuccessStatusCode();
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string body)
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/api/power/what-if", new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task WhatIf_Feed1ByNaturalKeys_Feed2At31Point9()
    {
        var (status, body) = await PostAsync("""
            {"failed": [{"object_type": "dcim.powerfeed", "object_id": {"power_panel": {"site": "DC1", "name": "Panel 1"}, "name": "Feed 1"}}]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("split", body.GetProperty("transfer").GetString());
        var summary = body.GetProperty("summary");
        Assert.Equal((0, 2, 0, 0), (summary.GetProperty("devices_down").GetInt32(), summary.GetProperty("devices_degraded").GetInt32(),
            summary.GetProperty("watts_lost").GetInt32(), summary.GetProperty("overloaded_feeds").GetInt32()));
        var devices = body.GetProperty("devices").EnumerateArray().ToList();
        Assert.Equal(["Server", "Router"], devices.Select(d => d.GetProperty("name").GetString()));
        Assert.All(devices, d =>
        {
            Assert.Equal("DC1", d.GetProperty("site").GetString());
            Assert.Equal("degraded", d.GetProperty("state").GetString());
            Assert.Equal((2, 1), (d.GetProperty("live_ports_before").GetInt32(), d.GetProperty("live_ports_after").GetInt32()));
        });
        var feeds = body.GetProperty("power_feeds").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.True(feeds["Feed 1"].GetProperty("failed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, feeds["Feed 1"].GetProperty("after").ValueKind);
        var feed2 = feeds["Feed 2"];
        Assert.Equal(("DC1", "Panel 1"), (feed2.GetProperty("site").GetString(), feed2.GetProperty("power_panel").GetString()));
        Assert.Equal((470, 16.0, "normal"), Load(feed2.GetProperty("before")));
        Assert.Equal((940, 31.9, "normal"), Load(feed2.GetProperty("after")));
        var inlet = body.GetProperty("power_ports").EnumerateArray().Single(p => p.GetProperty("device").GetString() == "PDU2");
        Assert.Equal(("DC1", "Inlet", 940, 1700), (inlet.GetProperty("site").GetString(), inlet.GetProperty("name").GetString(),
            inlet.GetProperty("after").GetProperty("allocated").GetInt32(), inlet.GetProperty("after").GetProperty("maximum").GetInt32()));
        var rack = Assert.Single(body.GetProperty("racks").EnumerateArray());
        Assert.Equal(("R1", 16.0, 31.9), (rack.GetProperty("name").GetString(), rack.GetProperty("before").GetDouble(), rack.GetProperty("after").GetDouble()));
    }

    [Fact]
    public async Task WhatIf_AllocatedTransfer_Feed2Unchanged()
    {
        var (status, body) = await PostAsync("""{"failed": [{"object_type": "dcim.powerfeed", "object_id": {"name": "Feed 1"}}], "transfer": "allocated"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("allocated", body.GetProperty("transfer").GetString());
        Assert.DoesNotContain(body.GetProperty("power_feeds").EnumerateArray(), f => f.GetProperty("name").GetString() == "Feed 2");
    }

    [Fact]
    public async Task WhatIf_PanelById_BothDown940WattsLost()
    {
        using var client = app.CreateClient();
        var panels = await client.GetFromJsonAsync<JsonElement>("/api/dcim/power-panels/?name=Panel%201");
        int id = panels.GetProperty("results")[0].GetProperty("id").GetInt32();

        var (status, body) = await PostAsync($$"""{"failed": [{"object_type": "dcim.powerpanel", "object_id": {{id}}}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("summary").GetProperty("devices_down").GetInt32());
        Assert.Equal(940, body.GetProperty("summary").GetProperty("watts_lost").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("racks")[0].GetProperty("after").ValueKind);
    }

    [Theory]
    [InlineData("""{"failed": [{"object_type": "dcim.powerfeed", "object_id": 999999}]}""", "failed[0]")]
    [InlineData("""{"failed": [{"object_type": "dcim.powerfeed", "object_id": {"name": "Feed 1"}}, {"object_type": "dcim.powerfeed", "object_id": {"name": "Nope"}}]}""", "failed[1]")]
    [InlineData("""{"failed": [{"object_type": "dcim.rack", "object_id": 1}]}""", "failed[0]")]
    [InlineData("""{"failed": [{"object_type": "dcim.powerfeed", "object_id": {"colour": "red"}}]}""", "failed[0]")]
    [InlineData("""{"failed": [{"object_type": "dcim.powerfeed"}]}""", "failed[0]")]
    [InlineData("""{"failed": [7]}""", "failed[0]")]
    [InlineData("""{"failed": [{"object_type": "dcim.powerfeed", "object_id": [1]}]}""", "failed[0]")]
    [InlineData("""{"failed": {"object_type": "dcim.powerfeed"}}""", "failed")]
    [InlineData("""{}""", "failed")]
    [InlineData("""{"failed": [], "transfer": "even"}""", "transfer")]
    [InlineData("""{"failed": [], "colour": "red"}""", "colour")]
    [InlineData("""{"failed": [{"object_type": "dcim.powerfeed", "object_id": 1, "colour": "red"}]}""", "failed[0]")]
    [InlineData("""[1]""", "non_field_errors")]
    [InlineData("""{"failed": [""", "non_field_errors")]
    public async Task WhatIf_BadInput_400KeyedByTheItem(string body, string key)
    {
        var (status, problem) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(key, out var messages), errors.GetRawText());
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
    }

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.Const("null"), Gen.Const("1"), Gen.Const("-3"), Gen.Const("1.5"), Gen.Const("\"1\""), Gen.Const("\"\""), Gen.Const("true"), Gen.Const("[]"), Gen.Const("{}"),
        Gen.Const("\"dcim.powerfeed\""), Gen.Const("\"dcim.powerpanel\""), Gen.Const("\"dcim.device\""), Gen.Const("\"dcim.powerport\""),
        Gen.Const("\"dcim.poweroutlet\""), Gen.Const("\"dcim.rack\""), Gen.Const("\"split\""), Gen.Const("\"allocated\""), Gen.Const("99999999999"),
        Gen.Const("{\"name\": \"Feed 1\"}"), Gen.Const("{\"name\": \"Panel 1\"}"), Gen.Const("{\"device\": {\"name\": \"PDU1\"}, \"name\": \"Inlet\"}"),
        Gen.Const("{\"power_panel\": \"Panel 1\"}"), Gen.Const("{\"site\": {\"nope\": 1}}"), Gen.Int[0, 40].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Item = Gen.Select(Gen.OneOf(Gen.Const("object_type"), Gen.Const("object_id"), Gen.Const("x")), Scalar).Array[0, 3]
        .Select(kv => "{" + string.Join(", ", kv.Select(p => $"\"{p.Item1}\": {p.Item2}")) + "}");

    private static readonly Gen<string> Body = Gen.OneOf(
        Gen.Select(Gen.OneOf(Item, Scalar).Array[0, 4], Gen.OneOf(Scalar, Gen.Const("\"split\"")))
            .Select(t => $"{{\"failed\": [{string.Join(", ", t.Item1)}], \"transfer\": {t.Item2}}}"),
        Gen.Select(Gen.OneOf(Gen.Const("failed"), Gen.Const("transfer"), Gen.Const("x")), Scalar).Array[0, 3]
            .Select(kv => "{" + string.Join(", ", kv.Select(p => $"\"{p.Item1}\": {p.Item2}")) + "}"));

    [Fact]
    public async Task WhatIf_AnyBody_Is200Or400WithAProblem_NeverA500()
    {
        using var client = app.CreateClient();
        await Body.SampleAsync(async body =>
        {
            using var response = await client.PostAsync("/api/power/what-if", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {body}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }, iter: 150, threads: 1);
    }

    [Fact]
    public async Task Redundancy_Seed_PartialWithPanel1()
    {
        var body = await app.GetJsonAsync("/api/power/redundancy?site=DC1");

        var devices = body.GetProperty("devices").EnumerateArray().ToList();
        Assert.Equal(["Server", "Router"], devices.Select(d => d.GetProperty("name").GetString()));
        Assert.All(devices, d =>
        {
            Assert.Equal("partial", d.GetProperty("redundancy").GetString());
            Assert.Equal(2, d.GetProperty("live_ports").GetInt32());
            var spof = Assert.Single(d.GetProperty("single_points_of_failure").EnumerateArray());
            Assert.Equal(("dcim.powerpanel", "DC1", "Panel 1"), (spof.GetProperty("object_type").GetString(), spof.GetProperty("site").GetString(), spof.GetProperty("name").GetString()));
        });
        var site = Assert.Single(body.GetProperty("single_points_of_failure").EnumerateArray());
        Assert.Equal("Panel 1", site.GetProperty("element").GetProperty("name").GetString());
        Assert.Equal((2, 940), (site.GetProperty("devices_down").GetInt32(), site.GetProperty("watts_lost").GetInt32()));
    }

    [Fact]
    public async Task Headroom_Seed_Feed2N1At31Point9WithACause()
    {
        var body = await app.GetJsonAsync("/api/power/headroom");

        var feed2 = body.GetProperty("power_feeds").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Feed 2");
        Assert.Equal(("DC1", "Panel 1", 2944, 470), (feed2.GetProperty("site").GetString(), feed2.GetProperty("power_panel").GetString(),
            feed2.GetProperty("available").GetInt32(), feed2.GetProperty("allocated").GetInt32()));
        var n1 = feed2.GetProperty("n1");
        Assert.Equal((940, 31.9, "normal"), Load(n1));
        Assert.Contains(n1.GetProperty("cause").GetProperty("object_type").GetString(), new[] { "dcim.powerfeed", "dcim.device" });
        var rack = Assert.Single(body.GetProperty("racks").EnumerateArray());
        Assert.Equal((16.0, 31.9), (rack.GetProperty("utilization").GetDouble(), rack.GetProperty("n1").GetProperty("utilization").GetDouble()));
        Assert.Equal("Feed 1", rack.GetProperty("n1").GetProperty("cause").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/api/power/redundancy?site=Nowhere")]
    [InlineData("/api/power/headroom?site=Nowhere")]
    public async Task UnknownSite_400(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("site", out _));
    }

    [Fact]
    public async Task OpenApi_ListsTheAnalyses()
    {
        using var client = app.CreateClient();
        var doc = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/power/what-if", doc, StringComparison.Ordinal);
        Assert.Contains("/api/power/redundancy", doc, StringComparison.Ordinal);
        Assert.Contains("/api/power/headroom", doc, StringComparison.Ordinal);
    }

    private static (int Allocated, double Percent, string Status) Load(JsonElement load) =>
        (load.GetProperty("allocated").GetInt32(), load.GetProperty("percent").GetDouble(), load.GetProperty("status").GetString()!);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Power;

// The seed example: Panel 1 → Feed 1 (primary, A) → PDU1 Inlet; PDU1 Outlet 1 → Server PSU1, Outlet 2 → Router PSU1; Feed 2 → PDU2 the same.
public class TraceApiTests(AnalysisApiTests.SeedApp app) : IClassFixture<AnalysisApiTests.SeedApp>
{
    private async Task<int> IdAsync(string url)
    {
        var page = await app.GetJsonAsync(url);
        return page.GetProperty("results")[0].GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task NetBoxTrace_PowerPort_OneSegmentPortCableOutlet()
    {
        int psu = await IdAsync("/api/dcim/power-ports/?device=Server&name=PSU1");

        var trace = await app.GetJsonAsync($"/api/dcim/power-ports/{psu}/trace/");

        var segment = Assert.Single(trace.EnumerateArray());
        Assert.Equal(3, segment.GetArrayLength());
        var near = Assert.Single(segment[0].EnumerateArray());
        Assert.Equal((psu, "PSU1", "Server"), (near.GetProperty("id").GetInt32(), near.GetProperty("name").GetString(), near.GetProperty("device").GetProperty("name").GetString()));
        Assert.EndsWith($"/api/dcim/power-ports/{psu}/", near.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("PSU1", near.GetProperty("display").GetString());
        var cable = segment[1];
        Assert.True(cable.GetProperty("id").GetInt32() > 0);
        Assert.Contains("/api/dcim/cables/", cable.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.True(cable.TryGetProperty("display", out _));
        var far = Assert.Single(segment[2].EnumerateArray());
        Assert.Equal(("Outlet 1", "PDU1"), (far.GetProperty("name").GetString(), far.GetProperty("device").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task NetBoxTrace_PowerFeed_EndsOnThePduInlet()
    {
        int feed = await IdAsync("/api/dcim/power-feeds/?name=Feed%201");

        var trace = await app.GetJsonAsync($"/api/dcim/power-feeds/{feed}/trace/");

        var segment = Assert.Single(trace.EnumerateArray());
        Assert.Equal("Feed 1", segment[0][0].GetProperty("name").GetString());
        Assert.False(segment[0][0].TryGetProperty("device", out _));
        Assert.Equal(("Inlet", "PDU1"), (segment[2][0].GetProperty("name").GetString(), segment[2][0].GetProperty("device").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task NetBoxTrace_UncabledOutlet_EmptyList()
    {
        int outlet = await IdAsync("/api/dcim/power-outlets/?device=PDU1&name=Outlet%208");

        var trace = await app.GetJsonAsync($"/api/dcim/power-outlets/{outlet}/trace/");

        Assert.Equal(0, trace.GetArrayLength());
    }

    [Theory]
    [InlineData("power-ports")]
    [InlineData("power-outlets")]
    [InlineData("power-feeds")]
    public async Task NetBoxTrace_UnknownId_404Problem(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/api/dcim/{path}/999999/trace/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PowerTrace_DeviceByNaturalKeys_ChainsUpToThePanelWithSides()
    {
        var trace = await app.GetJsonAsync("/api/power/trace?object_type=dcim.device&site=DC1&name=Server");

        Assert.Equal(("dcim.device", "Server", "DC1"), (trace.GetProperty("start").GetProperty("object_type").GetString(),
            trace.GetProperty("start").GetProperty("name").GetString(), trace.GetProperty("start").GetProperty("site").GetString()));
        var chains = trace.GetProperty("upstream").EnumerateArray().ToList();
        Assert.Equal(2, chains.Count);
        var hops = chains[0].GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal(["dcim.powerport", "dcim.poweroutlet", "dcim.powerport", "dcim.powerfeed", "dcim.powerpanel"], hops.Select(h => h.GetProperty("object_type").GetString()));
        var feed = hops[3];
        Assert.Equal(("Feed 1", "A", 470, 2944, 2474), (feed.GetProperty("name").GetString(), feed.GetProperty("side").GetString(),
            feed.GetProperty("allocated").GetInt32(), feed.GetProperty("available").GetInt32(), feed.GetProperty("headroom").GetInt32()));
        Assert.True(chains[0].GetProperty("reaches_panel").GetBoolean());
    }

    [Fact]
    public async Task PowerTrace_Panel_TreeBelow()
    {
        var trace = await app.GetJsonAsync("/api/power/trace?object_type=dcim.powerpanel&name=Panel%201");

        var steps = trace.GetProperty("downstream").EnumerateArray().ToList();
        Assert.Contains(steps, s => s.GetProperty("to").GetProperty("name").GetString() == "Server");
        Assert.Contains(steps, s => s.GetProperty("to").GetProperty("name").GetString() == "Feed 1" && s.GetProperty("depth").GetInt32() == 1);
    }

    [Theory]
    [InlineData("/api/power/trace", "object_type")]
    [InlineData("/api/power/trace?object_type=dcim.rack&name=R1", "object_type")]
    [InlineData("/api/power/trace?object_type=dcim.device", "object_id")]
    [InlineData("/api/power/trace?object_type=dcim.device&name=Nope", "object_id")]
    [InlineData("/api/power/trace?object_type=dcim.device&colour=red", "object_id")]
    public async Task PowerTrace_BadReference_400(string url, string key)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(key, out _), problem.GetRawText());
    }
}

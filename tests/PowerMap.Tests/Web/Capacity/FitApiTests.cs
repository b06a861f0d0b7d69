using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Capacity;

// The seed (power-model.md §7): Feed 1 ── PDU1 (outlets 1, 2 cabled), Feed 2 ── PDU2 (outlets 1, 2 cabled), rack R1.
public class FitApiTests(FitApiTests.SeedApp app) : IClassFixture<FitApiTests.SeedApp>
{
    public sealed class SeedApp : ApiFactory, IAsyncLifetime
    {
        public async ValueTask InitializeAsync()
        {
            using var response = await ImportAsync(PowerMap.Core.Data.DemoData.SeedExampleJson(), "replace");
            response.EnsureSuccessStatusCode();
        }
    }

    private static void AssertSeedPlacement(JsonElement body)
    {
        var first = body.GetProperty("placements")[0];
        Assert.Equal("R1", first.GetProperty("rack").GetString());
        var outlets = first.GetProperty("outlets").EnumerateArray().Select(o => (o.GetProperty("device").GetString(), o.GetProperty("outlet").GetString(), o.GetProperty("side").GetString())).ToList();
        Assert.Equal([("PDU1", "Outlet 3", "A"), ("PDU2", "Outlet 3", "B")], outlets);
        var feed1 = first.GetProperty("power_feeds").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Feed 1");
        // N−1 after with the 500 W maximum draw: 940 + 500 = 1440 VA of 2944 VA.
        Assert.Equal((16.0, 22.8, 31.9, 48.9), (feed1.GetProperty("percent_before").GetDouble(), feed1.GetProperty("percent_after").GetDouble(),
            feed1.GetProperty("n1_percent_before").GetDouble(), feed1.GetProperty("n1_percent_after").GetDouble()));
    }

    [Fact]
    public async Task Get_Seed400WDualCorded_FitsOnOutlet3()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/power/fit?allocated_draw=400&maximum_draw=500&power_supplies=2&site=dc1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSeedPlacement(await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_ViewerToken_ComputesLikeGet()
    {
        // A viewer's read-only token may POST here: the fit computes and changes nothing (as the what-if).
        var key = await TestAccounts.TokenAsync(app.Services, "fit-viewer", PowerMap.Core.Data.Accounts.Roles.Viewer, writeEnabled: false);
        using var client = app.CreateClient(key);
        using var response = await client.PostAsync("/api/power/fit",
            new StringContent("""{"allocated_draw": 400, "maximum_draw": 500, "power_supplies": 2}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSeedPlacement(await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("power_supplies=2", "allocated_draw")]
    [InlineData("allocated_draw=400&maximum_draw=300&power_supplies=2", "maximum_draw")]
    [InlineData("allocated_draw=400&power_supplies=0", "power_supplies")]
    [InlineData("allocated_draw=400&power_supplies=2&site=dc404", "site")]
    [InlineData("allocated_draw=400&power_supplies=2&rack=99999", "rack")]
    public async Task Get_BadInput_400NamingTheField(string query, string field)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/power/fit?" + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}

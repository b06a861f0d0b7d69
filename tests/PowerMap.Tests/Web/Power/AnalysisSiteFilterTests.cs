using System.Text.Json;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Power;

// Two sites: the seed (DC1) and DC9: Panel P9 → Feed F9 → S9 PSU (single-corded, 100 W).
public class AnalysisSiteFilterTests(AnalysisSiteFilterTests.TwoSitesApp app) : IClassFixture<AnalysisSiteFilterTests.TwoSitesApp>
{
    public sealed class TwoSitesApp : ApiFactory, IAsyncLifetime
    {
        public async ValueTask InitializeAsync()
        {
            using (var seed = await ImportAsync(PowerMap.Core.Data.DemoData.SeedExampleJson(), "replace"))
            {
                seed.EnsureSuccessStatusCode();
            }
            using var second = await ImportAsync("""
                {"sites": [{"name": "DC9"}],
                 "power_panels": [{"name": "P9", "site": "DC9"}],
                 "power_feeds": [{"name": "F9", "power_panel": "P9", "voltage": 230, "amperage": 16}],
                 "devices": [{"name": "S9", "site": "DC9", "role": "server", "power_ports": [{"name": "PSU", "allocated_draw": 100, "maximum_draw": 150}]}],
                 "cables": [{"a": [{"power_panel": "P9", "power_feed": "F9"}], "b": [{"device": "S9", "power_port": "PSU"}]}]}
                """);
            second.EnsureSuccessStatusCode();
        }
    }

    private static List<string?> Names(JsonElement list) => list.EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList();

    [Fact]
    public async Task Redundancy_SiteFilter_KeepsThatSitesDevicesAndSinglePoints()
    {
        var dc9 = await app.GetJsonAsync("/api/power/redundancy?site=DC9");
        var device = Assert.Single(dc9.GetProperty("devices").EnumerateArray());
        Assert.Equal(("S9", "DC9", "none", 1), (device.GetProperty("name").GetString(), device.GetProperty("site").GetString(),
            device.GetProperty("redundancy").GetString(), device.GetProperty("live_ports").GetInt32()));
        Assert.Equal(["P9", "F9"], dc9.GetProperty("single_points_of_failure").EnumerateArray().Select(s => s.GetProperty("element").GetProperty("name").GetString()));
        Assert.All(dc9.GetProperty("single_points_of_failure").EnumerateArray(), s => Assert.Equal(100, s.GetProperty("watts_lost").GetInt32()));

        var dc1 = await app.GetJsonAsync("/api/power/redundancy?site=DC1");
        Assert.Equal(["Server", "Router"], Names(dc1.GetProperty("devices")));
        Assert.Equal(["Panel 1"], dc1.GetProperty("single_points_of_failure").EnumerateArray().Select(s => s.GetProperty("element").GetProperty("name").GetString()));

        var all = await app.GetJsonAsync("/api/power/redundancy");
        Assert.Equal(3, all.GetProperty("devices").GetArrayLength());
        Assert.Equal("Panel 1", all.GetProperty("single_points_of_failure")[0].GetProperty("element").GetProperty("name").GetString()); // 940 W before 100 W
    }

    [Fact]
    public async Task Headroom_SiteFilter_KeepsThatSitesFeedsAndRacks()
    {
        var dc9 = await app.GetJsonAsync("/api/power/headroom?site=DC9");
        Assert.Equal(["F9"], Names(dc9.GetProperty("power_feeds")));
        Assert.Equal(0, dc9.GetProperty("racks").GetArrayLength());
        var f9 = dc9.GetProperty("power_feeds")[0];
        Assert.Equal(JsonValueKind.Null, f9.GetProperty("n1").GetProperty("cause").ValueKind); // nothing else in DC9 can raise it
        Assert.Equal(100, f9.GetProperty("n1").GetProperty("allocated").GetInt32());

        var dc1 = await app.GetJsonAsync("/api/power/headroom?site=DC1");
        Assert.Equal(["Feed 1", "Feed 2"], Names(dc1.GetProperty("power_feeds")));
        Assert.Equal(["R1"], Names(dc1.GetProperty("racks")));
    }
}

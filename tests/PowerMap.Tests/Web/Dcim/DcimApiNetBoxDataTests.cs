using System.Net;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Dcim;

// NetBox's data through the REST API: slugs (as pynetbox sends them), unnamed devices, names ignoring case, racks per location.
public class DcimApiNetBoxDataTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Site_WithASlug_AsPynetboxCreatesIt_RoundTrips()
    {
        var api = await DcimClient.SeededAsync(app);

        var created = await api.PostAsync("/api/dcim/sites/", """{"name": "DC 9", "slug": "dc9-east"}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("dc9-east", created.Json.GetProperty("slug").GetString());
        Assert.Equal("dc1", (await api.GetObjectAsync("sites", "name=DC1")).GetProperty("slug").GetString());
        Assert.Equal(created.Id, (await api.GetObjectAsync("sites", "slug=dc9-east")).GetProperty("id").GetInt32());
        // NetBox's site filter takes the slug (PowerMap's also the name).
        Assert.Equal(2, await api.CountAsync("power-feeds", "site=dc1"));
        Assert.Equal(2, await api.CountAsync("power-feeds", "site_id=1"));
        var generated = await api.PostAsync("/api/dcim/sites/", """{"name": "Site Ten"}""");
        Assert.Equal("site-ten", generated.Json.GetProperty("slug").GetString());
        var taken = await api.PostAsync("/api/dcim/sites/", """{"name": "DC 11", "slug": "dc9-east"}""");
        Assert.Equal(["Site with this Slug already exists."], taken.Errors("slug"));
        var invalid = await api.PostAsync("/api/dcim/sites/", """{"name": "DC 12", "slug": "dc 12"}""");
        Assert.Equal(["Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."], invalid.Errors("slug"));
        Assert.Contains("\"slug\": \"dc9-east\"", await app.ExportAsync());
    }

    [Fact]
    public async Task UnnamedDevice_IsShownAsNetBoxShowsIt()
    {
        var api = await DcimClient.SeededAsync(app);

        var created = await api.PostAsync("/api/dcim/devices/", """{"site": {"name": "DC1"}, "device_type": {"model": "PDU-8"}, "name": null}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal($"Generic PDU-8 ({created.Id})", created.Json.GetProperty("display").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.Json.GetProperty("name").ValueKind);
        var second = await api.PostAsync("/api/dcim/devices/", """{"site": {"name": "DC1"}, "device_type": {"model": "PDU-8"}}""");
        Assert.Equal(HttpStatusCode.Created, second.Status);
        var inlet = await api.GetObjectAsync("power-ports", $"device_id={created.Id}&name=Inlet");
        Assert.Equal($"Generic PDU-8 ({created.Id})", inlet.GetProperty("device").GetProperty("display").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, inlet.GetProperty("device").GetProperty("name").ValueKind);
    }

    [Fact]
    public async Task DeviceNames_DifferingInCase_AreOneNamePerSite()
    {
        var api = await DcimClient.SeededAsync(app);

        var clash = await api.PostAsync("/api/dcim/devices/", """{"site": {"name": "DC1"}, "name": "SERVER"}""");

        Assert.Equal(["Device name must be unique per site."], clash.Errors("non_field_errors"));
    }

    [Fact]
    public async Task Racks_OfOneName_InTwoLocations()
    {
        var api = await DcimClient.SeededAsync(app);
        await api.PostAsync("/api/dcim/locations/", """{"site": {"name": "DC1"}, "name": "Row 1"}""");
        await api.PostAsync("/api/dcim/locations/", """{"site": {"name": "DC1"}, "name": "Row 2"}""");

        var first = await api.PostAsync("/api/dcim/racks/", """{"site": {"name": "DC1"}, "location": {"name": "Row 1"}, "name": "R7"}""");
        var second = await api.PostAsync("/api/dcim/racks/", """{"site": {"name": "DC1"}, "location": {"name": "Row 2"}, "name": "R7"}""");
        var again = await api.PostAsync("/api/dcim/racks/", """{"site": {"name": "DC1"}, "location": {"name": "Row 2"}, "name": "R7"}""");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, second.Status));
        Assert.Equal(["Rack with this Location and Name already exists."], again.Errors("non_field_errors"));
        var device = await api.PostAsync("/api/dcim/devices/", $$"""{"site": {"name": "DC1"}, "location": {"name": "Row 2"}, "rack": {{second.Id}}, "name": "S7"}""");
        Assert.Equal(HttpStatusCode.Created, device.Status);
        Assert.Equal("Row 2", device.Json.GetProperty("location").GetProperty("name").GetString());

        // The export names the ambiguous rack with its location, and imports back to the same.
        var export = await app.ExportAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.ImportAsync(export, "replace")).StatusCode);
        Assert.Equal(export, await app.ExportAsync());
    }

    // pynetbox's api.status() and api.version: NetBox's keys, and the API-Version header.
    [Fact]
    public async Task Status_IsNetBoxsShape_WithPowerMapsVersion()
    {
        var response = await app.CreateClient().GetAsync("/api/status/", TestContext.Current.CancellationToken);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4.6", response.Headers.GetValues("API-Version").Single());
        Assert.Equal("4.6", json.GetProperty("netbox-version").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("powermap-version").GetString()));
        foreach (var key in new[] { "django-version", "installed-apps", "plugins", "python-version", "rq-workers-running" })
        {
            Assert.True(json.TryGetProperty(key, out _), key);
        }
        var anonymous = await app.CreateClient(null).GetAsync("/api/status/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal("4.6", anonymous.Headers.GetValues("API-Version").Single());
    }

    [Fact]
    public async Task Brief_GivesTheNestedForm()
    {
        var api = await DcimClient.SeededAsync(app);

        var sites = await api.GetAsync("/api/dcim/sites/?brief=true");
        var feed = await api.GetAsync($"/api/dcim/power-feeds/{await api.IdAsync("power-feeds", "name=Feed 1")}/?brief=1");

        var site = sites.Json.GetProperty("results")[0];
        Assert.Equal(["id", "url", "display", "name", "slug"], site.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dc1", site.GetProperty("slug").GetString());
        Assert.Equal(["id", "url", "display", "name"], feed.Json.EnumerateObject().Select(p => p.Name));
    }

    // The id filters NetBox scripts use: site_id, rack_id, device_id, power_panel_id, location_id.
    [Fact]
    public async Task IdFilters_AreNetBoxs()
    {
        var api = await DcimClient.SeededAsync(app);
        int site = await api.IdAsync("sites", "name=DC1");
        int rack = await api.IdAsync("racks", "name=R1");
        int panel = await api.IdAsync("power-panels", "name=Panel 1");
        int server = await api.IdAsync("devices", "name=Server");

        Assert.Equal(4, await api.CountAsync("devices", $"site_id={site}&rack_id={rack}"));
        Assert.Equal(2, await api.CountAsync("power-feeds", $"power_panel_id={panel}"));
        Assert.Equal(2, await api.CountAsync("power-ports", $"device_id={server}"));
        Assert.Equal(0, await api.CountAsync("racks", "location_id=99"));
        Assert.Equal(0, await api.CountAsync("devices", "location_id=99"));
    }
}

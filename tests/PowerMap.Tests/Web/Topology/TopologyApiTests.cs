using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Topology;

// Import/export through the HTTP API: the seed numbers, all-or-nothing errors keyed by JSON path, the round trip.
public class TopologyApiTests : IAsyncLifetime
{
    private readonly ApiFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Import_SeedExample_GivesTheSeedNumbersInTheReport()
    {
        var response = await _app.ImportAsync(DemoData.SeedExampleJson(), "replace");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var report = await _app.GetJsonAsync("/api/power/report");

        foreach (var name in new[] { "Feed 1", "Feed 2" })
        {
            var feed = report.GetProperty("power_feeds").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
            Assert.Equal("Panel 1", feed.GetProperty("power_panel").GetString());
            Assert.Equal("DC1", feed.GetProperty("site").GetString());
            Assert.Equal(2944, feed.GetProperty("available_power").GetInt64());
            var u = feed.GetProperty("utilization");
            Assert.Equal(470, u.GetProperty("allocated").GetInt64());
            Assert.Equal(850, u.GetProperty("maximum").GetInt64());
            Assert.Equal(2944, u.GetProperty("available").GetInt64());
            Assert.Equal(16.0, u.GetProperty("percent").GetDouble());
            Assert.Equal("normal", u.GetProperty("status").GetString());
            Assert.Equal("bg-success", u.GetProperty("bar_class").GetString());
            Assert.Equal("Inlet", feed.GetProperty("connected_endpoint").GetProperty("name").GetString());
        }
        var inlet = report.GetProperty("power_ports").EnumerateArray().Single(p => p.GetProperty("device").GetString() == "PDU1" && p.GetProperty("name").GetString() == "Inlet");
        Assert.Equal(470, inlet.GetProperty("draw").GetProperty("allocated").GetInt64());
        Assert.Equal(850, inlet.GetProperty("draw").GetProperty("maximum").GetInt64());
        Assert.Equal(8, inlet.GetProperty("draw").GetProperty("outlet_count").GetInt32());
        var rack = report.GetProperty("racks").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "R1");
        Assert.Equal(16.0, rack.GetProperty("power_utilization").GetDouble());
        var pdu = report.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "PDU1");
        var row = pdu.GetProperty("power_utilization")[0];
        Assert.Equal("Inlet", row.GetProperty("port").GetString());
        Assert.Equal(16.0, row.GetProperty("percent").GetDouble());
        var server = report.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Server");
        Assert.Equal(JsonValueKind.Null, server.GetProperty("power_utilization").ValueKind);
    }

    public static TheoryData<string, string, string, string> BadDocuments => new()
    {
        {
            "unknown reference",
            """{"power_feeds":[{"name":"F9","power_panel":"No such panel"}]}""",
            "power_feeds[0].power_panel",
            "Related object not found using the provided attributes: {'name': 'No such panel'}"
        },
        {
            "duplicate name",
            """{"power_feeds":[{"name":"Feed 1","power_panel":"Panel 1"}]}""",
            "power_feeds[0]",
            "Power feed with this Power panel and Name already exists."
        },
        {
            "out of range",
            """{"power_feeds":[{"name":"F9","power_panel":"Panel 1","max_utilization":101}]}""",
            "power_feeds[0].max_utilization",
            "Ensure this value is less than or equal to 100."
        },
        {
            "negative AC voltage",
            """{"power_feeds":[{"name":"F8","power_panel":"Panel 1"},{"name":"F9","power_panel":"Panel 1","voltage":-230}]}""",
            "power_feeds[1].voltage",
            "Voltage cannot be negative for AC supply"
        },
        {
            "wrong choice",
            """{"power_feeds":[{"name":"F9","power_panel":"Panel 1","phase":"two-phase"}]}""",
            "power_feeds[0].phase",
            "Value 'two-phase' is not a valid choice."
        },
        {
            "incompatible cable",
            """{"power_feeds":[{"name":"F9","power_panel":"Panel 1"}],"cables":[{"a":[{"power_panel":"Panel 1","power_feed":"F9"}],"b":[{"device":"PDU1","power_outlet":"Outlet 8"}]}]}""",
            "cables[0]",
            "Incompatible termination types: powerfeed and poweroutlet"
        },
        {
            "allocated above maximum",
            """{"devices":[{"name":"S9","site":"DC1","power_ports":[{"name":"PSU1","allocated_draw":700,"maximum_draw":600}]}]}""",
            "devices[0].power_ports[0].allocated_draw",
            "Allocated draw cannot exceed the maximum draw (600W)."
        },
        {
            "wrong type",
            """{"power_feeds":[{"name":"F9","power_panel":"Panel 1","amperage":"lots"}]}""",
            "power_feeds[0].amperage",
            "A valid integer is required."
        },
        {
            "device rack at another site",
            """{"sites":[{"name":"DC9"}],"racks":[{"name":"R9","site":"DC9"}],"devices":[{"name":"S9","site":"DC1","rack":"R9"}]}""",
            "devices[0].rack",
            "Rack R9 does not belong to site DC1."
        },
        {
            "misspelt field",
            """{"power_feeds":[{"name":"F9","power_panel":"Panel 1","voltge":230}]}""",
            "power_feeds[0].voltge",
            "Unknown field."
        },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task Import_BadInput_Is400WithTheMessageAtItsPath_AndChangesNothing(string why, string document, string path, string message)
    {
        await _app.ImportAsync(DemoData.SeedExampleJson(), "replace");
        var before = await _app.ExportAsync();

        var response = await _app.ImportAsync(document);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(path, out var messages), $"{why}: no error at {path} in {errors}");
        Assert.Contains(message, messages.EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(before, await _app.ExportAsync());
    }

    [Fact]
    public async Task Import_SecondCableOnATermination_Is400NamingTheCable_AndChangesNothing()
    {
        await _app.ImportAsync(DemoData.SeedExampleJson(), "replace");
        var before = await _app.ExportAsync();
        var report = await _app.GetJsonAsync("/api/power/report");
        var inletId = report.GetProperty("power_ports").EnumerateArray()
            .Single(p => p.GetProperty("device").GetString() == "PDU1" && p.GetProperty("name").GetString() == "Inlet").GetProperty("id").GetInt32();

        var response = await _app.ImportAsync("""
            {"power_feeds":[{"name":"Feed 3","power_panel":"Panel 1"}],
             "cables":[{"a":[{"power_panel":"Panel 1","power_feed":"Feed 3"}],"b":[{"device":"PDU1","power_port":"Inlet"}]}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var message = Assert.Single(errors.GetProperty("cables[0]").EnumerateArray()).GetString();
        Assert.Equal($"Duplicate termination found for dcim.powerport {inletId}: cable 1", message);
        Assert.Equal(before, await _app.ExportAsync());
    }

    [Fact]
    public async Task Import_Malformed_Is400()
    {
        var response = await _app.ImportAsync("{\"sites\": [");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var wrongMode = await _app.ImportAsync("{}", "upsert");
        Assert.Equal(HttpStatusCode.BadRequest, wrongMode.StatusCode);
    }

    [Fact]
    public async Task Import_Merge_AddsToWhatExists()
    {
        await _app.ImportAsync(DemoData.SeedExampleJson(), "replace");
        var response = await _app.ImportAsync("""
            {"devices":[{"name":"Storage","site":"DC1","rack":"R1","power_ports":[{"name":"PSU1","allocated_draw":200,"maximum_draw":300}]}],
             "cables":[{"a":[{"device":"PDU1","power_outlet":"Outlet 3"}],"b":[{"device":"Storage","power_port":"PSU1"}]}]}
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var report = await _app.GetJsonAsync("/api/power/report");
        var feed1 = report.GetProperty("power_feeds").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Feed 1");
        Assert.Equal(670, feed1.GetProperty("utilization").GetProperty("allocated").GetInt64());
        Assert.Equal(22.8, feed1.GetProperty("utilization").GetProperty("percent").GetDouble());
    }

    [Fact]
    public async Task Export_ThenReplaceImport_GivesAnIdenticalExport()
    {
        var demo = TopologyExporter.ExportJson(DemoData.Build(InstallationSize.S));
        Assert.Equal(HttpStatusCode.OK, (await _app.ImportAsync(demo, "replace")).StatusCode);
        var first = await _app.ExportAsync();

        Assert.Equal(HttpStatusCode.OK, (await _app.ImportAsync(first, "replace")).StatusCode);
        var second = await _app.ExportAsync();

        Assert.Equal(first, second);
        Assert.Equal(JsonNode.Parse(demo)!.ToJsonString(), JsonNode.Parse(first)!.ToJsonString());
    }

    // Kestrel's default body cap is 30 MB; the import endpoint takes documents up to PowerMap:MaxImportBytes (512 MB).
    // 40 MB from an L installation whose feeds carry long comments: the size of an XL export at a fraction of its objects.
    [Fact]
    public async Task Import_A40MbDocument_ThroughTheApi_RoundTrips()
    {
        var generated = InstallationGenerator.Generate(InstallationSize.L);
        string comment = new('c', 40 * 1024 * 1024 / generated.PowerFeeds.Count);
        foreach (var feed in generated.PowerFeeds)
        {
            feed.Comments = comment;
        }
        var document = TopologyExporter.ExportJson(generated);
        Assert.InRange(document.Length, 40_000_000, 60_000_000);

        using var client = _app.CreateClient();
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(document))); // no Content-Length: streamed
        content.Headers.ContentType = new("application/json");
        var response = await client.PostAsync("/api/topology/import?mode=replace", content, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(generated.ObjectCount, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("objects").GetInt32());
        Assert.Equal(document, await _app.ExportAsync());
    }

    [Fact]
    public async Task Import_BeyondTheLimit_Is413Problem_WithOrWithoutContentLength()
    {
        await using var small = new SmallImportLimitApiFactory();
        using var client = small.CreateClient();
        var document = TopologyExporter.ExportJson(DemoData.Build(InstallationSize.S));
        Assert.True(document.Length > SmallImportLimitApiFactory.Limit);

        var declared = await client.PostAsync("/api/topology/import", new StringContent(document, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var stream = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(document)));
        stream.Headers.ContentType = new("application/json");
        var streamed = await client.PostAsync("/api/topology/import", stream, TestContext.Current.CancellationToken);

        foreach (var response in new[] { declared, streamed })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("import limit", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        Assert.Equal(0, (await small.GetJsonAsync("/api/dcim/sites/")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task StaticAsset_FromWwwrootAssets_IsServed()
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync("/assets/diagram.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("pm-status-danger", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The app with a 4 KB import limit.</summary>
public sealed class SmallImportLimitApiFactory : ApiFactory
{
    public const int Limit = 4096;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("PowerMap:MaxImportBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

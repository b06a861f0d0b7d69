using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Capacity;

// The seed: Feed 1 ── PDU1 (outlets 1, 2 cabled), Feed 2 ── PDU2 (outlets 1, 2 cabled), rack R1. Each test uses its own outlets.
public class PlannedApiTests(PlannedApiTests.SeedApp app) : IClassFixture<PlannedApiTests.SeedApp>
{
    public class SeedApp : ApiFactory, IAsyncLifetime
    {
        public async ValueTask InitializeAsync()
        {
            using var response = await ImportAsync(PowerMap.Core.Data.DemoData.SeedExampleJson(), "replace");
            response.EnsureSuccessStatusCode();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TopologySnapshot Current => app.Services.GetRequiredService<TopologyService>().Current;

    private int OutletId(string pdu, string outlet)
    {
        var inst = Current.Installation;
        var device = inst.Devices.Single(d => d.Name == pdu);
        return inst.PowerOutlets.Single(o => o.DeviceId == device.Id && o.Name == outlet).Id;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> ReserveAsync(HttpClient client, string name, string outlet) =>
        client.PostAsync("/api/power/fit/reserve", Json($$"""
            {"name": "{{name}}", "allocated_draw": 400, "maximum_draw": 500, "outlets": [{{OutletId("PDU1", outlet)}}, {{OutletId("PDU2", outlet)}}]}
            """), Ct);

    [Fact]
    public async Task Reserve_Seed400WOnOutlet3_PlannedDeviceAndCables_CountedByTheEngineNotByNow()
    {
        using var client = app.CreateClient();
        int feed1 = Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 1").Id;
        long withPlannedBefore = Current.Report.Feed(feed1)!.Utilization!.AllocatedVoltAmps;
        long nowBefore = PlannedChanges.WithoutPlanned(Current.Report).Feed(feed1)!.Utilization!.AllocatedVoltAmps;

        using var response = await ReserveAsync(client, "Planned 1", "Outlet 3");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("planned", "R1"), (body.GetProperty("status").GetString(), body.GetProperty("rack").GetString()));
        var inst = Current.Installation;
        var device = inst.DeviceById[body.GetProperty("id").GetInt32()];
        Assert.Equal("planned", device.Status);
        var ports = inst.PowerPorts.Where(p => p.DeviceId == device.Id).OrderBy(p => p.Name).ToList();
        Assert.Equal([("PSU1", 200, 250), ("PSU2", 200, 250)], ports.Select(p => (p.Name, p.AllocatedDrawWatts ?? 0, p.MaximumDrawWatts ?? 0)));
        Assert.All(ports, p => Assert.Equal("planned", inst.CableOf[(PowerMap.Core.Dcim.TerminationKind.PowerPort, p.Id)].Cable.Status));
        // NetBox counts a planned device's draw (the engine and the parity API: +200 W on Feed 1); "now" does not.
        Assert.Equal(withPlannedBefore + 200, Current.Report.Feed(feed1)!.Utilization!.AllocatedVoltAmps);
        Assert.Equal(nowBefore, PlannedChanges.WithoutPlanned(Current.Report).Feed(feed1)!.Utilization!.AllocatedVoltAmps);
    }

    [Fact]
    public async Task Reserve_OutletTakenMeanwhile_409AndNothingWritten()
    {
        using var client = app.CreateClient();
        using (var first = await ReserveAsync(client, "Planned 4a", "Outlet 4"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }
        int devices = Current.Installation.Devices.Count;

        using var second = await ReserveAsync(client, "Planned 4b", "Outlet 4");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("Outlet 4 was taken meanwhile", problem.GetProperty("detail").GetString());
        Assert.Equal(devices, Current.Installation.Devices.Count);
    }

    [Theory]
    [InlineData("""{"allocated_draw": 400, "outlets": [OUT5]}""", "name")]
    [InlineData("""{"name": "X", "outlets": [OUT5]}""", "allocated_draw")]
    [InlineData("""{"name": "X", "allocated_draw": 400, "maximum_draw": 300, "outlets": [OUT5]}""", "maximum_draw")]
    [InlineData("""{"name": "X", "allocated_draw": 400}""", "outlets")]
    [InlineData("""{"name": "X", "allocated_draw": 400, "outlets": [99999]}""", "outlets")]
    [InlineData("""{"name": "X", "allocated_draw": 400, "outlets": [OUT5, OUT5]}""", "outlets")]
    [InlineData("""{"name": "Server", "allocated_draw": 400, "outlets": [OUT5]}""", "name")]
    [InlineData("""{"name": "X", "allocated_draw": 400, "outlets": [OUT5], "device_type": "No such model"}""", "device_type")]
    public async Task Reserve_BadInput_400NamingTheFieldAndNothingWritten(string json, string field)
    {
        using var client = app.CreateClient();
        int objects = Current.Installation.ObjectCount;

        using var response = await client.PostAsync("/api/power/fit/reserve", Json(json.Replace("OUT5", OutletId("PDU1", "Outlet 5").ToString(System.Globalization.CultureInfo.InvariantCulture))), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(objects, Current.Installation.ObjectCount);
    }

    [Fact]
    public async Task Reserve_ReadOnlyViewerToken_403()
    {
        var key = await TestAccounts.TokenAsync(app.Services, "reserve-viewer", PowerMap.Core.Data.Accounts.Roles.Viewer, writeEnabled: false);
        using var client = app.CreateClient(key);

        using var response = await ReserveAsync(client, "Planned V", "Outlet 6");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(Current.Installation.Devices, d => d.Name == "Planned V");
    }

    [Fact]
    public async Task Apply_UnknownSite_400_ThenApplySite_EveryPlannedObjectActive()
    {
        using var client = app.CreateClient();
        using (var reserved = await ReserveAsync(client, "Planned 7", "Outlet 7"))
        {
            Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        }
        using (var bad = await client.PostAsync("/api/power/planned/apply?site=dc404", Json("{}"), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("site", out _));
        }
        int planned = PlannedChanges.Of(Current.Installation).Count;
        Assert.True(planned >= 3);

        using var response = await client.PostAsync("/api/power/planned/apply?site=dc1", Json("{}"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(planned, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("count").GetInt32());
        Assert.Equal(0, PlannedChanges.Of(Current.Installation).Count);
        Assert.Equal("active", Current.Installation.Devices.Single(d => d.Name == "Planned 7").Status);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class PlannedApiTestsOnPostgres(PlannedApiTestsOnPostgres.PostgresSeedApp app) : PlannedApiTests(app), IClassFixture<PlannedApiTestsOnPostgres.PostgresSeedApp>
{
    public sealed class PostgresSeedApp : SeedApp
    {
        protected override bool OnPostgres => true;
    }
}

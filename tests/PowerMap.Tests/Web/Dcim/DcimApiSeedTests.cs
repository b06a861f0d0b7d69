using System.Net;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Dcim;

// The seed example (power-model.md §7) built from an empty database with REST calls only, as a script would:
// Panel 1 → Feed 1 → PDU1/Inlet → Outlet 1 → Server/PSU1 (350/600), Outlet 2 → Router/PSU1 (120/250)
//         → Feed 2 → PDU2/Inlet → Outlet 1 → Server/PSU2 (350/600), Outlet 2 → Router/PSU2 (120/250)
public class DcimApiSeedTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task SeedExample_BuiltThroughTheApi_GivesTheSeedNumbers()
    {
        var api = new DcimClient(app.CreateClient());
        Assert.Equal(0, await api.CountAsync("sites"));

        int site = await CreateAsync(api, "sites", """{"name": "DC1"}""");
        int rack = await CreateAsync(api, "racks", $$$"""{"site": {{{site}}}, "name": "R1"}""");
        await CreateAsync(api, "power-panels", """{"site": {"name": "DC1"}, "name": "Panel 1"}""");
        foreach (var feed in new[] { "Feed 1", "Feed 2" })
        {
            await CreateAsync(api, "power-feeds", $$$"""
                {"power_panel": {"site": "DC1", "name": "Panel 1"}, "rack": {{{rack}}}, "name": "{{{feed}}}", "type": "{{{(feed == "Feed 2" ? "redundant" : "primary")}}}",
                 "voltage": 230, "amperage": 16, "max_utilization": 80, "phase": "single-phase"}
                """);
        }
        int type = await CreateAsync(api, "device-types", """{"model": "PDU-8", "manufacturer": "Generic"}""");
        await CreateAsync(api, "power-port-templates", $$$"""{"device_type": {{{type}}}, "name": "Inlet", "type": "iec-60320-c20"}""");
        for (int i = 1; i <= 8; i++)
        {
            await CreateAsync(api, "power-outlet-templates", $$$"""
                {"device_type": {"model": "PDU-8"}, "name": "Outlet {{{i}}}", "type": "iec-60320-c13",
                 "power_port": {"device_type": {"model": "PDU-8"}, "name": "Inlet"}}
                """);
        }
        foreach (var pdu in new[] { "PDU1", "PDU2" })
        {
            await CreateAsync(api, "devices", $$$"""{"site": {"name": "DC1"}, "rack": {"site": "DC1", "name": "R1"}, "name": "{{{pdu}}}", "role": "pdu", "device_type": {"model": "PDU-8"}}""");
        }
        foreach (var (device, allocated, maximum) in new[] { ("Server", 350, 600), ("Router", 120, 250) })
        {
            int id = await CreateAsync(api, "devices", $$$"""{"site": {"name": "DC1"}, "rack": {{{rack}}}, "name": "{{{device}}}", "role": "{{{device.ToLowerInvariant()}}}"}""");
            foreach (var psu in new[] { "PSU1", "PSU2" })
            {
                await CreateAsync(api, "power-ports", $$$"""{"device": {{{id}}}, "name": "{{{psu}}}", "type": "iec-60320-c14", "allocated_draw": {{{allocated}}}, "maximum_draw": {{{maximum}}}}""");
            }
        }
        foreach (var (pdu, feed) in new[] { ("PDU1", "Feed 1"), ("PDU2", "Feed 2") })
        {
            await CableAsync(api, ("dcim.powerfeed", $$$"""{"power_panel": {"name": "Panel 1"}, "name": "{{{feed}}}"}"""), ("dcim.powerport", Port(pdu, "Inlet")));
        }
        foreach (var (pdu, outlet, device, psu) in new[]
                 {
                     ("PDU1", "Outlet 1", "Server", "PSU1"), ("PDU2", "Outlet 1", "Server", "PSU2"),
                     ("PDU1", "Outlet 2", "Router", "PSU1"), ("PDU2", "Outlet 2", "Router", "PSU2"),
                 })
        {
            await CableAsync(api, ("dcim.poweroutlet", Port(pdu, outlet)), ("dcim.powerport", Port(device, psu)));
        }

        foreach (var pdu in new[] { "PDU1", "PDU2" })
        {
            var draw = (await api.GetObjectAsync("power-ports", $"device={pdu}&name=Inlet")).GetProperty("draw");
            Assert.Equal((470, 850, 8), (draw.GetProperty("allocated").GetInt64(), draw.GetProperty("maximum").GetInt64(), draw.GetProperty("outlet_count").GetInt32()));
        }
        foreach (var feed in new[] { "Feed 1", "Feed 2" })
        {
            var json = await api.GetObjectAsync("power-feeds", $"name={feed}");
            var u = json.GetProperty("utilization");
            Assert.Equal(2944, json.GetProperty("available_power").GetInt64());
            Assert.Equal((470, 2944, 16.0, "normal"), (u.GetProperty("allocated").GetInt64(), u.GetProperty("available").GetInt64(),
                u.GetProperty("percent").GetDouble(), u.GetProperty("status").GetString()));
        }
        Assert.Equal(16.0, (await api.GetObjectAsync("racks", "name=R1")).GetProperty("power_utilization").GetDouble());
        Assert.Equal(6, await api.CountAsync("cables"));

        // The same installation as the seed document describes.
        var viaApi = await app.ExportAsync();
        await app.ImportAsync(PowerMap.Core.Data.DemoData.SeedExampleJson(), "replace");
        Assert.Equal(await app.ExportAsync(), viaApi);
    }

    private static string Port(string device, string name) => $$$"""{"device": {"name": "{{{device}}}"}, "name": "{{{name}}}"}""";

    private static async Task<int> CreateAsync(DcimClient api, string resource, string body)
    {
        var reply = await api.PostAsync($"/api/dcim/{resource}/", body);
        Assert.True(reply.Status == HttpStatusCode.Created, $"{resource}: {reply}");
        return reply.Id;
    }

    private static Task<int> CableAsync(DcimClient api, (string Type, string Id) a, (string Type, string Id) b) =>
        CreateAsync(api, "cables", $$$"""
            {"a_terminations": [{"object_type": "{{{a.Type}}}", "object_id": {{{a.Id}}}}],
             "b_terminations": [{"object_type": "{{{b.Type}}}", "object_id": {{{b.Id}}}}], "status": "connected"}
            """);
}

using System.Net;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Dcim;

// NetBox's /api/dcim/manufacturers/ and /api/dcim/device-roles/ (OpenAPI: Manufacturer, DeviceRole — name, slug, a role's
// color, the devicetype_count / device_count annotations), and a device's role given as NetBox gives it: an id or a
// nested {"id"} / {"slug"} (OpenAPI: BriefDeviceRoleRequest), while a free-text role still reads back.
public class DcimApiCatalogTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task DeviceRoles_AsNetBox_AndADevicesRole_ByIdOrSlug()
    {
        var api = await DcimClient.SeededAsync(app);

        var role = await api.PostAsync("/api/dcim/device-roles/", """{"name": "Rack PDU", "color": "ff9800"}""");

        Assert.Equal(HttpStatusCode.Created, role.Status);
        Assert.Equal(("rack-pdu", "ff9800", 0), (role.Json.GetProperty("slug").GetString(), role.Json.GetProperty("color").GetString(),
            role.Json.GetProperty("device_count").GetInt32()));
        var grey = await api.PostAsync("/api/dcim/device-roles/", """{"name": "Spare", "slug": "spare"}""");
        Assert.Equal("9e9e9e", grey.Json.GetProperty("color").GetString());
        Assert.Equal(["Enter a valid hexadecimal RGB color code."], (await api.PostAsync("/api/dcim/device-roles/", """{"name": "Bad", "color": "red"}""")).Errors("color"));
        Assert.Equal(["Device role with this Name already exists."], (await api.PostAsync("/api/dcim/device-roles/", """{"name": "Spare"}""")).Errors("name"));

        var byId = await api.PostAsync("/api/dcim/devices/", $$"""{"site": {"name": "DC1"}, "name": "PDU9", "role": {{role.Id}}}""");
        var bySlug = await api.PostAsync("/api/dcim/devices/", """{"site": {"name": "DC1"}, "name": "PDU10", "role": {"slug": "rack-pdu"}}""");
        var byNestedId = await api.PostAsync("/api/dcim/devices/", """{"site": {"name": "DC1"}, "name": "PDU11", "role": {"id": """ + role.Id + "}}");
        var freeText = await api.PostAsync("/api/dcim/devices/", """{"site": {"name": "DC1"}, "name": "Box", "role": "whatever"}""");
        var unknown = await api.PostAsync("/api/dcim/devices/", """{"site": {"name": "DC1"}, "name": "Box2", "role": 9999}""");

        Assert.All([byId, bySlug, byNestedId], r => Assert.Equal("Rack PDU", r.Json.GetProperty("role").GetString()));
        Assert.Equal("whatever", freeText.Json.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Single(unknown.Errors("role"));
        Assert.Equal(3, await api.CountAsync("devices", "role=rack-pdu"));
        Assert.Equal(3, await api.CountAsync("devices", $"role_id={role.Id}"));
        Assert.Equal(3, (await api.GetAsync(DcimClient.Url("device-roles", role.Id))).Json.GetProperty("device_count").GetInt32());
        var brief = await api.GetAsync("/api/dcim/device-roles/?slug=rack-pdu&brief=true");
        Assert.Equal("rack-pdu", brief.Json.GetProperty("results")[0].GetProperty("slug").GetString());

        // Renamed: its devices show the new name (NetBox's foreign key), in the same write.
        var renamed = await api.PatchAsync(DcimClient.Url("device-roles", role.Id), """{"name": "Rack PDUs"}""");
        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        Assert.Equal("Rack PDUs", (await api.GetAsync(DcimClient.Url("devices", byId.Id))).Json.GetProperty("role").GetString());

        // In use: protected, as NetBox's PROTECT.
        var refused = await api.DeleteAsync(DcimClient.Url("device-roles", role.Id));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("PDU9", refused.Body);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(DcimClient.Url("device-roles", grey.Id))).Status);
    }

    [Fact]
    public async Task Manufacturers_AsNetBox_NameTheirDeviceTypes()
    {
        var api = await DcimClient.SeededAsync(app);

        var acme = await api.PostAsync("/api/dcim/manufacturers/", """{"name": "Acme Power"}""");
        var type = await api.PostAsync("/api/dcim/device-types/", """{"manufacturer": "Acme Power", "model": "AP-1"}""");

        Assert.Equal(HttpStatusCode.Created, acme.Status);
        Assert.Equal("acme-power", acme.Json.GetProperty("slug").GetString());
        Assert.Equal(1, (await api.GetAsync(DcimClient.Url("manufacturers", acme.Id))).Json.GetProperty("devicetype_count").GetInt32());
        Assert.Equal(acme.Id, await api.IdAsync("manufacturers", "slug=acme-power"));

        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(DcimClient.Url("manufacturers", acme.Id), """{"name": "Acme"}""")).Status);
        Assert.Equal("Acme", (await api.GetAsync(DcimClient.Url("device-types", type.Id))).Json.GetProperty("manufacturer").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await api.DeleteAsync(DcimClient.Url("manufacturers", acme.Id))).Status);
        // Kept by an export (the topology document's "manufacturers"), so a backup or a replace import keeps them.
        Assert.Contains("\"slug\": \"acme-power\"", await app.ExportAsync());
    }
}

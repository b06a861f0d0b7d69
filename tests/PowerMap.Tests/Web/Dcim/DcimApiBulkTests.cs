using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Dcim;

// NetBox's bulk operations on a list URL: POST a list, PATCH/PUT/DELETE a list of {"id": …}. All or nothing, one
// transaction, one published snapshot; errors are one object per item.
public class DcimApiBulkTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private const string Ports = "/api/dcim/power-ports/";

    private long Revision => app.Services.GetRequiredService<TopologyService>().Current.Revision;

    [Fact]
    public async Task Post_AList_CreatesAll_InOneRevision_AndReturnsTheList()
    {
        var api = await DcimClient.SeededAsync(app);
        int before = await api.CountAsync("power-ports");
        long revision = Revision;

        var reply = await api.PostAsync(Ports, """
            [{"device": {"name": "Server"}, "name": "PSU3", "allocated_draw": 10},
             {"device": {"name": "Server"}, "name": "PSU4"},
             {"device": {"name": "Router"}, "name": "PSU3", "maximum_draw": 90}]
            """);

        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        Assert.Equal(["PSU3", "PSU4", "PSU3"], reply.Json.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.All(reply.Json.EnumerateArray(), p => Assert.Equal(1, p.GetProperty("version").GetInt32()));
        Assert.Equal(before + 3, await api.CountAsync("power-ports"));
        Assert.Equal(revision + 1, Revision);
    }

    [Fact]
    public async Task Post_AListWithOneInvalidItem_Is400WithAnErrorObjectPerItem_AndCreatesNothing()
    {
        var api = await DcimClient.SeededAsync(app);
        var before = await app.ExportAsync();
        long revision = Revision;

        var reply = await api.PostAsync(Ports, """
            [{"device": {"name": "Server"}, "name": "PSU3"},
             {"device": {"name": "Server"}, "name": "PSU5", "allocated_draw": 500, "maximum_draw": 100},
             {"device": {"name": "Server"}, "name": "PSU3"}]
            """);
        var malformed = await api.PostAsync(Ports, """[{"device": {"name": "Server"}, "name": "PSU6"}, "not an object"]""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("application/problem+json", reply.ContentType);
        var errors = reply.Json.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(3, errors.Count);
        Assert.Empty(errors[0].EnumerateObject());
        Assert.Equal("Allocated draw cannot exceed the maximum draw (100W).", errors[1].GetProperty("allocated_draw")[0].GetString());
        Assert.Equal("Power port with this Device and Name already exists.", errors[2].GetProperty("non_field_errors")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("Invalid data. Expected a dictionary, but got str.", malformed.Json.GetProperty("errors")[1].GetProperty("non_field_errors")[0].GetString());
        Assert.Equal(before, await app.ExportAsync());
        Assert.Equal(revision, Revision);
    }

    [Fact]
    public async Task Post_AListOfDevices_GivesEachItsTypesComponents()
    {
        var api = await DcimClient.SeededAsync(app);

        var reply = await api.PostAsync("/api/dcim/devices/", """
            [{"site": {"name": "DC1"}, "name": "PDU3", "role": "pdu", "device_type": {"model": "PDU-8"}},
             {"site": {"name": "DC1"}, "name": "PDU4", "role": "pdu", "device_type": {"model": "PDU-8"}}]
            """);

        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        Assert.Equal(8, await api.CountAsync("power-outlets", "device=PDU4"));
        var inlet = await api.GetObjectAsync("power-ports", "device=PDU3");
        Assert.Equal("Inlet", inlet.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Patch_AList_UpdatesAll_InOneRevision_OrNoneWhenOneIsInvalid()
    {
        var api = await DcimClient.SeededAsync(app);
        int psu1 = await api.IdAsync("power-ports", "device=Server&name=PSU1");
        int psu2 = await api.IdAsync("power-ports", "device=Server&name=PSU2");
        var before = await app.ExportAsync();

        var refused = await api.PatchAsync(Ports, $$"""[{"id": {{psu1}}, "allocated_draw": 400}, {"id": {{psu2}}, "allocated_draw": 900}]""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var errors = refused.Json.GetProperty("errors").EnumerateArray().ToList();
        Assert.Empty(errors[0].EnumerateObject());
        Assert.Equal("Allocated draw cannot exceed the maximum draw (600W).", errors[1].GetProperty("allocated_draw")[0].GetString());
        Assert.Equal(before, await app.ExportAsync());

        long revision = Revision;
        var reply = await api.PatchAsync(Ports, $$"""[{"id": {{psu2}}, "allocated_draw": 500}, {"id": {{psu1}}, "allocated_draw": 400}, {"id": 99999, "name": "gone"}]""");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal([(psu1, 400, 2), (psu2, 500, 2)], reply.Json.EnumerateArray()
            .Select(p => (p.GetProperty("id").GetInt32(), p.GetProperty("allocated_draw").GetInt32(), p.GetProperty("version").GetInt32())));
        Assert.Equal(revision + 1, Revision);
        var feed1 = (await app.GetJsonAsync("/api/power/report")).GetProperty("power_feeds").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Feed 1");
        Assert.Equal(520, feed1.GetProperty("utilization").GetProperty("allocated").GetInt32());
    }

    [Fact]
    public async Task Put_AList_RequiresTheRequiredFields_AndAppliesAll()
    {
        var api = await DcimClient.SeededAsync(app);
        int psu1 = await api.IdAsync("power-ports", "device=Router&name=PSU1");

        var refused = await api.PutAsync(Ports, $$"""[{"id": {{psu1}}, "allocated_draw": 100}]""");
        var applied = await api.PutAsync(Ports, $$"""[{"id": {{psu1}}, "device": {"name": "Router"}, "name": "PSU1", "allocated_draw": 100}]""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["This field is required."], refused.Json.GetProperty("errors")[0].GetProperty("name").EnumerateArray().Select(m => m.GetString()));
        Assert.True(applied.Status == HttpStatusCode.OK, applied.ToString());
        Assert.Equal(100, applied.Json[0].GetProperty("allocated_draw").GetInt32());
    }

    [Fact]
    public async Task Patch_AListWithoutIds_Is400PerItem()
    {
        var api = await DcimClient.SeededAsync(app);

        var reply = await api.PatchAsync(Ports, """[{"name": "x"}, {"id": "one"}]""");
        var notAList = await api.PatchAsync(Ports, """{"id": 1}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("This field is required.", reply.Json.GetProperty("errors")[0].GetProperty("id")[0].GetString());
        Assert.Equal("A valid integer is required.", reply.Json.GetProperty("errors")[1].GetProperty("id")[0].GetString());
        Assert.Equal(["Expected a list of items but got type \"dict\"."], notAList.Errors("non_field_errors"));
    }

    [Fact]
    public async Task Delete_AList_DeletesAllWithTheirEffects_InOneRevision()
    {
        var api = await DcimClient.SeededAsync(app);
        int psu1 = await api.IdAsync("power-ports", "device=Server&name=PSU1");
        int psu2 = await api.IdAsync("power-ports", "device=Server&name=PSU2");
        int cables = await api.CountAsync("cables");
        long revision = Revision;

        var reply = await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Ports)
        {
            Content = new StringContent($$"""[{"id": {{psu1}}}, {"id": {{psu2}}}]""", System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.True(reply.Status == HttpStatusCode.NoContent, reply.ToString());
        Assert.Equal(0, await api.CountAsync("power-ports", "device=Server"));
        Assert.Equal(cables - 2, await api.CountAsync("cables"));
        Assert.Equal(revision + 1, Revision);
    }

    [Fact]
    public async Task Delete_AListWithAReferencedObject_Is409_AndDeletesNothing()
    {
        var api = await DcimClient.SeededAsync(app);
        int panel = await api.IdAsync("power-panels", "name=Panel 1");
        var created = await api.PostAsync("/api/dcim/power-panels/", """{"site": {"name": "DC1"}, "name": "Panel 2"}""");
        var before = await app.ExportAsync();

        var reply = await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/dcim/power-panels/")
        {
            Content = new StringContent($$"""[{"id": {{created.Id}}}, {"id": {{panel}}}]""", System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Contains("Feed 1", reply.Json.GetProperty("detail").GetString());
        Assert.Equal(before, await app.ExportAsync());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class DcimApiBulkTestsOnPostgres(PostgresApiFactory app) : DcimApiBulkTests(app), IClassFixture<PostgresApiFactory>;

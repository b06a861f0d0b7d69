using System.Text.Json.Nodes;
using PowerMap.Core.Data;
using PowerMap.Core.Data.Providers;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data;

// Importing a NetBox again (DcimStore.ImportNetBoxAsync → NetBoxSync.Plan): matched by NetBox id, updated in place,
// created, deleted; PowerMap's own objects and fields kept; one transaction; the snapshot equals a fresh load.
// The documents are what NetBoxDocument writes from a NetBox: every object with its NetBox id (netbox_id).
public class NetBoxSyncTests : IAsyncLifetime
{
    private readonly FailingCommandInterceptor _failing = new();
    private TestDatabase _db = null!;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(o => o.AddInterceptors(_failing), Provider);

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Installation Inst => _db.Topology.Current.Installation;

    //  DC1: Panel 1 ─┬─ Feed A (10) ── PDU (106, unnamed) Inlet;  PDU Outlet 1 ── web01 PSU1 (300 W)
    //                └─ Feed B (11)
    private static JsonObject NetBox() => JsonNode.Parse("""
        {
          "sites": [{"netbox_id": 1, "name": "DC1", "slug": "dc1", "description": ""}],
          "locations": [{"netbox_id": 1, "name": "Row 1", "site": "DC1"}],
          "racks": [{"netbox_id": 5, "name": "R1", "site": "DC1", "location": "Row 1"}],
          "power_panels": [{"netbox_id": 1, "name": "Panel 1", "site": "DC1"}],
          "power_feeds": [
            {"netbox_id": 10, "name": "Feed A", "power_panel": "Panel 1", "site": "DC1", "rack": "R1", "voltage": 230, "amperage": 16},
            {"netbox_id": 11, "name": "Feed B", "power_panel": "Panel 1", "site": "DC1", "rack": "R1", "type": "redundant", "voltage": 230, "amperage": 16}
          ],
          "device_types": [
            {"netbox_id": 3, "model": "PDU-2", "manufacturer": "Acme",
             "power_port_templates": [{"netbox_id": 1, "name": "Inlet"}], "power_outlet_templates": [{"netbox_id": 1, "name": "Outlet 1", "power_port": "Inlet"}]},
            {"netbox_id": 4, "model": "Server-1U", "manufacturer": "Acme"}
          ],
          "devices": [
            {"netbox_id": 106, "name": null, "site": "DC1", "location": "Row 1", "rack": "R1", "role": "PDU", "device_type": {"manufacturer": "Acme", "model": "PDU-2"},
             "instantiate_templates": false, "power_ports": [{"netbox_id": 20, "name": "Inlet"}],
             "power_outlets": [{"netbox_id": 30, "name": "Outlet 1", "power_port": "Inlet"}]},
            {"netbox_id": 107, "name": "web01", "site": "DC1", "location": "Row 1", "rack": "R1", "role": "Server", "device_type": {"manufacturer": "Acme", "model": "Server-1U"},
             "instantiate_templates": false, "power_ports": [{"netbox_id": 21, "name": "PSU1", "maximum_draw": 500, "allocated_draw": 300}]}
          ],
          "cables": [
            {"netbox_id": 40, "a": [{"power_panel": "Panel 1", "power_feed": "Feed A", "site": "DC1"}], "b": [{"device": "Acme PDU-2 (106)", "power_port": "Inlet"}]},
            {"netbox_id": 41, "a": [{"device": "Acme PDU-2 (106)", "power_outlet": "Outlet 1"}], "b": [{"device": "web01", "power_port": "PSU1"}]}
          ]
        }
        """)!.AsObject();

    private static JsonObject Find(JsonObject doc, string section, int netBoxId) =>
        doc[section]!.AsArray().Select(n => n!.AsObject()).Single(o => (int)o["netbox_id"]! == netBoxId);

    private async Task<NetBoxImportResult> ImportAsync(JsonObject doc)
    {
        var result = await _db.Store.ImportNetBoxAsync(doc.ToJsonString(), Ct);
        Assert.True(result.IsOk, result.Errors + " " + result.Message);
        return result;
    }

    private static NetBoxSyncCount Count(NetBoxImportResult r, string kind) => r.Counts.Single(c => c.Kind == kind);

    /// <summary>Every object with its id, version and fields (a cable with its ends): equal strings, equal installations.</summary>
    private static string Dump(Installation inst) => string.Join("\n", inst.All()
        .Select(e => $"{e.GetType().Name} {e.Id} v{e.Version} {ChangeData.Serialize(e)}" +
            (e is Cable c ? " " + string.Join(",", c.Terminations.OrderBy(t => t.End).ThenBy(t => t.Position).Select(t => $"{t.End}{t.Position}:{t.Kind}:{t.ObjectId}")) : ""))
        .Order(StringComparer.Ordinal));

    private async Task AssertSnapshotIsTheDatabaseAsync() =>
        Assert.Equal(Dump(await new TopologyStore(_db.Factory).LoadAsync(Ct)), Dump(Inst));

    [Fact]
    public async Task FirstImport_CreatesEverything_WithItsNetBoxIds()
    {
        var result = await ImportAsync(NetBox());

        Assert.Equal((17, 0, 0), (result.Created, result.Updated, result.Deleted));
        Assert.Equal(new NetBoxSyncCount("Power feed", 2, 0, 0), Count(result, "Power feed"));
        Assert.All(Inst.All(), e => Assert.NotNull(e.NetBoxId));
        Assert.Equal([40, 41], Inst.Cables.Select(c => c.NetBoxId!.Value).Order());
        await AssertSnapshotIsTheDatabaseAsync();
    }

    [Fact]
    public async Task SameDataAgain_ChangesNothing()
    {
        await ImportAsync(NetBox());
        var before = Dump(Inst);
        long revision = _db.Topology.Current.Revision;

        var result = await ImportAsync(NetBox());

        Assert.Equal((0, 0, 0), (result.Created, result.Updated, result.Deleted));
        Assert.Equal(before, Dump(Inst));
        Assert.Equal(revision, _db.Topology.Current.Revision);
    }

    //  Feed B 16 A → 32 A, web01 → web-01, Feed C new, the PDU → web01 cable gone, Server-1U's PSU1 300 → 350 W
    [Fact]
    public async Task ChangedData_IsUpdatedInPlace_CreatedAndDeleted_WithCounts()
    {
        await ImportAsync(NetBox());
        var feedB = Inst.PowerFeeds.Single(f => f.NetBoxId == 11);
        var web = Inst.Devices.Single(d => d.NetBoxId == 107);
        var doc = NetBox();
        Find(doc, "power_feeds", 11)["amperage"] = 32;
        Find(doc, "devices", 107)["name"] = "web-01";
        Find(doc, "devices", 107)["power_ports"]![0]!["allocated_draw"] = 350;
        doc["power_feeds"]!.AsArray().Add(JsonNode.Parse("""{"netbox_id": 12, "name": "Feed C", "power_panel": "Panel 1", "site": "DC1", "voltage": 230, "amperage": 16}"""));
        doc["cables"]!.AsArray().RemoveAt(1);

        var result = await ImportAsync(doc);

        Assert.Equal(new NetBoxSyncCount("Power feed", 1, 1, 0), Count(result, "Power feed"));
        Assert.Equal(new NetBoxSyncCount("Device", 0, 1, 0), Count(result, "Device"));
        Assert.Equal(new NetBoxSyncCount("Power port", 0, 1, 0), Count(result, "Power port"));
        Assert.Equal(new NetBoxSyncCount("Cable", 0, 0, 1), Count(result, "Cable"));
        Assert.Equal((1, 3, 1), (result.Created, result.Updated, result.Deleted));
        // Same objects (ids), new versions; no duplicates.
        Assert.Equal((32, feedB.Version + 1), (Inst.FeedById[feedB.Id].Amperage, Inst.FeedById[feedB.Id].Version));
        Assert.Equal("web-01", Inst.DeviceById[web.Id].Name);
        Assert.Equal(3, Inst.PowerFeeds.Count);
        Assert.Equal(2, Inst.Devices.Count);
        Assert.Single(Inst.Cables);
        await AssertSnapshotIsTheDatabaseAsync();
    }

    // PowerMap's own objects (no NetBox id) and fields NetBox does not give (a cable's length, an outlet's status) stay.
    [Fact]
    public async Task PowerMapObjectsAndFields_AreKept()
    {
        await ImportAsync(NetBox());
        var pdu = Inst.Devices.Single(d => d.NetBoxId == 106);
        var extra = await _db.Store.SaveAsync(new PowerOutlet { DeviceId = pdu.Id, Name = "Outlet 9" }, ct: Ct);
        Assert.True(extra.IsOk);
        var lab = await _db.Store.SaveAsync(new Site { Name = "Lab" }, ct: Ct);
        Assert.True(lab.IsOk);
        var cable = (Cable)Inst.Cables.Single(c => c.NetBoxId == 40).Clone();
        cable.Length = 3;
        cable.LengthUnit = "m";
        Assert.True((await _db.Store.SaveAsync(cable, ct: Ct)).IsOk);
        var doc = NetBox();
        Find(doc, "cables", 40)["label"] = "A-feed";

        var result = await ImportAsync(doc);

        Assert.Equal((0, 1, 0), (result.Created, result.Updated, result.Deleted));
        Assert.Contains(Inst.PowerOutlets, o => o.Id == extra.Current!.Id && o.DeviceId == pdu.Id);
        Assert.Contains(Inst.Sites, s => s.Name == "Lab");
        var after = Inst.CableById[cable.Id];
        Assert.Equal(("A-feed", 3.0, "m"), (after.Label, after.Length, after.LengthUnit));
        await AssertSnapshotIsTheDatabaseAsync();
    }

    //  web01 PSU1 gone in NetBox (and its cable); a cable made in PowerMap at it goes too, as NetBox deletes a port's cable.
    [Fact]
    public async Task DeletedPort_TakesItsCables_IncludingOneMadeInPowerMap()
    {
        var doc = NetBox();
        doc["cables"]!.AsArray().RemoveAt(1);
        await ImportAsync(doc);
        var psu = Inst.PowerPorts.Single(p => p.NetBoxId == 21);
        var outlet = Inst.PowerOutlets.Single(o => o.NetBoxId == 30);
        var made = await _db.Store.SaveAsync(new Cable
        {
            Terminations = [new() { End = CableEnd.A, Kind = TerminationKind.PowerOutlet, ObjectId = outlet.Id }, new() { End = CableEnd.B, Kind = TerminationKind.PowerPort, ObjectId = psu.Id }],
        }, ct: Ct);
        Assert.True(made.IsOk, made.Errors?.ToString());
        var next = NetBox();
        next["cables"]!.AsArray().RemoveAt(1);
        Find(next, "devices", 107)["power_ports"] = new JsonArray();

        var result = await ImportAsync(next);

        Assert.Equal(new NetBoxSyncCount("Power port", 0, 0, 1), Count(result, "Power port"));
        Assert.Equal(new NetBoxSyncCount("Cable", 0, 0, 1), Count(result, "Cable"));
        Assert.DoesNotContain(Inst.Cables, c => c.Id == made.Current!.Id);
        await AssertSnapshotIsTheDatabaseAsync();
    }

    // A device made in PowerMap in a rack that NetBox no longer has: refused by name, nothing written.
    [Fact]
    public async Task RackGoneInNetBox_StillHoldingAPowerMapDevice_IsRefused_AndNothingChanges()
    {
        var doc = NetBox();
        doc["racks"]!.AsArray().Add(JsonNode.Parse("""{"netbox_id": 6, "name": "R2", "site": "DC1", "location": "Row 1"}"""));
        await ImportAsync(doc);
        var r2 = Inst.Racks.Single(r => r.NetBoxId == 6);
        Assert.True((await _db.Store.SaveAsync(new Device { Name = "lab-box", SiteId = r2.SiteId, LocationId = r2.LocationId, RackId = r2.Id }, ct: Ct)).IsOk);
        var before = Dump(Inst);
        var next = NetBox();
        Find(next, "power_feeds", 11)["amperage"] = 32;

        var result = await _db.Store.ImportNetBoxAsync(next.ToJsonString(), Ct);

        Assert.Equal(WriteStatus.Invalid, result.Status);
        var (key, messages) = Assert.Single(result.Errors);
        Assert.Equal("Rack 'R2' (NetBox id 6)", key);
        Assert.Contains("devices: lab-box", Assert.Single(messages));
        Assert.Equal(before, Dump(Inst));
        await AssertSnapshotIsTheDatabaseAsync();
    }

    // NetBox renames a device to the name of one made in PowerMap (names are unique per site, ignoring case).
    [Fact]
    public async Task ANameTakenByAPowerMapObject_IsRefused_NamingTheNetBoxObject()
    {
        await ImportAsync(NetBox());
        var site = Inst.Sites.Single();
        Assert.True((await _db.Store.SaveAsync(new Device { Name = "lab-box", SiteId = site.Id }, ct: Ct)).IsOk);
        var doc = NetBox();
        Find(doc, "devices", 107)["name"] = "LAB-BOX";
        Find(doc, "cables", 41)["b"]![0]!["device"] = "LAB-BOX";

        var result = await _db.Store.ImportNetBoxAsync(doc.ToJsonString(), Ct);

        Assert.Equal(WriteStatus.Invalid, result.Status);
        Assert.StartsWith("Device 'LAB-BOX' (NetBox id 107)", Assert.Single(result.Errors).Key);
        Assert.Equal("web01", Inst.Devices.Single(d => d.NetBoxId == 107).Name);
    }

    // All or nothing: the third database write of the re-import fails; SQLite, the snapshot and the export are as before.
    [Fact]
    public async Task ALateWriteFails_NothingChanges()
    {
        await ImportAsync(NetBox());
        var before = Dump(Inst);
        var doc = NetBox();
        Find(doc, "power_feeds", 10)["amperage"] = 32;
        Find(doc, "power_feeds", 11)["amperage"] = 32;
        Find(doc, "devices", 107)["name"] = "web-01";
        doc["cables"]!.AsArray().RemoveAt(1);

        _failing.FailOnWrite(3);
        var result = await _db.Store.ImportNetBoxAsync(doc.ToJsonString(), Ct);

        Assert.Equal(1, _failing.FailedCommands);
        Assert.False(result.IsOk);
        Assert.Equal(before, Dump(Inst));
        await AssertSnapshotIsTheDatabaseAsync();
    }

    [Fact]
    public async Task ANetBoxIdTwiceInOneKind_IsAnError_AtItsPath()
    {
        var doc = NetBox();
        Find(doc, "power_feeds", 11)["netbox_id"] = 10;

        var result = await _db.Store.ImportNetBoxAsync(doc.ToJsonString(), Ct);

        Assert.Equal(WriteStatus.Invalid, result.Status);
        Assert.Equal(["Power feed with this NetBox id already exists."], result.Errors["power_feeds[1].netbox_id"]);
        Assert.Equal(0, Inst.ObjectCount);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class NetBoxSyncTestsOnPostgres : NetBoxSyncTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using PowerMap.Core.Data;
using PowerMap.Core.Data.Providers;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data;

// Writes: validation, optimistic concurrency, delete effects, device creation from a type; on real SQLite (and PostgreSQL below).
public class DcimStoreTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: Provider);
        var plan = await _db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, TestContext.Current.CancellationToken);
        Assert.True(plan.IsValid, plan.Errors.ToString());
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private Installation Inst => _db.Topology.Current.Installation;

    private PowerFeed Feed(string name) => Inst.PowerFeeds.Single(f => f.Name == name);

    private static PowerFeed Copy(PowerFeed f) => new()
    {
        Id = f.Id, PowerPanelId = f.PowerPanelId, RackId = f.RackId, Name = f.Name, Status = f.Status, Type = f.Type, Supply = f.Supply,
        Phase = f.Phase, Voltage = f.Voltage, Amperage = f.Amperage, MaxUtilization = f.MaxUtilization, MarkConnected = f.MarkConnected, Version = f.Version,
    };

    [Fact]
    public async Task Update_WithStaleVersion_IsRefused_AndNothingIsLost()
    {
        var ct = TestContext.Current.CancellationToken;
        var loaded = Feed("Feed 1");
        var alice = Copy(loaded);
        alice.Amperage = 32;
        var bob = Copy(loaded);
        bob.Voltage = 240;

        var first = await _db.Store.SaveAsync(alice, loaded.Version, ct);
        var second = await _db.Store.SaveAsync(bob, loaded.Version, ct);

        Assert.Equal(WriteStatus.Ok, first.Status);
        Assert.Equal(WriteStatus.VersionConflict, second.Status);
        Assert.Equal(32, second.Current!.Amperage);
        var reloaded = await new TopologyStore(_db.Factory).LoadAsync(ct);
        var stored = reloaded.PowerFeeds.Single(f => f.Name == "Feed 1");
        Assert.Equal((32, 230, loaded.Version + 1), (stored.Amperage, stored.Voltage, stored.Version));
        Assert.Equal(5888, _db.Topology.Current.Report.Feed(stored.Id)!.AvailableVoltAmps);
    }

    [Fact]
    public async Task Update_Invalid_ReturnsFieldErrors_AndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var feed = Copy(Feed("Feed 1"));
        feed.Voltage = -230;
        var result = await _db.Store.SaveAsync(feed, null, ct);
        Assert.Equal(WriteStatus.Invalid, result.Status);
        Assert.Equal(["Voltage cannot be negative for AC supply"], result.Errors!["voltage"]);
        Assert.Equal(230, Feed("Feed 1").Voltage);
    }

    [Fact]
    public async Task PortDrawEdit_UpdatesTheReportIncrementally()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = Inst.Devices.Single(d => d.Name == "Server");
        var psu1 = Inst.PowerPorts.Single(p => p.DeviceId == server.Id && p.Name == "PSU1");
        var edited = new PowerPort { Id = psu1.Id, DeviceId = psu1.DeviceId, Name = psu1.Name, Type = psu1.Type, AllocatedDrawWatts = 500, MaximumDrawWatts = 600 };

        var result = await _db.Store.SaveAsync(edited, psu1.Version, ct);

        Assert.True(result.IsOk);
        var feed1 = _db.Topology.Current.Report.Feed(Feed("Feed 1").Id)!;
        Assert.Equal(620, feed1.Utilization!.AllocatedVoltAmps);
        Assert.Equal(21.1, feed1.Utilization.Percent);
    }

    [Fact]
    public async Task DeletePanel_ReferencedByFeeds_IsBlockedNamingThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var panel = Inst.PowerPanels.Single();
        var result = await _db.Store.DeleteAsync<PowerPanel>(panel.Id, null, ct);
        Assert.Equal(WriteStatus.Blocked, result.Status);
        Assert.Contains("Feed 1", result.Message);
        Assert.Contains("Feed 2", result.Message);
        Assert.Single(Inst.PowerPanels);
    }

    [Fact]
    public async Task DeletePort_LeavesOutletsUnmapped_AndFreesItsCable()
    {
        var ct = TestContext.Current.CancellationToken;
        var pdu1 = Inst.Devices.Single(d => d.Name == "PDU1");
        var inlet = Inst.PowerPorts.Single(p => p.DeviceId == pdu1.Id);
        var result = await _db.Store.DeleteAsync<PowerPort>(inlet.Id, null, ct);

        Assert.True(result.IsOk);
        Assert.All(Inst.PowerOutlets.Where(o => o.DeviceId == pdu1.Id), o => Assert.Null(o.PowerPortId));
        Assert.Equal(8, Inst.PowerOutlets.Count(o => o.DeviceId == pdu1.Id));
        Assert.Null(_db.Topology.Current.Report.Feed(Feed("Feed 1").Id)!.Utilization);
        Assert.Equal(5, Inst.Cables.Count);
    }

    [Fact]
    public async Task DeleteDevice_RemovesItsComponentsAndTheirCables()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = Inst.Devices.Single(d => d.Name == "Server");
        var result = await _db.Store.DeleteAsync<Device>(server.Id, null, ct);

        Assert.True(result.IsOk);
        Assert.DoesNotContain(Inst.PowerPorts, p => p.DeviceId == server.Id);
        Assert.Equal(4, Inst.Cables.Count);
        Assert.Equal(120, _db.Topology.Current.Report.Feed(Feed("Feed 1").Id)!.Utilization!.AllocatedVoltAmps);
    }

    [Fact]
    public async Task DeleteCable_FreesBothEnds()
    {
        var ct = TestContext.Current.CancellationToken;
        var cable = Inst.CableOf[(TerminationKind.PowerFeed, Feed("Feed 2").Id)].Cable;
        Assert.True((await _db.Store.DeleteAsync<Cable>(cable.Id, null, ct)).IsOk);
        Assert.False(Inst.CableOf.ContainsKey((TerminationKind.PowerFeed, Feed("Feed 2").Id)));
        Assert.Null(_db.Topology.Current.Report.Feed(Feed("Feed 2").Id)!.Utilization);
    }

    [Fact]
    public async Task DeleteWithStaleVersion_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var feed = Feed("Feed 2");
        var result = await _db.Store.DeleteAsync<PowerFeed>(feed.Id, feed.Version + 5, ct);
        Assert.Equal(WriteStatus.VersionConflict, result.Status);
        Assert.Equal(2, Inst.PowerFeeds.Count);
    }

    [Fact]
    public async Task CreateDevice_FromType_CopiesPortsAndOutlets_AndLaterTemplateEditsDoNotTouchIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var type = Inst.DeviceTypes.Single(t => t.Model == "PDU-8");
        var result = await _db.Store.CreateDeviceAsync(new Device { Name = "PDU3", SiteId = Inst.Sites[0].Id, DeviceTypeId = type.Id, Role = "pdu" }, ct);

        Assert.True(result.IsOk);
        var pdu3 = result.Current!;
        var inlet = Assert.Single(Inst.PowerPorts, p => p.DeviceId == pdu3.Id);
        Assert.Equal("Inlet", inlet.Name);
        var outlets = Inst.PowerOutlets.Where(o => o.DeviceId == pdu3.Id).ToList();
        Assert.Equal(8, outlets.Count);
        Assert.All(outlets, o => Assert.Equal(inlet.Id, o.PowerPortId));

        var template = Inst.PowerPortTemplates.Single(t => t.DeviceTypeId == type.Id);
        var edited = new PowerPortTemplate { Id = template.Id, DeviceTypeId = type.Id, Name = "Inlet", AllocatedDrawWatts = 100 };
        Assert.True((await _db.Store.SaveAsync(edited, null, ct)).IsOk);
        Assert.Null(Inst.PortById[inlet.Id].AllocatedDrawWatts);
    }

    [Fact]
    public async Task Import_Invalid_WritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = TopologyExporter.ExportJson(await new TopologyStore(_db.Factory).LoadAsync(ct));
        var plan = await _db.Store.ImportAsync("""{"sites":[{"name":"DC9"}],"racks":[{"name":"R1","site":"DC404"}]}""", ImportMode.Merge, ct);
        Assert.False(plan.IsValid);
        Assert.Equal(before, TopologyExporter.ExportJson(await new TopologyStore(_db.Factory).LoadAsync(ct)));
    }

    // PDU1 from PDU-8 loses Outlet 8; PDU2 gets its type only later: both must survive export → import → export.
    [Fact]
    public async Task Export_OfDevicesThatNoLongerMatchTheirType_RoundTripsExactly()
    {
        var ct = TestContext.Current.CancellationToken;
        var pdu1 = Inst.Devices.Single(d => d.Name == "PDU1");
        var outlet8 = Inst.PowerOutlets.Single(o => o.DeviceId == pdu1.Id && o.Name == "Outlet 8");
        Assert.True((await _db.Store.DeleteAsync<PowerOutlet>(outlet8.Id, null, ct)).IsOk);
        var bare = await _db.Store.SaveAsync(new Device { Name = "PDU9", SiteId = Inst.Sites[0].Id, Role = "pdu" }, null, ct);
        var typed = new Device { Id = bare.Current!.Id, Name = "PDU9", SiteId = Inst.Sites[0].Id, Role = "pdu", DeviceTypeId = Inst.DeviceTypes[0].Id };
        Assert.True((await _db.Store.SaveAsync(typed, null, ct)).IsOk);
        var first = TopologyExporter.ExportJson(Inst);
        Assert.Contains("\"instantiate_templates\": false", first);

        var plan = await _db.Store.ImportAsync(first, ImportMode.Replace, ct);

        Assert.True(plan.IsValid, plan.Errors.ToString());
        Assert.Equal(first, TopologyExporter.ExportJson(Inst));
        Assert.Equal(7, Inst.PowerOutlets.Count(o => o.DeviceId == Inst.Devices.Single(d => d.Name == "PDU1").Id));
        Assert.DoesNotContain(Inst.PowerPorts, p => p.DeviceId == Inst.Devices.Single(d => d.Name == "PDU9").Id);
    }
}

/// <summary>The same writes on PostgreSQL.</summary>
public class DcimStoreTestsOnPostgres : DcimStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

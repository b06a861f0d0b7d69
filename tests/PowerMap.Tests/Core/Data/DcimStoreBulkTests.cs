using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;
using PowerMap.Core.Data.Providers;

namespace PowerMap.Tests.Core.Data;

// DcimStore.CreateDeviceWithComponentsAsync: the "Create PDU" bulk action, one transaction, on real SQLite.
public class DcimStoreBulkTests : IAsyncLifetime
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: Provider);
        var plan = await _db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, TestContext.Current.CancellationToken);
        Assert.True(plan.IsValid, plan.Errors.ToString());
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private Installation Inst => _db.Topology.Current.Installation;

    private Device NewPdu(string name) => new()
    {
        Name = name,
        SiteId = Inst.Sites.Single(s => s.Name == "DC1").Id,
        RackId = Inst.Racks.Single(r => r.Name == "R1").Id,
        Role = "pdu",
    };

    [Fact]
    public async Task CreatePdu_WritesDeviceInletAndMappedOutlets_AndPublishes()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ports, outlets) = DeviceComponents.Pdu(6, legsRoundRobin: true);
        long revision = _db.Topology.Current.Revision;

        var result = await _db.Store.CreateDeviceWithComponentsAsync(NewPdu("PDU3"), ports, outlets, ct);

        Assert.Equal(WriteStatus.Ok, result.Status);
        Assert.True(_db.Topology.Current.Revision > revision);
        var stored = await new TopologyStore(_db.Factory).LoadAsync(ct);
        var device = stored.Devices.Single(d => d.Name == "PDU3");
        var inlet = stored.PowerPorts.Single(p => p.DeviceId == device.Id);
        var storedOutlets = stored.PowerOutlets.Where(o => o.DeviceId == device.Id).OrderBy(o => o.Id).ToList();
        Assert.Equal("Inlet", inlet.Name);
        Assert.Equal(6, storedOutlets.Count);
        Assert.All(storedOutlets, o => Assert.Equal(inlet.Id, o.PowerPortId));
        Assert.Equal(["A", "B", "C", "A", "B", "C"], storedOutlets.Select(o => o.FeedLeg));
        Assert.All(storedOutlets.Cast<Entity>().Append(device).Append(inlet), e => Assert.Equal(1, e.Version));
        Assert.Equal(new DevicePowerSummary(device.Id, 1, 0, 6, 0, 0), PowerSummary.Device(_db.Topology.Current.Report, device.Id));
    }

    [Fact]
    public async Task CreatePdu_DuplicateName_WritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        int before = Inst.ObjectCount;
        var (ports, outlets) = DeviceComponents.Pdu(4, legsRoundRobin: false);

        var result = await _db.Store.CreateDeviceWithComponentsAsync(NewPdu("PDU1"), ports, outlets, ct);

        Assert.Equal(WriteStatus.Invalid, result.Status);
        Assert.Equal(["Device name must be unique per site."], result.Errors![ValidationErrors.NonField]);
        Assert.Equal(before, (await new TopologyStore(_db.Factory).LoadAsync(ct)).ObjectCount);
    }

    [Fact]
    public async Task CreatePdu_InvalidComponents_AreKeyedByIndex_AndNothingIsWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        int before = Inst.ObjectCount;
        var (ports, outlets) = DeviceComponents.Pdu(2, legsRoundRobin: false);
        outlets[1].Outlet.Name = "Outlet 1";
        outlets[0].Outlet.FeedLeg = "D";
        ports[0].AllocatedDrawWatts = 500;
        ports[0].MaximumDrawWatts = 100;

        var result = await _db.Store.CreateDeviceWithComponentsAsync(NewPdu("PDU9"), ports, outlets, ct);

        Assert.Equal(WriteStatus.Invalid, result.Status);
        Assert.Equal(["Allocated draw cannot exceed the maximum draw (100W)."], result.Errors!["power_ports[0].allocated_draw"]);
        Assert.Equal(["Value 'D' is not a valid choice."], result.Errors["power_outlets[0].feed_leg"]);
        Assert.Equal(["Power outlet with this Device and Name already exists."], result.Errors["power_outlets[1].non_field_errors"]);
        Assert.Equal(before, (await new TopologyStore(_db.Factory).LoadAsync(ct)).ObjectCount);
        Assert.Equal(before, Inst.ObjectCount);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class DcimStoreBulkTestsOnPostgres : DcimStoreBulkTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Core.Data.Providers;

namespace PowerMap.Tests.Core.Data;

// Every multi-step write is one transaction: when its second database command fails, nothing of it is kept — not in
// SQLite, not in the published snapshot, not in the export.
public class DcimStoreAtomicityTests : IAsyncLifetime
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private readonly FailingCommandInterceptor _failing = new();
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(o => o.AddInterceptors(_failing), Provider);
        var plan = await _db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, TestContext.Current.CancellationToken);
        Assert.True(plan.IsValid, plan.Errors.ToString());
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private Installation Inst => _db.Topology.Current.Installation;

    private Device Device(string name) => Inst.Devices.Single(d => d.Name == name);

    private async Task AssertSecondStepFailsAndNothingChangesAsync<T>(Func<Task<WriteResult<T>>> write) where T : Entity
    {
        var ct = TestContext.Current.CancellationToken;
        var before = TopologyExporter.ExportJson(Inst);
        var reportBefore = PowerReport(Inst);

        _failing.FailOnWrite(2);
        var result = await write();

        Assert.Equal(1, _failing.FailedCommands);
        Assert.Equal(WriteStatus.Invalid, result.Status);
        Assert.Equal(before, TopologyExporter.ExportJson(Inst));
        Assert.Equal(before, TopologyExporter.ExportJson(await new TopologyStore(_db.Factory).LoadAsync(ct)));
        Assert.Equal(reportBefore, PowerReport(Inst));
    }

    private string PowerReport(Installation inst) =>
        string.Join(";", inst.PowerFeeds.Select(f => $"{f.Name}={_db.Topology.Current.Report.Feed(f.Id)?.Utilization?.AllocatedVoltAmps}"));

    //  Feed 1 ── PDU1 Inlet;  PDU1 Outlet 1 ── Server PSU1  →  PDU1 Outlet 5 ── Server PSU1 (fails): both ends stay
    [Fact]
    public async Task CableEdit_SecondStepFails_CableKeepsBothEnds()
    {
        var psu1 = Inst.PowerPorts.Single(p => p.DeviceId == Device("Server").Id && p.Name == "PSU1");
        var stored = Inst.CableOf[(TerminationKind.PowerPort, psu1.Id)].Cable;
        var outlet5 = Inst.PowerOutlets.Single(o => o.DeviceId == Device("PDU1").Id && o.Name == "Outlet 5");
        var edited = (Cable)stored.Clone();
        edited.Terminations.Single(t => t.End == CableEnd.A).ObjectId = outlet5.Id;

        await AssertSecondStepFailsAndNothingChangesAsync(() => _db.Store.SaveAsync(edited, stored.Version, TestContext.Current.CancellationToken));

        var cable = Inst.CableById[stored.Id];
        Assert.Equal([CableEnd.A, CableEnd.B], cable.Terminations.Select(t => t.End));
        Assert.True(Inst.CableOf.ContainsKey((TerminationKind.PowerPort, psu1.Id)));
        Assert.False(Inst.CableOf.ContainsKey((TerminationKind.PowerOutlet, outlet5.Id)));
    }

    [Fact]
    public async Task CableEdit_Succeeds_KeepsTheUnchangedEndAndMovesTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        var psu1 = Inst.PowerPorts.Single(p => p.DeviceId == Device("Server").Id && p.Name == "PSU1");
        var stored = Inst.CableOf[(TerminationKind.PowerPort, psu1.Id)].Cable;
        var outlet5 = Inst.PowerOutlets.Single(o => o.DeviceId == Device("PDU1").Id && o.Name == "Outlet 5");
        var edited = (Cable)stored.Clone();
        edited.Terminations.Single(t => t.End == CableEnd.A).ObjectId = outlet5.Id;

        var result = await _db.Store.SaveAsync(edited, stored.Version, ct);

        Assert.True(result.IsOk, result.Errors?.ToString());
        Assert.Equal(outlet5.Id, Inst.CableOf[(TerminationKind.PowerPort, psu1.Id)].Cable.Terminations.Single(t => t.End == CableEnd.A).ObjectId);
        Assert.Equal(TopologyExporter.ExportJson(Inst), TopologyExporter.ExportJson(await new TopologyStore(_db.Factory).LoadAsync(ct)));
    }

    [Fact]
    public async Task CableCreate_SecondStepFails_NoHalfCable()
    {
        var ct = TestContext.Current.CancellationToken;
        var outlet6 = Inst.PowerOutlets.Single(o => o.DeviceId == Device("PDU1").Id && o.Name == "Outlet 6");
        var psu3 = (await _db.Store.SaveAsync(new PowerPort { DeviceId = Device("Server").Id, Name = "PSU3" }, null, ct)).Current!;
        var cable = new Cable
        {
            Terminations =
            [
                new CableTermination { End = CableEnd.A, Kind = TerminationKind.PowerOutlet, ObjectId = outlet6.Id },
                new CableTermination { End = CableEnd.B, Kind = TerminationKind.PowerPort, ObjectId = psu3.Id },
            ],
        };

        await AssertSecondStepFailsAndNothingChangesAsync(() => _db.Store.SaveAsync(cable, null, ct));

        Assert.False(Inst.CableOf.ContainsKey((TerminationKind.PowerPort, psu3.Id)));
    }

    [Fact]
    public async Task DeleteDevice_SecondStepFails_DeviceComponentsAndCablesStay() =>
        await AssertSecondStepFailsAndNothingChangesAsync(() =>
            _db.Store.DeleteAsync<Device>(Device("Server").Id, null, TestContext.Current.CancellationToken));

    [Fact]
    public async Task DeletePort_SecondStepFails_OutletsStayMappedAndCableStays() =>
        await AssertSecondStepFailsAndNothingChangesAsync(() =>
            _db.Store.DeleteAsync<PowerPort>(Inst.PowerPorts.Single(p => p.DeviceId == Device("PDU1").Id).Id, null, TestContext.Current.CancellationToken));

    [Fact]
    public async Task DeleteCable_SecondStepFails_BothEndsStay() =>
        await AssertSecondStepFailsAndNothingChangesAsync(() =>
            _db.Store.DeleteAsync<Cable>(Inst.Cables[0].Id, null, TestContext.Current.CancellationToken));

    [Fact]
    public async Task DeletePortTemplate_SecondStepFails_OutletTemplatesStayMapped() =>
        await AssertSecondStepFailsAndNothingChangesAsync(() =>
            _db.Store.DeleteAsync<PowerPortTemplate>(Inst.PowerPortTemplates[0].Id, null, TestContext.Current.CancellationToken));

    [Fact]
    public async Task CreateDeviceFromType_SecondStepFails_NoDeviceWithoutItsComponents() =>
        await AssertSecondStepFailsAndNothingChangesAsync(() =>
            _db.Store.CreateDeviceAsync(new Device { Name = "PDU3", SiteId = Inst.Sites[0].Id, DeviceTypeId = Inst.DeviceTypes[0].Id, Role = "pdu" },
                TestContext.Current.CancellationToken));
}

/// <summary>The same tests on PostgreSQL.</summary>
public class DcimStoreAtomicityTestsOnPostgres : DcimStoreAtomicityTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

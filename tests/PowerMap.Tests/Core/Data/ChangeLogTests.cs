using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Core.Data.Providers;

namespace PowerMap.Tests.Core.Data;

// issue 15: every write path leaves one change record per object, in the write's transaction, with before/after.
public class ChangeLogTests : IAsyncLifetime
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private TestDatabase _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: Provider);
        using (ChangeActor.Use(new ChangeActor("importer", "import-1", CanEdit: true)))
        {
            var plan = await _db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, Ct);
            Assert.True(plan.IsValid, plan.Errors.ToString());
        }
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private Installation Inst => _db.Topology.Current.Installation;

    private async Task<List<ObjectChange>> ChangesAsync(string? requestId = null)
    {
        await using var db = await _db.Factory.CreateDbContextAsync(Ct);
        return await db.ObjectChanges.Where(c => requestId == null || c.RequestId == requestId).OrderBy(c => c.Id).ToListAsync(Ct);
    }

    private static PowerFeed Copy(PowerFeed f) => new()
    {
        Id = f.Id, PowerPanelId = f.PowerPanelId, RackId = f.RackId, Name = f.Name, Status = f.Status, Type = f.Type, Supply = f.Supply,
        Phase = f.Phase, Voltage = f.Voltage, Amperage = f.Amperage, MaxUtilization = f.MaxUtilization, MarkConnected = f.MarkConnected, Version = f.Version,
    };

    [Fact]
    public async Task Import_OneRecordPerObject_AllWithTheImportsRequestId()
    {
        var records = await ChangesAsync("import-1");

        int terminations = Inst.Cables.Sum(c => c.Terminations.Count);
        Assert.Equal(Inst.ObjectCount + terminations, records.Count);
        Assert.All(records, r => Assert.Equal(("importer", ObjectChange.Create), (r.UserName, r.Action)));
        var feed = records.Single(r => r.ChangedObjectType == "dcim.powerfeed" && r.ObjectRepr == "Feed 1");
        Assert.Null(feed.PrechangeData);
        var after = ChangeData.Parse(feed.PostchangeData);
        Assert.Equal(("230", "16", "1"), (after["voltage"], after["amperage"], after["power_panel"]));
        Assert.Empty(await ChangesAsync("no-such-request"));
    }

    [Fact]
    public async Task Update_RecordsTheStoredValuesBefore_AndTheNewOnesAfter()
    {
        var feed = Copy(Inst.PowerFeeds.Single(f => f.Name == "Feed 1"));
        feed.Amperage = 32;

        using (ChangeActor.Use(new ChangeActor("alice", "edit-1", CanEdit: true)))
        {
            Assert.True((await _db.Store.SaveAsync(feed, ct: Ct)).IsOk);
        }

        var record = Assert.Single(await ChangesAsync("edit-1"));
        Assert.Equal(("alice", ObjectChange.Update, "dcim.powerfeed", feed.Id, "Feed 1"),
            (record.UserName, record.Action, record.ChangedObjectType, record.ChangedObjectId, record.ObjectRepr));
        Assert.Equal([("amperage", "16", "32")], ChangeData.Diff(record.PrechangeData, record.PostchangeData));
    }

    [Fact]
    public async Task Create_ThenDelete_RecordsNoBefore_ThenNoAfter()
    {
        var site = new Site { Name = "DC9" };
        using (ChangeActor.Use(new ChangeActor("bob", "create-1", CanEdit: true)))
        {
            Assert.True((await _db.Store.SaveAsync(site, ct: Ct)).IsOk);
        }
        using (ChangeActor.Use(new ChangeActor("bob", "delete-1", CanEdit: true)))
        {
            Assert.True((await _db.Store.DeleteAsync<Site>(site.Id, ct: Ct)).IsOk);
        }

        var created = Assert.Single(await ChangesAsync("create-1"));
        var deleted = Assert.Single(await ChangesAsync("delete-1"));
        Assert.Equal((ObjectChange.Create, site.Id), (created.Action, created.ChangedObjectId));
        Assert.Null(created.PrechangeData);
        Assert.Equal("DC9", ChangeData.Parse(created.PostchangeData)["name"]);
        Assert.Equal((ObjectChange.Delete, site.Id), (deleted.Action, deleted.ChangedObjectId));
        Assert.Equal("DC9", ChangeData.Parse(deleted.PrechangeData)["name"]);
        Assert.Null(deleted.PostchangeData);
    }

    [Fact]
    public async Task DeletingADevice_RecordsItsComponentsAndCables_InOneRequest()
    {
        var server = Inst.Devices.Single(d => d.Name == "Server");
        int ports = Inst.PowerPorts.Count(p => p.DeviceId == server.Id);
        using (ChangeActor.Use(new ChangeActor("carol", "delete-server", CanEdit: true)))
        {
            Assert.True((await _db.Store.DeleteAsync<Device>(server.Id, ct: Ct)).IsOk);
        }

        var records = await ChangesAsync("delete-server");
        Assert.All(records, r => Assert.Equal(ObjectChange.Delete, r.Action));
        Assert.Contains(records, r => r.ChangedObjectType == "dcim.device" && r.ObjectRepr == "Server");
        Assert.Equal(ports, records.Count(r => r.ChangedObjectType == "dcim.powerport"));
        Assert.Equal(ports, records.Count(r => r.ChangedObjectType == "dcim.cable"));
    }

    [Fact]
    public async Task RefusedWrites_LeaveNoRecord()
    {
        int before = (await ChangesAsync()).Count;
        var invalid = Copy(Inst.PowerFeeds.Single(f => f.Name == "Feed 1"));
        invalid.Voltage = -230;
        var stale = Copy(Inst.PowerFeeds.Single(f => f.Name == "Feed 2"));
        stale.Amperage = 20;

        Assert.Equal(WriteStatus.Invalid, (await _db.Store.SaveAsync(invalid, ct: Ct)).Status);
        Assert.Equal(WriteStatus.VersionConflict, (await _db.Store.SaveAsync(stale, stale.Version - 1, ct: Ct)).Status);
        Assert.Equal(WriteStatus.Blocked, (await _db.Store.DeleteAsync<PowerPanel>(Inst.PowerPanels[0].Id, ct: Ct)).Status);

        Assert.Equal(before, (await ChangesAsync()).Count);
    }

    [Fact]
    public async Task AViewer_CannotWrite_ThroughAnyPath_AndNothingChanges()
    {
        var export = TopologyExporter.ExportJson(Inst);
        int before = (await ChangesAsync()).Count;
        var feed = Copy(Inst.PowerFeeds.Single(f => f.Name == "Feed 1"));
        feed.Amperage = 63;

        using (ChangeActor.Use(new ChangeActor("viewer", "v-1", CanEdit: false)))
        {
            await Assert.ThrowsAsync<WriteForbiddenException>(() => _db.Store.SaveAsync(feed, ct: Ct));
            await Assert.ThrowsAsync<WriteForbiddenException>(() => _db.Store.DeleteAsync<PowerFeed>(feed.Id, ct: Ct));
            await Assert.ThrowsAsync<WriteForbiddenException>(() => _db.Store.ImportAsync("{}", ImportMode.Replace, Ct));
            await using var db = await _db.Factory.CreateDbContextAsync(Ct);
            db.Sites.Add(new Site { Name = "Sneaky", Version = 1 });
            await Assert.ThrowsAsync<WriteForbiddenException>(() => db.SaveChangesAsync(Ct));
        }

        Assert.Equal(export, TopologyExporter.ExportJson(await new TopologyStore(_db.Factory).LoadAsync(Ct)));
        Assert.Equal(before, (await ChangesAsync()).Count);
    }

    [Fact]
    public async Task Purge_DeletesOnlyRecordsOlderThanTheRetention()
    {
        await using (var db = await _db.Factory.CreateDbContextAsync(Ct))
        {
            db.ObjectChanges.Add(new ObjectChange { Time = DateTime.UtcNow.AddDays(-100), RequestId = "old", Action = ObjectChange.Create, ChangedObjectType = "dcim.site", ObjectRepr = "Old" });
            await db.SaveChangesAsync(Ct);
        }
        int all = (await ChangesAsync()).Count;

        int purged = await new ChangeLogStore(_db.Factory).PurgeAsync(TimeSpan.FromDays(90), Ct);

        Assert.Equal(1, purged);
        Assert.Equal(all - 1, (await ChangesAsync()).Count);
        Assert.Empty(await ChangesAsync("old"));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class ChangeLogTestsOnPostgres : ChangeLogTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

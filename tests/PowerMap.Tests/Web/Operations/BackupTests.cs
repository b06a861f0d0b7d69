using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web;
using PowerMap.Core.Data.Providers;

namespace PowerMap.Tests.Web.Operations;

// issue 14 (part): `-- backup FILE` / `-- restore FILE` bring back the installation and its change log, all or nothing.
public class BackupTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<int> ChangeCountAsync(TestDatabase db)
    {
        await using var context = await db.Factory.CreateDbContextAsync(Ct);
        return await context.ObjectChanges.CountAsync(Ct);
    }

    [Fact]
    public async Task BackupThenChangesThenRestore_GivesBackTheInstallationAndTheChangeLog()
    {
        await using var db = await TestDatabase.CreateAsync(provider: Provider);
        Assert.True((await db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, Ct)).IsValid);
        var exported = TopologyExporter.ExportJson(db.Topology.Current.Installation);
        int records = await ChangeCountAsync(db);
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["backup", file], new StringWriter()));
            var feed = db.Topology.Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 1");
            Assert.True((await db.Store.DeleteAsync<PowerFeed>(feed.Id, ct: Ct)).IsOk);
            Assert.NotEqual(exported, TopologyExporter.ExportJson(db.Topology.Current.Installation));

            var output = new StringWriter();
            Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["restore", file], output));

            Assert.Contains($"{records} change records", output.ToString());
            Assert.Equal(exported, TopologyExporter.ExportJson(db.Topology.Current.Installation));
            Assert.Equal(exported, TopologyExporter.ExportJson(await new TopologyStore(db.Factory).LoadAsync(Ct)));
            Assert.Equal(records, await ChangeCountAsync(db));
            var restoredFeed = db.Topology.Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 1");
            Assert.Equal(16.0, db.Topology.Current.Report.Feed(restoredFeed.Id)!.Utilization!.Percent);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task BackupWithHistory_ThenSnapshotAndPurge_Restore_GivesBackTheSamples()
    {
        await using var db = await TestDatabase.CreateAsync(provider: Provider);
        Assert.True((await db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, Ct)).IsValid);
        var history = db.Services.GetRequiredService<PowerMap.Core.Data.History.LoadHistoryStore>();
        var day1 = new DateOnly(2026, 11, 1);
        var psu = db.Topology.Current.Installation.PowerPorts.First(p => p.Name == "PSU1");
        await history.TakeAsync(db.Topology.Current.Report, day1, Ct);
        await history.TakeAsync(db.Topology.Current.Report.WithPortDraw(psu.Id, 900, 900), day1.AddDays(1), Ct);
        var before = Rows(await history.AllAsync(Ct));
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["backup", file], new StringWriter()));
            Assert.Contains("\"load_samples\"", await File.ReadAllTextAsync(file, Ct));
            await history.PurgeAsync(day1.AddDays(1), Ct);
            await history.TakeAsync(db.Topology.Current.Report, day1.AddDays(5), Ct);
            Assert.NotEqual(before, Rows(await history.AllAsync(Ct)));

            Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["restore", file], new StringWriter()));

            Assert.Equal(before, Rows(await history.AllAsync(Ct)));
            // The identity sequence is past the restored ids: a new day still saves.
            await history.TakeAsync(db.Topology.Current.Report, day1.AddDays(6), Ct);
            Assert.True(await history.HasDayAsync(day1.AddDays(6), Ct));
        }
        finally
        {
            File.Delete(file);
        }

        static List<string> Rows(IEnumerable<PowerMap.Core.Data.History.LoadSample> samples) =>
            samples.Select(s => $"{s.Day:yyyy-MM-dd} {s.Subject} {s.ObjectId} {s.AllocatedVoltAmps} {s.AvailableVoltAmps}").ToList();
    }

    // The restore's last part (the load history, after the topology and the change log) fails ──► nothing changed:
    // the installation, the change log, the history and the revision are the ones from before, in the database and the snapshot.
    [Fact]
    public async Task RestoreFailingAtTheHistory_ChangesNothing()
    {
        var faults = new FailingCommandInterceptor();
        await using var db = await TestDatabase.CreateAsync(o => o.AddInterceptors(faults), Provider);
        Assert.True((await db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, Ct)).IsValid);
        var history = db.Services.GetRequiredService<PowerMap.Core.Data.History.LoadHistoryStore>();
        await history.TakeAsync(db.Topology.Current.Report, new DateOnly(2026, 11, 1), Ct);
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["backup", file], new StringWriter()));
            var feed = db.Topology.Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 1");
            Assert.True((await db.Store.DeleteAsync<PowerFeed>(feed.Id, ct: Ct)).IsOk);
            await history.TakeAsync(db.Topology.Current.Report, new DateOnly(2026, 11, 2), Ct);
            var exported = TopologyExporter.ExportJson(db.Topology.Current.Installation);
            int records = await ChangeCountAsync(db);
            int samples = (await history.AllAsync(Ct)).Count;
            long revision = await db.Topology.DatabaseRevisionAsync(Ct);

            faults.FailOnWriteContaining("LoadSamples");
            await Assert.ThrowsAnyAsync<Exception>(() => CommandLine.RunAsync(db.Services, ["restore", file], new StringWriter()));

            Assert.Equal(1, faults.FailedCommands);
            Assert.Equal(exported, TopologyExporter.ExportJson(await new TopologyStore(db.Factory).LoadAsync(Ct)));
            Assert.Equal(exported, TopologyExporter.ExportJson(db.Topology.Current.Installation));
            Assert.Equal(records, await ChangeCountAsync(db));
            Assert.Equal(samples, (await history.AllAsync(Ct)).Count);
            Assert.Equal(revision, await db.Topology.DatabaseRevisionAsync(Ct));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("{\"format\": \"something-else\"}")]
    [InlineData("{\"format\": \"powermap-backup\", \"topology\": {\"sites\": [{\"name\": \"X\"}], \"racks\": [{\"name\": \"R\", \"site\": \"Nowhere\"}]}}")]
    [InlineData("{\"format\": \"powermap-backup\", \"topology\": {}, \"object_changes\": [{\"id\": 0}]}")]
    [InlineData("{\"format\": \"powermap-backup\", \"topology\": {}, \"load_samples\": [{\"id\": 1, \"day\": \"2026-11-01\", \"subject\": \"Toaster\", \"object_id\": 1}]}")]
    [InlineData("not json")]
    public async Task ABadBackup_Returns1_AndChangesNothing(string content)
    {
        await using var db = await TestDatabase.CreateAsync(provider: Provider);
        Assert.True((await db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, Ct)).IsValid);
        var exported = TopologyExporter.ExportJson(db.Topology.Current.Installation);
        int records = await ChangeCountAsync(db);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, content, Ct);

            Assert.Equal(1, await CommandLine.RunAsync(db.Services, ["restore", file], new StringWriter()));

            Assert.Equal(exported, TopologyExporter.ExportJson(db.Topology.Current.Installation));
            Assert.Equal(records, await ChangeCountAsync(db));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class BackupTestsOnPostgres : BackupTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Another instance holds the writers' lock (it is writing) ──► the restore waits for it, then runs.
    [Fact]
    public async Task Restore_WaitsForTheWritersLock()
    {
        await using var db = await TestDatabase.CreateAsync(provider: Provider);
        Assert.True((await db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, Ct)).IsValid);
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["backup", file], new StringWriter()));
            var otherInstance = await DatabaseProviders.LockWritersAsync(db.Factory, Ct);
            Task<int> restore;
            try
            {
                restore = CommandLine.RunAsync(db.Services, ["restore", file], new StringWriter());
                await Task.Delay(TimeSpan.FromMilliseconds(700), Ct);
                Assert.False(restore.IsCompleted, "The restore ran while another instance held the writers' lock.");
            }
            finally
            {
                await otherInstance.DisposeAsync();
            }
            Assert.Equal(0, await restore);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data;
using PowerMap.Core.Data.Providers;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data;

/// <summary>
/// A second <see cref="TopologyService"/> on the same database plays instance B: it follows A's writes (A is the test
/// database's own service and store) by catching up from the revisions.
/// </summary>
public class TopologyServiceRevisionsTests : SeedExampleDatabaseTests
{
    private async Task<(TopologyService B, List<(int Revisions, bool Reloaded)> CatchUps)> InstanceBAsync()
    {
        var b = new TopologyService(Db.Factory);
        await b.ReloadAsync(Ct);
        var catchUps = new List<(int, bool)>();
        b.CaughtUp += (revisions, reloaded) => catchUps.Add((revisions, reloaded));
        return (b, catchUps);
    }

    private async Task EditFeedDescriptionAsync(string description, string name = "Feed 1")
    {
        var feed = (PowerFeed)Db.Topology.Current.Installation.PowerFeeds.Single(f => f.Name == name).Clone();
        feed.Description = description;
        var result = await Db.Store.SaveAsync(feed, feed.Version, Ct);
        Assert.Equal(WriteStatus.Ok, result.Status);
    }

    private async Task<long> RevisionRowsAsync()
    {
        await using var db = await Db.Factory.CreateDbContextAsync(Ct);
        return await db.DataRevisions.LongCountAsync(Ct);
    }

    // A write that committed exactly the revisions after the known one knows the database's revision without reading it
    // back: one read of the revisions per write (before it, for other instances' writes), not two; and it is right.
    [Fact]
    public async Task OwnWrites_KnowTheirRevisionWithoutReadingItBack_AndAgreeWithTheDatabase()
    {
        var a = Db.Topology;
        long start = a.DataRevision;
        int reads = a.RevisionReads;

        for (int i = 0; i < 3; i++)
        {
            await EditFeedDescriptionAsync($"edit {i}");
            Assert.Equal(await a.DatabaseRevisionAsync(Ct), a.DataRevision);
        }

        Assert.Equal(start + 3, a.DataRevision);
        Assert.Equal(3, a.RevisionReads - reads);
    }

    // A write refused by validation records nothing: the revision stays, nothing is read back.
    [Fact]
    public async Task RefusedWrite_LeavesTheRevision()
    {
        var a = Db.Topology;
        long start = a.DataRevision;
        var feed = (PowerFeed)a.Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 1").Clone();
        feed.Voltage = -5;

        var result = await Db.Store.SaveAsync(feed, feed.Version, Ct);

        Assert.NotEqual(WriteStatus.Ok, result.Status);
        Assert.Equal(start, a.DataRevision);
        Assert.Equal(start, await a.DatabaseRevisionAsync(Ct));
    }

    // Another instance's write comes in before A's next write: A catches up on it first, then knows its own revision.
    [Fact]
    public async Task WriteAfterAnotherInstancesWrite_CatchesUpAndKnowsItsOwnRevision()
    {
        var (b, _) = await InstanceBAsync();
        var storeB = new DcimStore(b);
        var feedB = (PowerFeed)b.Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 2").Clone();
        feedB.Description = "written by B";
        Assert.Equal(WriteStatus.Ok, (await storeB.SaveAsync(feedB, feedB.Version, Ct)).Status);

        await EditFeedDescriptionAsync("written by A");

        var a = Db.Topology;
        Assert.Equal(await a.DatabaseRevisionAsync(Ct), a.DataRevision);
        Assert.Equal("written by B", a.Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 2").Description);
        Assert.Equal("written by A", a.Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 1").Description);
    }

    // A publishes a snapshot per write (and more when writes are batched), B one per catch-up: their publish counts
    // differ, but the revision each snapshot carries (the one users see) is the database's on both.
    [Fact]
    public async Task Snapshots_OfTwoInstances_CarryTheDatabasesRevision_NotTheirPublishCounts()
    {
        var (b, _) = await InstanceBAsync();
        for (int i = 0; i < 3; i++)
        {
            await EditFeedDescriptionAsync($"edit {i}");
        }
        await Task.WhenAll(Db.Topology.Current.Installation.PowerFeeds.Select(async f =>
        {
            var feed = (PowerFeed)f.Clone();
            feed.Description = "edited together";
            Assert.Equal(WriteStatus.Ok, (await Db.Store.SaveAsync(feed, feed.Version, Ct)).Status);
        }));
        await b.CatchUpAsync(Ct);

        long database = await Db.Topology.DatabaseRevisionAsync(Ct);
        Assert.NotEqual(Db.Topology.Current.Revision, b.Current.Revision);
        Assert.Equal(database, Db.Topology.Current.DataRevision);
        Assert.Equal(database, b.Current.DataRevision);

        var storeB = new DcimStore(b);
        var feedB = (PowerFeed)b.Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 2").Clone();
        feedB.Description = "written by B";
        Assert.Equal(WriteStatus.Ok, (await storeB.SaveAsync(feedB, feedB.Version, Ct)).Status);
        await Db.Topology.CatchUpAsync(Ct);

        Assert.Equal(database + 1, b.Current.DataRevision);
        Assert.Equal(database + 1, Db.Topology.Current.DataRevision);
    }

    // A: feed description edited ──► B: the same numbers, the report carried over (not computed again, not reloaded)
    [Fact]
    public async Task CatchUp_OfAFeedDescriptionEdit_CarriesTheReportOver()
    {
        var (b, catchUps) = await InstanceBAsync();
        var before = b.Current;

        await EditFeedDescriptionAsync("moved to the new riser");
        await b.CatchUpAsync(Ct);

        var after = b.Current;
        Assert.NotSame(before, after);
        int feedId = after.Installation.PowerFeeds.Single(f => f.Name == "Feed 1").Id;
        Assert.Equal("moved to the new riser", after.Installation.FeedById[feedId].Description);
        Assert.Same(before.Report.Feeds, after.Report.Feeds);
        Assert.Equal([(1, false)], catchUps);
        Assert.Equal(await b.DatabaseRevisionAsync(Ct), b.DataRevision);
    }

    // A: an amperage edit (a number the engine reads) ──► B: the report is updated, equal to a full recompute
    [Fact]
    public async Task CatchUp_OfAnAmperageEdit_UpdatesTheReport()
    {
        var (b, _) = await InstanceBAsync();
        var feed = (PowerFeed)Db.Topology.Current.Installation.PowerFeeds.Single(f => f.Name == "Feed 1").Clone();
        feed.Amperage = 25;
        Assert.Equal(WriteStatus.Ok, (await Db.Store.SaveAsync(feed, feed.Version, Ct)).Status);

        await b.CatchUpAsync(Ct);

        var snapshot = b.Current;
        Assert.Equal(PowerMap.Core.Power.PowerReport.Compute(snapshot.Installation).Feed(feed.Id), snapshot.Report.Feed(feed.Id));
        Assert.Equal(Db.Topology.Current.Report.Feed(feed.Id), snapshot.Report.Feed(feed.Id));
    }

    [Fact]
    public async Task PurgeRevisions_DeletesThoseNotAmongTheNewest_AndKeepsTheDatabasesRevision()
    {
        for (int i = 0; i < 5; i++)
        {
            await EditFeedDescriptionAsync($"edit {i}");
        }
        long revision = await Db.Topology.DatabaseRevisionAsync(Ct);
        long rows = await RevisionRowsAsync();
        Assert.True(rows >= 6, $"{rows} revisions");

        int purged = await Db.Topology.PurgeRevisionsAsync(keepLast: 2, olderThan: TimeSpan.Zero, Ct);

        Assert.Equal(rows - 2, purged);
        Assert.Equal(2, await RevisionRowsAsync());
        Assert.Equal(revision, await Db.Topology.DatabaseRevisionAsync(Ct));
    }

    [Fact]
    public async Task PurgeRevisions_KeepsRecentRevisions_AndAlwaysTheNewest()
    {
        await EditFeedDescriptionAsync("recent");
        long rows = await RevisionRowsAsync();

        Assert.Equal(0, await Db.Topology.PurgeRevisionsAsync(keepLast: 1, olderThan: TimeSpan.FromHours(1), Ct));
        Assert.Equal(rows, await RevisionRowsAsync());
        Assert.Equal(rows - 1, await Db.Topology.PurgeRevisionsAsync(keepLast: 0, olderThan: TimeSpan.Zero, Ct));
        Assert.Equal(1, await RevisionRowsAsync());
    }

    // B at revision r; A writes r+1 (Feed 2), r+2 and r+3 (Feed 1); the revisions up to r+2 are purged
    //   ──► B cannot tell what it missed (Feed 2's edit): it reloads
    [Fact]
    public async Task CatchUp_AfterItsRevisionWasPurged_Reloads_AndHasEveryWrite()
    {
        var (b, catchUps) = await InstanceBAsync();
        await EditFeedDescriptionAsync("while B was away", "Feed 2");
        for (int i = 0; i < 2; i++)
        {
            await EditFeedDescriptionAsync($"while B was away {i}");
        }
        Assert.True(await Db.Topology.PurgeRevisionsAsync(keepLast: 1, olderThan: TimeSpan.Zero, Ct) > 0);

        await b.CatchUpAsync(Ct);

        Assert.Equal([(1, true)], catchUps);
        Assert.Equal(TopologyExporter.ExportJson(Db.Topology.Current.Installation), TopologyExporter.ExportJson(b.Current.Installation));
        Assert.Equal(await b.DatabaseRevisionAsync(Ct), b.DataRevision);
    }
}

public class TopologyServiceRevisionsTestsOnPostgres : TopologyServiceRevisionsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

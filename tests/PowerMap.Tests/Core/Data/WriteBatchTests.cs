using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data;
using PowerMap.Core.Data.Providers;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data;

/// <summary>
/// Group commit: single-object writes that queue up behind a running write are run as one batch — one transaction,
/// a savepoint per write, one published snapshot — and each caller still gets its own answer and its own revision.
/// A long write holds the queue so that the writes under test are certain to be queued together.
/// </summary>
public class WriteBatchTests : SeedExampleDatabaseTests
{
    /// <summary>Queues <paramref name="writes"/> in order while a write holds the queue, then lets them run.</summary>
    private async Task<T[]> QueuedTogetherAsync<T>(params Func<Task<T>>[] writes)
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = Db.Topology.WriteAsync(async _ =>
        {
            holding.SetResult();
            await release.Task;
            return 0;
        }, Ct);
        await holding.Task;
        // One at a time, so that they queue in the order given.
        var tasks = new Task<T>[writes.Length];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (int i = 0; i < writes.Length; i++)
        {
            tasks[i] = Task.Run(writes[i], Ct);
            while (Db.Topology.QueuedCount < i + 1)
            {
                Assert.True(DateTime.UtcNow < deadline, $"only {Db.Topology.QueuedCount} of {writes.Length} writes queued");
                await Task.Delay(2, Ct);
            }
        }
        release.SetResult();
        await holder;
        return await Task.WhenAll(tasks);
    }

    private Func<Task<WriteResult<PowerFeed>>> Describe(string feedName, string description, Func<PowerFeed, bool>? precondition = null) => () =>
    {
        int id = Db.Topology.Current.Installation.PowerFeeds.Single(f => f.Name == feedName).Id;
        return Db.Store.UpdateAsync<PowerFeed>(id, precondition, (_, feed) =>
        {
            feed.Description = description;
            return null;
        }, Ct);
    };

    private async Task<string> StoredJsonAsync() =>
        TopologyExporter.ExportJson(await new TopologyStore(Db.Factory).LoadAsync(Ct));

    [Fact]
    public async Task QueuedWrites_CommitAsOneBatch_EachWithItsOwnAnswer_AndOneRevisionPerWrite()
    {
        var topology = Db.Topology;
        long revision = topology.DataRevision;
        var (batches, batched) = topology.BatchCounts;
        int published = 0;
        topology.Changed += _ => Interlocked.Increment(ref published);
        var feeds = topology.Current.Installation.PowerFeeds.Select(f => f.Name).ToList();

        var results = await QueuedTogetherAsync(
            Describe(feeds[0], "first"),
            Describe(feeds[1], "second"),
            Describe(feeds[0], "first, again"),                     // sees the first edit (same object, its new version)
            Describe(feeds[1], "never", precondition: _ => false),  // a stale If-Match
            () => Db.Store.UpdateAsync<PowerFeed>(-1, null, (_, _) => null, Ct)); // no such feed

        Assert.Equal([WriteStatus.Ok, WriteStatus.Ok, WriteStatus.Ok, WriteStatus.VersionConflict, WriteStatus.NotFound],
            results.Select(r => r.Status));
        Assert.Equal((batches + 1, batched + 5), topology.BatchCounts);
        Assert.Equal(1, published); // one snapshot for the batch
        Assert.Equal(revision + 3, topology.DataRevision);
        Assert.Equal(await topology.DatabaseRevisionAsync(Ct), topology.DataRevision);
        var stored = await new TopologyStore(Db.Factory).LoadAsync(Ct);
        Assert.Equal("first, again", stored.PowerFeeds.Single(f => f.Name == feeds[0]).Description);
        Assert.Equal("second", stored.PowerFeeds.Single(f => f.Name == feeds[1]).Description);
        Assert.Equal(TopologyExporter.ExportJson(stored), TopologyExporter.ExportJson(topology.Current.Installation));
        Assert.Equal(results[0].Current!.Version + 1, results[2].Current!.Version); // the second edit of the feed saw the first
    }

    // A write the database refuses (a site name taken behind PowerMap's back: validation cannot know) rolls back to its
    // savepoint alone: the other writes of the batch commit, and the snapshot is read again to match the database.
    [Fact]
    public async Task AWriteTheDatabaseRefuses_RollsBackAlone_TheRestOfTheBatchCommits()
    {
        await using (var db = await Db.Factory.CreateDbContextAsync(Ct))
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Sites" ("Name", "Slug", "Description", "Version") VALUES ('Twin', 'twin', '', 1)""", Ct);
        }
        var feed = Db.Topology.Current.Installation.PowerFeeds[0].Name;
        var (batches, _) = Db.Topology.BatchCounts;

        var results = await QueuedTogetherAsync<object>(
            async () => await Describe(feed, "before the refusal")(),
            async () => await Db.Store.SaveAsync(new Site { Name = "Twin", Slug = "twin-2" }, ct: Ct),
            async () => await Describe(feed, "after the refusal")());

        Assert.Equal(batches + 1, Db.Topology.BatchCounts.Batches);
        var refused = Assert.IsType<WriteResult<Site>>(results[1]);
        Assert.Equal(WriteStatus.Invalid, refused.Status);
        Assert.StartsWith("The database refused the change", refused.Message);
        Assert.Equal(WriteStatus.Ok, Assert.IsType<WriteResult<PowerFeed>>(results[0]).Status);
        Assert.Equal(WriteStatus.Ok, Assert.IsType<WriteResult<PowerFeed>>(results[2]).Status);
        var stored = await new TopologyStore(Db.Factory).LoadAsync(Ct);
        Assert.Equal("after the refusal", stored.PowerFeeds.Single(f => f.Name == feed).Description);
        Assert.Single(stored.Sites, s => s.Name == "Twin");
        Assert.Equal(await StoredJsonAsync(), TopologyExporter.ExportJson(Db.Topology.Current.Installation));
        Assert.Equal(await Db.Topology.DatabaseRevisionAsync(Ct), Db.Topology.DataRevision);
    }

    // A write that throws in a batch (here: a read-only actor's, refused by the data layer) fails alone.
    [Fact]
    public async Task AWriteThatThrows_FailsAlone()
    {
        var feeds = Db.Topology.Current.Installation.PowerFeeds.Select(f => f.Name).ToList();
        var throwing = new Func<Task<WriteResult<PowerFeed>>>(() => Db.Topology.WriteBatchableAsync<WriteResult<PowerFeed>>(
            _ => throw new InvalidOperationException("boom"), Ct));

        var tasks = QueuedTogetherAsync(
            async () => (object)await Describe(feeds[0], "kept")(),
            async () => (object)await throwing(),
            async () => (object)await Describe(feeds[1], "kept too")());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tasks);
        Assert.Equal("boom", error.Message);
        var stored = await new TopologyStore(Db.Factory).LoadAsync(Ct);
        Assert.Equal("kept", stored.PowerFeeds.Single(f => f.Name == feeds[0]).Description);
        Assert.Equal("kept too", stored.PowerFeeds.Single(f => f.Name == feeds[1]).Description);
        Assert.Equal(await StoredJsonAsync(), TopologyExporter.ExportJson(Db.Topology.Current.Installation));
    }
}

public class WriteBatchTestsOnPostgres : WriteBatchTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data;
using PowerMap.Core.Data.ChangeLog;
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
    private readonly CommitFaults _faults = new();

    protected override void Configure(DbContextOptionsBuilder options) => options.AddInterceptors(_faults, _faults.Commands);

    /// <summary>Queues <paramref name="writes"/> in order while a write holds the queue, then lets them run.</summary>
    private async Task<T[]> QueuedTogetherAsync<T>(params Func<Task<T>>[] writes)
    {
        var (tasks, release) = await QueueAsync(writes);
        await release();
        return await Task.WhenAll(tasks);
    }

    /// <summary>Queues <paramref name="writes"/> in order while a write holds the queue; the result's release lets them run.</summary>
    private async Task<(Task<T>[] Tasks, Func<Task> Release)> QueueAsync<T>(params Func<Task<T>>[] writes)
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
        await Task.Delay(50, Ct); // the last one waits on the lock, not only in the queue
        return (tasks, async () =>
        {
            release.SetResult();
            await holder;
        });
    }

    private Func<Task<WriteResult<PowerFeed>>> Describe(string feedName, string description, Func<PowerFeed, bool>? precondition = null,
        CancellationToken? ct = null, Action? during = null) => () =>
    {
        int id = Db.Topology.Current.Installation.PowerFeeds.Single(f => f.Name == feedName).Id;
        return Db.Store.UpdateAsync<PowerFeed>(id, precondition, (_, feed) =>
        {
            during?.Invoke();
            feed.Description = description;
            return null;
        }, ct ?? Ct);
    };

    private Task<Installation> StoredAsync() => new TopologyStore(Db.Factory).LoadAsync(Ct);

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

    // Cancelled means "not applied": a caller whose token fires after a runner took its write gets the write's real
    // answer (here Ok: it committed with the batch), never "cancelled" for a write that is in the database.
    [Fact]
    public async Task ACallerCancelledAfterItsWriteWasTaken_GetsTheRealAnswer()
    {
        var feeds = Db.Topology.Current.Installation.PowerFeeds.Select(f => f.Name).ToList();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var running = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        // The first caller takes the lock and runs the batch; the second waits on the lock while its write runs.
        int site = Db.Topology.Current.Installation.Sites[0].Id;
        var (tasks, release) = await QueueAsync<object>(
            async () => await Db.Store.UpdateAsync<Site>(site, null, (_, s) => { s.Description = "runner"; return null; }, Ct),
            async () => await Describe(feeds[0], "taken, then cancelled", ct: cancel.Token)(),
            async () => await Describe(feeds[1], "slow", during: () => { running.Set(); gate.Wait(TimeSpan.FromSeconds(20)); })());
        var releasing = release();
        Assert.True(running.Wait(TimeSpan.FromSeconds(20), Ct)); // the second write has run, the batch is not committed
        cancel.Cancel();
        await Task.Delay(100, Ct);
        gate.Set();
        await releasing;

        Assert.Equal(WriteStatus.Ok, ((WriteResult<Site>)await tasks[0]).Status);
        Assert.Equal(WriteStatus.Ok, ((WriteResult<PowerFeed>)await tasks[1]).Status); // not "cancelled": it is in the database
        Assert.Equal(WriteStatus.Ok, ((WriteResult<PowerFeed>)await tasks[2]).Status);
        Assert.Equal("taken, then cancelled", (await StoredAsync()).PowerFeeds.Single(f => f.Name == feeds[0]).Description);
    }

    // A caller cancelled while its write still waits in the queue: the write never runs.
    [Fact]
    public async Task ACallerCancelledWhileQueued_IsNotApplied()
    {
        var feeds = Db.Topology.Current.Installation.PowerFeeds.Select(f => f.Name).ToList();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var (tasks, release) = await QueueAsync(Describe(feeds[0], "never", ct: cancel.Token), Describe(feeds[1], "applied"));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tasks[0]);
        await release();

        Assert.Equal(WriteStatus.Ok, (await tasks[1]).Status);
        var stored = await StoredAsync();
        Assert.NotEqual("never", stored.PowerFeeds.Single(f => f.Name == feeds[0]).Description);
        Assert.Equal("applied", stored.PowerFeeds.Single(f => f.Name == feeds[1]).Description);
    }

    // The commit fails: nothing of the batch is in the database or the snapshot. The write that reached the database
    // fails, and so does every later one (it was answered against it: here "no such feed" for a feed that still exists).
    [Fact]
    public async Task AFailedCommit_FailsTheWritesFromTheFirstOneThatWrote_AndPublishesNothing()
    {
        var installation = Db.Topology.Current.Installation;
        var feed = installation.PowerFeeds[0];
        var snapshot = Db.Topology.Current;
        var (tasks, release) = await QueueAsync<object>(
            async () => await Db.Store.UpdateAsync<PowerFeed>(-1, null, (_, _) => null, Ct),  // no such feed: answered, wrote nothing
            async () => await Db.Store.DeleteAsync<PowerFeed>(feed.Id, ct: Ct),
            async () => await Describe(feed.Name, "after the delete")());
        _faults.FailNextCommit();
        await release();

        Assert.Equal(WriteStatus.NotFound, ((WriteResult<PowerFeed>)await tasks[0]).Status);
        Assert.Equal("Injected commit failure", (await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[1])).Message);
        Assert.Equal("Injected commit failure", (await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[2])).Message);
        Assert.Same(snapshot, Db.Topology.Current);
        Assert.Contains((await StoredAsync()).PowerFeeds, f => f.Id == feed.Id && f.Description == feed.Description);
    }

    // Something failing after the commit (the read that follows a refused write) is not the committed writes' failure:
    // they are answered Ok, and the next write reads the whole database first.
    [Fact]
    public async Task AFailureAfterTheCommit_LeavesTheCommittedWritesAnsweredOk()
    {
        await using (var db = await Db.Factory.CreateDbContextAsync(Ct))
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Sites" ("Name", "Slug", "Description", "Version") VALUES ('Twin', 'twin', '', 1)""", Ct);
        }
        var feeds = Db.Topology.Current.Installation.PowerFeeds.Select(f => f.Name).ToList();
        var (tasks, release) = await QueueAsync<object>(
            async () => await Describe(feeds[0], "committed")(),
            async () => await Db.Store.SaveAsync(new Site { Name = "Twin", Slug = "twin-2" }, ct: Ct));
        _faults.FailAfterNextCommit("MAX(");
        await release();

        Assert.Equal(WriteStatus.Ok, ((WriteResult<PowerFeed>)await tasks[0]).Status);
        Assert.Equal(WriteStatus.Invalid, ((WriteResult<Site>)await tasks[1]).Status);
        Assert.Equal("committed", Db.Topology.Current.Installation.PowerFeeds.Single(f => f.Name == feeds[0]).Description);
        Assert.Equal(WriteStatus.Ok, (await Describe(feeds[1], "next")()).Status);
        Assert.Equal(await StoredJsonAsync(), TopologyExporter.ExportJson(Db.Topology.Current.Installation)); // "Twin" read in
    }

    // A queued write without an actor (the system's) is logged as the system's, not as the runner's user.
    [Fact]
    public async Task AWriteWithoutAnActor_IsNotLoggedUnderTheRunnersActor()
    {
        var feeds = Db.Topology.Current.Installation.PowerFeeds;
        var (tasks, release) = await QueueAsync<object>(
            async () =>
            {
                using var alice = ChangeActor.Use(new ChangeActor("alice", "req-alice", CanEdit: true));
                return await Describe(feeds[0].Name, "by alice")();
            },
            async () => await Describe(feeds[1].Name, "by the system")());
        await release();
        await Task.WhenAll(tasks);

        await using var db = await Db.Factory.CreateDbContextAsync(Ct);
        var records = await db.ObjectChanges.Where(c => c.ChangedObjectType == "dcim.powerfeed").OrderByDescending(c => c.Id).Take(2).ToListAsync(Ct);
        Assert.Equal("alice", records.Single(r => r.ChangedObjectId == feeds[0].Id).UserName);
        Assert.Null(records.Single(r => r.ChangedObjectId == feeds[1].Id).UserName);
    }
}

public class WriteBatchTestsOnPostgres : WriteBatchTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

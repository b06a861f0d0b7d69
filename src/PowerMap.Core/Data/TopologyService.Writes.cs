using System.Collections.Concurrent;
using System.Diagnostics;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Data.Providers;
using PowerMap.Core.Data.Revisions;

namespace PowerMap.Core.Data;

/// <summary>
/// The write queue. Every write is queued and run by whichever caller holds the write lock, in arrival order, so that
/// validation sees the state the write applies to. Consecutive single-object writes (<see cref="WriteBatchableAsync{T}"/>)
/// that queued up behind a running write are run as one batch: one revision read before, one transaction (a savepoint
/// per write, so a refused write rolls back alone), one commit, one published snapshot — group commit. Each caller
/// gets its own result once its write is committed. A write alone in the queue runs as before, in its own transaction.
/// </summary>
public sealed partial class TopologyService
{
    /// <summary>The most writes one batch takes from the queue.</summary>
    internal const int MaxBatch = 64;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentQueue<QueuedWrite> _queue = new();
    private static readonly AsyncLocal<WriteBatch?> CurrentBatchSlot = new();

    /// <summary>The batch's snapshot: its writes so far, not committed yet (seen only by the batch's own flow).</summary>
    private TopologySnapshot? _working;

    private long _batches, _batchedWrites;

    /// <summary>The batch the calling flow's write runs in, or null (a write on its own).</summary>
    internal static WriteBatch? CurrentBatch => CurrentBatchSlot.Value;

    private static bool InBatch => CurrentBatchSlot.Value is not null;

    /// <summary>How many batches of two or more writes were committed, and how many writes they held (tests, telemetry).</summary>
    internal (long Batches, long Writes) BatchCounts => (Interlocked.Read(ref _batches), Interlocked.Read(ref _batchedWrites));

    /// <summary>How many writes wait in the queue (tests).</summary>
    internal int QueuedCount => _queue.Count;

    /// <summary>Runs a write in turn (the write queue), so that validation sees the state the write applies to.</summary>
    public Task<T> WriteAsync<T>(Func<TopologySnapshot, Task<T>> write, CancellationToken ct = default) =>
        EnqueueAsync(write, batchable: false, ct);

    /// <summary>
    /// A write that may share a transaction with the writes queued beside it: it reaches the database only through
    /// <see cref="CurrentBatch"/> when there is one (<c>DcimStore</c>'s single-object create, update and delete), and
    /// publishes with <see cref="Publish"/>.
    /// </summary>
    internal Task<T> WriteBatchableAsync<T>(Func<TopologySnapshot, Task<T>> write, CancellationToken ct = default) =>
        EnqueueAsync(write, batchable: true, ct);

    private async Task<T> EnqueueAsync<T>(Func<TopologySnapshot, Task<T>> write, bool batchable, CancellationToken ct)
    {
        if (ChangeActor.Current is { CanEdit: false } actor)
        {
            throw new WriteForbiddenException(actor.UserName ?? "anonymous");
        }
        using var activity = PowerMapTelemetry.Source.StartActivity("powermap.write");
        long started = Stopwatch.GetTimestamp();
        var item = new QueuedWrite<T>(write, batchable, ChangeActor.Current, ct);
        _queue.Enqueue(item);
        try
        {
            await _writeLock.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (!item.TryCancel())
        {
            // A runner has already taken the write: cancelled must mean "not applied", so wait for its real outcome.
            return await item.Task;
        }
        try
        {
            // Whoever holds the lock runs the queue's head until its own write is done (often by an earlier holder).
            while (!item.IsDone && !_queue.IsEmpty)
            {
                await RunNextAsync();
            }
        }
        finally
        {
            _writeLock.Release();
            PowerMapTelemetry.WriteDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        return await item.Task;
    }

    private async Task RunNextAsync()
    {
        if (!_queue.TryDequeue(out var first) || !first.TryClaim())
        {
            return;
        }
        var batch = new List<QueuedWrite> { first };
        while (first.Batchable && batch.Count < MaxBatch && _queue.TryPeek(out var next) && next.Batchable && _queue.TryDequeue(out next))
        {
            if (next.TryClaim())
            {
                batch.Add(next);
            }
        }
        if (batch.Count == 1)
        {
            await RunAloneAsync(first);
        }
        else
        {
            await RunBatchAsync(batch);
        }
    }

    /// <summary>One write in its own transaction(s): other instances' revisions applied first, its own noted after.</summary>
    private async Task RunAloneAsync(QueuedWrite item)
    {
        using var actor = item.UseActor();
        object? result;
        try
        {
            // Other instances wait here too (PostgreSQL), so the snapshot validated against is the database's state.
            await using var writers = await DatabaseProviders.LockWritersAsync(factory, item.Ct);
            await CatchUpBeforeWriteAsync(item.Ct);
            long known = DataRevision;
            using var revisions = RevisionWriter.Use(InstanceId);
            result = await item.RunAsync(Current);
            await AfterCommitAsync(revisions, known, reload: false);
        }
        catch (Exception ex)
        {
            item.Fail(ex);
            return;
        }
        item.Complete(result);
    }

    /// <summary>Several queued writes in one transaction, one after another against the snapshot the previous ones left.</summary>
    private async Task RunBatchAsync(List<QueuedWrite> items)
    {
        using var activity = PowerMapTelemetry.Source.StartActivity("powermap.write-batch");
        activity?.SetTag("powermap.writes", items.Count);
        var results = new object?[items.Count];
        var failures = new Exception?[items.Count];
        int firstWriter = -1;
        bool committed = false;
        try
        {
            await using var writers = await DatabaseProviders.LockWritersAsync(factory, CancellationToken.None);
            await CatchUpBeforeWriteAsync(CancellationToken.None);
            long known = DataRevision;
            using var revisions = RevisionWriter.Use(InstanceId);
            await using var batch = new WriteBatch(factory);
            CurrentBatchSlot.Value = batch;
            _working = Volatile.Read(ref _current);
            try
            {
                for (int i = 0; i < items.Count; i++)
                {
                    var item = items[i];
                    using var actor = item.UseActor();
                    var before = _working;
                    try
                    {
                        results[i] = await item.RunAsync(_working!);
                        if (batch.WriteHasStatements && firstWriter < 0)
                        {
                            firstWriter = i;
                        }
                        await batch.EndWriteAsync(keep: true);
                    }
                    catch (Exception ex)
                    {
                        failures[i] = ex;
                        _working = before;
                        await batch.EndWriteAsync(keep: false);
                    }
                }
                await batch.CommitAsync(CancellationToken.None);
                committed = true;
            }
            finally
            {
                CurrentBatchSlot.Value = null;
            }
            var final = _working;
            _working = null;
            if (final is not null && !ReferenceEquals(final, Volatile.Read(ref _current)))
            {
                // Its snapshots were made before the commit: the revision is the batch's last committed one.
                PublishNow(final with { DataRevision = Math.Max(final.DataRevision, RevisionWriter.LastCommitted) });
            }
            await AfterCommitAsync(revisions, known, batch.ReloadAfter);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _batchedWrites, items.Count);
        }
        catch (Exception ex) when (!committed)
        {
            // The batch's transaction did not commit, and the snapshot was not published. The writes before the first
            // one that reached the database saw only committed state: their answers stand. From it on, a write may
            // have been answered against a write that is not in the database: each of those fails.
            _working = null;
            for (int i = 0; i < items.Count; i++)
            {
                if (firstWriter < 0 ? failures[i] is null && results[i] is null : i >= firstWriter && failures[i] is null)
                {
                    failures[i] = ex;
                }
            }
        }
        catch (Exception)
        {
            // Committed and published; only disposing the batch's context failed. The answers stand.
        }
        for (int i = 0; i < items.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                items[i].Fail(failure);
            }
            else
            {
                items[i].Complete(results[i]);
            }
        }
    }

    private async Task CatchUpBeforeWriteAsync(CancellationToken ct)
    {
        if (!IsLoaded || Volatile.Read(ref _reloadBeforeNextWrite))
        {
            await ReloadAsync(ct);
            Volatile.Write(ref _reloadBeforeNextWrite, false);
        }
        else
        {
            await CatchUpCoreAsync(ct);
        }
    }

    private bool _reloadBeforeNextWrite;

    /// <summary>
    /// After a commit: the database's revision, and the snapshot read again when a write was refused. Nobody else writes
    /// while the lock (and on PostgreSQL the writers' lock) is held: when the write(s) committed exactly the revisions
    /// after the known one, the database is at the last one without reading it back. The write is in the database by
    /// now, so a failure here is not the write's: the next write reads the whole database first instead.
    /// </summary>
    private async Task AfterCommitAsync(RevisionScope revisions, long known, bool reload)
    {
        try
        {
            if (revisions.RevisionAfter(known) is { } after && DataRevision == known)
            {
                AtDataRevision(after);
            }
            else
            {
                await CatchUpCoreAsync(CancellationToken.None);
            }
            if (reload)
            {
                await ReloadAsync();
            }
        }
        catch (Exception)
        {
            Volatile.Write(ref _reloadBeforeNextWrite, true);
        }
    }

    private abstract class QueuedWrite(bool batchable, ChangeActor? actor, CancellationToken ct)
    {
        private const int Queued = 0, Claimed = 1, Cancelled = 2;
        private int _state;

        public bool Batchable { get; } = batchable;

        public CancellationToken Ct { get; } = ct;

        public abstract bool IsDone { get; }

        /// <summary>A runner takes the write (false: its caller cancelled it first).</summary>
        public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

        /// <summary>The caller gives up on the write (false: a runner has taken it; it will be answered).</summary>
        public bool TryCancel()
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) != Queued)
            {
                return false;
            }
            Fail(new OperationCanceledException(Ct));
            return true;
        }

        /// <summary>The caller's actor, or none, while its write runs (the change log records it; a read-only actor is refused).</summary>
        public IDisposable UseActor() => ChangeActor.Use(actor);

        public abstract Task<object?> RunAsync(TopologySnapshot snapshot);

        public abstract void Complete(object? result);

        public abstract void Fail(Exception ex);
    }

    private sealed class QueuedWrite<T>(Func<TopologySnapshot, Task<T>> write, bool batchable, ChangeActor? actor, CancellationToken ct)
        : QueuedWrite(batchable, actor, ct)
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _done.Task;

        public override bool IsDone => _done.Task.IsCompleted;

        public override async Task<object?> RunAsync(TopologySnapshot snapshot)
        {
            Ct.ThrowIfCancellationRequested();
            return await write(snapshot);
        }

        public override void Complete(object? result) => _done.TrySetResult((T)result!);

        public override void Fail(Exception ex)
        {
            if (ex is OperationCanceledException oce)
            {
                _done.TrySetCanceled(oce.CancellationToken);
            }
            else
            {
                _done.TrySetException(ex);
            }
        }

    }
}

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
        catch (OperationCanceledException)
        {
            item.Cancel(); // still queued: the next runner skips it
            throw;
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
        if (!_queue.TryDequeue(out var first) || first.IsDone)
        {
            return;
        }
        var batch = new List<QueuedWrite> { first };
        while (first.Batchable && batch.Count < MaxBatch && _queue.TryPeek(out var next) && next.Batchable && _queue.TryDequeue(out next))
        {
            if (!next.IsDone)
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
        try
        {
            // Other instances wait here too (PostgreSQL), so the snapshot validated against is the database's state.
            await using var writers = await DatabaseProviders.LockWritersAsync(factory, item.Ct);
            await CatchUpBeforeWriteAsync(item.Ct);
            long known = DataRevision;
            using var revisions = RevisionWriter.Use(InstanceId);
            var result = await item.RunAsync(Current);
            await NoteRevisionsAsync(revisions, known, item.Ct);
            item.Complete(result);
        }
        catch (Exception ex)
        {
            item.Fail(ex);
        }
    }

    /// <summary>Several queued writes in one transaction, one after another against the snapshot the previous ones left.</summary>
    private async Task RunBatchAsync(List<QueuedWrite> items)
    {
        using var activity = PowerMapTelemetry.Source.StartActivity("powermap.write-batch");
        activity?.SetTag("powermap.writes", items.Count);
        var results = new object?[items.Count];
        var failures = new Exception?[items.Count];
        var wrote = new bool[items.Count];
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
                    if (item.IsDone)
                    {
                        continue; // cancelled while queued
                    }
                    using var actor = item.UseActor();
                    var before = _working;
                    try
                    {
                        results[i] = await item.RunAsync(_working!);
                        wrote[i] = batch.WriteHasStatements;
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
            }
            finally
            {
                CurrentBatchSlot.Value = null;
            }
            var final = _working;
            _working = null;
            if (final is not null && !ReferenceEquals(final, Volatile.Read(ref _current)))
            {
                PublishNow(final);
            }
            await NoteRevisionsAsync(revisions, known, CancellationToken.None);
            if (batch.ReloadAfter)
            {
                await ReloadAsync();
            }
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _batchedWrites, items.Count);
        }
        catch (Exception ex)
        {
            // The batch's transaction did not commit: the writes that reached the database are not in it (the snapshot
            // was not published); the others' answers stand.
            _working = null;
            for (int i = 0; i < items.Count; i++)
            {
                if (wrote[i] || (failures[i] is null && results[i] is null))
                {
                    failures[i] = ex;
                }
            }
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
        if (!IsLoaded)
        {
            await ReloadAsync(ct);
        }
        else
        {
            await CatchUpCoreAsync(ct);
        }
    }

    /// <summary>
    /// Nobody else writes while the lock (and on PostgreSQL the writers' lock) is held: when the write(s) committed
    /// exactly the revisions after the known one, the database is at the last one without reading it back.
    /// </summary>
    private async Task NoteRevisionsAsync(RevisionScope revisions, long known, CancellationToken ct)
    {
        if (revisions.RevisionAfter(known) is { } after && DataRevision == known)
        {
            Volatile.Write(ref _dataRevision, after);
        }
        else
        {
            await CatchUpCoreAsync(ct);
        }
    }

    private abstract class QueuedWrite(bool batchable, ChangeActor? actor, CancellationToken ct)
    {
        public bool Batchable { get; } = batchable;

        public CancellationToken Ct { get; } = ct;

        public abstract bool IsDone { get; }

        /// <summary>The caller's actor (the change log records it; a read-only actor is refused) while its write runs.</summary>
        public IDisposable? UseActor() => actor is null ? null : ChangeActor.Use(actor);

        public abstract Task<object?> RunAsync(TopologySnapshot snapshot);

        public abstract void Complete(object? result);

        public abstract void Fail(Exception ex);

        public abstract void Cancel();
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

        public override void Cancel() => _done.TrySetCanceled(Ct);
    }
}

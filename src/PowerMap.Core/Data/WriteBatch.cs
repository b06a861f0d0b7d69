using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PowerMap.Core.Data.Revisions;

namespace PowerMap.Core.Data;

/// <summary>
/// Group commit: one transaction shared by several queued single-object writes (<see cref="TopologyService"/> runs
/// them one after another, each validated against the snapshot its predecessors left). Each write runs at a savepoint,
/// so a write the database refuses rolls back alone; the batch commits once and is published once. The transaction is
/// begun by the first write that reaches the database (a batch of refused or invalid writes never opens one).
/// </summary>
internal sealed class WriteBatch(IDbContextFactory<PowerMapDbContext> factory) : IAsyncDisposable
{
    private const string Savepoint = "powermap_write";
    private PowerMapDbContext? _db;
    private IDbContextTransaction? _tx;
    private bool _atSavepoint;
    private int _pendingRevisions;

    /// <summary>Some write was refused by the database: the snapshot is reloaded after the batch (it may not match it).</summary>
    public bool ReloadAfter { get; set; }

    /// <summary>Whether the current write has statements in the transaction.</summary>
    public bool WriteHasStatements => _atSavepoint;

    /// <summary>The batch's context, in its transaction, at a savepoint for the current write; the tracker is empty.</summary>
    public async Task<PowerMapDbContext> ContextAsync(CancellationToken ct)
    {
        if (_db is null)
        {
            _db = await factory.CreateDbContextAsync(ct);
            // Every entry's state is set explicitly (Track, Add): no need to scan the tracked objects for changes.
            _db.ChangeTracker.AutoDetectChangesEnabled = false;
            // The batch's own savepoint protects each write; EF's per-SaveChanges one would only add statements.
            _db.Database.AutoSavepointsEnabled = false;
        }
        _tx ??= await _db.Database.BeginTransactionAsync(ct);
        if (!_atSavepoint)
        {
            // Never cancelled half-way: on PostgreSQL a cancelled statement aborts the whole transaction, and without
            // the savepoint there would be nothing to roll back to.
            await _tx.CreateSavepointAsync(Savepoint, CancellationToken.None);
            _atSavepoint = true;
            _pendingRevisions = RevisionWriter.PendingCount;
        }
        _db.ChangeTracker.Clear();
        return _db;
    }

    /// <summary>Ends the current write: keeps its statements, or rolls them back (and forgets the revision it recorded).</summary>
    public async Task EndWriteAsync(bool keep)
    {
        if (!_atSavepoint)
        {
            return;
        }
        if (keep)
        {
            await _tx!.ReleaseSavepointAsync(Savepoint);
            _atSavepoint = false;
            return;
        }
        await _tx!.RollbackToSavepointAsync(Savepoint);
        _atSavepoint = false;
        RevisionWriter.DropPending(_pendingRevisions);
        _db!.ChangeTracker.Clear();
    }

    /// <summary>Commits the writes kept (nothing to do when none reached the database).</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (_tx is not null)
        {
            await _tx.CommitAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_tx is not null)
        {
            await _tx.DisposeAsync();
        }
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}

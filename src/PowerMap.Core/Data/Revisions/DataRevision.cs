namespace PowerMap.Core.Data.Revisions;

/// <summary>
/// One committed write, numbered: the database's data revision is the largest <see cref="Id"/>. Written in the same
/// transaction as the write, so an instance whose snapshot is at revision r knows exactly what it has not seen:
/// the rows with a larger id, and through them the change-log records <see cref="FirstChangeId"/>..<see cref="LastChangeId"/>
/// of each. On PostgreSQL an insert also NOTIFYs channel <c>powermap_revision</c> (a trigger made by the Postgres migrations).
/// </summary>
public sealed class DataRevision
{
    /// <summary>The revision number.</summary>
    public long Id { get; set; }

    public DateTime Time { get; set; }

    /// <summary>The app instance that wrote it (it has the change already and skips it).</summary>
    public string Instance { get; set; } = "";

    /// <summary>The change-log records of this write; 0 and 0 when there are none.</summary>
    public long FirstChangeId { get; set; }

    public long LastChangeId { get; set; }

    /// <summary>A bulk write (import, restore): other instances reload everything rather than reading each record.</summary>
    public bool Reload { get; set; }
}

/// <summary>Which instance writes in the current flow (set by <see cref="TopologyService.WriteAsync{T}"/>), recorded on its revisions.</summary>
public static class RevisionWriter
{
    private static readonly AsyncLocal<RevisionScope?> CurrentScope = new();

    public static string Current => CurrentScope.Value?.Instance ?? "";

    internal static RevisionScope Use(string instance)
    {
        var scope = new RevisionScope(instance, CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Records a revision for the write in <paramref name="db"/>'s open transaction.</summary>
    public static async Task<long> RecordAsync(PowerMapDbContext db, long firstChangeId, long lastChangeId, bool reload, CancellationToken ct)
    {
        var revision = new DataRevision
        {
            Time = DateTime.UtcNow,
            Instance = Current,
            FirstChangeId = firstChangeId,
            LastChangeId = lastChangeId,
            Reload = reload,
        };
        db.DataRevisions.Add(revision);
        await db.SaveChangesAsync(ct);
        CurrentScope.Value?.Pending.Add(revision.Id);
        return revision.Id;
    }

    /// <summary>The flow's transaction committed: its recorded revisions are in the database.</summary>
    internal static void Committed()
    {
        if (CurrentScope.Value is { } scope)
        {
            scope.Committed.AddRange(scope.Pending);
            scope.Pending.Clear();
        }
    }

    /// <summary>The newest revision the flow's write has committed (0: none yet).</summary>
    internal static long LastCommitted => CurrentScope.Value is { Committed: [.., var last] } ? last : 0;

    /// <summary>How many revisions the flow has recorded and not yet seen committed.</summary>
    internal static int PendingCount => CurrentScope.Value?.Pending.Count ?? 0;

    /// <summary>A savepoint was rolled back: the revisions recorded after the first <paramref name="keep"/> are not in the database.</summary>
    internal static void DropPending(int keep)
    {
        if (CurrentScope.Value is { } scope && scope.Pending.Count > keep)
        {
            scope.Pending.RemoveRange(keep, scope.Pending.Count - keep);
        }
    }

    /// <summary>The flow's transaction rolled back or failed: its recorded revisions are not in the database.</summary>
    internal static void RolledBack() => CurrentScope.Value?.Pending.Clear();

    internal static void Restore(RevisionScope? previous) => CurrentScope.Value = previous;
}

/// <summary>Tells <see cref="RevisionWriter"/> which of a write's recorded revisions reached the database (commit) and which did not.</summary>
public sealed class RevisionCommits : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
{
    public static readonly RevisionCommits Instance = new();

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData) =>
        RevisionWriter.Committed();

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RevisionWriter.Committed();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData) =>
        RevisionWriter.RolledBack();

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RevisionWriter.RolledBack();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The revisions one write recorded, split into those whose transaction committed and those not (yet) committed, so the
/// writer can tell that the database is at exactly its own last revision without reading it back.
/// </summary>
internal sealed class RevisionScope(string instance, RevisionScope? previous) : IDisposable
{
    public string Instance { get; } = instance;

    public List<long> Pending { get; } = [];

    public List<long> Committed { get; } = [];

    /// <summary>
    /// The database's revision after this write, when the write committed every revision it recorded and they follow
    /// <paramref name="known"/> without a gap (nobody else wrote in between); <paramref name="known"/> itself when it
    /// wrote nothing; otherwise null (read the revisions to find out).
    /// </summary>
    public long? RevisionAfter(long known)
    {
        if (Pending.Count > 0)
        {
            return null;
        }
        for (int i = 0; i < Committed.Count; i++)
        {
            if (Committed[i] != known + 1 + i)
            {
                return null;
            }
        }
        return known + Committed.Count;
    }

    public void Dispose() => RevisionWriter.Restore(previous);
}

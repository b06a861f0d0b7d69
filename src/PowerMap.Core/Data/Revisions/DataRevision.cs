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
    private static readonly AsyncLocal<string?> CurrentInstance = new();

    public static string Current => CurrentInstance.Value ?? "";

    internal static IDisposable Use(string instance)
    {
        var previous = CurrentInstance.Value;
        CurrentInstance.Value = instance;
        return new Restore(previous);
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
        return revision.Id;
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CurrentInstance.Value = previous;
    }
}

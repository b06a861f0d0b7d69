using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Data.Revisions;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>
/// Keeping the snapshot at the database's revision when other app instances write to the same database: each write
/// records a <see cref="DataRevision"/>; <see cref="CatchUpAsync"/> (on a PostgreSQL notification, on a poll, and
/// before every local write) reads the revisions it has not seen and applies what they changed, read back from the
/// database, as one <see cref="Change"/> — the same incremental path as a local write. Bulk writes and gaps (change
/// records purged) reload everything.
/// </summary>
public sealed partial class TopologyService
{
    private long _dataRevision;

    /// <summary>This instance's name on the revisions it writes (unique per process start).</summary>
    public string InstanceId { get; } = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The database revision the current snapshot includes.</summary>
    public long DataRevision => Volatile.Read(ref _dataRevision);

    /// <summary>Raised after a catch-up applied other instances' writes: how many revisions, and whether it reloaded.</summary>
    public event Action<int, bool>? CaughtUp;

    /// <summary>The database's revision (the newest committed write; 0 before the first).</summary>
    public async Task<long> DatabaseRevisionAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.DataRevisions.MaxAsync(r => (long?)r.Id, ct) ?? 0;
    }

    /// <summary>Applies the writes of other instances that this snapshot has not seen; waits for a local write in progress.</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            if (!IsLoaded)
            {
                await ReloadAsync(ct);
                return;
            }
            await CatchUpCoreAsync(ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// The snapshot's data is the database's up to <paramref name="revision"/> though no snapshot was published for it
    /// (revisions that changed nothing here): the same data is published again under that number, so that what users
    /// see as the revision is the database's on every instance.
    /// </summary>
    private void AtDataRevision(long revision)
    {
        Volatile.Write(ref _dataRevision, revision);
        if (!InBatch && Volatile.Read(ref _current) is { } current && current.DataRevision < revision)
        {
            PublishNow(current with { Revision = current.Revision + 1, DataRevision = revision });
        }
    }

    /// <summary>How many times this instance has read the revisions back from the database (tests check when it need not).</summary>
    internal int RevisionReads => Volatile.Read(ref _revisionReads);

    private int _revisionReads;

    private async Task CatchUpCoreAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _revisionReads);
        long known = DataRevision;
        await using var db = await factory.CreateDbContextAsync(ct);
        var revisions = await db.DataRevisions.AsNoTracking().Where(r => r.Id > known).OrderBy(r => r.Id).ToListAsync(ct);
        if (revisions.Count == 0)
        {
            return;
        }
        long latest = revisions[^1].Id;
        var foreign = revisions.Where(r => r.Instance != InstanceId).ToList();
        // A gap after the known revision is a purge (or, on PostgreSQL, a rolled-back write's number). A purge deletes
        // a prefix, so if no revision up to the known one is left, what was in the gap is unknown: reload.
        if (revisions[0].Id > known + 1 && !await db.DataRevisions.AnyAsync(r => r.Id <= known, ct))
        {
            await ReloadAsync(ct);
            PowerMapTelemetry.Reloads.Add(1);
            CaughtUp?.Invoke(revisions.Count, true);
            return;
        }
        if (foreign.Count == 0)
        {
            AtDataRevision(latest);
            return;
        }
        using var activity = PowerMapTelemetry.Source.StartActivity("powermap.catch-up");
        activity?.SetTag("powermap.revisions", foreign.Count);
        var change = foreign.Any(r => r.Reload) ? null : await ChangeSinceAsync(db, foreign, ct);
        if (change is null)
        {
            await ReloadAsync(ct);
            PowerMapTelemetry.Reloads.Add(1);
        }
        else if (change.IsEmpty)
        {
            AtDataRevision(latest);
        }
        else
        {
            Volatile.Write(ref _dataRevision, latest);
            var snapshot = Current;
            var next = snapshot.Installation.Apply(change);
            Publish(next, DcimStore.ReportAfter(snapshot.Report, next, change));
        }
        var now = DateTime.UtcNow;
        foreach (var r in foreign)
        {
            PowerMapTelemetry.RevisionLag.Record(Math.Max(0, (now - DateTime.SpecifyKind(r.Time, DateTimeKind.Utc)).TotalSeconds));
        }
        CaughtUp?.Invoke(foreign.Count, change is null);
    }

    /// <summary>
    /// Deletes the revisions no instance needs any more: those older than <paramref name="olderThan"/> and not among the
    /// newest <paramref name="keepLast"/> revision numbers (at least one is kept: the newest is the database's revision).
    /// Always a prefix (every revision up to a number), so that a follower can tell that it lost some and reloads.
    /// </summary>
    public async Task<int> PurgeRevisionsAsync(int keepLast, TimeSpan olderThan, CancellationToken ct = default)
    {
        keepLast = Math.Max(keepLast, 1);
        var cutoff = DateTime.UtcNow - olderThan;
        await using var db = await factory.CreateDbContextAsync(ct);
        long newest = await db.DataRevisions.MaxAsync(r => (long?)r.Id, ct) ?? 0;
        long oldEnough = await db.DataRevisions.Where(r => r.Time < cutoff).MaxAsync(r => (long?)r.Id, ct) ?? 0;
        long upTo = Math.Min(newest - keepLast, oldEnough);
        return upTo <= 0 ? 0 : await db.DataRevisions.Where(r => r.Id <= upTo).ExecuteDeleteAsync(ct);
    }

    private static readonly Dictionary<string, Type> EntityTypes = new[]
    {
        typeof(Site), typeof(Location), typeof(Rack), typeof(PowerPanel), typeof(PowerFeed), typeof(DeviceType), typeof(PowerPortTemplate),
        typeof(PowerOutletTemplate), typeof(Device), typeof(PowerPort), typeof(PowerOutlet), typeof(Interface), typeof(Cable),
    }.ToDictionary(ChangeData.ObjectType);

    /// <summary>
    /// What <paramref name="revisions"/> changed, as the difference between the database's rows of the objects their
    /// change records name and the snapshot's; null when it cannot be told (records missing or of an unknown kind).
    /// Comparing with the stored rows, not replaying the records, makes applying a revision twice harmless.
    /// </summary>
    private async Task<Change?> ChangeSinceAsync(PowerMapDbContext db, List<DataRevision> revisions, CancellationToken ct)
    {
        var touched = new HashSet<(Type Type, int Id)>();
        foreach (var r in revisions.Where(r => r.LastChangeId > 0))
        {
            var records = await db.ObjectChanges.AsNoTracking()
                .Where(c => c.Id >= r.FirstChangeId && c.Id <= r.LastChangeId)
                .Select(c => new { c.ChangedObjectType, c.ChangedObjectId, c.PrechangeData, c.PostchangeData })
                .ToListAsync(ct);
            if (records.Count != r.LastChangeId - r.FirstChangeId + 1)
            {
                return null;
            }
            foreach (var c in records)
            {
                if (EntityTypes.TryGetValue(c.ChangedObjectType, out var type))
                {
                    touched.Add((type, c.ChangedObjectId));
                }
                else if (c.ChangedObjectType == "dcim.cabletermination" && CableIdOf(c.PostchangeData ?? c.PrechangeData) is { } cableId)
                {
                    touched.Add((typeof(Cable), cableId));
                }
                else
                {
                    return null;
                }
            }
        }

        var installation = Current.Installation;
        var change = new Change();
        foreach (var group in touched.GroupBy(t => t.Type))
        {
            var ids = group.Select(t => t.Id).ToList();
            var stored = (await LoadAsync(db, group.Key, ids, ct)).ToDictionary(e => e.Id);
            foreach (int id in ids)
            {
                var mine = installation.Find(group.Key, id);
                stored.TryGetValue(id, out var theirs);
                switch (mine, theirs)
                {
                    case (null, { } added):
                        change.Added.Add(added);
                        break;
                    case ({ } before, { } after):
                        change.Updated.Add((before, after));
                        break;
                    case ({ } removed, null):
                        change.Remove(removed);
                        break;
                }
            }
        }
        return change;
    }

    private static int? CableIdOf(string? data)
    {
        if (data is null)
        {
            return null;
        }
        using var doc = JsonDocument.Parse(data);
        return doc.RootElement.TryGetProperty("cable", out var cable) && cable.TryGetInt32(out int id) ? id : null;
    }

    private static async Task<List<Entity>> LoadAsync(PowerMapDbContext db, Type type, List<int> ids, CancellationToken ct)
    {
        if (type == typeof(Cable))
        {
            var cables = await db.Cables.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
            var terminations = await db.CableTerminations.AsNoTracking().Where(t => ids.Contains(t.CableId)).ToListAsync(ct);
            var byCable = cables.ToDictionary(c => c.Id);
            // The order TopologyStore loads them in, so that a cable read here equals the one a reload gives.
            foreach (var t in terminations.OrderBy(t => t.CableId).ThenBy(t => t.End).ThenBy(t => t.Position).ThenBy(t => t.Id))
            {
                byCable[t.CableId].Terminations.Add(t);
            }
            return [.. cables];
        }
        return type.Name switch
        {
            nameof(Site) => [.. await db.Sites.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(Location) => [.. await db.Locations.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(Rack) => [.. await db.Racks.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(PowerPanel) => [.. await db.PowerPanels.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(PowerFeed) => [.. await db.PowerFeeds.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(DeviceType) => [.. await db.DeviceTypes.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(PowerPortTemplate) => [.. await db.PowerPortTemplates.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(PowerOutletTemplate) => [.. await db.PowerOutletTemplates.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(Device) => [.. await db.Devices.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(PowerPort) => [.. await db.PowerPorts.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(PowerOutlet) => [.. await db.PowerOutlets.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            nameof(Interface) => [.. await db.Interfaces.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)],
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Name, "Not a DCIM object type."),
        };
    }
}

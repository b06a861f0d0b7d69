using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data.ChangeLog;

/// <summary>
/// One change record, as NetBox's <c>core.ObjectChange</c>: who changed which object when, in which request, and the
/// object's data before and after (JSON objects with NetBox's field names; null before a create and after a delete).
/// Written in the same transaction as the change it records.
/// </summary>
public sealed class ObjectChange
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";

    public long Id { get; set; }
    public DateTime Time { get; set; }
    public string? UserName { get; set; }
    public string RequestId { get; set; } = "";
    public string Action { get; set; } = "";

    /// <summary>NetBox's <c>app_label.model</c>, e.g. <c>dcim.powerfeed</c>.</summary>
    public string ChangedObjectType { get; set; } = "";
    public int ChangedObjectId { get; set; }
    public string ObjectRepr { get; set; } = "";
    public string? PrechangeData { get; set; }
    public string? PostchangeData { get; set; }

    /// <summary>The record of one object's change by <paramref name="actor"/> (the system's when null).</summary>
    public static ObjectChange Of(object entity, string action, string? before, string? after, ChangeActor? actor, string requestId, DateTime time) => new()
    {
        Time = time,
        UserName = actor?.UserName,
        RequestId = requestId,
        Action = action,
        ChangedObjectType = entity is CableTermination ? "dcim.cabletermination" : ChangeData.ObjectType(entity.GetType()),
        ChangedObjectId = ChangeData.IdOf(entity),
        ObjectRepr = ChangeData.Repr(entity),
        PrechangeData = before,
        PostchangeData = after,
    };
}

/// <summary>
/// Who is writing, set per HTTP request, per Blazor circuit event and per command: the change log records it, and the
/// write path refuses a write from an actor that may not edit (the UI and the API check first; this is the backstop).
/// Without an actor (tests, start-up) writes are the system's.
/// </summary>
public sealed record ChangeActor(string? UserName, string RequestId, bool CanEdit)
{
    private static readonly AsyncLocal<ChangeActor?> CurrentActor = new();

    public static ChangeActor? Current => CurrentActor.Value;

    /// <summary>Makes <paramref name="actor"/> (or none: the system) current for the calling flow until the result is disposed.</summary>
    public static IDisposable Use(ChangeActor? actor)
    {
        var previous = CurrentActor.Value;
        CurrentActor.Value = actor;
        return new Restore(previous);
    }

    public static string NewRequestId() => Guid.NewGuid().ToString();

    private sealed class Restore(ChangeActor? previous) : IDisposable
    {
        public void Dispose() => CurrentActor.Value = previous;
    }
}

/// <summary>Thrown by the write path when the current <see cref="ChangeActor"/> may not edit.</summary>
public sealed class WriteForbiddenException(string userName) : InvalidOperationException($"User '{userName}' may not change data.");

/// <summary>Change records for the bulk paths (imports, demo data) that write rows without EF's change tracker.</summary>
public static class BulkChangeLog
{
    /// <summary>One record per deleted and per created object, all with the current actor's request id, inside <paramref name="transaction"/>.</summary>
    public static async Task RecordAsync(PowerMapDbContext db, System.Data.Common.DbTransaction transaction, IEnumerable<object> deleted,
        IEnumerable<object> created, CancellationToken ct)
    {
        var actor = ChangeActor.Current;
        string requestId = actor?.RequestId ?? ChangeActor.NewRequestId();
        var now = DateTime.UtcNow;
        long nextId = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(db.ObjectChanges, c => (long?)c.Id, ct) ?? 0) + 1;
        var rows = new List<ObjectChange>();
        foreach (var e in deleted)
        {
            rows.Add(ObjectChange.Of(e, ObjectChange.Delete, ChangeData.Serialize(e), null, actor, requestId, now));
        }
        foreach (var e in created)
        {
            rows.Add(ObjectChange.Of(e, ObjectChange.Create, null, ChangeData.Serialize(e), actor, requestId, now));
        }
        foreach (var row in rows)
        {
            row.Id = nextId++;
        }
        await BulkInsert.InsertAsync(db, transaction, rows, ct);
    }
}

using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>
/// The outcome of importing a NetBox again: the counts per kind when it was written, or the errors (nothing was written).
/// </summary>
public sealed record NetBoxImportResult(WriteStatus Status, IReadOnlyList<NetBoxSyncCount> Counts, ValidationErrors Errors, string? Message = null)
{
    public bool IsOk => Status == WriteStatus.Ok;
    public int Created => Counts.Sum(c => c.Created);
    public int Updated => Counts.Sum(c => c.Updated);
    public int Deleted => Counts.Sum(c => c.Deleted);
}

// Importing a NetBox in place: one validation, one transaction, one published snapshot.
public sealed partial class DcimStore
{
    /// <summary>
    /// Imports a topology document read from a NetBox (every object with its <c>netbox_id</c>) <b>in place</b>: objects
    /// are matched by NetBox id and kind, updated, created or deleted (<see cref="NetBoxSync"/>), in one transaction
    /// (every change logged): through the change tracker, or the import's bulk insert when everything is new. All or nothing.
    /// </summary>
    public Task<NetBoxImportResult> ImportNetBoxAsync(string json, CancellationToken ct = default) =>
        topology.WriteAsync(async snapshot =>
        {
            var plan = NetBoxSync.Plan(snapshot.Installation, json);
            if (!plan.IsValid)
            {
                return new NetBoxImportResult(WriteStatus.Invalid, plan.Counts, plan.Errors);
            }
            if (plan.Change.IsEmpty)
            {
                return new NetBoxImportResult(WriteStatus.Ok, plan.Counts, plan.Errors);
            }
            if (plan.Change is { Updated.Count: 0, Removed.Count: 0 })
            {
                // Only new objects (a first import): the bulk insert of imports (41,864 objects: 8 s instead of 21 s through the tracker).
                var next = snapshot.Installation.Apply(plan.Change);
                await WriteAllAsync(next, plan.Change.Added, snapshot.Installation, ct);
                plan.Change.Added.ForEach(SortTerminations);
                topology.Publish(next);
                return new NetBoxImportResult(WriteStatus.Ok, plan.Counts, plan.Errors);
            }
            if (await CommitAsync(plan.Change, ct) is { } failure)
            {
                return new NetBoxImportResult(failure.Status, [], failure.Errors ?? new ValidationErrors(), failure.Message);
            }
            plan.Change.Added.Concat(plan.Change.Updated.Select(u => u.After)).ToList().ForEach(SortTerminations);
            Publish(snapshot, plan.Change);
            return new NetBoxImportResult(WriteStatus.Ok, plan.Counts, plan.Errors);
        }, ct);
}

using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>
/// The outcome of a bulk write (NetBox's list bodies): every item written, or nothing. <see cref="ItemErrors"/> is
/// index-aligned with the request (an empty set for a valid item); <see cref="Message"/> explains a refusal of the whole.
/// </summary>
public sealed record BulkResult<T>(WriteStatus Status, IReadOnlyList<T> Items, IReadOnlyList<ValidationErrors>? ItemErrors = null, string? Message = null)
    where T : Entity
{
    public bool IsOk => Status == WriteStatus.Ok;
}

/// <summary>One item of a bulk update: the object's id and how to change a private copy of it (returns its errors).</summary>
public sealed record BulkEdit<T>(int Id, Func<Installation, T, ValidationErrors?> Edit) where T : Entity;

// Bulk writes: one validation pass, one transaction, one published snapshot (one data revision) for the whole list.
public sealed partial class DcimStore
{
    /// <summary>
    /// Creates every object of the list, or none (NetBox's <c>POST</c> of a list). Each item is validated as
    /// <see cref="SaveAsync{T}"/> would, and against the items before it in the list (two with the same name, two cables
    /// on one port). Devices get their type's components, as one device would.
    /// </summary>
    public Task<BulkResult<T>> CreateManyAsync<T>(IReadOnlyList<T> entities, CancellationToken ct = default) where T : Entity =>
        topology.WriteAsync(async snapshot =>
        {
            var inst = snapshot.Installation;
            foreach (var e in entities)
            {
                e.Id = 0;
            }
            var errors = entities.Select(e => Validate(inst, e)).ToList();
            CheckWithinBatch(inst, entities, errors, i => Provisional(entities, i));
            if (errors.Any(e => !e.IsValid))
            {
                return new BulkResult<T>(WriteStatus.Invalid, [], errors);
            }

            var change = new Change();
            CommitFailure? failure;
            if (typeof(T) == typeof(Device))
            {
                failure = await CommitDevicesAsync(inst, entities.Cast<Device>().ToList(), change, ct);
            }
            else
            {
                foreach (var e in entities)
                {
                    e.Version = 1;
                    change.Added.Add(e);
                }
                failure = await CommitAsync(change, ct);
            }
            if (failure is not null)
            {
                return new BulkResult<T>(failure.Status, [], Message: failure.Message,
                    ItemErrors: failure.Errors is null ? null : entities.Select(_ => failure.Errors).ToList());
            }
            entities.ToList().ForEach(SortTerminations);
            Publish(snapshot, change);
            return new BulkResult<T>(WriteStatus.Ok, entities.OrderBy(e => e.Id).ToList());
        }, ct);

    /// <summary>
    /// Updates every listed object, or none (NetBox's <c>PATCH</c>/<c>PUT</c> of a list): each edit is applied to a private
    /// copy of the stored object under the write lock and validated. As NetBox, ids that name no object are skipped and an
    /// id listed twice takes its last edit. The result lists the updated objects by id.
    /// </summary>
    public Task<BulkResult<T>> UpdateManyAsync<T>(IReadOnlyList<BulkEdit<T>> edits, CancellationToken ct = default) where T : Entity =>
        topology.WriteAsync(async snapshot =>
        {
            var inst = snapshot.Installation;
            var last = new Dictionary<int, int>();
            for (int i = 0; i < edits.Count; i++)
            {
                last[edits[i].Id] = i;
            }
            var errors = edits.Select(_ => new ValidationErrors()).ToList();
            var stored = new List<T>();
            var updated = new List<T>();
            var indexes = new List<int>();
            for (int i = 0; i < edits.Count; i++)
            {
                if (last[edits[i].Id] != i || inst.Find(typeof(T), edits[i].Id) is not T existing)
                {
                    continue;
                }
                var copy = (T)existing.Clone();
                var itemErrors = edits[i].Edit(inst, copy);
                errors[i] = itemErrors is { IsValid: false } ? itemErrors : Validate(inst, copy);
                stored.Add(existing);
                updated.Add(copy);
                indexes.Add(i);
            }
            var batchErrors = updated.Select((_, k) => errors[indexes[k]]).ToList();
            CheckWithinBatch(inst, updated, batchErrors, k => updated.Take(k).ToList());
            if (errors.Any(e => !e.IsValid))
            {
                return new BulkResult<T>(WriteStatus.Invalid, [], errors);
            }

            var change = new Change();
            for (int k = 0; k < updated.Count; k++)
            {
                change.Update(stored[k], updated[k]);
            }
            if (await CommitAsync(change, ct) is { } failure)
            {
                return new BulkResult<T>(failure.Status, [], Message: failure.Message,
                    ItemErrors: failure.Errors is null ? null : edits.Select(_ => failure.Errors).ToList());
            }
            updated.ForEach(SortTerminations);
            Publish(snapshot, change);
            return new BulkResult<T>(WriteStatus.Ok, updated.OrderBy(e => e.Id).ToList());
        }, ct);

    /// <summary>
    /// Deletes every listed object with NetBox's effects, or none (NetBox's <c>DELETE</c> of a list): one still referenced
    /// refuses the whole (<see cref="WriteStatus.Blocked"/>). As NetBox, ids that name no object are skipped.
    /// </summary>
    public Task<BulkResult<T>> DeleteManyAsync<T>(IReadOnlyList<int> ids, CancellationToken ct = default) where T : Entity =>
        topology.WriteAsync(async snapshot =>
        {
            var inst = snapshot.Installation;
            var existing = ids.Distinct().Select(id => inst.Find(typeof(T), id)).OfType<T>().ToList();
            var change = new Change();
            foreach (var e in existing)
            {
                if (Blockers(inst, e) is { } blocked)
                {
                    return new BulkResult<T>(WriteStatus.Blocked, [], Message: blocked);
                }
                change.Merge(DeleteChange(inst, e));
            }
            if (await CommitAsync(change, ct) is { } failure)
            {
                return new BulkResult<T>(failure.Status, [], Message: failure.Message);
            }
            Publish(snapshot, change);
            return new BulkResult<T>(WriteStatus.Ok, existing);
        }, ct);

    /// <summary>
    /// Items of one list that clash with an earlier one (the same natural key, a cable on the same termination) are
    /// validated again against the installation with the earlier items in it, so they get the message a second request
    /// would. Only clashing items pay for that installation; the others were validated against the stored one.
    /// </summary>
    private static void CheckWithinBatch<T>(Installation inst, IReadOnlyList<T> items, IReadOnlyList<ValidationErrors> errors, Func<int, IReadOnlyList<T>> earlier)
        where T : Entity
    {
        var seen = new HashSet<object>();
        for (int i = 0; i < items.Count; i++)
        {
            var keys = Keys(items[i]).ToList();
            bool clash = false;
            foreach (var key in keys)
            {
                clash |= !seen.Add(key);
            }
            if (clash && errors[i].IsValid)
            {
                var change = new Change();
                change.Added.AddRange(earlier(i).Where(e => e.Id <= 0 || inst.Find(typeof(T), e.Id) is null));
                foreach (var e in earlier(i).Where(e => e.Id > 0 && inst.Find(typeof(T), e.Id) is not null))
                {
                    change.Updated.Add((inst.Find(typeof(T), e.Id)!, e));
                }
                Validate(inst.Apply(change), items[i]).CopyTo(errors[i], "");
            }
        }
    }

    /// <summary>Copies of the first <paramref name="count"/> new items with distinct provisional (negative) ids.</summary>
    private static List<T> Provisional<T>(IReadOnlyList<T> items, int count) where T : Entity =>
        items.Take(count).Select((e, k) =>
        {
            var copy = (T)e.Clone();
            copy.Id = -(k + 1);
            return copy;
        }).ToList();

    /// <summary>What must be unique across objects: the natural key (name within its parent), a cable's terminations.</summary>
    private static IEnumerable<object> Keys(Entity e) => e switch
    {
        Site x => [("site", x.Name)],
        Location x => [("location", x.SiteId, x.Name)],
        Rack x => [("rack", x.SiteId, x.Name)],
        PowerPanel x => [("panel", x.SiteId, x.Name)],
        PowerFeed x => [("feed", x.PowerPanelId, x.Name)],
        DeviceType x => [("type", x.Model)],
        PowerPortTemplate x => [("port-template", x.DeviceTypeId, x.Name)],
        PowerOutletTemplate x => [("outlet-template", x.DeviceTypeId, x.Name)],
        Device x => [("device", x.SiteId, x.Name)],
        PowerPort x => [("port", x.DeviceId, x.Name)],
        PowerOutlet x => [("outlet", x.DeviceId, x.Name)],
        Interface x => [("interface", x.DeviceId, x.Name)],
        Cable x => x.Terminations.Select(t => (object)(t.Kind, t.ObjectId)),
        _ => [],
    };

    /// <summary>
    /// Devices with their type's components, in one transaction of three stages (ports need their device's id,
    /// outlets their port's). Fills <paramref name="change"/> with everything created.
    /// </summary>
    private async Task<CommitFailure?> CommitDevicesAsync(Installation inst, List<Device> devices, Change change, CancellationToken ct)
    {
        var templates = new Dictionary<int, (List<PowerPortTemplate> Ports, List<(PowerOutletTemplate, string?)> Outlets)>();
        var components = new List<(Device Device, List<PowerPort> Ports, List<(PowerOutlet Outlet, string? PortName)> Outlets)>();
        foreach (var d in devices)
        {
            if (d.DeviceTypeId is { } typeId && inst.DeviceTypeById.ContainsKey(typeId))
            {
                if (!templates.TryGetValue(typeId, out var t))
                {
                    t = (inst.PowerPortTemplates.Where(x => x.DeviceTypeId == typeId).ToList(),
                        inst.PowerOutletTemplates.Where(x => x.DeviceTypeId == typeId)
                            .Select(x => (x, x.PowerPortTemplateId is { } pid && inst.PortTemplateById.TryGetValue(pid, out var pt) ? pt.Name : (string?)null))
                            .ToList());
                    templates[typeId] = t;
                }
                var (ports, outlets) = DeviceComponents.FromTemplates(t.Ports, t.Outlets, d);
                components.Add((d, ports, outlets));
            }
            else
            {
                components.Add((d, [], []));
            }
        }
        var failure = await CommitAsync(async db =>
        {
            foreach (var d in devices)
            {
                d.Version = 1;
                db.Add(d);
            }
            await db.SaveChangesAsync(ct);
            foreach (var (d, ports, _) in components)
            {
                foreach (var p in ports)
                {
                    p.DeviceId = d.Id;
                    p.Version = 1;
                    db.Add(p);
                }
            }
            await db.SaveChangesAsync(ct);
            foreach (var (d, ports, outlets) in components)
            {
                foreach (var (o, portName) in outlets)
                {
                    o.DeviceId = d.Id;
                    o.Version = 1;
                    o.PowerPortId = portName is null ? null : ports.First(p => p.Name == portName).Id;
                    db.Add(o);
                }
            }
            await db.SaveChangesAsync(ct);
        }, ct);
        if (failure is null)
        {
            change.Added.AddRange(devices);
            change.Added.AddRange(components.SelectMany(c => c.Ports));
            change.Added.AddRange(components.SelectMany(c => c.Outlets.Select(o => o.Outlet)));
        }
        return failure;
    }
}

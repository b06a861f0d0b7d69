using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

public enum WriteStatus
{
    Ok,
    Invalid,
    NotFound,
    VersionConflict,
    Blocked,
}

/// <summary>
/// The outcome of a write. <see cref="Current"/> is the stored object after the write, or the newer stored object on a
/// version conflict; <see cref="Errors"/> are field → messages; <see cref="Message"/> explains a refusal.
/// </summary>
public sealed record WriteResult<T>(WriteStatus Status, T? Current = null, ValidationErrors? Errors = null, string? Message = null) where T : Entity
{
    public bool IsOk => Status == WriteStatus.Ok;
}

/// <summary>
/// Every write of PowerMap: create, update and delete of each object (with NetBox's delete effects), devices from
/// their type, and topology imports. Each write validates against the current snapshot under the write lock,
/// checks the object's version (optimistic concurrency), writes in one transaction with a fresh context, and
/// publishes the new snapshot.
/// </summary>
public sealed class DcimStore(TopologyService topology)
{
    private IDbContextFactory<PowerMapDbContext> Factory => topology.DbFactory;

    /// <summary>
    /// Creates (<c>Id == 0</c>) or updates an object. An update with <paramref name="expectedVersion"/> older than the stored one is refused.
    /// The object becomes part of the published snapshot: pass a fresh copy, never an object taken from a snapshot.
    /// </summary>
    public Task<WriteResult<T>> SaveAsync<T>(T entity, int? expectedVersion = null, CancellationToken ct = default) where T : Entity =>
        topology.WriteAsync(async snapshot =>
        {
            var inst = snapshot.Installation;
            T? existing = null;
            if (entity.Id != 0)
            {
                existing = inst.Find(typeof(T), entity.Id) as T;
                if (existing is null)
                {
                    return new WriteResult<T>(WriteStatus.NotFound, Message: $"No {typeof(T).Name} with id {entity.Id}.");
                }
                if (expectedVersion is { } v && v != existing.Version)
                {
                    return new WriteResult<T>(WriteStatus.VersionConflict, existing, Message: "This object was changed by someone else since you loaded it.");
                }
            }
            var errors = Validate(inst, entity);
            if (!errors.IsValid)
            {
                return new WriteResult<T>(WriteStatus.Invalid, Errors: errors);
            }

            await using var db = await Factory.CreateDbContextAsync(ct);
            try
            {
                if (existing is null)
                {
                    entity.Version = 1;
                    db.Add(entity);
                }
                else
                {
                    entity.Version = existing.Version + 1;
                    var entry = db.Attach(entity);
                    entry.State = EntityState.Modified;
                    entry.Property(e => e.Version).OriginalValue = existing.Version;
                    if (entity is Cable cable)
                    {
                        await db.CableTerminations.Where(t => t.CableId == cable.Id).ExecuteDeleteAsync(ct);
                        foreach (var t in cable.Terminations)
                        {
                            t.Id = 0;
                            t.CableId = cable.Id;
                            db.Entry(t).State = EntityState.Added;
                        }
                    }
                }
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                await topology.ReloadAsync(ct);
                return new WriteResult<T>(WriteStatus.VersionConflict, topology.Current.Installation.Find(typeof(T), entity.Id) as T,
                    Message: "This object was changed by someone else since you loaded it.");
            }
            catch (DbUpdateException ex)
            {
                await topology.ReloadAsync(ct);
                return new WriteResult<T>(WriteStatus.Invalid, Errors: new ValidationErrors().Add(ValidationErrors.NonField, "The database refused the change: " + (ex.InnerException?.Message ?? ex.Message)));
            }

            var next = inst.WithUpsert(entity);
            var report = entity is PowerPort port && existing is PowerPort old && DrawOnlyChange(old, port)
                ? snapshot.Report.WithPortDraw(next, port.Id, port.AllocatedDrawWatts, port.MaximumDrawWatts)
                : null;
            topology.Publish(next, report);
            return new WriteResult<T>(WriteStatus.Ok, entity);
        }, ct);

    /// <summary>
    /// Creates a device and, when it has a type, its power ports and outlets copied from the type's templates
    /// (ports first, outlets mapped to the port of the same name), in one transaction.
    /// </summary>
    public Task<WriteResult<Device>> CreateDeviceAsync(Device device, CancellationToken ct = default) =>
        topology.WriteAsync(snapshot =>
        {
            var inst = snapshot.Installation;
            var (ports, outlets) = device.DeviceTypeId is { } typeId && inst.DeviceTypeById.TryGetValue(typeId, out var type)
                ? DeviceComponents.FromTemplates(inst, type, device)
                : ([], []);
            return CreateDeviceCoreAsync(snapshot, device, ports, outlets, ct);
        }, ct);

    /// <summary>
    /// Creates a device with the given power ports and outlets in one transaction (the bulk "Create PDU" action).
    /// Each outlet is mapped to the port of the same list named by its <c>PortName</c>. Everything is validated as
    /// <see cref="SaveAsync{T}"/> would, against the installation with the device and ports added; component errors are
    /// keyed <c>power_ports[i].field</c> and <c>power_outlets[i].field</c>. Nothing is written unless all are valid.
    /// </summary>
    public Task<WriteResult<Device>> CreateDeviceWithComponentsAsync(Device device, IReadOnlyList<PowerPort> ports,
        IReadOnlyList<(PowerOutlet Outlet, string? PortName)> outlets, CancellationToken ct = default) =>
        topology.WriteAsync(snapshot => CreateDeviceCoreAsync(snapshot, device, ports, outlets, ct), ct);

    private async Task<WriteResult<Device>> CreateDeviceCoreAsync(TopologySnapshot snapshot, Device device, IReadOnlyList<PowerPort> ports,
        IReadOnlyList<(PowerOutlet Outlet, string? PortName)> outlets, CancellationToken ct)
    {
        var inst = snapshot.Installation;
        device.Id = 0;
        var errors = DcimValidator.Device(inst, device);
        if (!errors.IsValid)
        {
            return new WriteResult<Device>(WriteStatus.Invalid, Errors: errors);
        }

        // Validate the components against a provisional installation holding the device and its ports.
        int provisionalDevice = inst.MaxId(inst.Devices) + 1;
        int nextPort = inst.MaxId(inst.PowerPorts) + 1;
        int nextOutlet = inst.MaxId(inst.PowerOutlets) + 1;
        var draftDevice = new Device { Id = provisionalDevice, SiteId = device.SiteId, RackId = device.RackId, DeviceTypeId = device.DeviceTypeId, Name = device.Name, Role = device.Role, Status = device.Status };
        var draftPorts = ports.Select((p, i) => new PowerPort
        {
            Id = nextPort + i, DeviceId = provisionalDevice, Name = p.Name, Label = p.Label, Type = p.Type,
            MaximumDrawWatts = p.MaximumDrawWatts, AllocatedDrawWatts = p.AllocatedDrawWatts, MarkConnected = p.MarkConnected, Description = p.Description,
        }).ToList();
        var withDevice = inst.With(devices: inst.Devices.Append(draftDevice));
        var portNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < draftPorts.Count; i++)
        {
            var e = DcimValidator.PowerPort(withDevice, draftPorts[i]);
            if (!portNames.Add(draftPorts[i].Name) && !e.Has(ValidationErrors.NonField))
            {
                e.Add(ValidationErrors.NonField, Messages.Duplicate("Power port", "Device"));
            }
            e.CopyTo(errors, $"power_ports[{i}].");
        }
        var withPorts = withDevice.With(powerPorts: inst.PowerPorts.Concat(draftPorts));
        var outletNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < outlets.Count; i++)
        {
            var (o, portName) = outlets[i];
            var draft = new PowerOutlet
            {
                Id = nextOutlet + i, DeviceId = provisionalDevice, Name = o.Name, Label = o.Label, Type = o.Type, FeedLeg = o.FeedLeg,
                Status = o.Status, MarkConnected = o.MarkConnected, Description = o.Description,
                PowerPortId = portName is null ? null : draftPorts.Find(p => p.Name == portName)?.Id,
            };
            var e = DcimValidator.PowerOutlet(withPorts, draft);
            if (portName is not null && draft.PowerPortId is null)
            {
                e.Add("power_port", $"No power port named '{portName}' in this request.");
            }
            if (!outletNames.Add(draft.Name) && !e.Has(ValidationErrors.NonField))
            {
                e.Add(ValidationErrors.NonField, Messages.Duplicate("Power outlet", "Device"));
            }
            e.CopyTo(errors, $"power_outlets[{i}].");
        }
        if (!errors.IsValid)
        {
            return new WriteResult<Device>(WriteStatus.Invalid, Errors: errors);
        }

        await using var db = await Factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        device.Version = 1;
        db.Add(device);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            return new WriteResult<Device>(WriteStatus.Invalid, Errors: new ValidationErrors().Add(ValidationErrors.NonField, "The database refused the change: " + (ex.InnerException?.Message ?? ex.Message)));
        }
        foreach (var p in ports)
        {
            p.Id = 0;
            p.DeviceId = device.Id;
            p.Version = 1;
            db.Add(p);
        }
        await db.SaveChangesAsync(ct);
        var created = new List<PowerOutlet>(outlets.Count);
        foreach (var (o, portName) in outlets)
        {
            o.Id = 0;
            o.DeviceId = device.Id;
            o.Version = 1;
            o.PowerPortId = portName is null ? null : ports.First(p => p.Name == portName).Id;
            db.Add(o);
            created.Add(o);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        topology.Publish(inst.With(devices: inst.Devices.Append(device), powerPorts: inst.PowerPorts.Concat(ports), powerOutlets: inst.PowerOutlets.Concat(created)));
        return new WriteResult<Device>(WriteStatus.Ok, device);
    }

    /// <summary>
    /// Deletes an object with NetBox's effects: a port's outlets become unmapped, a component's cable goes with it,
    /// a device takes its components and their cables; a panel, rack, site, location or device type that others
    /// still reference is refused (<see cref="WriteStatus.Blocked"/>, naming them).
    /// </summary>
    public Task<WriteResult<T>> DeleteAsync<T>(int id, int? expectedVersion = null, CancellationToken ct = default) where T : Entity =>
        topology.WriteAsync(async snapshot =>
        {
            var inst = snapshot.Installation;
            if (inst.Find(typeof(T), id) is not T existing)
            {
                return new WriteResult<T>(WriteStatus.NotFound, Message: $"No {typeof(T).Name} with id {id}.");
            }
            if (expectedVersion is { } v && v != existing.Version)
            {
                return new WriteResult<T>(WriteStatus.VersionConflict, existing, Message: "This object was changed by someone else since you loaded it.");
            }
            var blockers = Blockers(inst, existing);
            if (blockers is not null)
            {
                return new WriteResult<T>(WriteStatus.Blocked, existing, Message: blockers);
            }

            await using var db = await Factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var (kind, objectId) in Terminations(inst, existing))
            {
                if (inst.CableOf.TryGetValue((kind, objectId), out var link))
                {
                    await DeleteCableAsync(db, link.Cable.Id, ct);
                }
            }
            switch (existing)
            {
                case Cable:
                    await DeleteCableAsync(db, id, ct);
                    break;
                case PowerPortTemplate:
                    await db.PowerOutletTemplates.Where(o => o.PowerPortTemplateId == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.PowerPortTemplateId, (int?)null), ct);
                    await db.PowerPortTemplates.Where(x => x.Id == id).ExecuteDeleteAsync(ct);
                    break;
                case PowerPort:
                    await db.PowerOutlets.Where(o => o.PowerPortId == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.PowerPortId, (int?)null).SetProperty(o => o.Version, o => o.Version + 1), ct);
                    await db.PowerPorts.Where(x => x.Id == id).ExecuteDeleteAsync(ct);
                    break;
                case Device:
                    await db.PowerOutlets.Where(x => x.DeviceId == id).ExecuteDeleteAsync(ct);
                    await db.PowerPorts.Where(x => x.DeviceId == id).ExecuteDeleteAsync(ct);
                    await db.Interfaces.Where(x => x.DeviceId == id).ExecuteDeleteAsync(ct);
                    await db.Devices.Where(x => x.Id == id).ExecuteDeleteAsync(ct);
                    break;
                case DeviceType:
                    await db.PowerOutletTemplates.Where(x => x.DeviceTypeId == id).ExecuteDeleteAsync(ct);
                    await db.PowerPortTemplates.Where(x => x.DeviceTypeId == id).ExecuteDeleteAsync(ct);
                    await db.DeviceTypes.Where(x => x.Id == id).ExecuteDeleteAsync(ct);
                    break;
                default:
                    db.Remove(existing);
                    db.Entry(existing).Property(e => e.Version).OriginalValue = existing.Version;
                    await db.SaveChangesAsync(ct);
                    break;
            }
            await tx.CommitAsync(ct);
            await topology.ReloadAsync(ct);
            return new WriteResult<T>(WriteStatus.Ok, existing);
        }, ct);

    /// <summary>Imports a topology document: all or nothing. Returns the errors by JSON path, or the created objects.</summary>
    public Task<ImportPlan> ImportAsync(string json, ImportMode mode, CancellationToken ct = default) =>
        topology.WriteAsync(async snapshot =>
        {
            var plan = TopologyImporter.Plan(snapshot.Installation, json, mode);
            if (!plan.IsValid)
            {
                return plan;
            }
            await WriteAllAsync(plan.Result, mode == ImportMode.Replace ? null : plan.Added, snapshot.Installation, ct);
            topology.Publish(plan.Result);
            return plan;
        }, ct);

    /// <summary>Replaces the database with an installation built in memory (demo data, the generator).</summary>
    public Task ReplaceAllAsync(Installation installation, CancellationToken ct = default) =>
        topology.WriteAsync(async snapshot =>
        {
            await WriteAllAsync(installation, null, snapshot.Installation, ct);
            topology.Publish(installation);
            return true;
        }, ct);

    /// <summary>
    /// Inserts <paramref name="added"/>, or — when null — empties every table and inserts the whole installation; the
    /// change log gets a record per object created (and per object of <paramref name="previous"/> deleted on a replace).
    /// </summary>
    private async Task WriteAllAsync(Installation result, IReadOnlyList<Entity>? added, Installation previous, CancellationToken ct)
    {
        await using var db = await Factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dbTx = tx.GetDbTransaction();
        if (added is null)
        {
            await db.CableTerminations.ExecuteDeleteAsync(ct);
            await db.Cables.ExecuteDeleteAsync(ct);
            await db.Interfaces.ExecuteDeleteAsync(ct);
            await db.PowerOutlets.ExecuteDeleteAsync(ct);
            await db.PowerPorts.ExecuteDeleteAsync(ct);
            await db.Devices.ExecuteDeleteAsync(ct);
            await db.PowerOutletTemplates.ExecuteDeleteAsync(ct);
            await db.PowerPortTemplates.ExecuteDeleteAsync(ct);
            await db.DeviceTypes.ExecuteDeleteAsync(ct);
            await db.PowerFeeds.ExecuteDeleteAsync(ct);
            await db.PowerPanels.ExecuteDeleteAsync(ct);
            await db.Racks.ExecuteDeleteAsync(ct);
            await db.Locations.ExecuteDeleteAsync(ct);
            await db.Sites.ExecuteDeleteAsync(ct);
        }
        IEnumerable<Entity> rows = added ?? AllOf(result);
        foreach (var e in rows)
        {
            if (e.Version == 0)
            {
                e.Version = 1;
            }
        }
        var list = rows.ToList();
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<Site>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<Location>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<Rack>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<PowerPanel>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<PowerFeed>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<DeviceType>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<PowerPortTemplate>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<PowerOutletTemplate>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<Device>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<PowerPort>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<PowerOutlet>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<Interface>().ToList(), ct);
        var cables = list.OfType<Cable>().ToList();
        await BulkInsert.InsertAsync(db, dbTx, cables, ct);
        int nextTerminationId = added is null ? 1 : (await db.CableTerminations.MaxAsync(t => (int?)t.Id, ct) ?? 0) + 1;
        var terminations = new List<CableTermination>();
        foreach (var c in cables)
        {
            foreach (var t in c.Terminations)
            {
                t.CableId = c.Id;
                t.Id = nextTerminationId++;
                terminations.Add(t);
            }
        }
        await BulkInsert.InsertAsync(db, dbTx, terminations, ct);
        await BulkChangeLog.RecordAsync(db, dbTx, added is null ? Logged(AllOf(previous)) : [], Logged(list), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The objects and, after each cable, its terminations: what the change log records for a bulk write.</summary>
    private static IEnumerable<object> Logged(IEnumerable<Entity> entities) =>
        entities.SelectMany(e => e is Cable c ? c.Terminations.Cast<object>().Prepend(c) : [e]);

    private static IEnumerable<Entity> AllOf(Installation i) =>
        i.Sites.Cast<Entity>().Concat(i.Locations).Concat(i.Racks).Concat(i.PowerPanels).Concat(i.PowerFeeds).Concat(i.DeviceTypes)
            .Concat(i.PowerPortTemplates).Concat(i.PowerOutletTemplates).Concat(i.Devices).Concat(i.PowerPorts).Concat(i.PowerOutlets)
            .Concat(i.Interfaces).Concat(i.Cables);

    private static async Task DeleteCableAsync(PowerMapDbContext db, int cableId, CancellationToken ct)
    {
        await db.CableTerminations.Where(t => t.CableId == cableId).ExecuteDeleteAsync(ct);
        await db.Cables.Where(c => c.Id == cableId).ExecuteDeleteAsync(ct);
    }

    /// <summary>The cable terminations that go away with an object (its own, or those of a device's components).</summary>
    private static IEnumerable<(TerminationKind, int)> Terminations(Installation inst, Entity e) => e switch
    {
        PowerFeed f => [(TerminationKind.PowerFeed, f.Id)],
        PowerPort p => [(TerminationKind.PowerPort, p.Id)],
        PowerOutlet o => [(TerminationKind.PowerOutlet, o.Id)],
        Interface i => [(TerminationKind.Interface, i.Id)],
        Device d => inst.PowerPorts.Where(p => p.DeviceId == d.Id).Select(p => (TerminationKind.PowerPort, p.Id))
            .Concat(inst.PowerOutlets.Where(o => o.DeviceId == d.Id).Select(o => (TerminationKind.PowerOutlet, o.Id)))
            .Concat(inst.Interfaces.Where(i => i.DeviceId == d.Id).Select(i => (TerminationKind.Interface, i.Id)))
            .ToList(),
        _ => [],
    };

    /// <summary>What still references the object (a delete is refused then), or null.</summary>
    public static string? Blockers(Installation inst, Entity e)
    {
        static string List(string what, IEnumerable<string> names)
        {
            var all = names.ToList();
            return all.Count == 0 ? "" : $"{what}: {string.Join(", ", all.Take(20))}{(all.Count > 20 ? $" and {all.Count - 20} more" : "")}";
        }
        var parts = e switch
        {
            PowerPanel p => [List("power feeds", inst.PowerFeeds.Where(f => f.PowerPanelId == p.Id).Select(f => f.Name))],
            Rack r => new[]
            {
                List("power feeds", inst.PowerFeeds.Where(f => f.RackId == r.Id).Select(f => f.Name)),
                List("devices", inst.Devices.Where(d => d.RackId == r.Id).Select(d => d.Name)),
            },
            Site s => new[]
            {
                List("locations", inst.Locations.Where(x => x.SiteId == s.Id).Select(x => x.Name)),
                List("racks", inst.Racks.Where(x => x.SiteId == s.Id).Select(x => x.Name)),
                List("power panels", inst.PowerPanels.Where(x => x.SiteId == s.Id).Select(x => x.Name)),
                List("devices", inst.Devices.Where(x => x.SiteId == s.Id).Select(x => x.Name)),
            },
            Location l => new[]
            {
                List("racks", inst.Racks.Where(x => x.LocationId == l.Id).Select(x => x.Name)),
                List("power panels", inst.PowerPanels.Where(x => x.LocationId == l.Id).Select(x => x.Name)),
            },
            DeviceType t => [List("devices", inst.Devices.Where(d => d.DeviceTypeId == t.Id).Select(d => d.Name))],
            _ => Array.Empty<string>(),
        };
        var nonEmpty = parts.Where(p => p.Length > 0).ToList();
        return nonEmpty.Count == 0 ? null : $"Cannot delete {e.GetType().Name switch { "PowerPanel" => "power panel", "DeviceType" => "device type", var n => n.ToLowerInvariant() }} '{Display(e)}': it is still referenced by {string.Join("; ", nonEmpty)}.";
    }

    private static string Display(Entity e) => e.ToString() ?? e.Id.ToString();

    public static ValidationErrors Validate(Installation inst, Entity e) => e switch
    {
        Site x => DcimValidator.Site(inst, x),
        Location x => DcimValidator.Location(inst, x),
        Rack x => DcimValidator.Rack(inst, x),
        PowerPanel x => DcimValidator.PowerPanel(inst, x),
        PowerFeed x => DcimValidator.PowerFeed(inst, x),
        DeviceType x => DcimValidator.DeviceType(inst, x),
        PowerPortTemplate x => DcimValidator.PowerPortTemplate(inst, x),
        PowerOutletTemplate x => DcimValidator.PowerOutletTemplate(inst, x),
        Device x => DcimValidator.Device(inst, x),
        PowerPort x => DcimValidator.PowerPort(inst, x),
        PowerOutlet x => DcimValidator.PowerOutlet(inst, x),
        Interface x => DcimValidator.Interface(inst, x),
        Cable x => DcimValidator.Cable(inst, x),
        _ => throw new ArgumentException($"Unknown entity {e.GetType().Name}", nameof(e)),
    };

    private static bool DrawOnlyChange(PowerPort old, PowerPort port) =>
        old.DeviceId == port.DeviceId && old.Name == port.Name && old.Label == port.Label && old.MarkConnected == port.MarkConnected;
}

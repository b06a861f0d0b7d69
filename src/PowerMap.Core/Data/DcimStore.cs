using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Data;

public enum WriteStatus
{
    Ok,
    Invalid,
    NotFound,
    VersionConflict,
    Blocked,

    /// <summary>The database is busy (locked by another writer); nothing was changed, retry shortly.</summary>
    Unavailable,
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
public sealed partial class DcimStore(TopologyService topology)
{
    private IDbContextFactory<PowerMapDbContext> Factory => topology.DbFactory;

    /// <summary>
    /// Creates (<c>Id == 0</c>) or updates an object. An update with <paramref name="expectedVersion"/> older than the stored one is refused.
    /// The object becomes part of the published snapshot: pass a fresh copy, never an object taken from a snapshot.
    /// </summary>
    public Task<WriteResult<T>> SaveAsync<T>(T entity, int? expectedVersion = null, CancellationToken ct = default) where T : Entity =>
        topology.WriteBatchableAsync(async snapshot =>
        {
            if (entity.Id == 0)
            {
                return await CreateCoreAsync(snapshot, entity, ct);
            }
            if (snapshot.Installation.Find(typeof(T), entity.Id) is not T existing)
            {
                return NotFound<T>(entity.Id);
            }
            if (expectedVersion is { } v && v != existing.Version)
            {
                return Stale(existing);
            }
            return await UpdateCoreAsync(snapshot, existing, entity, ct);
        }, ct);

    /// <summary>
    /// Updates an object by editing a private copy of the stored one under the write lock, so that concurrent writers
    /// are serialized and each one's fields are kept (no retry, no spurious conflict). <paramref name="precondition"/>
    /// (If-Match) is checked against the stored object first: false → <see cref="WriteStatus.VersionConflict"/>.
    /// <paramref name="edit"/> changes the copy and returns its errors (null or empty when it is fine).
    /// </summary>
    public Task<WriteResult<T>> UpdateAsync<T>(int id, Func<T, bool>? precondition, Func<Installation, T, ValidationErrors?> edit, CancellationToken ct = default)
        where T : Entity =>
        topology.WriteBatchableAsync(async snapshot =>
        {
            if (snapshot.Installation.Find(typeof(T), id) is not T existing)
            {
                return NotFound<T>(id);
            }
            if (precondition is not null && !precondition(existing))
            {
                return Stale(existing);
            }
            var copy = (T)existing.Clone();
            if (edit(snapshot.Installation, copy) is { IsValid: false } errors)
            {
                return new WriteResult<T>(WriteStatus.Invalid, Errors: errors);
            }
            return await UpdateCoreAsync(snapshot, existing, copy, ct);
        }, ct);

    private async Task<WriteResult<T>> CreateCoreAsync<T>(TopologySnapshot snapshot, T entity, CancellationToken ct) where T : Entity
    {
        var errors = Validate(snapshot.Installation, entity);
        if (!errors.IsValid)
        {
            return new WriteResult<T>(WriteStatus.Invalid, Errors: errors);
        }
        entity.Version = 1;
        var change = new Change();
        change.Added.Add(entity);
        if (await CommitAsync(change, ct) is { } failure)
        {
            return failure.As<T>(null);
        }
        SortTerminations(entity);
        Publish(snapshot, change);
        return new WriteResult<T>(WriteStatus.Ok, entity);
    }

    private async Task<WriteResult<T>> UpdateCoreAsync<T>(TopologySnapshot snapshot, T existing, T entity, CancellationToken ct) where T : Entity
    {
        var inst = snapshot.Installation;
        var errors = Validate(inst, entity);
        if (!errors.IsValid)
        {
            return new WriteResult<T>(WriteStatus.Invalid, Errors: errors);
        }
        var change = new Change().Update(existing, entity);
        RenameUses(inst, existing, entity, change);
        if (await CommitAsync(change, ct) is { } failure)
        {
            return failure.As(topology.Current.Installation.Find(typeof(T), entity.Id) as T);
        }
        SortTerminations(entity);
        Publish(snapshot, change);
        return new WriteResult<T>(WriteStatus.Ok, entity);
    }

    /// <summary>
    /// Publishes the snapshot after <paramref name="change"/>: the installation patched by it, and the report updated by
    /// it where the engine can (one port's draw: its upstream chain; nothing the engine reads: the same numbers; ports,
    /// outlets and cables: the patched graph and the touched chains), else computed again.
    /// </summary>
    private void Publish(TopologySnapshot snapshot, Change change)
    {
        var next = snapshot.Installation.Apply(change);
        topology.Publish(next, ReportAfter(snapshot.Report, next, change));
    }

    /// <summary>
    /// The report for <paramref name="next"/> (<paramref name="report"/>'s installation with <paramref name="change"/>
    /// applied), by the cheapest path that gives the same numbers; also used for other instances' writes (catch-up).
    /// </summary>
    internal static PowerReport ReportAfter(PowerReport report, Installation next, Change change)
    {
        if (change is { Added.Count: 0, Removed.Count: 0, Updated: [(PowerPort old, PowerPort port)] } && DrawOnlyChange(old, port))
        {
            return report.WithPortDraw(next, port.Id, port.AllocatedDrawWatts, port.MaximumDrawWatts);
        }
        if (change.Added.Concat(change.Removed).All(IgnoredByTheEngine) && change.Updated.All(u => IgnoredByTheEngine(u.After) || SameName(u) || SameFeedNumbers(u)))
        {
            return report.WithInstallation(next);
        }
        return report.WithChange(next, change);
    }

    /// <summary>
    /// A renamed role or manufacturer renames the text that names it on devices or device types, in the same write, as
    /// NetBox's foreign key would show the new name.
    /// </summary>
    private static void RenameUses(Installation inst, Entity before, Entity after, Change change)
    {
        if (before is DeviceRole oldRole && after is DeviceRole role && oldRole.Name != role.Name)
        {
            foreach (var d in inst.Devices.Where(d => d.Role == oldRole.Name))
            {
                var renamed = (Device)d.Clone();
                renamed.Role = role.Name;
                change.Update(d, renamed);
            }
        }
        if (before is Manufacturer oldMaker && after is Manufacturer maker && oldMaker.Name != maker.Name)
        {
            foreach (var t in inst.DeviceTypes.Where(t => t.Manufacturer == oldMaker.Name))
            {
                var renamed = (DeviceType)t.Clone();
                renamed.Manufacturer = maker.Name;
                change.Update(t, renamed);
            }
        }
    }

    /// <summary>
    /// A device update that keeps its name: the engine reads a device for its id, and its name only to order ports as
    /// NetBox's querysets do (which can matter where the roll-up is not a tree), so a rename is recomputed.
    /// </summary>
    private static bool SameName((Entity Before, Entity After) u) => u is (Device before, Device after) && before.Name == after.Name;

    /// <summary>
    /// A feed edit that leaves every field the engine reads as it was (its name, side, status, description or comments
    /// changed): the numbers stay, the report is carried over instead of computed again (223 ms at XL before).
    /// </summary>
    private static bool SameFeedNumbers((Entity Before, Entity After) u) =>
        u is (PowerFeed b, PowerFeed a) && b.PowerPanelId == a.PowerPanelId && b.RackId == a.RackId && b.Supply == a.Supply
        && b.Phase == a.Phase && b.Voltage == a.Voltage && b.Amperage == a.Amperage && b.MaxUtilization == a.MaxUtilization
        && b.MarkConnected == a.MarkConnected;

    /// <summary>Kinds the power engine never reads.</summary>
    private static bool IgnoredByTheEngine(Entity e) =>
        e is Site or Location or PowerPanel or DeviceType or PowerPortTemplate or PowerOutletTemplate or Interface or CatalogEntry;

    private static WriteResult<T> NotFound<T>(int id) where T : Entity =>
        new(WriteStatus.NotFound, Message: $"No {typeof(T).Name} with id {id}.");

    private static WriteResult<T> Stale<T>(T current) where T : Entity =>
        new(WriteStatus.VersionConflict, current, Message: "This object was changed by someone else since you loaded it.");

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
        var withDevice = inst.Apply(Change.Adding([draftDevice]));
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
        var withPorts = withDevice.Apply(Change.Adding(draftPorts));
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

        // Three stages in one transaction: the ports need the device's id, the outlets their port's id.
        var change = new Change();
        var created = new List<PowerOutlet>(outlets.Count);
        var failure = await CommitAsync(async db =>
        {
            device.Version = 1;
            db.Add(device);
            await db.SaveChangesAsync(ct);
            foreach (var p in ports)
            {
                p.Id = 0;
                p.DeviceId = device.Id;
                p.Version = 1;
                db.Add(p);
            }
            await db.SaveChangesAsync(ct);
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
        }, ct);
        if (failure is not null)
        {
            return failure.As<Device>(null);
        }
        change.Added.Add(device);
        change.Added.AddRange(ports);
        change.Added.AddRange(created);
        Publish(snapshot, change);
        return new WriteResult<Device>(WriteStatus.Ok, device);
    }

    /// <summary>
    /// Deletes an object with NetBox's effects: a port's outlets become unmapped, a component's cable goes with it,
    /// a device takes its components and their cables; a panel, rack, site, location or device type that others
    /// still reference is refused (<see cref="WriteStatus.Blocked"/>, naming them).
    /// </summary>
    public Task<WriteResult<T>> DeleteAsync<T>(int id, int? expectedVersion = null, CancellationToken ct = default) where T : Entity =>
        topology.WriteBatchableAsync(async snapshot =>
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

            var change = DeleteChange(inst, existing, snapshot.Report.Graph);
            if (await CommitAsync(change, ct) is { } failure)
            {
                return failure.As(topology.Current.Installation.Find(typeof(T), id) as T);
            }
            Publish(snapshot, change);
            return new WriteResult<T>(WriteStatus.Ok, existing);
        }, ct);

    /// <summary>Imports a topology document: all or nothing. Returns the errors by JSON path, or the created objects.</summary>
    public Task<ImportPlan> ImportAsync(string json, ImportMode mode, CancellationToken ct = default) =>
        ImportAsync(current => TopologyImporter.Plan(current, json, mode), mode, ct);

    /// <summary>Imports a topology document given as UTF-8 bytes (a file from the browser).</summary>
    public Task<ImportPlan> ImportAsync(ReadOnlyMemory<byte> utf8, ImportMode mode, CancellationToken ct = default) =>
        ImportAsync(current => TopologyImporter.Plan(current, utf8, mode), mode, ct);

    /// <summary>Imports a parsed topology document (a large one is parsed from a stream, never held as a string).</summary>
    public Task<ImportPlan> ImportAsync(JsonDocument document, ImportMode mode, CancellationToken ct = default) =>
        ImportAsync(current => TopologyImporter.Plan(current, document.RootElement, mode), mode, ct);

    private Task<ImportPlan> ImportAsync(Func<Installation, ImportPlan> planOf, ImportMode mode, CancellationToken ct) =>
        topology.WriteAsync(async snapshot =>
        {
            var plan = planOf(snapshot.Installation);
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
    /// A restore: replaces the installation by a topology document and lets <paramref name="history"/> write the change
    /// log and load history in the same transaction — one write, in the write queue and (PostgreSQL) under the writers'
    /// lock like every other, so it is all or nothing and no other instance writes in between.
    /// </summary>
    internal Task<ImportPlan> RestoreAsync(JsonElement document, Func<PowerMapDbContext, DbTransaction, Task> history, CancellationToken ct) =>
        topology.WriteAsync(async snapshot =>
        {
            var plan = TopologyImporter.Plan(snapshot.Installation, document, ImportMode.Replace);
            if (!plan.IsValid)
            {
                return plan;
            }
            await WriteAllAsync(plan.Result, null, snapshot.Installation, ct, history);
            topology.Publish(plan.Result);
            return plan;
        }, ct);

    /// <summary>
    /// Inserts <paramref name="added"/>, or — when null — empties every table and inserts the whole installation; the
    /// change log gets a record per object created (and per object of <paramref name="previous"/> deleted on a replace),
    /// unless <paramref name="history"/> writes the change log instead (a restore).
    /// </summary>
    private async Task WriteAllAsync(Installation result, IReadOnlyList<Entity>? added, Installation previous, CancellationToken ct,
        Func<PowerMapDbContext, DbTransaction, Task>? history = null)
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
            await db.DeviceRoles.ExecuteDeleteAsync(ct);
            await db.Manufacturers.ExecuteDeleteAsync(ct);
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
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<Manufacturer>().ToList(), ct);
        await BulkInsert.InsertAsync(db, dbTx, list.OfType<DeviceRole>().ToList(), ct);
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
        if (history is null)
        {
            await BulkChangeLog.RecordAsync(db, dbTx, added is null ? Logged(AllOf(previous)) : [], Logged(list), ct);
        }
        else
        {
            await history(db, dbTx);
        }
        await Revisions.RevisionWriter.RecordAsync(db, 0, 0, reload: true, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The objects and, after each cable, its terminations: what the change log records for a bulk write.</summary>
    private static IEnumerable<object> Logged(IEnumerable<Entity> entities) =>
        entities.SelectMany(e => e is Cable c ? c.Terminations.Cast<object>().Prepend(c) : [e]);

    private static IEnumerable<Entity> AllOf(Installation i) => i.All();

    /// <summary>
    /// What deleting <paramref name="e"/> changes, with NetBox's effects: the cables of its terminations (a device's:
    /// of its components) go, a device takes its components, a device type its templates; outlets (templates) of a
    /// deleted port (template) are unmapped.
    /// </summary>
    internal static Change DeleteChange(Installation inst, Entity e, PowerMap.Core.Topology.PowerGraph? graph = null)
    {
        var change = new Change();
        foreach (var termination in Terminations(inst, e))
        {
            if (inst.CableOf.TryGetValue(termination, out var link))
            {
                change.Remove(link.Cable);
            }
        }
        switch (e)
        {
            case PowerPortTemplate t:
                foreach (var o in inst.PowerOutletTemplates.Where(o => o.PowerPortTemplateId == t.Id))
                {
                    var unmapped = (PowerOutletTemplate)o.Clone();
                    unmapped.PowerPortTemplateId = null;
                    change.Update(o, unmapped);
                }
                break;
            case PowerPort p:
                // The port's outlets: from the power graph of this installation when given (not a walk of every outlet).
                var outlets = graph is not null && ReferenceEquals(graph.Installation, inst) && graph.PortIndex.TryGetValue(p.Id, out var at)
                    ? graph.PortOutlets[at].Select(i => inst.PowerOutlets[i])
                    : inst.PowerOutlets.Where(o => o.PowerPortId == p.Id);
                foreach (var o in outlets)
                {
                    var unmapped = (PowerOutlet)o.Clone();
                    unmapped.PowerPortId = null;
                    change.Update(o, unmapped);
                }
                break;
            case Device d:
                inst.PowerOutlets.Where(x => x.DeviceId == d.Id).ToList().ForEach(x => change.Remove(x));
                inst.PowerPorts.Where(x => x.DeviceId == d.Id).ToList().ForEach(x => change.Remove(x));
                inst.Interfaces.Where(x => x.DeviceId == d.Id).ToList().ForEach(x => change.Remove(x));
                break;
            case DeviceType t:
                inst.PowerOutletTemplates.Where(x => x.DeviceTypeId == t.Id).ToList().ForEach(x => change.Remove(x));
                inst.PowerPortTemplates.Where(x => x.DeviceTypeId == t.Id).ToList().ForEach(x => change.Remove(x));
                break;
        }
        change.Remove(e);
        return change;
    }

    /// <summary>Why a write was not committed (the transaction was rolled back, nothing changed).</summary>
    private sealed record CommitFailure(WriteStatus Status, ValidationErrors? Errors, string Message)
    {
        public WriteResult<T> As<T>(T? current) where T : Entity => new(Status, current, Errors, Message);
    }

    /// <summary>Writes <paramref name="change"/> through the change tracker in one transaction.</summary>
    private Task<CommitFailure?> CommitAsync(Change change, CancellationToken ct) =>
        CommitAsync(async db =>
        {
            Track(db, change);
            // Track attaches each object as the snapshot holds it, at the version the statement checks.
            db.OriginalValuesAreStored = true;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            finally
            {
                db.OriginalValuesAreStored = false;
            }
        }, ct);

    /// <summary>
    /// Runs <paramref name="write"/> (one or more <c>SaveChanges</c>) in one transaction with a fresh context and
    /// commits it. A database that is busy (locked by another process) gives <see cref="WriteStatus.Unavailable"/>; a
    /// refused change rolls back and reloads the snapshot (the database no longer matches what was validated).
    /// </summary>
    private async Task<CommitFailure?> CommitAsync(Func<PowerMapDbContext, Task> write, CancellationToken ct)
    {
        var batch = TopologyService.CurrentBatch;
        try
        {
            if (batch is not null)
            {
                // Group commit: the batch's transaction, at this write's savepoint; committed with the batch.
                await write(await batch.ContextAsync(ct));
                return null;
            }
            await using var db = await Factory.CreateDbContextAsync(ct);
            // Every entry's state is set explicitly (Track, Add): no need to scan the tracked objects for changes.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await write(db);
            await tx.CommitAsync(ct);
            return null;
        }
        catch (Exception ex) when (DatabaseBusy.Is(ex) || ex is DbUpdateException)
        {
            if (batch is not null)
            {
                await batch.EndWriteAsync(keep: false);
            }
            if (DatabaseBusy.Is(ex))
            {
                return new CommitFailure(WriteStatus.Unavailable, null, DatabaseBusy.Message);
            }
            // Refused: the database no longer matches what was validated. Read it again (a batch: once it has committed).
            if (batch is not null)
            {
                batch.ReloadAfter = true;
            }
            else
            {
                await topology.ReloadAsync(ct);
            }
            if (ex is DbUpdateConcurrencyException)
            {
                return new CommitFailure(WriteStatus.VersionConflict, null, "This object was changed by someone else since you loaded it.");
            }
            string message = "The database refused the change: " + (ex.InnerException?.Message ?? ex.Message);
            return new CommitFailure(WriteStatus.Invalid, new ValidationErrors().Add(ValidationErrors.NonField, message), message);
        }
    }

    /// <summary>
    /// Puts a change into the tracker so that it knows each object before and after: an update attaches a copy of the
    /// stored object and sets the new values on it (only changed columns are written, the version is checked); a
    /// removal attaches a copy and removes it (a cable with its terminations). A cable's terminations are matched by
    /// the object they attach to: kept (their end or position updated), added or removed.
    /// </summary>
    private static void Track(PowerMapDbContext db, Change change)
    {
        foreach (var (before, after) in change.Updated)
        {
            var tracked = before.Clone();
            if (tracked is Cable storedCable && after is Cable cable)
            {
                var entry = db.Attach(storedCable);
                entry.CurrentValues.SetValues(cable);
                var kept = storedCable.Terminations.ToDictionary(t => (t.Kind, t.ObjectId));
                foreach (var t in cable.Terminations)
                {
                    t.CableId = cable.Id;
                    if (kept.Remove((t.Kind, t.ObjectId), out var old))
                    {
                        t.Id = old.Id;
                        db.Entry(old).CurrentValues.SetValues(t);
                    }
                    else
                    {
                        t.Id = 0;
                        db.Entry(t).State = EntityState.Added;
                    }
                }
                foreach (var old in kept.Values)
                {
                    db.Entry(old).State = EntityState.Deleted;
                }
            }
            else
            {
                db.Attach(tracked).CurrentValues.SetValues(after);
            }
        }
        foreach (var e in change.Removed)
        {
            var tracked = e.Clone();
            db.Attach(tracked);
            if (tracked is Cable cable)
            {
                foreach (var t in cable.Terminations)
                {
                    db.Entry(t).State = EntityState.Deleted;
                }
            }
            db.Entry(tracked).State = EntityState.Deleted;
        }
        foreach (var e in change.Added)
        {
            if (e is Cable cable)
            {
                cable.Terminations.ForEach(t => t.Id = 0);
            }
            db.Add(e);
        }
    }

    /// <summary>A cable's terminations in the order a load gives them.</summary>
    private static void SortTerminations(Entity e)
    {
        if (e is Cable cable)
        {
            cable.Terminations = cable.Terminations.OrderBy(t => t.End).ThenBy(t => t.Position).ThenBy(t => t.Id).ToList();
        }
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
            // NetBox protects a role or manufacturer in use.
            DeviceRole r => [List("devices", inst.Devices.Where(d => d.Role == r.Name).Select(inst.DeviceDisplay))],
            Manufacturer m => [List("device types", inst.DeviceTypes.Where(t => t.Manufacturer == m.Name).Select(t => t.Model))],
            _ => Array.Empty<string>(),
        };
        var nonEmpty = parts.Where(p => p.Length > 0).ToList();
        return nonEmpty.Count == 0 ? null : $"Cannot delete {e.GetType().Name switch { "PowerPanel" => "power panel", "DeviceType" => "device type", "DeviceRole" => "device role", var n => n.ToLowerInvariant() }} '{Display(e)}': it is still referenced by {string.Join("; ", nonEmpty)}.";
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
        CatalogEntry x => DcimValidator.CatalogEntry(inst, x),
        _ => throw new ArgumentException($"Unknown entity {e.GetType().Name}", nameof(e)),
    };

    private static bool DrawOnlyChange(PowerPort old, PowerPort port) =>
        old.DeviceId == port.DeviceId && old.Name == port.Name && old.Label == port.Label && old.MarkConnected == port.MarkConnected;
}

using System.Reflection;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>Created, updated and deleted objects of one kind in a NetBox import (<c>Power feed</c>: 2 / 1 / 0).</summary>
public sealed record NetBoxSyncCount(string Kind, int Created, int Updated, int Deleted);

/// <summary>
/// What importing a NetBox again changes: the <see cref="Change"/> to write (ids of the current installation), its
/// counts per kind, and the errors (nothing is written when there are any).
/// </summary>
public sealed record NetBoxSyncPlan(Change Change, IReadOnlyList<NetBoxSyncCount> Counts, ValidationErrors Errors)
{
    public bool IsValid => Errors.IsValid;
}

/// <summary>
/// Matches a NetBox's objects (read as an installation of their own, each with its <see cref="Entity.NetBoxId"/>) with
/// the current installation by NetBox id and kind: a match is updated in place (the fields NetBox gives, listed in
/// <see cref="NetBoxFields"/>; PowerMap-only fields are kept), a new NetBox object is created, and an object that came from
/// NetBox and is gone there is deleted with NetBox's delete effects (its components, the cables at it). Objects made in
/// PowerMap (no NetBox id) are kept; one that still references a deleted object is an error. Every created or updated
/// object is validated against the installation as it will be. Pure: nothing is written here.
/// </summary>
public static class NetBoxSync
{
    /// <summary>The fields a NetBox import sets, per kind: everything else on an object it updates is PowerMap's and kept.</summary>
    public static readonly IReadOnlyDictionary<Type, string[]> NetBoxFields = new Dictionary<Type, string[]>
    {
        [typeof(Site)] = [nameof(Site.Name), nameof(Site.Slug), nameof(Site.Description)],
        [typeof(Location)] = [nameof(Location.SiteId), nameof(Location.Name)],
        [typeof(Rack)] = [nameof(Rack.SiteId), nameof(Rack.LocationId), nameof(Rack.Name), nameof(Rack.FacilityId)],
        [typeof(PowerPanel)] = [nameof(PowerPanel.SiteId), nameof(PowerPanel.LocationId), nameof(PowerPanel.Name)],
        [typeof(PowerFeed)] =
        [
            nameof(PowerFeed.PowerPanelId), nameof(PowerFeed.RackId), nameof(PowerFeed.Name), nameof(PowerFeed.Status), nameof(PowerFeed.Type),
            nameof(PowerFeed.Supply), nameof(PowerFeed.Phase), nameof(PowerFeed.Voltage), nameof(PowerFeed.Amperage), nameof(PowerFeed.MaxUtilization),
            nameof(PowerFeed.MarkConnected), nameof(PowerFeed.Description), nameof(PowerFeed.Comments),
        ],
        [typeof(DeviceType)] = [nameof(DeviceType.Manufacturer), nameof(DeviceType.Model)],
        [typeof(PowerPortTemplate)] =
        [
            nameof(PowerPortTemplate.DeviceTypeId), nameof(PowerPortTemplate.Name), nameof(PowerPortTemplate.Label), nameof(PowerPortTemplate.Type),
            nameof(PowerPortTemplate.MaximumDrawWatts), nameof(PowerPortTemplate.AllocatedDrawWatts),
        ],
        [typeof(PowerOutletTemplate)] =
        [
            nameof(PowerOutletTemplate.DeviceTypeId), nameof(PowerOutletTemplate.Name), nameof(PowerOutletTemplate.Label), nameof(PowerOutletTemplate.Type),
            nameof(PowerOutletTemplate.PowerPortTemplateId), nameof(PowerOutletTemplate.FeedLeg),
        ],
        [typeof(Device)] =
        [
            nameof(Device.SiteId), nameof(Device.LocationId), nameof(Device.RackId), nameof(Device.DeviceTypeId), nameof(Device.Name),
            nameof(Device.Role), nameof(Device.Status),
        ],
        [typeof(PowerPort)] =
        [
            nameof(PowerPort.DeviceId), nameof(PowerPort.Name), nameof(PowerPort.Label), nameof(PowerPort.Type), nameof(PowerPort.MaximumDrawWatts),
            nameof(PowerPort.AllocatedDrawWatts), nameof(PowerPort.MarkConnected), nameof(PowerPort.Description),
        ],
        [typeof(PowerOutlet)] =
        [
            nameof(PowerOutlet.DeviceId), nameof(PowerOutlet.Name), nameof(PowerOutlet.Label), nameof(PowerOutlet.Type), nameof(PowerOutlet.PowerPortId),
            nameof(PowerOutlet.FeedLeg), nameof(PowerOutlet.MarkConnected), nameof(PowerOutlet.Description),
        ],
        [typeof(Interface)] = [nameof(Interface.DeviceId), nameof(Interface.Name), nameof(Interface.Type), nameof(Interface.MarkConnected)],
        // And the terminations.
        [typeof(Cable)] = [nameof(Cable.Status), nameof(Cable.Label)],
        [typeof(Manufacturer)] = [nameof(Manufacturer.Name), nameof(Manufacturer.Slug), nameof(Manufacturer.Description)],
        [typeof(DeviceRole)] = [nameof(DeviceRole.Name), nameof(DeviceRole.Slug), nameof(DeviceRole.Color), nameof(DeviceRole.Description)],
    };

    /// <summary>The kind a foreign-key property refers to, by its name (the same name means the same kind on every entity).</summary>
    private static readonly Dictionary<string, Type> References = new(StringComparer.Ordinal)
    {
        [nameof(Rack.SiteId)] = typeof(Site),
        [nameof(Rack.LocationId)] = typeof(Location),
        [nameof(Device.RackId)] = typeof(Rack),
        [nameof(PowerFeed.PowerPanelId)] = typeof(PowerPanel),
        [nameof(Device.DeviceTypeId)] = typeof(DeviceType),
        [nameof(PowerOutletTemplate.PowerPortTemplateId)] = typeof(PowerPortTemplate),
        [nameof(PowerPort.DeviceId)] = typeof(Device),
        [nameof(PowerOutlet.PowerPortId)] = typeof(PowerPort),
    };

    private static readonly Type[] Kinds =
    [
        typeof(Site), typeof(Location), typeof(Rack), typeof(PowerPanel), typeof(PowerFeed), typeof(DeviceType), typeof(PowerPortTemplate),
        typeof(PowerOutletTemplate), typeof(Device), typeof(PowerPort), typeof(PowerOutlet), typeof(Interface), typeof(Cable),
        typeof(Manufacturer), typeof(DeviceRole),
    ];

    /// <summary>
    /// The plan for a NetBox document (as <c>NetBoxDocument</c> writes it: every object with its <c>netbox_id</c>): the
    /// document is read and checked on its own first (errors by JSON path), then matched with <paramref name="current"/>.
    /// </summary>
    public static NetBoxSyncPlan Plan(Installation current, string json)
    {
        var read = TopologyImporter.Plan(Installation.Empty, json, ImportMode.Replace);
        return read.IsValid ? Plan(current, read.Result) : new NetBoxSyncPlan(new Change(), [], read.Errors);
    }

    /// <summary>
    /// The change that makes <paramref name="current"/> hold <paramref name="netBox"/> (an installation built from a NetBox
    /// document, with its own ids), matched by NetBox id. An object of <paramref name="netBox"/> without a NetBox id is created.
    /// </summary>
    public static NetBoxSyncPlan Plan(Installation current, Installation netBox)
    {
        var byNetBoxId = current.All().Where(e => e.NetBoxId is not null).ToDictionary(e => (e.GetType(), e.NetBoxId!.Value));
        var nextId = Kinds.ToDictionary(k => k, k => current.All().Where(e => e.GetType() == k).Select(e => e.Id).DefaultIfEmpty(0).Max() + 1);
        var idMap = Kinds.ToDictionary(k => k, _ => new Dictionary<int, int>());
        var matched = new HashSet<(Type, int)>();
        var added = new List<Entity>();
        var updated = new Dictionary<(Type, int), (Entity Before, Entity After)>();

        foreach (var incoming in netBox.All())
        {
            var type = incoming.GetType();
            var target = incoming.Clone();
            Remap(target, idMap);
            if (incoming.NetBoxId is { } nb && byNetBoxId.TryGetValue((type, nb), out var stored))
            {
                var merged = stored.Clone();
                CopyNetBoxFields(target, merged);
                idMap[type][incoming.Id] = stored.Id;
                matched.Add((type, stored.Id));
                if (!SameFields(stored, merged))
                {
                    updated[(type, stored.Id)] = (stored, merged);
                }
            }
            else
            {
                target.Id = nextId[type]++;
                target.Version = 1;
                if (target is Cable cable)
                {
                    cable.Terminations.ForEach(t => { t.Id = 0; t.CableId = cable.Id; });
                }
                idMap[type][incoming.Id] = target.Id;
                added.Add(target);
            }
        }

        // NetBox's objects that are gone there, with NetBox's delete effects on what is left.
        var removals = new Change();
        var gone = current.All().Where(e => e.NetBoxId is not null && !matched.Contains((e.GetType(), e.Id))).ToList();
        foreach (var e in gone)
        {
            removals.Merge(DcimStore.DeleteChange(current, e));
        }

        var change = new Change();
        change.Added.AddRange(added);
        var removedKeys = new HashSet<(Type, int)>();
        foreach (var e in removals.Removed.Where(e => !updated.ContainsKey((e.GetType(), e.Id)) && !matched.Contains((e.GetType(), e.Id))))
        {
            change.Remove(e);
            removedKeys.Add((e.GetType(), e.Id));
        }
        foreach (var (before, after) in removals.Updated.Where(u => !updated.ContainsKey((u.Before.GetType(), u.Before.Id)) && !removedKeys.Contains((u.Before.GetType(), u.Before.Id))))
        {
            change.Update(before, after);
        }
        foreach (var (before, after) in updated.Values)
        {
            change.Update(before, after);
        }
        // A cable NetBox keeps whose old end is deleted: updated (its new ends), not removed.
        foreach (var (before, after) in change.Updated)
        {
            if (after is Cable cable)
            {
                cable.Terminations.ForEach(t => t.CableId = cable.Id);
            }
        }

        var errors = Validate(current, current.Apply(change), change, gone);
        var present = netBox.All().Select(e => e.GetType()).Concat(current.All().Where(e => e.NetBoxId is not null).Select(e => e.GetType())).ToHashSet();
        var counts = Kinds.Where(present.Contains).Select(k => new NetBoxSyncCount(Messages.Kind(k),
                change.Added.Count(e => e.GetType() == k),
                change.Updated.Count(u => u.After.GetType() == k && updated.ContainsKey((k, u.After.Id))),
                change.Removed.Count(e => e.GetType() == k)))
            .ToList();
        return new NetBoxSyncPlan(errors.IsValid ? change : new Change(), counts, errors);
    }

    /// <summary>
    /// Every created or updated object checked with NetBox's rules against the result, and no object left pointing at a
    /// deleted one (an object made in PowerMap in a rack NetBox no longer has). Keys name the object: <c>Power feed 'Feed A' (NetBox id 10).voltage</c>.
    /// </summary>
    private static ValidationErrors Validate(Installation current, Installation result, Change change, IReadOnlyList<Entity> gone)
    {
        var errors = new ValidationErrors();
        foreach (var e in change.Added.Concat(change.Updated.Select(u => u.After)))
        {
            foreach (var (field, messages) in DcimStore.Validate(result, e))
            {
                foreach (var m in messages)
                {
                    errors.Add(field == ValidationErrors.NonField ? Describe(result, e) : $"{Describe(result, e)}.{field}", m);
                }
            }
        }
        foreach (var e in gone)
        {
            if (DcimStore.Blockers(result, e) is { } blockers)
            {
                errors.Add(Describe(current, e), blockers);
            }
        }
        return errors;
    }

    private static string Describe(Installation inst, Entity e)
    {
        string name = e is Device d ? inst.DeviceDisplay(d) : e is Cable ? $"#{e.NetBoxId ?? e.Id}" : e.ToString() ?? "";
        return e.NetBoxId is { } nb ? $"{Messages.Kind(e.GetType())} '{name}' (NetBox id {nb})" : $"{Messages.Kind(e.GetType())} '{name}'";
    }

    /// <summary>Points an object of the NetBox installation at the current ids of the objects it references.</summary>
    private static void Remap(Entity e, Dictionary<Type, Dictionary<int, int>> idMap)
    {
        foreach (var p in e.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (References.TryGetValue(p.Name, out var kind) && p.GetValue(e) is int id && idMap[kind].TryGetValue(id, out var to))
            {
                p.SetValue(e, to);
            }
        }
        if (e is Cable cable)
        {
            foreach (var t in cable.Terminations)
            {
                var kind = t.Kind switch
                {
                    TerminationKind.PowerFeed => typeof(PowerFeed),
                    TerminationKind.PowerPort => typeof(PowerPort),
                    TerminationKind.PowerOutlet => typeof(PowerOutlet),
                    _ => typeof(Interface),
                };
                t.ObjectId = idMap[kind].TryGetValue(t.ObjectId, out var to) ? to : t.ObjectId;
            }
        }
    }

    private static void CopyNetBoxFields(Entity from, Entity to)
    {
        var type = from.GetType();
        foreach (var name in NetBoxFields[type])
        {
            var p = type.GetProperty(name)!;
            p.SetValue(to, p.GetValue(from));
        }
        if (from is Cable source && to is Cable cable)
        {
            cable.Terminations = source.Terminations.Select(t => t.Clone()).ToList();
        }
    }

    /// <summary>The same persisted fields (as the change log writes them) and, for a cable, the same ends.</summary>
    private static bool SameFields(Entity a, Entity b)
    {
        if (ChangeData.Serialize(a) != ChangeData.Serialize(b))
        {
            return false;
        }
        return a is not Cable ca || b is not Cable cb || Ends(ca).SetEquals(Ends(cb));

        static HashSet<(CableEnd, TerminationKind, int, int)> Ends(Cable c) => c.Terminations.Select(t => (t.End, t.Kind, t.ObjectId, t.Position)).ToHashSet();
    }
}

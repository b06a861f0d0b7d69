namespace PowerMap.Core.Dcim;

/// <summary>
/// Every DCIM object of one database (or one topology document) held in memory, indexed by id.
/// Treat it as immutable: writers build a new one; readers share it freely across threads.
/// </summary>
public sealed class Installation
{
    private Kind<Site, string> _sites;
    private Kind<Location, (int, string)> _locations;
    private Kind<Rack, (int, int?, string)> _racks;
    private Kind<PowerPanel, (int, string)> _panels;
    private Kind<PowerFeed, (int, string)> _feeds;
    private Kind<DeviceType, (string, string)> _deviceTypes;
    private Kind<PowerPortTemplate, (int, string)> _portTemplates;
    private Kind<PowerOutletTemplate, (int, string)> _outletTemplates;
    private Kind<Device, (int, string)> _devices;
    private Kind<PowerPort, (int, string)> _ports;
    private Kind<PowerOutlet, (int, string)> _outlets;
    private Kind<Interface, (int, string)> _interfaces;
    private Kind<Cable, int> _cables;
    private Kind<Manufacturer, string> _manufacturers;
    private Kind<DeviceRole, string> _deviceRoles;
    private OverlayMap<(TerminationKind, int), (Cable, CableEnd)> _cableOf;

    /// <summary>Above this many objects of one kind in one change, the kind (or the cable index) is rebuilt as a load does (a bulk write): cheaper than that many patched copies.</summary>
    private const int BulkChange = 256;

    public IReadOnlyList<Site> Sites => _sites.List;
    public IReadOnlyList<Location> Locations => _locations.List;
    public IReadOnlyList<Rack> Racks => _racks.List;
    public IReadOnlyList<PowerPanel> PowerPanels => _panels.List;
    public IReadOnlyList<PowerFeed> PowerFeeds => _feeds.List;
    public IReadOnlyList<DeviceType> DeviceTypes => _deviceTypes.List;
    public IReadOnlyList<PowerPortTemplate> PowerPortTemplates => _portTemplates.List;
    public IReadOnlyList<PowerOutletTemplate> PowerOutletTemplates => _outletTemplates.List;
    public IReadOnlyList<Device> Devices => _devices.List;
    public IReadOnlyList<PowerPort> PowerPorts => _ports.List;
    public IReadOnlyList<PowerOutlet> PowerOutlets => _outlets.List;
    public IReadOnlyList<Interface> Interfaces => _interfaces.List;
    public IReadOnlyList<Cable> Cables => _cables.List;
    public IReadOnlyList<Manufacturer> Manufacturers => _manufacturers.List;
    public IReadOnlyList<DeviceRole> DeviceRoles => _deviceRoles.List;

    public IReadOnlyDictionary<int, Site> SiteById => _sites.ById;
    public IReadOnlyDictionary<int, Location> LocationById => _locations.ById;
    public IReadOnlyDictionary<int, Rack> RackById => _racks.ById;
    public IReadOnlyDictionary<int, PowerPanel> PanelById => _panels.ById;
    public IReadOnlyDictionary<int, PowerFeed> FeedById => _feeds.ById;
    public IReadOnlyDictionary<int, DeviceType> DeviceTypeById => _deviceTypes.ById;
    public IReadOnlyDictionary<int, PowerPortTemplate> PortTemplateById => _portTemplates.ById;
    public IReadOnlyDictionary<int, PowerOutletTemplate> OutletTemplateById => _outletTemplates.ById;
    public IReadOnlyDictionary<int, Device> DeviceById => _devices.ById;
    public IReadOnlyDictionary<int, PowerPort> PortById => _ports.ById;
    public IReadOnlyDictionary<int, PowerOutlet> OutletById => _outlets.ById;
    public IReadOnlyDictionary<int, Interface> InterfaceById => _interfaces.ById;
    public IReadOnlyDictionary<int, Cable> CableById => _cables.ById;
    public IReadOnlyDictionary<int, Manufacturer> ManufacturerById => _manufacturers.ById;
    public IReadOnlyDictionary<int, DeviceRole> DeviceRoleById => _deviceRoles.ById;

    /// <summary>The device role a device's role text names, if there is one.</summary>
    public DeviceRole? DeviceRoleByName(string name) => _deviceRoles.ByName.GetValueOrDefault(name);

    /// <summary>The cable and end each termination is attached to.</summary>
    public IReadOnlyDictionary<(TerminationKind Kind, int Id), (Cable Cable, CableEnd End)> CableOf => _cableOf;

    /// <summary>Natural-key indexes: the name is unique within the parent id.</summary>
    public IReadOnlyDictionary<string, Site> SiteByName => _sites.ByName;
    public IReadOnlyDictionary<(int SiteId, string Name), Location> LocationByName => _locations.ByName;
    /// <summary>Racks are unique per site and location (NetBox: per location); a rack without location by its site.</summary>
    public IReadOnlyDictionary<(int SiteId, int? LocationId, string Name), Rack> RackByName => _racks.ByName;
    public IReadOnlyDictionary<(int SiteId, string Name), PowerPanel> PanelByName => _panels.ByName;
    public IReadOnlyDictionary<(int PanelId, string Name), PowerFeed> FeedByName => _feeds.ByName;
    /// <summary>Device types are unique per manufacturer and model (NetBox).</summary>
    public IReadOnlyDictionary<(string Manufacturer, string Model), DeviceType> DeviceTypeByKey => _deviceTypes.ByName;
    public IReadOnlyDictionary<(int DeviceTypeId, string Name), PowerPortTemplate> PortTemplateByName => _portTemplates.ByName;
    public IReadOnlyDictionary<(int DeviceTypeId, string Name), PowerOutletTemplate> OutletTemplateByName => _outletTemplates.ByName;
    /// <summary>Named devices by site and name, ignoring case as NetBox does; unnamed devices are not in it.</summary>
    public IReadOnlyDictionary<(int SiteId, string Name), Device> DeviceByName => _devices.ByName;
    public IReadOnlyDictionary<(int DeviceId, string Name), PowerPort> PortByName => _ports.ByName;
    public IReadOnlyDictionary<(int DeviceId, string Name), PowerOutlet> OutletByName => _outlets.ByName;
    public IReadOnlyDictionary<(int DeviceId, string Name), Interface> InterfaceByName => _interfaces.ByName;

    public static Installation Empty => new();

    public Installation(
        IEnumerable<Site>? sites = null,
        IEnumerable<Location>? locations = null,
        IEnumerable<Rack>? racks = null,
        IEnumerable<PowerPanel>? powerPanels = null,
        IEnumerable<PowerFeed>? powerFeeds = null,
        IEnumerable<DeviceType>? deviceTypes = null,
        IEnumerable<PowerPortTemplate>? powerPortTemplates = null,
        IEnumerable<PowerOutletTemplate>? powerOutletTemplates = null,
        IEnumerable<Device>? devices = null,
        IEnumerable<PowerPort>? powerPorts = null,
        IEnumerable<PowerOutlet>? powerOutlets = null,
        IEnumerable<Interface>? interfaces = null,
        IEnumerable<Cable>? cables = null,
        IEnumerable<Manufacturer>? manufacturers = null,
        IEnumerable<DeviceRole>? deviceRoles = null)
    {
        _sites = Kind<Site, string>.Build(sites, x => x.Name, StringComparer.Ordinal);
        _locations = Kind<Location, (int, string)>.Build(locations, x => (x.SiteId, x.Name));
        _racks = Kind<Rack, (int, int?, string)>.Build(racks, x => (x.SiteId, x.LocationId, x.Name));
        _panels = Kind<PowerPanel, (int, string)>.Build(powerPanels, x => (x.SiteId, x.Name));
        _feeds = Kind<PowerFeed, (int, string)>.Build(powerFeeds, x => (x.PowerPanelId, x.Name));
        _deviceTypes = Kind<DeviceType, (string, string)>.Build(deviceTypes, x => (x.Manufacturer, x.Model));
        _portTemplates = Kind<PowerPortTemplate, (int, string)>.Build(powerPortTemplates, x => (x.DeviceTypeId, x.Name));
        _outletTemplates = Kind<PowerOutletTemplate, (int, string)>.Build(powerOutletTemplates, x => (x.DeviceTypeId, x.Name));
        _devices = Kind<Device, (int, string)>.Build(devices, x => (x.SiteId, x.Name), SiteNameIgnoreCase.Instance, x => !x.IsUnnamed);
        _ports = Kind<PowerPort, (int, string)>.Build(powerPorts, x => (x.DeviceId, x.Name));
        _outlets = Kind<PowerOutlet, (int, string)>.Build(powerOutlets, x => (x.DeviceId, x.Name));
        _interfaces = Kind<Interface, (int, string)>.Build(interfaces, x => (x.DeviceId, x.Name));
        // Cables have no natural key: the by-name index is keyed by id and unused.
        _cables = Kind<Cable, int>.Build(cables, x => x.Id);
        _manufacturers = Kind<Manufacturer, string>.Build(manufacturers, x => x.Name, StringComparer.Ordinal);
        _deviceRoles = Kind<DeviceRole, string>.Build(deviceRoles, x => x.Name, StringComparer.Ordinal);
        _cableOf = IndexCables(_cables.List);
    }

    /// <summary>A shallow copy sharing every index (a patched copy replaces the indexes it changes, never edits them).</summary>
    private Installation(Installation other)
    {
        _sites = other._sites;
        _locations = other._locations;
        _racks = other._racks;
        _panels = other._panels;
        _feeds = other._feeds;
        _deviceTypes = other._deviceTypes;
        _portTemplates = other._portTemplates;
        _outletTemplates = other._outletTemplates;
        _devices = other._devices;
        _ports = other._ports;
        _outlets = other._outlets;
        _interfaces = other._interfaces;
        _cables = other._cables;
        _manufacturers = other._manufacturers;
        _deviceRoles = other._deviceRoles;
        _cableOf = other._cableOf;
    }

    /// <summary>A copy of this installation with some collections replaced (entities are shared). Rebuilds every index: for building, not for writes.</summary>
    public Installation With(
        IEnumerable<Site>? sites = null,
        IEnumerable<Location>? locations = null,
        IEnumerable<Rack>? racks = null,
        IEnumerable<PowerPanel>? powerPanels = null,
        IEnumerable<PowerFeed>? powerFeeds = null,
        IEnumerable<DeviceType>? deviceTypes = null,
        IEnumerable<PowerPortTemplate>? powerPortTemplates = null,
        IEnumerable<PowerOutletTemplate>? powerOutletTemplates = null,
        IEnumerable<Device>? devices = null,
        IEnumerable<PowerPort>? powerPorts = null,
        IEnumerable<PowerOutlet>? powerOutlets = null,
        IEnumerable<Interface>? interfaces = null,
        IEnumerable<Cable>? cables = null,
        IEnumerable<Manufacturer>? manufacturers = null,
        IEnumerable<DeviceRole>? deviceRoles = null) =>
        new(sites ?? Sites, locations ?? Locations, racks ?? Racks, powerPanels ?? PowerPanels, powerFeeds ?? PowerFeeds,
            deviceTypes ?? DeviceTypes, powerPortTemplates ?? PowerPortTemplates, powerOutletTemplates ?? PowerOutletTemplates,
            devices ?? Devices, powerPorts ?? PowerPorts, powerOutlets ?? PowerOutlets, interfaces ?? Interfaces, cables ?? Cables,
            manufacturers ?? Manufacturers, deviceRoles ?? DeviceRoles);

    /// <summary>A private copy for a builder (an import) to <c>Add</c> to before it is published.</summary>
    public Installation Copy() => With();

    /// <summary>A new installation with one object added or replaced (by id); this one is unchanged.</summary>
    public Installation WithUpsert(Entity entity)
    {
        var change = new Change();
        change.Added.Add(entity);
        return Apply(change);
    }

    /// <summary>
    /// A new installation with <paramref name="change"/> applied (added and updated objects by id, removed ones dropped);
    /// this one is unchanged. O(change) apart from copying the indexes of the kinds the change touches (an array copy
    /// each): the other kinds' indexes are shared with this installation.
    /// </summary>
    public Installation Apply(Change change)
    {
        var upserts = change.Added.Concat(change.Updated.Select(u => u.After)).ToList();
        var next = new Installation(this);
        next._sites = _sites.Patch(upserts, change.Removed);
        next._locations = _locations.Patch(upserts, change.Removed);
        next._racks = _racks.Patch(upserts, change.Removed);
        next._panels = _panels.Patch(upserts, change.Removed);
        next._feeds = _feeds.Patch(upserts, change.Removed);
        next._deviceTypes = _deviceTypes.Patch(upserts, change.Removed);
        next._portTemplates = _portTemplates.Patch(upserts, change.Removed);
        next._outletTemplates = _outletTemplates.Patch(upserts, change.Removed);
        next._devices = _devices.Patch(upserts, change.Removed);
        next._ports = _ports.Patch(upserts, change.Removed);
        next._outlets = _outlets.Patch(upserts, change.Removed);
        next._interfaces = _interfaces.Patch(upserts, change.Removed);
        next._cables = _cables.Patch(upserts, change.Removed);
        next._manufacturers = _manufacturers.Patch(upserts, change.Removed);
        next._deviceRoles = _deviceRoles.Patch(upserts, change.Removed);
        if (!ReferenceEquals(next._cables, _cables))
        {
            next._cableOf = CableIndexAfter(change.Removed.OfType<Cable>().ToList(), upserts.OfType<Cable>().ToList(), next._cables.List);
        }
        return next;
    }

    /// <summary>The stored object of the same type and id as <paramref name="entity"/>, or null.</summary>
    public Entity? Find(Type type, int id) => type.Name switch
    {
        nameof(Site) => _sites.Get(id),
        nameof(Location) => _locations.Get(id),
        nameof(Rack) => _racks.Get(id),
        nameof(PowerPanel) => _panels.Get(id),
        nameof(PowerFeed) => _feeds.Get(id),
        nameof(DeviceType) => _deviceTypes.Get(id),
        nameof(PowerPortTemplate) => _portTemplates.Get(id),
        nameof(PowerOutletTemplate) => _outletTemplates.Get(id),
        nameof(Device) => _devices.Get(id),
        nameof(PowerPort) => _ports.Get(id),
        nameof(PowerOutlet) => _outlets.Get(id),
        nameof(Interface) => _interfaces.Get(id),
        nameof(Cable) => _cables.Get(id),
        nameof(Manufacturer) => _manufacturers.Get(id),
        nameof(DeviceRole) => _deviceRoles.Get(id),
        _ => null,
    };

    // Builders only: an installation is shared read-only once published.
    public void Add(Site x) => _sites.Add(x);
    public void Add(Location x) => _locations.Add(x);
    public void Add(Rack x) => _racks.Add(x);
    public void Add(PowerPanel x) => _panels.Add(x);
    public void Add(PowerFeed x) => _feeds.Add(x);
    public void Add(DeviceType x) => _deviceTypes.Add(x);
    public void Add(PowerPortTemplate x) => _portTemplates.Add(x);
    public void Add(PowerOutletTemplate x) => _outletTemplates.Add(x);
    public void Add(Device x) => _devices.Add(x);
    public void Add(PowerPort x) => _ports.Add(x);
    public void Add(PowerOutlet x) => _outlets.Add(x);
    public void Add(Interface x) => _interfaces.Add(x);
    public void Add(Manufacturer x) => _manufacturers.Add(x);
    public void Add(DeviceRole x) => _deviceRoles.Add(x);

    /// <summary>Adds a manufacturer or device role (builders only).</summary>
    public void AddCatalogEntry(CatalogEntry x)
    {
        if (x is DeviceRole role)
        {
            Add(role);
        }
        else
        {
            Add((Manufacturer)x);
        }
    }
    public void Add(Cable x)
    {
        _cables.Add(x);
        IndexCable(_cableOf, x);
    }

    private static OverlayMap<(TerminationKind, int), (Cable, CableEnd)> IndexCables(IReadOnlyList<Cable> cables)
    {
        var cableOf = new OverlayMap<(TerminationKind, int), (Cable, CableEnd)>(cables.Count * 2);
        foreach (var cable in cables)
        {
            IndexCable(cableOf, cable);
        }
        return cableOf;
    }

    private static void IndexCable(OverlayMap<(TerminationKind, int), (Cable, CableEnd)> cableOf, Cable cable)
    {
        foreach (var t in cable.Terminations)
        {
            cableOf.TryAddInPlace((t.Kind, t.ObjectId), (cable, t.End));
        }
    }

    /// <summary>
    /// The termination index after <paramref name="removed"/> cables were removed and <paramref name="upserts"/> added or
    /// updated: their old ends are unlinked and the upserts' ends linked (a termination keeps the cable it already has,
    /// as a load does). A bulk change indexes every cable again.
    /// </summary>
    private OverlayMap<(TerminationKind, int), (Cable, CableEnd)> CableIndexAfter(List<Cable> removed, List<Cable> upserts, IReadOnlyList<Cable> cables)
    {
        if (removed.Count + upserts.Count > BulkChange)
        {
            return IndexCables(cables);
        }
        var cableOf = _cableOf;
        foreach (var cable in removed.Concat(upserts))
        {
            if (_cables.ById.TryGetValue(cable.Id, out var old))
            {
                foreach (var t in old.Terminations)
                {
                    if (cableOf.TryGetValue((t.Kind, t.ObjectId), out var link) && link.Item1.Id == old.Id)
                    {
                        cableOf = cableOf.Remove((t.Kind, t.ObjectId));
                    }
                }
            }
        }
        foreach (var cable in upserts)
        {
            foreach (var t in cable.Terminations)
            {
                if (!cableOf.ContainsKey((t.Kind, t.ObjectId)))
                {
                    cableOf = cableOf.SetItem((t.Kind, t.ObjectId), (cable, t.End));
                }
            }
        }
        return cableOf;
    }

    /// <summary>
    /// The objects of one kind: a list sorted by id, and indexes by id and by natural key, all structurally shared
    /// (<see cref="ChunkedList{T}"/>, <see cref="OverlayMap{TKey, TValue}"/>): <see cref="Patch"/> makes a changed copy
    /// that costs what the change touches and shares the rest; <see cref="Add"/> is for builders only.
    /// </summary>
    private sealed class Kind<T, TKey>(ChunkedList<T> list, OverlayMap<int, T> byId, OverlayMap<TKey, T> byName, Func<T, TKey> key, Func<T, bool>? named)
        where T : Entity where TKey : notnull
    {
        public ChunkedList<T> List { get; } = list;
        public OverlayMap<int, T> ById { get; } = byId;
        public OverlayMap<TKey, T> ByName { get; } = byName;

        public static Kind<T, TKey> Build(IEnumerable<T>? items, Func<T, TKey> key, IEqualityComparer<TKey>? comparer = null, Func<T, bool>? named = null)
        {
            var sorted = items is null ? [] : new List<T>(items);
            sorted.Sort((a, b) => a.Id.CompareTo(b.Id));
            var kind = new Kind<T, TKey>(ChunkedList<T>.From([]), new OverlayMap<int, T>(sorted.Count), new OverlayMap<TKey, T>(sorted.Count, comparer), key, named);
            foreach (var x in sorted)
            {
                kind.Add(x);
            }
            return kind;
        }

        private bool IsNamed(T x) => named?.Invoke(x) ?? true;

        public Entity? Get(int id) => ById.TryGetValue(id, out var x) ? x : null;

        public void Add(T x)
        {
            List.Add(x);
            ById.SetInPlace(x.Id, x);
            if (IsNamed(x))
            {
                ByName.TryAddInPlace(key(x), x);
            }
        }

        /// <summary>This kind with <paramref name="upserts"/> and <paramref name="removed"/> of type T applied, or this same object when none are of type T.</summary>
        public Kind<T, TKey> Patch(List<Entity> upserts, List<Entity> removed)
        {
            var mine = upserts.OfType<T>().ToList();
            var gone = removed.OfType<T>().ToList();
            if (mine.Count == 0 && gone.Count == 0)
            {
                return this;
            }
            if (mine.Count + gone.Count > BulkChange)
            {
                return Rebuilt(mine, gone);
            }
            var list = List;
            var byId = ById;
            var byName = ByName;
            foreach (var x in gone)
            {
                if (byId.TryGetValue(x.Id, out var old))
                {
                    byId = byId.Remove(x.Id);
                    int at = IndexOf(list, x.Id);
                    if (at >= 0)
                    {
                        list = list.RemoveAt(at);
                    }
                    byName = Unname(byName, old);
                }
            }
            foreach (var x in mine)
            {
                int at = IndexOf(list, x.Id);
                if (byId.TryGetValue(x.Id, out var old))
                {
                    byName = Unname(byName, old);
                }
                list = at >= 0 ? list.SetItem(at, x) : list.Insert(~at, x);
                byId = byId.SetItem(x.Id, x);
                if (IsNamed(x) && !byName.ContainsKey(key(x)))
                {
                    byName = byName.SetItem(key(x), x);
                }
            }
            return new(list, byId, byName, key, named);
        }

        /// <summary>The kind built anew from this one's objects with the change applied (a bulk change).</summary>
        private Kind<T, TKey> Rebuilt(List<T> mine, List<T> gone)
        {
            var byId = new Dictionary<int, T>(List.Count + mine.Count);
            foreach (var x in List)
            {
                byId[x.Id] = x;
            }
            foreach (var x in gone)
            {
                byId.Remove(x.Id);
            }
            foreach (var x in mine)
            {
                byId[x.Id] = x;
            }
            return Build(byId.Values, key, ByName.Comparer, named);
        }

        private OverlayMap<TKey, T> Unname(OverlayMap<TKey, T> byName, T old)
        {
            var k = key(old);
            return byName.TryGetValue(k, out var current) && current.Id == old.Id ? byName.Remove(k) : byName;
        }

        /// <summary>The index of <paramref name="id"/> in the id-sorted list, or the bitwise complement of where it would go.</summary>
        private static int IndexOf(ChunkedList<T> list, int id)
        {
            int lo = 0, hi = list.Count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                int cmp = list[mid].Id.CompareTo(id);
                if (cmp == 0)
                {
                    return mid;
                }
                if (cmp < 0) lo = mid + 1; else hi = mid - 1;
            }
            return ~lo;
        }
    }

    /// <summary>Every object, kind by kind in dependency order (sites first, cables last).</summary>
    public IEnumerable<Entity> All() =>
        Sites.Cast<Entity>().Concat(Locations).Concat(Racks).Concat(PowerPanels).Concat(PowerFeeds).Concat(DeviceTypes)
            .Concat(PowerPortTemplates).Concat(PowerOutletTemplates).Concat(Devices).Concat(PowerPorts).Concat(PowerOutlets)
            .Concat(Interfaces).Concat(Cables).Concat(Manufacturers).Concat(DeviceRoles);

    public int ObjectCount =>
        Sites.Count + Locations.Count + Racks.Count + PowerPanels.Count + PowerFeeds.Count + DeviceTypes.Count +
        PowerPortTemplates.Count + PowerOutletTemplates.Count + Devices.Count + PowerPorts.Count + PowerOutlets.Count +
        Interfaces.Count + Cables.Count;

    /// <summary>The parent shown in cable messages: a feed's panel, a component's device.</summary>
    public string TerminationParentName(TerminationKind kind, int id) => kind switch
    {
        TerminationKind.PowerFeed => FeedById.TryGetValue(id, out var f) && PanelById.TryGetValue(f.PowerPanelId, out var p) ? p.Name : "",
        TerminationKind.PowerPort => PortById.TryGetValue(id, out var pp) ? DeviceName(pp.DeviceId) : "",
        TerminationKind.PowerOutlet => OutletById.TryGetValue(id, out var o) ? DeviceName(o.DeviceId) : "",
        _ => InterfaceById.TryGetValue(id, out var i) ? DeviceName(i.DeviceId) : "",
    };

    public string TerminationName(TerminationKind kind, int id) => kind switch
    {
        TerminationKind.PowerFeed => FeedById.TryGetValue(id, out var f) ? f.Name : "",
        TerminationKind.PowerPort => PortById.TryGetValue(id, out var pp) ? pp.Name : "",
        TerminationKind.PowerOutlet => OutletById.TryGetValue(id, out var o) ? o.Name : "",
        _ => InterfaceById.TryGetValue(id, out var i) ? i.Name : "",
    };

    public bool TerminationExists(TerminationKind kind, int id) => kind switch
    {
        TerminationKind.PowerFeed => FeedById.ContainsKey(id),
        TerminationKind.PowerPort => PortById.ContainsKey(id),
        TerminationKind.PowerOutlet => OutletById.ContainsKey(id),
        _ => InterfaceById.ContainsKey(id),
    };

    public bool TerminationMarkConnected(TerminationKind kind, int id) => kind switch
    {
        TerminationKind.PowerFeed => FeedById.TryGetValue(id, out var f) && f.MarkConnected,
        TerminationKind.PowerPort => PortById.TryGetValue(id, out var pp) && pp.MarkConnected,
        TerminationKind.PowerOutlet => OutletById.TryGetValue(id, out var o) && o.MarkConnected,
        _ => InterfaceById.TryGetValue(id, out var i) && i.MarkConnected,
    };

    /// <summary>The device as NetBox shows it: its name, or <c>{manufacturer} {model} ({id})</c> when unnamed.</summary>
    public string DeviceName(int deviceId) => DeviceById.TryGetValue(deviceId, out var d) ? DeviceDisplay(d) : "";

    public string DeviceDisplay(Device d) =>
        d.IsUnnamed ? d.Display(d.DeviceTypeId is { } t && DeviceTypeById.TryGetValue(t, out var type) ? type : null) : d.Name;

    /// <summary>Site and name with the name compared ignoring case, as NetBox's <c>Lower('name')</c> constraint does.</summary>
    private sealed class SiteNameIgnoreCase : IEqualityComparer<(int, string)>
    {
        public static readonly SiteNameIgnoreCase Instance = new();

        public bool Equals((int, string) x, (int, string) y) => x.Item1 == y.Item1 && string.Equals(x.Item2, y.Item2, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((int, string) obj) => HashCode.Combine(obj.Item1, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }

    public int MaxId<T>(IReadOnlyList<T> items) where T : Entity => items.Count == 0 ? 0 : items.Max(i => i.Id);
}

namespace PowerMap.Core.Dcim;

/// <summary>
/// Every DCIM object of one database (or one topology document) held in memory, indexed by id.
/// Treat it as immutable: writers build a new one; readers share it freely across threads.
/// </summary>
public sealed class Installation
{
    private readonly List<Site> _sites;
    private readonly List<Location> _locations;
    private readonly List<Rack> _racks;
    private readonly List<PowerPanel> _panels;
    private readonly List<PowerFeed> _feeds;
    private readonly List<DeviceType> _deviceTypes;
    private readonly List<PowerPortTemplate> _portTemplates;
    private readonly List<PowerOutletTemplate> _outletTemplates;
    private readonly List<Device> _devices;
    private readonly List<PowerPort> _ports;
    private readonly List<PowerOutlet> _outlets;
    private readonly List<Interface> _interfaces;
    private readonly List<Cable> _cables;

    private readonly Dictionary<int, Site> _siteById;
    private readonly Dictionary<int, Location> _locationById;
    private readonly Dictionary<int, Rack> _rackById;
    private readonly Dictionary<int, PowerPanel> _panelById;
    private readonly Dictionary<int, PowerFeed> _feedById;
    private readonly Dictionary<int, DeviceType> _deviceTypeById;
    private readonly Dictionary<int, PowerPortTemplate> _portTemplateById;
    private readonly Dictionary<int, PowerOutletTemplate> _outletTemplateById;
    private readonly Dictionary<int, Device> _deviceById;
    private readonly Dictionary<int, PowerPort> _portById;
    private readonly Dictionary<int, PowerOutlet> _outletById;
    private readonly Dictionary<int, Interface> _interfaceById;
    private readonly Dictionary<int, Cable> _cableById;
    private readonly Dictionary<(TerminationKind, int), (Cable, CableEnd)> _cableOf = [];

    private readonly Dictionary<string, Site> _siteByName = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, string), Location> _locationByName = [];
    private readonly Dictionary<(int, string), Rack> _rackByName = [];
    private readonly Dictionary<(int, string), PowerPanel> _panelByName = [];
    private readonly Dictionary<(int, string), PowerFeed> _feedByName = [];
    private readonly Dictionary<string, DeviceType> _deviceTypeByModel = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, string), PowerPortTemplate> _portTemplateByName = [];
    private readonly Dictionary<(int, string), PowerOutletTemplate> _outletTemplateByName = [];
    private readonly Dictionary<(int, string), Device> _deviceByName = [];
    private readonly Dictionary<(int, string), PowerPort> _portByName = [];
    private readonly Dictionary<(int, string), PowerOutlet> _outletByName = [];
    private readonly Dictionary<(int, string), Interface> _interfaceByName = [];

    public IReadOnlyList<Site> Sites => _sites;
    public IReadOnlyList<Location> Locations => _locations;
    public IReadOnlyList<Rack> Racks => _racks;
    public IReadOnlyList<PowerPanel> PowerPanels => _panels;
    public IReadOnlyList<PowerFeed> PowerFeeds => _feeds;
    public IReadOnlyList<DeviceType> DeviceTypes => _deviceTypes;
    public IReadOnlyList<PowerPortTemplate> PowerPortTemplates => _portTemplates;
    public IReadOnlyList<PowerOutletTemplate> PowerOutletTemplates => _outletTemplates;
    public IReadOnlyList<Device> Devices => _devices;
    public IReadOnlyList<PowerPort> PowerPorts => _ports;
    public IReadOnlyList<PowerOutlet> PowerOutlets => _outlets;
    public IReadOnlyList<Interface> Interfaces => _interfaces;
    public IReadOnlyList<Cable> Cables => _cables;

    public IReadOnlyDictionary<int, Site> SiteById => _siteById;
    public IReadOnlyDictionary<int, Location> LocationById => _locationById;
    public IReadOnlyDictionary<int, Rack> RackById => _rackById;
    public IReadOnlyDictionary<int, PowerPanel> PanelById => _panelById;
    public IReadOnlyDictionary<int, PowerFeed> FeedById => _feedById;
    public IReadOnlyDictionary<int, DeviceType> DeviceTypeById => _deviceTypeById;
    public IReadOnlyDictionary<int, PowerPortTemplate> PortTemplateById => _portTemplateById;
    public IReadOnlyDictionary<int, PowerOutletTemplate> OutletTemplateById => _outletTemplateById;
    public IReadOnlyDictionary<int, Device> DeviceById => _deviceById;
    public IReadOnlyDictionary<int, PowerPort> PortById => _portById;
    public IReadOnlyDictionary<int, PowerOutlet> OutletById => _outletById;
    public IReadOnlyDictionary<int, Interface> InterfaceById => _interfaceById;
    public IReadOnlyDictionary<int, Cable> CableById => _cableById;

    /// <summary>The cable and end each termination is attached to.</summary>
    public IReadOnlyDictionary<(TerminationKind Kind, int Id), (Cable Cable, CableEnd End)> CableOf => _cableOf;

    /// <summary>Natural-key indexes: the name is unique within the parent id.</summary>
    public IReadOnlyDictionary<string, Site> SiteByName => _siteByName;
    public IReadOnlyDictionary<(int SiteId, string Name), Location> LocationByName => _locationByName;
    public IReadOnlyDictionary<(int SiteId, string Name), Rack> RackByName => _rackByName;
    public IReadOnlyDictionary<(int SiteId, string Name), PowerPanel> PanelByName => _panelByName;
    public IReadOnlyDictionary<(int PanelId, string Name), PowerFeed> FeedByName => _feedByName;
    public IReadOnlyDictionary<string, DeviceType> DeviceTypeByModel => _deviceTypeByModel;
    public IReadOnlyDictionary<(int DeviceTypeId, string Name), PowerPortTemplate> PortTemplateByName => _portTemplateByName;
    public IReadOnlyDictionary<(int DeviceTypeId, string Name), PowerOutletTemplate> OutletTemplateByName => _outletTemplateByName;
    public IReadOnlyDictionary<(int SiteId, string Name), Device> DeviceByName => _deviceByName;
    public IReadOnlyDictionary<(int DeviceId, string Name), PowerPort> PortByName => _portByName;
    public IReadOnlyDictionary<(int DeviceId, string Name), PowerOutlet> OutletByName => _outletByName;
    public IReadOnlyDictionary<(int DeviceId, string Name), Interface> InterfaceByName => _interfaceByName;

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
        IEnumerable<Cable>? cables = null)
    {
        _sites = Sorted(sites);
        _locations = Sorted(locations);
        _racks = Sorted(racks);
        _panels = Sorted(powerPanels);
        _feeds = Sorted(powerFeeds);
        _deviceTypes = Sorted(deviceTypes);
        _portTemplates = Sorted(powerPortTemplates);
        _outletTemplates = Sorted(powerOutletTemplates);
        _devices = Sorted(devices);
        _ports = Sorted(powerPorts);
        _outlets = Sorted(powerOutlets);
        _interfaces = Sorted(interfaces);
        _cables = Sorted(cables);

        _siteById = ById(_sites);
        _locationById = ById(_locations);
        _rackById = ById(_racks);
        _panelById = ById(_panels);
        _feedById = ById(_feeds);
        _deviceTypeById = ById(_deviceTypes);
        _portTemplateById = ById(_portTemplates);
        _outletTemplateById = ById(_outletTemplates);
        _deviceById = ById(_devices);
        _portById = ById(_ports);
        _outletById = ById(_outlets);
        _interfaceById = ById(_interfaces);
        _cableById = ById(_cables);

        foreach (var x in _sites) _siteByName.TryAdd(x.Name, x);
        foreach (var x in _locations) _locationByName.TryAdd((x.SiteId, x.Name), x);
        foreach (var x in _racks) _rackByName.TryAdd((x.SiteId, x.Name), x);
        foreach (var x in _panels) _panelByName.TryAdd((x.SiteId, x.Name), x);
        foreach (var x in _feeds) _feedByName.TryAdd((x.PowerPanelId, x.Name), x);
        foreach (var x in _deviceTypes) _deviceTypeByModel.TryAdd(x.Model, x);
        foreach (var x in _portTemplates) _portTemplateByName.TryAdd((x.DeviceTypeId, x.Name), x);
        foreach (var x in _outletTemplates) _outletTemplateByName.TryAdd((x.DeviceTypeId, x.Name), x);
        foreach (var x in _devices) _deviceByName.TryAdd((x.SiteId, x.Name), x);
        foreach (var x in _ports) _portByName.TryAdd((x.DeviceId, x.Name), x);
        foreach (var x in _outlets) _outletByName.TryAdd((x.DeviceId, x.Name), x);
        foreach (var x in _interfaces) _interfaceByName.TryAdd((x.DeviceId, x.Name), x);
        foreach (var cable in _cables)
        {
            IndexCable(cable);
        }
    }

    /// <summary>A copy of this installation with some collections replaced (entities are shared).</summary>
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
        IEnumerable<Cable>? cables = null) =>
        new(sites ?? Sites, locations ?? Locations, racks ?? Racks, powerPanels ?? PowerPanels, powerFeeds ?? PowerFeeds,
            deviceTypes ?? DeviceTypes, powerPortTemplates ?? PowerPortTemplates, powerOutletTemplates ?? PowerOutletTemplates,
            devices ?? Devices, powerPorts ?? PowerPorts, powerOutlets ?? PowerOutlets, interfaces ?? Interfaces, cables ?? Cables);

    /// <summary>A private copy for a builder (an import) to <c>Add</c> to before it is published.</summary>
    public Installation Copy() => With();

    /// <summary>A new installation with one object added or replaced (by id); this one is unchanged.</summary>
    public Installation WithUpsert(Entity entity) => entity switch
    {
        Site x => With(sites: Upsert(_sites, x)),
        Location x => With(locations: Upsert(_locations, x)),
        Rack x => With(racks: Upsert(_racks, x)),
        PowerPanel x => With(powerPanels: Upsert(_panels, x)),
        PowerFeed x => With(powerFeeds: Upsert(_feeds, x)),
        DeviceType x => With(deviceTypes: Upsert(_deviceTypes, x)),
        PowerPortTemplate x => With(powerPortTemplates: Upsert(_portTemplates, x)),
        PowerOutletTemplate x => With(powerOutletTemplates: Upsert(_outletTemplates, x)),
        Device x => With(devices: Upsert(_devices, x)),
        PowerPort x => With(powerPorts: Upsert(_ports, x)),
        PowerOutlet x => With(powerOutlets: Upsert(_outlets, x)),
        Interface x => With(interfaces: Upsert(_interfaces, x)),
        Cable x => With(cables: Upsert(_cables, x)),
        _ => throw new ArgumentException($"Unknown entity {entity.GetType().Name}", nameof(entity)),
    };

    /// <summary>
    /// A new installation with <paramref name="change"/> applied (added and updated objects by id, removed ones dropped);
    /// this one is unchanged. Only the kinds the change touches are copied.
    /// </summary>
    public Installation Apply(Change change)
    {
        var upserts = change.Added.Concat(change.Updated.Select(u => u.After)).ToList();
        var removed = change.Removed;
        List<T>? Patch<T>(List<T> list) where T : Entity
        {
            var up = upserts.OfType<T>().ToDictionary(x => x.Id);
            var gone = removed.OfType<T>().Select(x => x.Id).ToHashSet();
            if (up.Count == 0 && gone.Count == 0)
            {
                return null;
            }
            var result = new List<T>(list.Count + up.Count);
            foreach (var x in list)
            {
                if (gone.Contains(x.Id))
                {
                    continue;
                }
                result.Add(up.Remove(x.Id, out var replaced) ? replaced : x);
            }
            result.AddRange(up.Values);
            return result;
        }
        return With(Patch(_sites), Patch(_locations), Patch(_racks), Patch(_panels), Patch(_feeds), Patch(_deviceTypes), Patch(_portTemplates),
            Patch(_outletTemplates), Patch(_devices), Patch(_ports), Patch(_outlets), Patch(_interfaces), Patch(_cables));
    }

    /// <summary>The stored object of the same type and id as <paramref name="entity"/>, or null.</summary>
    public Entity? Find(Type type, int id) => type.Name switch
    {
        nameof(Site) => Get(_siteById, id),
        nameof(Location) => Get(_locationById, id),
        nameof(Rack) => Get(_rackById, id),
        nameof(PowerPanel) => Get(_panelById, id),
        nameof(PowerFeed) => Get(_feedById, id),
        nameof(DeviceType) => Get(_deviceTypeById, id),
        nameof(PowerPortTemplate) => Get(_portTemplateById, id),
        nameof(PowerOutletTemplate) => Get(_outletTemplateById, id),
        nameof(Device) => Get(_deviceById, id),
        nameof(PowerPort) => Get(_portById, id),
        nameof(PowerOutlet) => Get(_outletById, id),
        nameof(Interface) => Get(_interfaceById, id),
        nameof(Cable) => Get(_cableById, id),
        _ => null,
    };

    private static Entity? Get<T>(Dictionary<int, T> byId, int id) where T : Entity => byId.TryGetValue(id, out var x) ? x : null;

    private static List<T> Upsert<T>(List<T> list, T item) where T : Entity
    {
        var copy = new List<T>(list);
        int lo = 0, hi = copy.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int cmp = copy[mid].Id.CompareTo(item.Id);
            if (cmp == 0)
            {
                copy[mid] = item;
                return copy;
            }
            if (cmp < 0) lo = mid + 1; else hi = mid - 1;
        }
        copy.Insert(lo, item);
        return copy;
    }

    // Builders only: an installation is shared read-only once published.
    public void Add(Site x) { _sites.Add(x); _siteById[x.Id] = x; _siteByName.TryAdd(x.Name, x); }
    public void Add(Location x) { _locations.Add(x); _locationById[x.Id] = x; _locationByName.TryAdd((x.SiteId, x.Name), x); }
    public void Add(Rack x) { _racks.Add(x); _rackById[x.Id] = x; _rackByName.TryAdd((x.SiteId, x.Name), x); }
    public void Add(PowerPanel x) { _panels.Add(x); _panelById[x.Id] = x; _panelByName.TryAdd((x.SiteId, x.Name), x); }
    public void Add(PowerFeed x) { _feeds.Add(x); _feedById[x.Id] = x; _feedByName.TryAdd((x.PowerPanelId, x.Name), x); }
    public void Add(DeviceType x) { _deviceTypes.Add(x); _deviceTypeById[x.Id] = x; _deviceTypeByModel.TryAdd(x.Model, x); }
    public void Add(PowerPortTemplate x) { _portTemplates.Add(x); _portTemplateById[x.Id] = x; _portTemplateByName.TryAdd((x.DeviceTypeId, x.Name), x); }
    public void Add(PowerOutletTemplate x) { _outletTemplates.Add(x); _outletTemplateById[x.Id] = x; _outletTemplateByName.TryAdd((x.DeviceTypeId, x.Name), x); }
    public void Add(Device x) { _devices.Add(x); _deviceById[x.Id] = x; _deviceByName.TryAdd((x.SiteId, x.Name), x); }
    public void Add(PowerPort x) { _ports.Add(x); _portById[x.Id] = x; _portByName.TryAdd((x.DeviceId, x.Name), x); }
    public void Add(PowerOutlet x) { _outlets.Add(x); _outletById[x.Id] = x; _outletByName.TryAdd((x.DeviceId, x.Name), x); }
    public void Add(Interface x) { _interfaces.Add(x); _interfaceById[x.Id] = x; _interfaceByName.TryAdd((x.DeviceId, x.Name), x); }
    public void Add(Cable x) { _cables.Add(x); _cableById[x.Id] = x; IndexCable(x); }

    private void IndexCable(Cable cable)
    {
        foreach (var t in cable.Terminations)
        {
            _cableOf.TryAdd((t.Kind, t.ObjectId), (cable, t.End));
        }
    }

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

    public string DeviceName(int deviceId) => DeviceById.TryGetValue(deviceId, out var d) ? d.Name : "";

    public int MaxId<T>(IReadOnlyList<T> items) where T : Entity => items.Count == 0 ? 0 : items.Max(i => i.Id);

    private static List<T> Sorted<T>(IEnumerable<T>? items) where T : Entity
    {
        var list = items is null ? [] : new List<T>(items);
        list.Sort((a, b) => a.Id.CompareTo(b.Id));
        return list;
    }

    private static Dictionary<int, T> ById<T>(IReadOnlyList<T> items) where T : Entity
    {
        var d = new Dictionary<int, T>(items.Count);
        foreach (var item in items)
        {
            d[item.Id] = item;
        }
        return d;
    }
}

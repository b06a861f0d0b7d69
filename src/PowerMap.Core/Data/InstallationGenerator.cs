using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Data;

/// <summary>
/// The scale of a generated installation, counted as power panels + power feeds + devices (PDUs and UPSes included).
/// </summary>
public enum InstallationSize
{
    /// <summary>About 30 objects: one room of 3 racks.</summary>
    S,

    /// <summary>About 1,100 objects: 4 rooms, 78 racks.</summary>
    M,

    /// <summary>About 5,600 objects: 16 rooms, 400 racks.</summary>
    L,

    /// <summary>About 23,000 objects: 50 rooms, 1,650 racks.</summary>
    XL,
}

/// <summary>
/// Deterministic generator of a realistic 2N installation: one site with rooms; per room A and B power panels;
/// per rack an A feed and a B feed (230 V 32 A 80 % single-phase, a quarter of the racks 400 V three-phase),
/// an A and a B PDU on them (a UPS in between in the first rack of every other room), some cascaded PDUs,
/// and servers, switches and routers whose PSUs are cabled to the PDUs (80 % dual-corded, 10 % of the cables to a
/// neighbouring rack). Loads are shaped so that every utilization state exists: most feeds below 75 %, a few racks
/// in warning or danger, and exactly one feed over 100 % (an A feed whose breaker is 16 A instead of 32 A).
/// The same (size, seed, site name, existing installation) always gives the same objects: <see cref="Random"/>
/// seeded with <c>seed</c>, no clock, no GUID. Every object passes <see cref="DcimValidator"/>.
/// </summary>
public static class InstallationGenerator
{
    /// <summary>A whole installation with ids from 1 in every table.</summary>
    public static Installation Generate(InstallationSize size, int seed = 42, string siteName = "DC-Gen") =>
        AddTo(Installation.Empty, size, seed, siteName);

    /// <summary>
    /// A copy of <paramref name="existing"/> with a generated site added: ids continue after the existing maximum of
    /// each table; device types already present with the same model and the same templates are reused, others get a
    /// model name that does not collide. The site name must be free.
    /// </summary>
    public static Installation AddTo(Installation existing, InstallationSize size, int seed = 42, string siteName = "DC-Gen")
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteName);
        if (siteName.Length > 100)
        {
            throw new ArgumentException("A site name has at most 100 characters.", nameof(siteName));
        }
        if (existing.SiteByName.ContainsKey(siteName))
        {
            throw new ArgumentException($"A site named '{siteName}' already exists.", nameof(siteName));
        }
        return new Builder(existing, Profile.For(size), size, seed, siteName).Build();
    }

    private const int SinglePhaseVolts = 230;
    private const int ThreePhaseVolts = 400;
    private const int FeedAmperes = 32;

    /// <summary>The overloaded feed's breaker: half of its twin, so the same load shows twice the percentage.</summary>
    private const int OverloadedFeedAmperes = 16;

    private const int FeedMaxUtilizationPercent = 80;
    private const double ThreePhaseRackShare = 0.25;
    private const double SingleCordedShare = 0.20;
    private const double CrossRackCableShare = 0.10;

    /// <summary>Chance that a PSU goes to the cascaded PDU of its side when the rack has one with a free outlet.</summary>
    private const double CascadedOutletPreference = 0.4;

    /// <summary>Normal feeds stay at or below this share of their capacity (under the 75 % warning threshold).</summary>
    private const double NormalFeedCapShare = 0.72;

    private const int MinimumDrawWatts = 40;
    private const string Manufacturer = "Generic";
    private const string PsuPlug = "iec-60320-c14";
    private const string PduReceptacle = "iec-60320-c13";
    private const string SinglePhaseInlet = "iec-60309-p-n-e-6h";
    private const string ThreePhaseInlet = "iec-60309-3p-n-e-6h";

    /// <summary>Racks are spread evenly over the rooms; one A/B panel pair per started <c>RacksPerPanelPair</c> racks of a room.</summary>
    private sealed record Profile(int Rooms, int Racks, int RacksPerPanelPair,
        int MinSinglePhaseDevices, int MaxSinglePhaseDevices, int MinThreePhaseDevices, int MaxThreePhaseDevices)
    {
        public static Profile For(InstallationSize size) => size switch
        {
            InstallationSize.S => new(1, 3, 20, 4, 5, 4, 5),
            InstallationSize.M => new(4, 78, 20, 4, 12, 10, 18),
            InstallationSize.L => new(16, 400, 20, 4, 12, 10, 18),
            InstallationSize.XL => new(50, 1_650, 20, 4, 12, 10, 18),
            _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Unknown installation size."),
        };
    }

    private sealed record PortSpec(string Name, string Type);

    private sealed record OutletSpec(string Name, string Type, string Port, string? FeedLeg);

    private sealed record TypeSpec(string Model, PortSpec[] Ports, OutletSpec[] Outlets);

    private static readonly TypeSpec SinglePhasePdu = Pdu("PDU-24-1P", SinglePhaseInlet, 24, threePhase: false);
    private static readonly TypeSpec ThreePhasePdu = Pdu("PDU-24-3P", ThreePhaseInlet, 24, threePhase: true);
    private static readonly TypeSpec CascadedPdu = Pdu("PDU-8-C14", PsuPlug, 8, threePhase: false);

    /// <summary>A rack UPS: "Outlet 1" is the hard output the PDU plugs into, the others are spare C13 sockets.</summary>
    private static readonly TypeSpec Ups = new("UPS-6K-1P", [new("Inlet", SinglePhaseInlet)],
        [new("Outlet 1", SinglePhaseInlet, "Inlet", null), .. Enumerable.Range(2, 7).Select(i => new OutletSpec($"Outlet {i}", PduReceptacle, "Inlet", null))]);

    private static readonly TypeSpec DualServer = Psus("Server-2PSU", 2);
    private static readonly TypeSpec SingleServer = Psus("Server-1PSU", 1);
    private static readonly TypeSpec DualSwitch = Psus("Switch-2PSU", 2);
    private static readonly TypeSpec SingleSwitch = Psus("Switch-1PSU", 1);
    private static readonly TypeSpec DualRouter = Psus("Router-2PSU", 2);

    private static readonly TypeSpec[] AllTypes =
        [SinglePhasePdu, ThreePhasePdu, CascadedPdu, Ups, DualServer, SingleServer, DualSwitch, SingleSwitch, DualRouter];

    private static TypeSpec Pdu(string model, string inlet, int outlets, bool threePhase) =>
        new(model, [new("Inlet", inlet)],
            [.. Enumerable.Range(1, outlets).Select(i => new OutletSpec($"Outlet {i}", PduReceptacle, "Inlet", threePhase ? Choices.FeedLeg[(i - 1) % 3] : null))]);

    private static TypeSpec Psus(string model, int count) =>
        new(model, [.. Enumerable.Range(1, count).Select(i => new PortSpec($"PSU{i}", PsuPlug))], []);

    private enum LoadClass
    {
        Normal,
        Warning,
        Danger,
        Overload,
    }

    private enum DeviceKind
    {
        Server,
        Switch,
        Router,
    }

    /// <summary>The free outlets of one PDU, used in name order; a cascaded PDU takes the last one.</summary>
    private sealed class OutletPool(IReadOnlyList<PowerOutlet> outlets)
    {
        private int _next;
        private int _end = outlets.Count;

        public bool HasFree => _next < _end;

        public PowerOutlet Take() => outlets[_next++];

        public PowerOutlet TakeLast() => outlets[--_end];
    }

    /// <summary>One side (A or B) of a rack: its feed and the PDUs fed by it, first level first.</summary>
    private sealed class SidePlan(int feedIndex, OutletPool firstLevel)
    {
        public int FeedIndex { get; } = feedIndex;
        public List<OutletPool> Pools { get; } = [firstLevel];
        public bool HasFree => Pools.Exists(p => p.HasFree);
    }

    private sealed class RackPlan(Rack rack, int room, int indexInRoom)
    {
        public Rack Rack { get; } = rack;
        public int Room { get; } = room;
        public int IndexInRoom { get; } = indexInRoom;
        public PowerPanel[] Panels { get; } = new PowerPanel[2];
        public bool ThreePhase { get; set; }
        public bool HasUps { get; set; }
        public LoadClass Class { get; set; }
        public int DeviceCount { get; set; }
        public RackPlan? Left { get; set; }
        public RackPlan? Right { get; set; }
        public SidePlan[] Sides { get; } = new SidePlan[2];
        public List<DeviceLoad> Devices { get; } = [];
    }

    /// <summary>A server, switch or router: its draw (the same on every PSU) and the feed each PSU rolls up to.</summary>
    private sealed class DeviceLoad(DeviceKind kind, RackPlan rack)
    {
        public DeviceKind Kind { get; } = kind;
        public RackPlan Rack { get; } = rack;
        public int AllocatedWatts { get; set; }
        public List<int> FeedIndices { get; } = new(2);
        public List<PowerPort> Ports { get; } = new(2);
    }

    private sealed record CreatedDevice(Device Device, List<PowerPort> Ports, List<PowerOutlet> Outlets);

    private sealed class Builder
    {
        private readonly Installation _existing;
        private readonly Profile _profile;
        private readonly InstallationSize _size;
        private readonly int _seed;
        private readonly Random _rng;
        private readonly string _siteName;

        private readonly List<Site> _sites = [];
        private readonly List<Location> _locations = [];
        private readonly List<Rack> _racks = [];
        private readonly List<PowerPanel> _panels = [];
        private readonly List<PowerFeed> _feeds = [];
        private readonly List<DeviceType> _deviceTypes = [];
        private readonly List<PowerPortTemplate> _portTemplates = [];
        private readonly List<PowerOutletTemplate> _outletTemplates = [];
        private readonly List<Device> _devices = [];
        private readonly List<PowerPort> _ports = [];
        private readonly List<PowerOutlet> _outlets = [];
        private readonly List<Cable> _cables = [];

        private readonly Dictionary<TypeSpec, (int Id, PowerPortTemplate[] Ports, (PowerOutletTemplate Template, string? PortName)[] Outlets)> _types = [];
        private readonly List<long> _feedAvailableVoltAmps = [];
        private readonly List<bool> _feedIsNormal = [];
        private readonly List<DeviceLoad> _loads = [];

        private int _siteId, _locationId, _rackId, _panelId, _feedId, _deviceTypeId, _portTemplateId, _outletTemplateId;
        private int _deviceId, _portId, _outletId, _cableId, _terminationId;
        private Site _site = null!;

        public Builder(Installation existing, Profile profile, InstallationSize size, int seed, string siteName)
        {
            _existing = existing;
            _profile = profile;
            _size = size;
            _seed = seed;
            _rng = new Random(seed);
            _siteName = siteName;

            _siteId = existing.MaxId(existing.Sites);
            _locationId = existing.MaxId(existing.Locations);
            _rackId = existing.MaxId(existing.Racks);
            _panelId = existing.MaxId(existing.PowerPanels);
            _feedId = existing.MaxId(existing.PowerFeeds);
            _deviceTypeId = existing.MaxId(existing.DeviceTypes);
            _portTemplateId = existing.MaxId(existing.PowerPortTemplates);
            _outletTemplateId = existing.MaxId(existing.PowerOutletTemplates);
            _deviceId = existing.MaxId(existing.Devices);
            _portId = existing.MaxId(existing.PowerPorts);
            _outletId = existing.MaxId(existing.PowerOutlets);
            _cableId = existing.MaxId(existing.Cables);
            foreach (var cable in existing.Cables)
            {
                foreach (var t in cable.Terminations)
                {
                    _terminationId = Math.Max(_terminationId, t.Id);
                }
            }
        }

        public Installation Build()
        {
            _site = new Site
            {
                Id = ++_siteId,
                Name = _siteName,
                Description = $"Generated installation (size {_size}, seed {_seed})",
            };
            _sites.Add(_site);
            foreach (var spec in AllTypes)
            {
                int typeId = ResolveDeviceType(spec);
                var (portTemplates, outletTemplates) = TemplatesOf(typeId);
                _types[spec] = (typeId, portTemplates, outletTemplates);
            }

            var racks = PlanRooms();
            ChoosePhasesAndClasses(racks);
            foreach (var rack in racks)
            {
                CreateFeedsAndPdus(rack);
            }
            AddCascadedPdus(racks);
            foreach (var rack in racks)
            {
                CreateDevices(rack);
            }
            CapNormalFeeds();
            ShapeSpecialRacks(racks);
            ApplyDraws();

            var e = _existing;
            return e.With(
                e.Sites.Concat(_sites), e.Locations.Concat(_locations), e.Racks.Concat(_racks), e.PowerPanels.Concat(_panels),
                e.PowerFeeds.Concat(_feeds), e.DeviceTypes.Concat(_deviceTypes), e.PowerPortTemplates.Concat(_portTemplates),
                e.PowerOutletTemplates.Concat(_outletTemplates), e.Devices.Concat(_devices), e.PowerPorts.Concat(_ports),
                e.PowerOutlets.Concat(_outlets), e.Interfaces, e.Cables.Concat(_cables));
        }

        /// <summary>Reuses an identical existing type (same model and templates), else creates one under a free model name.</summary>
        private int ResolveDeviceType(TypeSpec spec)
        {
            // Model names are kept free across manufacturers, so that a document can name the type by its model alone.
            var models = _existing.DeviceTypes.ToLookup(t => t.Model, StringComparer.Ordinal);
            if (_existing.DeviceTypeByKey.TryGetValue((Manufacturer, spec.Model), out var found) && Matches(found, spec))
            {
                return found.Id;
            }
            var model = spec.Model;
            for (int n = 1; models.Contains(model); n++)
            {
                model = n == 1 ? $"{spec.Model} ({_siteName})" : $"{spec.Model} ({_siteName} {n})";
            }
            var type = new DeviceType { Id = ++_deviceTypeId, Manufacturer = Manufacturer, Model = model };
            _deviceTypes.Add(type);
            var portTemplateIds = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var p in spec.Ports)
            {
                var t = new PowerPortTemplate { Id = ++_portTemplateId, DeviceTypeId = type.Id, Name = p.Name, Type = p.Type };
                _portTemplates.Add(t);
                portTemplateIds[p.Name] = t.Id;
            }
            foreach (var o in spec.Outlets)
            {
                _outletTemplates.Add(new PowerOutletTemplate
                {
                    Id = ++_outletTemplateId,
                    DeviceTypeId = type.Id,
                    Name = o.Name,
                    Type = o.Type,
                    PowerPortTemplateId = portTemplateIds[o.Port],
                    FeedLeg = o.FeedLeg,
                });
            }
            return type.Id;
        }

        /// <summary>A type's templates (existing or just created) in order, each outlet template with its port template's name.</summary>
        private (PowerPortTemplate[] Ports, (PowerOutletTemplate Template, string? PortName)[] Outlets) TemplatesOf(int typeId)
        {
            var ports = _existing.PowerPortTemplates.Concat(_portTemplates).Where(t => t.DeviceTypeId == typeId).ToArray();
            var outlets = _existing.PowerOutletTemplates.Concat(_outletTemplates)
                .Where(t => t.DeviceTypeId == typeId)
                .Select(t => (t, Array.Find(ports, p => p.Id == t.PowerPortTemplateId)?.Name))
                .ToArray();
            return (ports, outlets);
        }

        private bool Matches(DeviceType type, TypeSpec spec)
        {
            var ports = _existing.PowerPortTemplates.Where(t => t.DeviceTypeId == type.Id).ToList();
            var outlets = _existing.PowerOutletTemplates.Where(t => t.DeviceTypeId == type.Id).ToList();
            if (ports.Count != spec.Ports.Length || outlets.Count != spec.Outlets.Length)
            {
                return false;
            }
            for (int i = 0; i < ports.Count; i++)
            {
                var p = ports[i];
                if (p.Name != spec.Ports[i].Name || p.Type != spec.Ports[i].Type || p.MaximumDrawWatts is not null || p.AllocatedDrawWatts is not null)
                {
                    return false;
                }
            }
            for (int i = 0; i < outlets.Count; i++)
            {
                var o = outlets[i];
                var s = spec.Outlets[i];
                var portName = o.PowerPortTemplateId is { } pid && _existing.PortTemplateById.TryGetValue(pid, out var pt) ? pt.Name : null;
                if (o.Name != s.Name || o.Type != s.Type || o.FeedLeg != s.FeedLeg || portName != s.Port)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Rooms (locations), their A/B panel pairs and racks; each rack draws its device count.</summary>
        private List<RackPlan> PlanRooms()
        {
            var racks = new List<RackPlan>(_profile.Racks);
            for (int room = 1; room <= _profile.Rooms; room++)
            {
                int racksInRoom = _profile.Racks * room / _profile.Rooms - _profile.Racks * (room - 1) / _profile.Rooms;
                int pairs = (racksInRoom + _profile.RacksPerPanelPair - 1) / _profile.RacksPerPanelPair;
                var location = new Location { Id = ++_locationId, SiteId = _site.Id, Name = $"Room {room}" };
                _locations.Add(location);
                var panels = new PowerPanel[pairs, 2];
                for (int p = 0; p < pairs; p++)
                {
                    for (int side = 0; side < 2; side++)
                    {
                        var panel = new PowerPanel { Id = ++_panelId, SiteId = _site.Id, LocationId = location.Id, Name = $"PP-{room:00}-{SideName(side)}{p + 1}" };
                        _panels.Add(panel);
                        panels[p, side] = panel;
                    }
                }
                RackPlan? previous = null;
                for (int i = 0; i < racksInRoom; i++)
                {
                    var rack = new Rack { Id = ++_rackId, SiteId = _site.Id, LocationId = location.Id, Name = $"R{room:00}-{i + 1:00}" };
                    _racks.Add(rack);
                    var plan = new RackPlan(rack, room, i)
                    {
                        HasUps = i == 0 && room % 2 == 1,
                        Left = previous,
                    };
                    int pair = i * pairs / racksInRoom;
                    plan.Panels[0] = panels[pair, 0];
                    plan.Panels[1] = panels[pair, 1];
                    if (previous is not null)
                    {
                        previous.Right = plan;
                    }
                    previous = plan;
                    racks.Add(plan);
                }
            }
            return racks;
        }

        /// <summary>
        /// A quarter of the racks (never a UPS rack) are three-phase; among single-phase racks one is overloaded and a
        /// few are in danger or warning. Device counts are drawn after the phase is known.
        /// </summary>
        private void ChoosePhasesAndClasses(List<RackPlan> racks)
        {
            var candidates = racks.Where(r => !r.HasUps).ToList();
            Shuffle(candidates);
            int threePhase = Math.Min(candidates.Count, (int)Math.Round(racks.Count * ThreePhaseRackShare, MidpointRounding.AwayFromZero));
            for (int i = 0; i < threePhase; i++)
            {
                candidates[i].ThreePhase = true;
            }

            var singlePhase = racks.Where(r => !r.ThreePhase).ToList();
            Shuffle(singlePhase);
            int danger = Math.Max(1, racks.Count / 60);
            int warning = racks.Count / 30;
            if (singlePhase.Count < 1 + danger + warning)
            {
                throw new InvalidOperationException("Too few single-phase racks for the load classes.");
            }
            singlePhase[0].Class = LoadClass.Overload;
            for (int i = 1; i <= danger; i++)
            {
                singlePhase[i].Class = LoadClass.Danger;
            }
            for (int i = 1 + danger; i <= danger + warning; i++)
            {
                singlePhase[i].Class = LoadClass.Warning;
            }

            foreach (var rack in racks)
            {
                rack.DeviceCount = rack.ThreePhase
                    ? _rng.Next(_profile.MinThreePhaseDevices, _profile.MaxThreePhaseDevices + 1)
                    : _rng.Next(_profile.MinSinglePhaseDevices, _profile.MaxSinglePhaseDevices + 1);
                if (rack.Class != LoadClass.Normal)
                {
                    // Enough devices that a loaded rack does not need implausibly heavy servers.
                    rack.DeviceCount = Math.Max(rack.DeviceCount, Math.Min(8, _profile.MaxSinglePhaseDevices));
                }
            }
        }

        /// <summary>Per side: feed (from the rack's A or B panel) → [UPS →] PDU, all cabled.</summary>
        private void CreateFeedsAndPdus(RackPlan rack)
        {
            var name = rack.Rack.Name;
            for (int side = 0; side < 2; side++)
            {
                var feed = new PowerFeed
                {
                    Id = ++_feedId,
                    PowerPanelId = rack.Panels[side].Id,
                    RackId = rack.Rack.Id,
                    Name = $"{name}-{SideName(side)}",
                    Type = side == 0 ? "primary" : "redundant",
                    Phase = rack.ThreePhase ? Choices.ThreePhase : Choices.SinglePhase,
                    Voltage = rack.ThreePhase ? ThreePhaseVolts : SinglePhaseVolts,
                    Amperage = rack.Class == LoadClass.Overload && side == 0 ? OverloadedFeedAmperes : FeedAmperes,
                    MaxUtilization = FeedMaxUtilizationPercent,
                };
                int feedIndex = _feeds.Count;
                _feeds.Add(feed);
                _feedAvailableVoltAmps.Add(FeedCapacity.AvailableVoltAmps(feed));
                _feedIsNormal.Add(rack.Class == LoadClass.Normal);

                var pdu = CreateDevice(rack.ThreePhase ? ThreePhasePdu : SinglePhasePdu, $"{name}-PDU-{SideName(side)}", "pdu", rack.Rack.Id);
                if (rack.HasUps)
                {
                    var ups = CreateDevice(Ups, $"{name}-UPS-{SideName(side)}", "ups", rack.Rack.Id);
                    Connect(TerminationKind.PowerFeed, feed.Id, ups.Ports[0]);
                    Connect(TerminationKind.PowerOutlet, ups.Outlets[0].Id, pdu.Ports[0]);
                }
                else
                {
                    Connect(TerminationKind.PowerFeed, feed.Id, pdu.Ports[0]);
                }
                rack.Sides[side] = new SidePlan(feedIndex, new OutletPool(pdu.Outlets));
            }
        }

        /// <summary>10 % of all PDUs are second-level: plugged into the last outlet of a first-level PDU of the same side.</summary>
        private void AddCascadedPdus(List<RackPlan> racks)
        {
            int firstLevel = racks.Count * 2;
            int cascaded = Math.Max(1, (int)Math.Round(firstLevel / 9.0, MidpointRounding.AwayFromZero));
            var chosen = racks.ToList();
            Shuffle(chosen);
            foreach (var rack in chosen.Take(cascaded).OrderBy(r => r.Rack.Id))
            {
                int side = _rng.Next(2);
                var sidePlan = rack.Sides[side];
                var parentOutlet = sidePlan.Pools[0].TakeLast();
                var pdu = CreateDevice(CascadedPdu, $"{rack.Rack.Name}-PDU-{SideName(side)}2", "pdu", rack.Rack.Id);
                Connect(TerminationKind.PowerOutlet, parentOutlet.Id, pdu.Ports[0]);
                sidePlan.Pools.Add(new OutletPool(pdu.Outlets));
            }
        }

        /// <summary>
        /// A top-of-rack switch (two from 8 devices), routers in a room's first rack, servers for the rest; 20 % single-corded.
        /// Special racks keep their cables inside the rack and put single-corded devices on side A, so their loads are exact.
        /// </summary>
        private void CreateDevices(RackPlan rack)
        {
            bool special = rack.Class != LoadClass.Normal;
            int d = rack.DeviceCount;
            int servers = 0, switches = 0, routers = 0, singles = 0;
            for (int k = 0; k < d; k++)
            {
                var kind = k == 0 ? DeviceKind.Switch
                    : rack.IndexInRoom == 0 && k <= 2 ? DeviceKind.Router
                    : k == 1 && d >= 8 ? DeviceKind.Switch
                    : DeviceKind.Server;
                bool single = kind != DeviceKind.Router && _rng.NextDouble() < SingleCordedShare;
                if (special && k == 0)
                {
                    single = false; // a special rack needs dual-corded load on both sides
                }
                if (rack.Class == LoadClass.Danger && k == d - 1 && singles == 0 && kind != DeviceKind.Router)
                {
                    single = true; // the A side of a danger rack is pushed above its B side by single-corded load
                }
                singles += single ? 1 : 0;

                var (spec, role, label) = kind switch
                {
                    DeviceKind.Switch => (single ? SingleSwitch : DualSwitch, "switch", $"SW-{++switches:00}"),
                    DeviceKind.Router => (DualRouter, "router", $"RTR-{++routers:00}"),
                    _ => (single ? SingleServer : DualServer, "server", $"SRV-{++servers:00}"),
                };
                var created = CreateDevice(spec, $"{rack.Rack.Name}-{label}", role, rack.Rack.Id);
                var load = new DeviceLoad(kind, rack);
                load.Ports.AddRange(created.Ports);
                if (single)
                {
                    Plug(load, created.Ports[0], rack, special ? 0 : _rng.Next(2), allowCrossRack: !special);
                }
                else
                {
                    Plug(load, created.Ports[0], rack, 0, allowCrossRack: !special);
                    Plug(load, created.Ports[1], rack, 1, allowCrossRack: !special);
                }
                if (!special)
                {
                    load.AllocatedWatts = RandomDraw(kind, rack.ThreePhase);
                }
                rack.Devices.Add(load);
                _loads.Add(load);
            }
        }

        private int RandomDraw(DeviceKind kind, bool threePhaseRack) => kind switch
        {
            DeviceKind.Switch => _rng.Next(100, 351),
            DeviceKind.Router => _rng.Next(200, 601),
            _ => threePhaseRack ? _rng.Next(300, 901) : _rng.Next(150, 601),
        };

        /// <summary>Cables a PSU to a free outlet of the given side: own rack, or 10 % of the time a neighbouring rack.</summary>
        private void Plug(DeviceLoad load, PowerPort port, RackPlan home, int side, bool allowCrossRack)
        {
            var target = home;
            if (allowCrossRack && _rng.NextDouble() < CrossRackCableShare)
            {
                target = Neighbour(home, side) ?? home;
            }
            if (!target.Sides[side].HasFree)
            {
                target = allowCrossRack ? NearestWithFreeOutlet(home, side) : null;
                if (target is null)
                {
                    throw new InvalidOperationException($"No free {SideName(side)} outlet for {home.Rack.Name}.");
                }
            }
            var sidePlan = target.Sides[side];
            var pools = sidePlan.Pools;
            var pool = pools.Count > 1 && pools[1].HasFree && (!pools[0].HasFree || _rng.NextDouble() < CascadedOutletPreference)
                ? pools[1]
                : pools[0];
            var outlet = pool.Take();
            load.FeedIndices.Add(sidePlan.FeedIndex);
            Connect(TerminationKind.PowerOutlet, outlet.Id, port);
        }

        private RackPlan? Neighbour(RackPlan rack, int side)
        {
            bool leftOk = rack.Left is { Class: LoadClass.Normal } l && l.Sides[side].HasFree;
            bool rightOk = rack.Right is { Class: LoadClass.Normal } r && r.Sides[side].HasFree;
            return (leftOk, rightOk) switch
            {
                (true, true) => _rng.Next(2) == 0 ? rack.Left : rack.Right,
                (true, false) => rack.Left,
                (false, true) => rack.Right,
                _ => null,
            };
        }

        private static RackPlan? NearestWithFreeOutlet(RackPlan rack, int side)
        {
            RackPlan? left = rack, right = rack;
            while (left is not null || right is not null)
            {
                foreach (var r in new[] { left, right })
                {
                    if (r is { Class: LoadClass.Normal } && r.Sides[side].HasFree)
                    {
                        return r;
                    }
                }
                left = left?.Left;
                right = right?.Right;
            }
            return null;
        }

        /// <summary>Scales down the devices of every normal feed above 72 % of its capacity to 45–72 %.</summary>
        private void CapNormalFeeds()
        {
            int n = _feeds.Count;
            var load = new long[n];
            var onFeed = new List<DeviceLoad>?[n];
            foreach (var d in _loads)
            {
                if (d.Rack.Class != LoadClass.Normal)
                {
                    continue;
                }
                foreach (var f in d.FeedIndices)
                {
                    load[f] += d.AllocatedWatts;
                    (onFeed[f] ??= []).Add(d);
                }
            }
            for (int pass = 0; pass < 20; pass++)
            {
                bool changed = false;
                for (int f = 0; f < n; f++)
                {
                    long available = _feedAvailableVoltAmps[f];
                    if (!_feedIsNormal[f] || load[f] <= (long)(available * NormalFeedCapShare))
                    {
                        continue;
                    }
                    long target = (long)(available * (0.45 + (NormalFeedCapShare - 0.45) * _rng.NextDouble()));
                    double scale = (double)target / load[f];
                    foreach (var d in onFeed[f]!)
                    {
                        int watts = Math.Max(MinimumDrawWatts, (int)(d.AllocatedWatts * scale));
                        int delta = d.AllocatedWatts - watts;
                        if (delta <= 0)
                        {
                            continue;
                        }
                        d.AllocatedWatts = watts;
                        foreach (var g in d.FeedIndices)
                        {
                            load[g] -= delta;
                        }
                    }
                    changed = true;
                }
                if (!changed)
                {
                    return;
                }
            }
            throw new InvalidOperationException("Could not bring the normal feeds under their cap.");
        }

        /// <summary>
        /// Sets the draws of the special racks exactly. B carries only the dual-corded load, A the dual-corded plus the
        /// single-corded load. Overload: A (16 A) at 105–115 %, B at about half. Danger: B 77–85 %, A 91.5–97 %.
        /// Warning: B 76.5–82 %, A at most 88 %.
        /// </summary>
        private void ShapeSpecialRacks(List<RackPlan> racks)
        {
            foreach (var rack in racks)
            {
                if (rack.Class == LoadClass.Normal)
                {
                    continue;
                }
                var duals = rack.Devices.Where(d => d.Ports.Count == 2).ToList();
                var singles = rack.Devices.Where(d => d.Ports.Count == 1).ToList();
                long availableA = _feedAvailableVoltAmps[rack.Sides[0].FeedIndex];
                long availableB = _feedAvailableVoltAmps[rack.Sides[1].FeedIndex];
                long dualWatts, singleWatts;
                switch (rack.Class)
                {
                    case LoadClass.Overload:
                    {
                        long a = Share(availableA, 1.05, 1.15);
                        singleWatts = singles.Count == 0 ? 0 : Math.Min(_rng.Next(80, 251) * (long)singles.Count, a / 3);
                        dualWatts = a - singleWatts;
                        break;
                    }
                    case LoadClass.Danger:
                    {
                        dualWatts = Share(availableB, 0.77, 0.85);
                        singleWatts = Share(availableA, 0.915, 0.97) - dualWatts;
                        break;
                    }
                    default:
                    {
                        dualWatts = Share(availableB, 0.765, 0.82);
                        singleWatts = singles.Count == 0 ? 0
                            : Math.Min(_rng.Next(60, 201) * (long)singles.Count, (long)(availableA * 0.88) - dualWatts);
                        break;
                    }
                }
                Distribute(dualWatts, duals);
                Distribute(singleWatts, singles);
            }
        }

        private long Share(long availableVoltAmps, double min, double max) =>
            (long)(availableVoltAmps * (min + (max - min) * _rng.NextDouble()));

        /// <summary>Splits a total over devices by random weights (switches lighter than servers), each at least 1 W.</summary>
        private void Distribute(long totalWatts, List<DeviceLoad> devices)
        {
            if (devices.Count == 0)
            {
                return;
            }
            var weights = new double[devices.Count];
            double sum = 0;
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = devices[i].Kind switch
                {
                    DeviceKind.Switch => 0.4 + 0.4 * _rng.NextDouble(),
                    DeviceKind.Router => 0.6 + 0.6 * _rng.NextDouble(),
                    _ => 1 + 2 * _rng.NextDouble(),
                };
                sum += weights[i];
            }
            long assigned = 0;
            for (int i = 0; i < devices.Count; i++)
            {
                devices[i].AllocatedWatts = Math.Max(1, (int)(totalWatts * weights[i] / sum));
                assigned += devices[i].AllocatedWatts;
            }
            devices[0].AllocatedWatts += (int)(totalWatts - assigned);
            if (devices[0].AllocatedWatts < 1)
            {
                throw new InvalidOperationException("A load too small to distribute.");
            }
        }

        /// <summary>Every PSU of a device gets the device's allocated draw and a maximum 20–60 % above it.</summary>
        private void ApplyDraws()
        {
            foreach (var d in _loads)
            {
                int maximum = d.AllocatedWatts + Math.Max(10, (int)(d.AllocatedWatts * (0.2 + 0.4 * _rng.NextDouble())));
                foreach (var port in d.Ports)
                {
                    port.AllocatedDrawWatts = d.AllocatedWatts;
                    port.MaximumDrawWatts = maximum;
                }
            }
        }

        /// <summary>A device with its type's components (NetBox instantiation), given ids here.</summary>
        private CreatedDevice CreateDevice(TypeSpec spec, string name, string role, int rackId)
        {
            var type = _types[spec];
            var device = new Device
            {
                Id = ++_deviceId,
                SiteId = _site.Id,
                RackId = rackId,
                DeviceTypeId = type.Id,
                Name = name,
                Role = role,
                Status = "active",
            };
            _devices.Add(device);
            var (ports, templateOutlets) = DeviceComponents.FromTemplates(type.Ports, type.Outlets, device);
            foreach (var port in ports)
            {
                port.Id = ++_portId;
                _ports.Add(port);
            }
            var outlets = new List<PowerOutlet>(templateOutlets.Count);
            foreach (var (outlet, portName) in templateOutlets)
            {
                outlet.Id = ++_outletId;
                outlet.PowerPortId = ports.Find(p => p.Name == portName)?.Id;
                outlets.Add(outlet);
                _outlets.Add(outlet);
            }
            return new CreatedDevice(device, ports, outlets);
        }

        /// <summary>A connected cable: end A the feed or outlet, end B the power port.</summary>
        private void Connect(TerminationKind aKind, int aId, PowerPort port)
        {
            var cable = new Cable { Id = ++_cableId, Status = "connected" };
            cable.Terminations.Add(new CableTermination { Id = ++_terminationId, CableId = cable.Id, End = CableEnd.A, Kind = aKind, ObjectId = aId, Position = 0 });
            cable.Terminations.Add(new CableTermination { Id = ++_terminationId, CableId = cable.Id, End = CableEnd.B, Kind = TerminationKind.PowerPort, ObjectId = port.Id, Position = 0 });
            _cables.Add(cable);
        }

        private void Shuffle<T>(List<T> list)
        {
            for (int i = list.Count - 1; i > 0; i--)
            {
                int j = _rng.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        }
    }

    private static string SideName(int side) => side == 0 ? "A" : "B";
}

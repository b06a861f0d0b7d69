using PowerMap.Core.Dcim;

namespace PowerMap.Tests.TestSupport;

/// <summary>Fluent, in-memory construction of installations for tests; ids are assigned in creation order.</summary>
public sealed class TopologyBuilder
{
    private int _nextId = 1;
    private readonly List<Site> _sites = [];
    private readonly List<Location> _locations = [];
    private readonly List<Rack> _racks = [];
    private readonly List<PowerPanel> _panels = [];
    private readonly List<PowerFeed> _feeds = [];
    private readonly List<DeviceType> _types = [];
    private readonly List<PowerPortTemplate> _portTemplates = [];
    private readonly List<PowerOutletTemplate> _outletTemplates = [];
    private readonly List<Device> _devices = [];
    private readonly List<PowerPort> _ports = [];
    private readonly List<PowerOutlet> _outlets = [];
    private readonly List<Interface> _interfaces = [];
    private readonly List<Cable> _cables = [];

    public Site DefaultSite { get; }

    public TopologyBuilder(string siteName = "DC1")
    {
        DefaultSite = Site(siteName);
    }

    private int NextId() => _nextId++;

    public Site Site(string name)
    {
        var s = new Site { Id = NextId(), Name = name, Version = 1 };
        _sites.Add(s);
        return s;
    }

    public Location Location(string name, Site? site = null)
    {
        var l = new Location { Id = NextId(), Name = name, SiteId = (site ?? DefaultSite).Id, Version = 1 };
        _locations.Add(l);
        return l;
    }

    public Rack Rack(string name, Site? site = null, string? facilityId = null)
    {
        var r = new Rack { Id = NextId(), Name = name, SiteId = (site ?? DefaultSite).Id, FacilityId = facilityId, Version = 1 };
        _racks.Add(r);
        return r;
    }

    public PowerPanel Panel(string name, Site? site = null)
    {
        var p = new PowerPanel { Id = NextId(), Name = name, SiteId = (site ?? DefaultSite).Id, Version = 1 };
        _panels.Add(p);
        return p;
    }

    public PowerFeed Feed(PowerPanel panel, string name, int voltage = 120, int amperage = 15, int maxUtilization = 80,
        string phase = Choices.SinglePhase, string supply = Choices.Ac, Rack? rack = null)
    {
        var f = new PowerFeed
        {
            Id = NextId(), Name = name, PowerPanelId = panel.Id, Voltage = voltage, Amperage = amperage,
            MaxUtilization = maxUtilization, Phase = phase, Supply = supply, RackId = rack?.Id, Version = 1,
        };
        _feeds.Add(f);
        return f;
    }

    public Device Device(string name, Site? site = null, Rack? rack = null, string role = "server")
    {
        var d = new Device { Id = NextId(), Name = name, SiteId = (site ?? DefaultSite).Id, RackId = rack?.Id, Role = role, Version = 1 };
        _devices.Add(d);
        return d;
    }

    public PowerPort Port(Device device, string name, int? allocated = null, int? maximum = null, bool markConnected = false)
    {
        var p = new PowerPort { Id = NextId(), DeviceId = device.Id, Name = name, AllocatedDrawWatts = allocated, MaximumDrawWatts = maximum, MarkConnected = markConnected, Version = 1 };
        _ports.Add(p);
        return p;
    }

    public PowerOutlet Outlet(Device device, string name, PowerPort? port = null, string? leg = null, bool markConnected = false)
    {
        var o = new PowerOutlet { Id = NextId(), DeviceId = device.Id, Name = name, PowerPortId = port?.Id, FeedLeg = leg, MarkConnected = markConnected, Version = 1 };
        _outlets.Add(o);
        return o;
    }

    /// <summary>Outlets "Outlet 1".."Outlet n" mapped to <paramref name="port"/>, with legs from <paramref name="legs"/> round-robin if given.</summary>
    public List<PowerOutlet> Outlets(Device device, PowerPort port, int count, params string[] legs) =>
        Enumerable.Range(1, count).Select(i => Outlet(device, $"Outlet {i}", port, legs.Length == 0 ? null : legs[(i - 1) % legs.Length])).ToList();

    public Interface Interface(Device device, string name)
    {
        var i = new Interface { Id = NextId(), DeviceId = device.Id, Name = name, Version = 1 };
        _interfaces.Add(i);
        return i;
    }

    /// <summary>A PDU: device with an auto "Inlet" and n outlets mapped to it.</summary>
    public (Device Device, PowerPort Inlet, List<PowerOutlet> Outlets) Pdu(string name, int outlets = 8, Rack? rack = null, params string[] legs)
    {
        var d = Device(name, rack: rack, role: "pdu");
        var inlet = Port(d, "Inlet");
        return (d, inlet, Outlets(d, inlet, outlets, legs));
    }

    public Cable Cable(Entity a, Entity b, string status = "connected")
    {
        var c = new Cable { Id = NextId(), Status = status, Version = 1 };
        c.Terminations.Add(new CableTermination { CableId = c.Id, End = CableEnd.A, Kind = KindOf(a), ObjectId = a.Id });
        c.Terminations.Add(new CableTermination { CableId = c.Id, End = CableEnd.B, Kind = KindOf(b), ObjectId = b.Id });
        _cables.Add(c);
        return c;
    }

    /// <summary>A cable with several terminations per end.</summary>
    public Cable Cable(IEnumerable<Entity> a, IEnumerable<Entity> b)
    {
        var c = new Cable { Id = NextId(), Version = 1 };
        int pos = 0;
        foreach (var x in a) c.Terminations.Add(new CableTermination { CableId = c.Id, End = CableEnd.A, Kind = KindOf(x), ObjectId = x.Id, Position = pos++ });
        pos = 0;
        foreach (var x in b) c.Terminations.Add(new CableTermination { CableId = c.Id, End = CableEnd.B, Kind = KindOf(x), ObjectId = x.Id, Position = pos++ });
        _cables.Add(c);
        return c;
    }

    public static TerminationKind KindOf(Entity e) => e switch
    {
        PowerFeed => TerminationKind.PowerFeed,
        PowerPort => TerminationKind.PowerPort,
        PowerOutlet => TerminationKind.PowerOutlet,
        PowerMap.Core.Dcim.Interface => TerminationKind.Interface,
        _ => throw new ArgumentException($"{e.GetType().Name} cannot be cabled"),
    };

    public DeviceType DeviceType(string model)
    {
        var t = new DeviceType { Id = NextId(), Model = model, Version = 1 };
        _types.Add(t);
        return t;
    }

    public PowerPortTemplate PortTemplate(DeviceType type, string name, int? allocated = null, int? maximum = null)
    {
        var t = new PowerPortTemplate { Id = NextId(), DeviceTypeId = type.Id, Name = name, AllocatedDrawWatts = allocated, MaximumDrawWatts = maximum, Version = 1 };
        _portTemplates.Add(t);
        return t;
    }

    public PowerOutletTemplate OutletTemplate(DeviceType type, string name, PowerPortTemplate? port = null, string? leg = null)
    {
        var t = new PowerOutletTemplate { Id = NextId(), DeviceTypeId = type.Id, Name = name, PowerPortTemplateId = port?.Id, FeedLeg = leg, Version = 1 };
        _outletTemplates.Add(t);
        return t;
    }

    public Installation Build() =>
        new(_sites, _locations, _racks, _panels, _feeds, _types, _portTemplates, _outletTemplates, _devices, _ports, _outlets, _interfaces, _cables);

    /// <summary>The seed example of power-model.md §7.</summary>
    public static (Installation Inst, SeedIds Ids) Seed()
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R1");
        var panel = b.Panel("Panel 1");
        var feed1 = b.Feed(panel, "Feed 1", 230, 16, 80, rack: rack);
        var feed2 = b.Feed(panel, "Feed 2", 230, 16, 80, rack: rack);
        feed2.Type = "redundant"; // side B
        var pdu1 = b.Pdu("PDU1", 8, rack);
        var pdu2 = b.Pdu("PDU2", 8, rack);
        var server = b.Device("Server", rack: rack);
        var router = b.Device("Router", rack: rack, role: "router");
        var s1 = b.Port(server, "PSU1", 350, 600);
        var s2 = b.Port(server, "PSU2", 350, 600);
        var r1 = b.Port(router, "PSU1", 120, 250);
        var r2 = b.Port(router, "PSU2", 120, 250);
        b.Cable(feed1, pdu1.Inlet);
        b.Cable(feed2, pdu2.Inlet);
        b.Cable(pdu1.Outlets[0], s1);
        b.Cable(pdu2.Outlets[0], s2);
        b.Cable(pdu1.Outlets[1], r1);
        b.Cable(pdu2.Outlets[1], r2);
        return (b.Build(), new SeedIds(rack.Id, panel.Id, feed1.Id, feed2.Id, pdu1.Device.Id, pdu1.Inlet.Id, pdu2.Device.Id, pdu2.Inlet.Id, server.Id, s1.Id, router.Id));
    }

    public sealed record SeedIds(int Rack, int Panel, int Feed1, int Feed2, int Pdu1, int Pdu1Inlet, int Pdu2, int Pdu2Inlet, int Server, int ServerPsu1, int Router);
}

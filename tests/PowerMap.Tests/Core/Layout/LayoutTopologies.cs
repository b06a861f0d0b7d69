using PowerMap.Core.Dcim;

namespace PowerMap.Tests.Core.Layout;

/// <summary>A small fluent builder of installations for the layout tests (one id sequence for every object).</summary>
internal sealed class LayoutTopologyBuilder
{
    private readonly Installation _inst = new();
    private int _nextId = 1;

    public int Site(string name)
    {
        var x = new Site { Id = _nextId++, Name = name };
        _inst.Add(x);
        return x.Id;
    }

    public int Rack(int siteId, string name)
    {
        var x = new Rack { Id = _nextId++, SiteId = siteId, Name = name };
        _inst.Add(x);
        return x.Id;
    }

    public int Panel(int siteId, string name)
    {
        var x = new PowerPanel { Id = _nextId++, SiteId = siteId, Name = name };
        _inst.Add(x);
        return x.Id;
    }

    public int Feed(int panelId, string name, int? rackId = null, string type = "primary")
    {
        var x = new PowerFeed { Id = _nextId++, PowerPanelId = panelId, RackId = rackId, Name = name, Type = type, Voltage = 230, Amperage = 16, MaxUtilization = 80 };
        _inst.Add(x);
        return x.Id;
    }

    /// <summary>A PDU or UPS: one inlet and <paramref name="outlets"/> outlets mapped to it.</summary>
    public (int Device, int Inlet, int[] Outlets) Distribution(int siteId, int? rackId, string name, int outlets = 8)
    {
        int device = Device(siteId, rackId, name, "pdu");
        var inlet = new PowerPort { Id = _nextId++, DeviceId = device, Name = "Inlet" };
        _inst.Add(inlet);
        var ids = new int[outlets];
        for (int i = 0; i < outlets; i++)
        {
            var outlet = new PowerOutlet { Id = _nextId++, DeviceId = device, Name = $"Outlet {i + 1}", PowerPortId = inlet.Id };
            _inst.Add(outlet);
            ids[i] = outlet.Id;
        }
        return (device, inlet.Id, ids);
    }

    /// <summary>A device with one power port per (name, allocated W, maximum W) and no outlets.</summary>
    public (int Device, int[] Ports) Server(int siteId, int? rackId, string name, params (string Name, int Allocated, int Maximum)[] psus)
    {
        int device = Device(siteId, rackId, name, "server");
        var ids = new int[psus.Length];
        for (int i = 0; i < psus.Length; i++)
        {
            var port = new PowerPort { Id = _nextId++, DeviceId = device, Name = psus[i].Name, AllocatedDrawWatts = psus[i].Allocated, MaximumDrawWatts = psus[i].Maximum };
            _inst.Add(port);
            ids[i] = port.Id;
        }
        return (device, ids);
    }

    public void CableFeed(int feedId, int portId) =>
        Cable(TerminationKind.PowerFeed, feedId, portId);

    public void CableOutlet(int outletId, int portId) =>
        Cable(TerminationKind.PowerOutlet, outletId, portId);

    public Installation Build() => _inst;

    private int Device(int siteId, int? rackId, string name, string role)
    {
        var x = new Device { Id = _nextId++, SiteId = siteId, RackId = rackId, Name = name, Role = role };
        _inst.Add(x);
        return x.Id;
    }

    private void Cable(TerminationKind aKind, int aId, int portId)
    {
        int id = _nextId++;
        _inst.Add(new Cable
        {
            Id = id,
            Terminations =
            [
                new CableTermination { CableId = id, End = CableEnd.A, Kind = aKind, ObjectId = aId },
                new CableTermination { CableId = id, End = CableEnd.B, Kind = TerminationKind.PowerPort, ObjectId = portId },
            ],
        });
    }
}

/// <summary>The installations the layout tests share.</summary>
internal static class LayoutTopologies
{
    /// <summary>Ids of the seed example's objects.</summary>
    internal sealed record Seed(Installation Installation, int Site, int Panel, int Feed1, int Feed2, int Pdu1, int Pdu2, int Server, int Router);

    // Panel 1 ─┬─ Feed 1 ── PDU1 ─┬─ Server PSU1, Router PSU1
    //          └─ Feed 2 ── PDU2 ─┴─ Server PSU2, Router PSU2
    public static Seed SeedExample()
    {
        var b = new LayoutTopologyBuilder();
        int site = b.Site("DC1");
        int rack = b.Rack(site, "R1");
        int panel = b.Panel(site, "Panel 1");
        int feed1 = b.Feed(panel, "Feed 1", rack);
        int feed2 = b.Feed(panel, "Feed 2", rack, "redundant");
        var pdu1 = b.Distribution(site, rack, "PDU1");
        var pdu2 = b.Distribution(site, rack, "PDU2");
        b.CableFeed(feed1, pdu1.Inlet);
        b.CableFeed(feed2, pdu2.Inlet);
        var server = b.Server(site, rack, "Server", ("PSU1", 350, 600), ("PSU2", 350, 600));
        var router = b.Server(site, rack, "Router", ("PSU1", 120, 250), ("PSU2", 120, 250));
        b.CableOutlet(pdu1.Outlets[0], server.Ports[0]);
        b.CableOutlet(pdu2.Outlets[0], server.Ports[1]);
        b.CableOutlet(pdu1.Outlets[1], router.Ports[0]);
        b.CableOutlet(pdu2.Outlets[1], router.Ports[1]);
        return new Seed(b.Build(), site, panel, feed1, feed2, pdu1.Device, pdu2.Device, server.Device, router.Device);
    }

    /// <summary>Ids of a generated row site: per rack, its PDU A and PDU B device ids.</summary>
    internal sealed record Row(Installation Installation, int Site, int[] Racks, int[] PduA, int[] PduB);

    // Panel A ── R01-A ── R01-PDU-A ─┬─ R01-S01 … R01-Snn (PSU1 on A, PSU2 on B)
    // Panel B ── R01-B ── R01-PDU-B ─┘            … for every rack
    public static Row RowSite(int racks, int serversPerRack)
    {
        var b = new LayoutTopologyBuilder();
        int site = b.Site("DC2");
        int panelA = b.Panel(site, "Panel A");
        int panelB = b.Panel(site, "Panel B");
        var rackIds = new int[racks];
        var pduA = new int[racks];
        var pduB = new int[racks];
        for (int r = 0; r < racks; r++)
        {
            string name = $"R{r + 1:00}";
            rackIds[r] = b.Rack(site, name);
            int feedA = b.Feed(panelA, name + "-A", rackIds[r]);
            int feedB = b.Feed(panelB, name + "-B", rackIds[r]);
            var a = b.Distribution(site, rackIds[r], name + "-PDU-A", serversPerRack);
            var bb = b.Distribution(site, rackIds[r], name + "-PDU-B", serversPerRack);
            pduA[r] = a.Device;
            pduB[r] = bb.Device;
            b.CableFeed(feedA, a.Inlet);
            b.CableFeed(feedB, bb.Inlet);
            for (int s = 0; s < serversPerRack; s++)
            {
                var server = b.Server(site, rackIds[r], $"{name}-S{s + 1:00}", ("PSU1", 200, 400), ("PSU2", 200, 400));
                b.CableOutlet(a.Outlets[s], server.Ports[0]);
                b.CableOutlet(bb.Outlets[s], server.Ports[1]);
            }
        }
        return new Row(b.Build(), site, rackIds, pduA, pduB);
    }

    /// <summary>Ids of the cascade: UPS → PDU → server.</summary>
    internal sealed record Cascade(Installation Installation, int Ups, int Pdu, int Server);

    // Panel ── Feed ── UPS ── PDU ── Server
    public static Cascade UpsPduServer()
    {
        var b = new LayoutTopologyBuilder();
        int site = b.Site("DC3");
        int rack = b.Rack(site, "R1");
        int panel = b.Panel(site, "Panel 1");
        int feed = b.Feed(panel, "Feed 1", rack);
        var ups = b.Distribution(site, rack, "UPS1", 4);
        var pdu = b.Distribution(site, rack, "PDU1", 4);
        var server = b.Server(site, rack, "Server", ("PSU1", 300, 500));
        b.CableFeed(feed, ups.Inlet);
        b.CableOutlet(ups.Outlets[0], pdu.Inlet);
        b.CableOutlet(pdu.Outlets[0], server.Ports[0]);
        return new Cascade(b.Build(), ups.Device, pdu.Device, server.Device);
    }
}

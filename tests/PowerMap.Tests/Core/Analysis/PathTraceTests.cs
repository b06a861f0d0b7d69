using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Analysis;

public class PathTraceTests
{
    // Panel 1 ─┬─ Feed 1 ── PDU1 ─┬─ Server PSU1, Router PSU1
    //          └─ Feed 2 ── PDU2 ─┴─ Server PSU2, Router PSU2
    [Fact]
    public void Trace_SeedServer_GivesOneChainPerPsuUpToThePanel()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);

        var trace = PathTrace.Trace(inst, report, TraceEntityKind.Device, ids.Server)!;

        Assert.Equal("Server", trace.Name);
        Assert.Equal(2, trace.Upstream.Count);
        var a = trace.Upstream[0];
        var b = trace.Upstream[1];
        Assert.Equal(
            ["Server PSU1", "PDU1 Outlet 1", "PDU1 Inlet", "Panel 1 Feed 1", "Panel 1"],
            a.Hops.Select(h => h.Owner is null ? h.Name : $"{h.Owner} {h.Name}"));
        Assert.Equal(
            ["Server PSU2", "PDU2 Outlet 1", "PDU2 Inlet", "Panel 1 Feed 2", "Panel 1"],
            b.Hops.Select(h => h.Owner is null ? h.Name : $"{h.Owner} {h.Name}"));
        Assert.Equal([TraceHopKind.PowerPort, TraceHopKind.PowerOutlet, TraceHopKind.PowerPort, TraceHopKind.PowerFeed, TraceHopKind.PowerPanel],
            a.Hops.Select(h => h.Kind));
        Assert.Equal(ids.Feed1, a.FeedId);
        Assert.Equal(ids.Feed2, b.FeedId);
        Assert.All(trace.Upstream, c => Assert.True(c.ReachesPanel));
        Assert.All(trace.Upstream, c => Assert.False(c.Looped));
        Assert.Empty(trace.Downstream);
    }

    // PSU1 350 W → Outlet 1 350 W → Inlet 470 W → Feed 1 470 of 2944 VA → Panel 1 940 of 5888 VA
    [Fact]
    public void Trace_SeedServer_HopsCarryDrawAndHeadroomWhereACapacityExists()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);

        var hops = PathTrace.Trace(inst, report, TraceEntityKind.Device, ids.Server)!.Upstream[0].Hops;

        Assert.Equal([350L, 350, 470, 470, 940], hops.Select(h => h.AllocatedWatts));
        Assert.Equal([null, null, null, 2944L, 5888], hops.Select(h => h.AvailableVoltAmps));
        Assert.Equal([null, null, null, 2474L, 4948], hops.Select(h => h.HeadroomVoltAmps));
        Assert.Equal(16.0, hops[3].Percent);
        Assert.Equal(UtilizationStatus.Normal, hops[3].Status);
        Assert.Equal(ids.ServerPsu1, hops[0].Id);
        Assert.Equal(ids.Pdu1Inlet, hops[2].Id);
        Assert.Equal(new TraceEntity(TraceEntityKind.Device, ids.Pdu1), hops[1].Entity);
        Assert.Equal(new TraceEntity(TraceEntityKind.Feed, ids.Feed1), hops[3].Entity);
        Assert.Equal(new TraceEntity(TraceEntityKind.Panel, ids.Panel), hops[4].Entity);
    }

    // Feed 1 ── PDU1 ─┬─ Server
    //                 └─ Router
    [Fact]
    public void Trace_SeedFeed1_DownstreamIsPdu1ServerAndRouter()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);

        var trace = PathTrace.Trace(inst, report, TraceEntityKind.Feed, ids.Feed1)!;

        Assert.Equal(
            [new TraceEntity(TraceEntityKind.Device, ids.Pdu1), new(TraceEntityKind.Device, ids.Server), new(TraceEntityKind.Device, ids.Router)],
            trace.DownstreamEntities.OrderBy(e => e.Id));
        var first = trace.Downstream[0];
        Assert.Equal(new TraceEntity(TraceEntityKind.Feed, ids.Feed1), first.From);
        Assert.Equal(ids.Pdu1Inlet, first.PortId);
        Assert.Equal(1, first.Depth);
        Assert.All(trace.Downstream.Skip(1), s => Assert.Equal(2, s.Depth));
        Assert.All(trace.Downstream.Skip(1), s => Assert.Equal(new TraceEntity(TraceEntityKind.Device, ids.Pdu1), s.From));
        // A feed's only upstream is its panel.
        var chain = Assert.Single(trace.Upstream);
        Assert.Equal([TraceHopKind.PowerFeed, TraceHopKind.PowerPanel], chain.Hops.Select(h => h.Kind));
    }

    // Panel 1 → Feed 1, Feed 2 → PDU1, PDU2 → Server, Router (each dual-corded device once per edge)
    [Fact]
    public void Trace_SeedPanel_DownstreamHasEveryFeedAndDeviceAndNoUpstream()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);

        var trace = PathTrace.Trace(inst, report, TraceEntityKind.Panel, ids.Panel)!;

        Assert.Empty(trace.Upstream);
        Assert.Equal(6, trace.DownstreamEntities.Count);
        Assert.Equal(8, trace.Downstream.Count);
        Assert.Equal([ids.Feed1, ids.Feed2], trace.Downstream.Where(s => s.To.Kind == TraceEntityKind.Feed).Select(s => s.To.Id));
    }

    // Panel 1 ── Feed 1 ── UPS1 ── PDU1 ── Server
    [Fact]
    public void Trace_Cascade_ServerChainPassesThroughPduAndUps()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("Panel 1");
        var feed = b.Feed(panel, "Feed 1", 230, 32, 80);
        var ups = b.Pdu("UPS1", 4);
        var pdu = b.Pdu("PDU1", 4);
        var server = b.Device("Server");
        var psu = b.Port(server, "PSU1", 300, 500);
        b.Cable(feed, ups.Inlet);
        b.Cable(ups.Outlets[0], pdu.Inlet);
        b.Cable(pdu.Outlets[0], psu);
        var inst = b.Build();
        var report = PowerReport.Compute(inst);

        var chain = Assert.Single(PathTrace.Trace(inst, report, TraceEntityKind.Device, server.Id)!.Upstream);

        Assert.Equal(
            ["PSU1", "Outlet 1", "Inlet", "Outlet 1", "Inlet", "Feed 1", "Panel 1"],
            chain.Hops.Select(h => h.Name));
        Assert.Equal(["Server", "PDU1", "PDU1", "UPS1", "UPS1", "Panel 1", null], chain.Hops.Select(h => h.Owner));
        Assert.All(chain.Hops, h => Assert.Equal(300, h.AllocatedWatts));
        Assert.Equal(feed.Id, chain.FeedId);

        var fromUps = PathTrace.Trace(inst, report, TraceEntityKind.Device, ups.Device.Id)!;
        Assert.Equal([pdu.Device.Id, server.Id], fromUps.DownstreamEntities.Select(e => e.Id));
        Assert.Equal([1, 2], fromUps.Downstream.Select(s => s.Depth));
    }

    // Feed (3-phase) ── PDU ─ Outlet 1 (leg A) ── Server
    [Fact]
    public void Trace_ThreePhaseInlet_OutletHopCarriesItsLegAndTheLegsHeadroom()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("Panel 1");
        var feed = b.Feed(panel, "Feed 3P", 400, 32, 80, phase: Choices.ThreePhase);
        var pdu = b.Pdu("PDU1", 6, null, "A", "B", "C");
        var server = b.Device("Server");
        var psu = b.Port(server, "PSU1", 1000, 1200);
        b.Cable(feed, pdu.Inlet);
        b.Cable(pdu.Outlets[0], psu);
        var inst = b.Build();
        var report = PowerReport.Compute(inst);

        var outlet = PathTrace.Trace(inst, report, TraceEntityKind.Device, server.Id)!.Upstream[0].Hops[1];

        long available = report.Feed(feed.Id)!.AvailableVoltAmps;
        Assert.Equal("A", outlet.FeedLeg);
        Assert.Equal(1000, outlet.LegAllocatedWatts);
        Assert.Equal(PythonRound.ToInteger(available / 3.0), outlet.AvailableVoltAmps);
        Assert.Equal(outlet.AvailableVoltAmps - 1000, outlet.HeadroomVoltAmps);
    }

    // Server PSU1 ── (no cable)
    [Fact]
    public void Trace_UncabledPort_StopsAfterThePort()
    {
        var b = new TopologyBuilder();
        var server = b.Device("Server");
        b.Port(server, "PSU1", 100, 200);
        var inst = b.Build();

        var chain = Assert.Single(PathTrace.Trace(inst, PowerReport.Compute(inst), TraceEntityKind.Device, server.Id)!.Upstream);

        Assert.Single(chain.Hops);
        Assert.False(chain.ReachesPanel);
        Assert.Null(chain.FeedId);
    }

    // PDU-X ⇄ PDU-Y: each one's outlet feeds the other's inlet
    [Fact]
    public void Trace_CablingLoop_StopsAndSaysSo()
    {
        var b = new TopologyBuilder();
        var x = b.Pdu("PDU-X", 2);
        var y = b.Pdu("PDU-Y", 2);
        b.Cable(x.Outlets[0], y.Inlet);
        b.Cable(y.Outlets[0], x.Inlet);
        var inst = b.Build();

        var trace = PathTrace.Trace(inst, PowerReport.Compute(inst), TraceEntityKind.Device, x.Device.Id)!;

        Assert.True(Assert.Single(trace.Upstream).Looped);
        Assert.Equal([y.Device.Id, x.Device.Id], trace.Downstream.Select(s => s.To.Id));
    }

    [Fact]
    public void Trace_UnknownObject_ReturnsNull()
    {
        var (inst, _) = TopologyBuilder.Seed();

        Assert.Null(PathTrace.Trace(inst, PowerReport.Compute(inst), TraceEntityKind.Feed, 9999));
    }
}

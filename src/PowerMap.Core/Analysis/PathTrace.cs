using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Analysis;

/// <summary>The objects a trace starts from and passes through (the nodes of the topology diagram).</summary>
public enum TraceEntityKind
{
    Panel,
    Feed,
    Device,
}

/// <summary>A panel, feed or device by id.</summary>
public readonly record struct TraceEntity(TraceEntityKind Kind, int Id);

/// <summary>What a hop of an upstream chain is.</summary>
public enum TraceHopKind
{
    PowerPort,
    PowerOutlet,
    PowerFeed,
    PowerPanel,
}

/// <summary>
/// One hop of an upstream chain, with its load and, where a capacity exists, its headroom.
/// </summary>
/// <param name="Kind">Port, outlet, feed or panel.</param>
/// <param name="Id">Id of the port, outlet, feed or panel.</param>
/// <param name="Entity">The diagram node the hop belongs to: the device of a port or outlet, the feed, the panel.</param>
/// <param name="Owner">Name of the device of a port or outlet, of the panel of a feed; null for a panel.</param>
/// <param name="Name">The object's name (NetBox <c>str()</c>: a label in brackets for ports and outlets).</param>
/// <param name="AllocatedWatts">Load in W (= VA, power factor 1): a port's allocated draw (NetBox <c>get_power_draw</c>);
/// an outlet's, the sum of the draws of the ports cabled to it; a feed's allocated draw; a panel's, the sum over its feeds.</param>
/// <param name="AvailableVoltAmps">Capacity in VA: a feed's available power; a panel's, the sum over its feeds; an outlet of a
/// three-phase inlet, a third of its feed (its leg's share, as NetBox's leg rows); null where NetBox has no capacity.</param>
/// <param name="FeedLeg">The outlet's feed leg (A/B/C) when its inlet is cabled straight to a three-phase feed.</param>
/// <param name="LegAllocatedWatts">For such an outlet: the draw of its whole leg (every outlet of that leg), W; null otherwise.</param>
/// <param name="Percent">Allocated (or, for a leg, the leg's draw) over available, one decimal; null without capacity.</param>
/// <param name="Status">Status of <paramref name="Percent"/> (75 / 90 % thresholds).</param>
public sealed record TraceHop(
    TraceHopKind Kind,
    int Id,
    TraceEntity Entity,
    string? Owner,
    string Name,
    long AllocatedWatts,
    long? AvailableVoltAmps,
    string? FeedLeg,
    long? LegAllocatedWatts,
    double? Percent,
    UtilizationStatus? Status)
{
    /// <summary>Available − allocated (for a leg: − the leg's draw), VA; negative when over capacity; null without capacity.</summary>
    public long? HeadroomVoltAmps => AvailableVoltAmps is { } available ? available - (LegAllocatedWatts ?? AllocatedWatts) : null;
}

/// <summary>
/// The supply path of one power port, from the port up to the panel: port → outlet → inlet of the supplying device →
/// … → feed → panel (a cascade repeats outlet → inlet). It stops early at a port without a cable, at an outlet not
/// mapped to an inlet, or where the cabling loops (<see cref="Looped"/>).
/// </summary>
/// <param name="PortId">The power port the chain starts from.</param>
/// <param name="Hops">The hops, the start port first.</param>
/// <param name="FeedId">The feed the chain reaches, if any.</param>
/// <param name="Looped">True when the cabling leads back to a port already on the chain.</param>
public sealed record TraceChain(int PortId, IReadOnlyList<TraceHop> Hops, int? FeedId, bool Looped)
{
    /// <summary>True when the chain reaches a panel.</summary>
    public bool ReachesPanel => Hops.Count > 0 && Hops[^1].Kind == TraceHopKind.PowerPanel;
}

/// <summary>One supply edge below the traced object: <paramref name="From"/> powers <paramref name="To"/> through
/// <paramref name="PortId"/> (null for panel → feed).</summary>
/// <param name="Depth">1 for what the traced object powers directly, 2 below that, …</param>
public sealed record DownstreamStep(TraceEntity From, TraceEntity To, int? PortId, int Depth, string Name, long AllocatedWatts);

/// <summary>The upstream chains and the downstream tree of a panel, feed or device.</summary>
/// <param name="Start">The traced object.</param>
/// <param name="Name">Its name.</param>
/// <param name="Upstream">A device: one chain per power port, in NetBox's port order (natural name). A feed: one chain
/// feed → panel. A panel: none.</param>
/// <param name="Downstream">Every supply edge below the object, breadth first; an object reached twice (a dual-corded
/// server under a panel) appears once per edge.</param>
public sealed record PathTraceResult(TraceEntity Start, string Name, IReadOnlyList<TraceChain> Upstream, IReadOnlyList<DownstreamStep> Downstream)
{
    /// <summary>The distinct objects below the traced one, breadth first.</summary>
    public IReadOnlyList<TraceEntity> DownstreamEntities => Downstream.Select(s => s.To).Distinct().ToList();
}

/// <summary>
/// Follows power through the cabling: upstream from a device's power ports to the panels, downstream from a panel,
/// feed or device to everything it powers. Pure: reads the installation and the report, computes only sums of
/// report numbers and their headroom.
/// </summary>
public static class PathTrace
{
    /// <summary>Traces <paramref name="kind"/> <paramref name="id"/>; null when no such object exists.</summary>
    public static PathTraceResult? Trace(Installation installation, PowerReport report, TraceEntityKind kind, int id)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(report);
        var index = new OutletIndex(installation);
        switch (kind)
        {
            case TraceEntityKind.Panel when installation.PanelById.TryGetValue(id, out var panel):
                return new PathTraceResult(new(kind, id), panel.Name, [], Downstream(installation, report, index, new(kind, id)));
            case TraceEntityKind.Feed when installation.FeedById.TryGetValue(id, out var feed):
                var hops = new List<TraceHop> { FeedHop(installation, report, feed) };
                if (installation.PanelById.TryGetValue(feed.PowerPanelId, out var feedPanel))
                {
                    hops.Add(PanelHop(installation, report, feedPanel));
                }
                return new PathTraceResult(new(kind, id), feed.Name, [new TraceChain(0, hops, feed.Id, false)],
                    Downstream(installation, report, index, new(kind, id)));
            case TraceEntityKind.Device when installation.DeviceById.TryGetValue(id, out var device):
                var chains = PortsOf(installation, device.Id).Select(p => Upstream(installation, report, p)).ToList();
                return new PathTraceResult(new(kind, id), installation.DeviceDisplay(device), chains, Downstream(installation, report, index, new(kind, id)));
            default:
                return null;
        }
    }

    /// <summary>The chain of one power port up to its panel.</summary>
    public static TraceChain Upstream(Installation installation, PowerReport report, PowerPort start)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(start);
        var hops = new List<TraceHop>();
        var seen = new HashSet<int>();
        var port = start;
        while (true)
        {
            if (!seen.Add(port.Id))
            {
                return new TraceChain(start.Id, hops, null, true);
            }
            hops.Add(PortHop(installation, report, port));
            switch (FarEnd(installation, TerminationKind.PowerPort, port.Id))
            {
                case (TerminationKind.PowerFeed, var feedId) when installation.FeedById.TryGetValue(feedId, out var feed):
                    hops.Add(FeedHop(installation, report, feed));
                    if (installation.PanelById.TryGetValue(feed.PowerPanelId, out var panel))
                    {
                        hops.Add(PanelHop(installation, report, panel));
                    }
                    return new TraceChain(start.Id, hops, feed.Id, false);
                case (TerminationKind.PowerOutlet, var outletId) when installation.OutletById.TryGetValue(outletId, out var outlet):
                    hops.Add(OutletHop(installation, report, outlet));
                    if (outlet.PowerPortId is not { } inletId || !installation.PortById.TryGetValue(inletId, out var inlet))
                    {
                        return new TraceChain(start.Id, hops, null, false);
                    }
                    port = inlet;
                    break;
                default:
                    return new TraceChain(start.Id, hops, null, false);
            }
        }
    }

    private static List<DownstreamStep> Downstream(Installation inst, PowerReport report, OutletIndex index, TraceEntity start)
    {
        var steps = new List<DownstreamStep>();
        var visitedPorts = new HashSet<int>();
        var queue = new Queue<(PowerPort Port, int Depth)>();

        void Enter(TraceEntity from, PowerPort port, int depth)
        {
            // A port hangs on one cable: seen once, its edge is recorded (a loop ends here).
            if (!inst.DeviceById.TryGetValue(port.DeviceId, out var device) || !visitedPorts.Add(port.Id))
            {
                return;
            }
            steps.Add(new DownstreamStep(from, new(TraceEntityKind.Device, device.Id), port.Id, depth, inst.DeviceDisplay(device), report.PortDraw(port.Id).AllocatedWatts));
            queue.Enqueue((port, depth));
        }

        void FromFeed(PowerFeed feed, TraceEntity from, int depth)
        {
            foreach (var portId in FarEnds(inst, TerminationKind.PowerFeed, feed.Id, TerminationKind.PowerPort))
            {
                if (inst.PortById.TryGetValue(portId, out var port))
                {
                    Enter(from, port, depth);
                }
            }
        }

        void FromOutlets(IEnumerable<PowerOutlet> outlets, TraceEntity from, int depth)
        {
            foreach (var outlet in outlets)
            {
                foreach (var portId in FarEnds(inst, TerminationKind.PowerOutlet, outlet.Id, TerminationKind.PowerPort))
                {
                    if (inst.PortById.TryGetValue(portId, out var port) && port.DeviceId != outlet.DeviceId)
                    {
                        Enter(from, port, depth);
                    }
                }
            }
        }

        switch (start.Kind)
        {
            case TraceEntityKind.Panel:
                foreach (var feed in inst.PowerFeeds.Where(f => f.PowerPanelId == start.Id).OrderBy(f => f.Name, NaturalComparer.Instance).ThenBy(f => f.Id))
                {
                    var feedEntity = new TraceEntity(TraceEntityKind.Feed, feed.Id);
                    steps.Add(new DownstreamStep(start, feedEntity, null, 1, feed.Name, report.Feed(feed.Id)?.Utilization?.AllocatedVoltAmps ?? 0));
                    FromFeed(feed, feedEntity, 2);
                }
                break;
            case TraceEntityKind.Feed:
                FromFeed(inst.FeedById[start.Id], start, 1);
                break;
            default:
                FromOutlets(index.OfDevice(start.Id), start, 1);
                break;
        }

        while (queue.Count > 0)
        {
            var (port, depth) = queue.Dequeue();
            FromOutlets(index.OfPort(port.Id), new TraceEntity(TraceEntityKind.Device, port.DeviceId), depth + 1);
        }
        return steps;
    }

    private static TraceHop PortHop(Installation inst, PowerReport report, PowerPort port) =>
        new(TraceHopKind.PowerPort, port.Id, new(TraceEntityKind.Device, port.DeviceId), DeviceName(inst, port.DeviceId), port.ToString(),
            report.PortDraw(port.Id).AllocatedWatts, null, null, null, null, null);

    private static TraceHop OutletHop(Installation inst, PowerReport report, PowerOutlet outlet)
    {
        long allocated = 0;
        foreach (var portId in FarEnds(inst, TerminationKind.PowerOutlet, outlet.Id, TerminationKind.PowerPort))
        {
            allocated += report.PortDraw(portId).AllocatedWatts;
        }
        long? available = null;
        long? legAllocated = null;
        double? percent = null;
        UtilizationStatus? status = null;
        string? leg = null;
        if (outlet.PowerPortId is { } inletId && report.DeviceRows(outlet.DeviceId) is { } rows)
        {
            var row = rows.FirstOrDefault(r => r.PortId == inletId);
            var legRow = row?.Legs.FirstOrDefault(l => l.Name == outlet.FeedLeg);
            if (legRow is not null)
            {
                leg = legRow.Name;
                legAllocated = legRow.AllocatedVoltAmps;
                available = legRow.AvailableVoltAmps;
                percent = legRow.Percent;
                status = percent is { } pc ? Utilization.Status(pc, report.Options) : null;
            }
        }
        return new(TraceHopKind.PowerOutlet, outlet.Id, new(TraceEntityKind.Device, outlet.DeviceId), DeviceName(inst, outlet.DeviceId), outlet.ToString(),
            allocated, available, leg, legAllocated, percent, status);
    }

    private static TraceHop FeedHop(Installation inst, PowerReport report, PowerFeed feed)
    {
        var feedReport = report.Feed(feed.Id);
        var utilization = feedReport?.Utilization;
        long available = feedReport?.AvailableVoltAmps ?? 0;
        return new(TraceHopKind.PowerFeed, feed.Id, new(TraceEntityKind.Feed, feed.Id),
            inst.PanelById.TryGetValue(feed.PowerPanelId, out var panel) ? panel.Name : null, feed.Name,
            utilization?.AllocatedVoltAmps ?? 0, available > 0 ? available : null, null, null, utilization?.Percent, utilization?.Status);
    }

    private static TraceHop PanelHop(Installation inst, PowerReport report, PowerPanel panel)
    {
        var load = PowerSummary.Panels(report).GetValueOrDefault(panel.Id);
        long available = load?.AvailableVoltAmps ?? 0;
        return new(TraceHopKind.PowerPanel, panel.Id, new(TraceEntityKind.Panel, panel.Id), null, panel.Name,
            load?.AllocatedVoltAmps ?? 0, available > 0 ? available : null, null, null, load?.Percent, load?.Status);
    }

    private static string? DeviceName(Installation inst, int deviceId) =>
        inst.DeviceById.TryGetValue(deviceId, out var d) ? inst.DeviceDisplay(d) : null;

    private static IEnumerable<PowerPort> PortsOf(Installation inst, int deviceId) =>
        inst.PowerPorts.Where(p => p.DeviceId == deviceId).OrderBy(p => p.Name, NaturalComparer.Instance).ThenBy(p => p.Id);

    /// <summary>The first termination at the other end of the cable of (<paramref name="kind"/>, <paramref name="id"/>), by position.</summary>
    private static (TerminationKind Kind, int Id)? FarEnd(Installation inst, TerminationKind kind, int id)
    {
        if (!inst.CableOf.TryGetValue((kind, id), out var link))
        {
            return null;
        }
        var other = link.End == CableEnd.A ? CableEnd.B : CableEnd.A;
        var far = link.Cable.End(other).OrderBy(t => t.Position).FirstOrDefault();
        return far is null ? null : (far.Kind, far.ObjectId);
    }

    private static IEnumerable<int> FarEnds(Installation inst, TerminationKind kind, int id, TerminationKind wanted)
    {
        if (!inst.CableOf.TryGetValue((kind, id), out var link))
        {
            return [];
        }
        var other = link.End == CableEnd.A ? CableEnd.B : CableEnd.A;
        return link.Cable.End(other).Where(t => t.Kind == wanted).OrderBy(t => t.Position).Select(t => t.ObjectId);
    }

    /// <summary>Outlets by device and by power port, each group in natural name order; built on first use, O(outlets).</summary>
    private sealed class OutletIndex(Installation inst)
    {
        private ILookup<int, PowerOutlet>? _byDevice;
        private ILookup<int, PowerOutlet>? _byPort;

        public IEnumerable<PowerOutlet> OfDevice(int deviceId) =>
            Sorted((_byDevice ??= inst.PowerOutlets.ToLookup(o => o.DeviceId))[deviceId]);

        public IEnumerable<PowerOutlet> OfPort(int portId) =>
            Sorted((_byPort ??= inst.PowerOutlets.Where(o => o.PowerPortId is not null).ToLookup(o => o.PowerPortId!.Value))[portId]);

        private static IEnumerable<PowerOutlet> Sorted(IEnumerable<PowerOutlet> outlets) =>
            outlets.OrderBy(o => o.Name, NaturalComparer.Instance).ThenBy(o => o.Id);
    }
}

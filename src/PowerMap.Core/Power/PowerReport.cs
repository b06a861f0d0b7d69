using PowerMap.Core.Dcim;
using PowerMap.Core.Topology;

namespace PowerMap.Core.Power;

/// <summary>One feed leg of a port's draw (power-model.md §3), watts.</summary>
public sealed record LegDraw(string Name, long AllocatedWatts, long MaximumWatts, int OutletCount);

/// <summary>NetBox's <c>get_power_draw()</c>: watts (shown as VA with power factor 1), outlet count and legs.</summary>
public sealed record PortDraw(long AllocatedWatts, long MaximumWatts, int OutletCount, IReadOnlyList<LegDraw> Legs)
{
    public static PortDraw Zero { get; } = new(0, 0, 0, []);
}

/// <summary>A feed's load against its capacity; percent and classes are null when the capacity is 0 VA.</summary>
public sealed record FeedUtilization(long AllocatedVoltAmps, long MaximumVoltAmps, long AvailableVoltAmps, double? Percent, UtilizationStatus? Status, string? BarClass);

/// <summary>Everything computed for one feed.</summary>
public sealed record FeedReport(int FeedId, long AvailableVoltAmps, int? ConnectedPortId, FeedUtilization? Utilization)
{
    public long? RemainingVoltAmps => Utilization is null ? null : AvailableVoltAmps - Utilization.AllocatedVoltAmps;
}

/// <summary>One leg row of the device power panel.</summary>
public sealed record DevicePowerLegRow(string Name, int OutletCount, long AllocatedVoltAmps, long? AvailableVoltAmps, double? Percent);

/// <summary>One port row of the device power panel (NetBox's device "Power Utilization" table).</summary>
public sealed record DevicePowerRow(int PortId, string Port, int OutletCount, long AllocatedVoltAmps, long? AvailableVoltAmps, double? Percent, IReadOnlyList<DevicePowerLegRow> Legs);

/// <summary>
/// Every computed power number of an installation, from one pass over a <see cref="PowerGraph"/>:
/// the draw of every port (recursive roll-up with legs), every feed's capacity and utilization,
/// every rack's utilization and every device's power panel. Immutable; <see cref="WithPortDraw"/> gives the
/// report after a draw edit by recomputing only the edited port's upstream chain.
/// </summary>
public sealed class PowerReport
{
    private static readonly string[] LegNames = ["A", "B", "C"];

    public PowerGraph Graph { get; }
    public UtilizationOptions Options { get; }

    // Per port and per device: chunked, so that an update copies the chunks it changes (no large array per write).
    private readonly ChunkedList<PortDraw> _ports;
    private readonly FeedReport[] _feeds;
    private readonly double[] _racks;
    private readonly ChunkedList<IReadOnlyList<DevicePowerRow>?> _devices;

    private PowerReport(PowerGraph graph, UtilizationOptions options, ChunkedList<PortDraw> ports, FeedReport[] feeds, double[] racks, ChunkedList<IReadOnlyList<DevicePowerRow>?> devices)
    {
        Graph = graph;
        Options = options;
        _ports = ports;
        _feeds = feeds;
        _racks = racks;
        _devices = devices;
    }

    public Installation Installation => Graph.Installation;

    public static PowerReport Compute(Installation installation, UtilizationOptions? options = null) =>
        Compute(PowerGraph.Build(installation), options);

    public static PowerReport Compute(PowerGraph graph, UtilizationOptions? options = null)
    {
        options ??= UtilizationOptions.Default;
        var totals = new (long Allocated, long Maximum)[graph.PortCount];
        var calc = new DrawCalculator(graph, p => totals[p]);
        calc.FillMemo(totals);
        var ports = ChunkedList<PortDraw>.From([]);
        for (int p = 0; p < graph.PortCount; p++)
        {
            ports.Add(calc.Draw(p));
        }
        var feeds = new FeedReport[graph.FeedCount];
        for (int f = 0; f < feeds.Length; f++)
        {
            feeds[f] = FeedOf(graph, f, ports, options);
        }
        var racks = new double[graph.RackIds.Length];
        for (int r = 0; r < racks.Length; r++)
        {
            racks[r] = RackOf(graph, r, ports);
        }
        var devices = ChunkedList<IReadOnlyList<DevicePowerRow>?>.From([]);
        for (int d = 0; d < graph.DeviceIds.Length; d++)
        {
            devices.Add(DeviceOf(graph, d, ports));
        }
        return new PowerReport(graph, options, ports, feeds, racks, devices);
    }

    public PortDraw PortDraw(int portId) => Graph.PortIndex.TryGetValue(portId, out var i) ? _ports[i] : Power.PortDraw.Zero;

    public FeedReport? Feed(int feedId) => Graph.FeedIndex.TryGetValue(feedId, out var i) ? _feeds[i] : null;

    /// <summary>Rack power utilization in percent (one decimal), 0 when its feeds have no capacity.</summary>
    public double RackUtilization(int rackId) => Graph.RackIndex.TryGetValue(rackId, out var i) ? _racks[i] : 0;

    /// <summary>The device power panel rows, or null for a device without both power ports and outlets.</summary>
    public IReadOnlyList<DevicePowerRow>? DeviceRows(int deviceId) => Graph.DeviceIndex.TryGetValue(deviceId, out var i) ? _devices[i] : null;

    public IReadOnlyList<FeedReport> Feeds => _feeds;

    /// <summary>The draw of the port at a graph index (the failure analyses read the report by index).</summary>
    internal PortDraw PortDrawAt(int portIndex) => _ports[portIndex];

    /// <summary>
    /// The same numbers over an installation that differs from this one's only in what the power engine does not read
    /// (see <see cref="PowerGraph.WithInstallation"/>): O(1), nothing is recomputed.
    /// </summary>
    public PowerReport WithInstallation(Installation installation) =>
        new(Graph.WithInstallation(installation), Options, _ports, _feeds, _racks, _devices);

    /// <summary>
    /// The report after one port's allocated/maximum draw changed: the port and its ancestors are recomputed
    /// (bottom-up, memo reused), then only the feeds, racks and devices that see them.
    /// </summary>
    public PowerReport WithPortDraw(int portId, int? allocatedWatts, int? maximumWatts) =>
        WithPortDraw(Installation, portId, allocatedWatts, maximumWatts);

    /// <summary>As <see cref="WithPortDraw(int, int?, int?)"/>, for the installation after the edit.</summary>
    public PowerReport WithPortDraw(Installation installation, int portId, int? allocatedWatts, int? maximumWatts)
    {
        if (!Graph.PortIndex.TryGetValue(portId, out var pi))
        {
            return this;
        }
        var graph = Graph.WithPortDraw(installation, pi, allocatedWatts, maximumWatts);
        var affected = new List<int> { pi };
        var mark = new HashSet<int> { pi };
        for (int k = 0; k < affected.Count; k++)
        {
            foreach (var parent in graph.PortParents[affected[k]])
            {
                if (mark.Add(parent))
                {
                    affected.Add(parent);
                }
            }
        }
        foreach (var p in affected)
        {
            if (!graph.PortTreeLike[p])
            {
                return Compute(graph, Options); // loops or shared subtrees: the exact walk is global
            }
        }
        affected.Sort((a, b) => graph.PostOrderPosition[a].CompareTo(graph.PostOrderPosition[b]));

        var ports = _ports;
        var calc = new DrawCalculator(graph, q => TotalOf(ports[q]));
        foreach (var p in affected)
        {
            ports = ports.SetItem(p, calc.Draw(p, recomputeTotal: true));
        }

        var feeds = _feeds;
        var racks = _racks;
        var devices = _devices;
        for (int f = 0; f < graph.FeedCount; f++)
        {
            if (graph.FeedPeerPorts[f].Any(mark.Contains))
            {
                if (ReferenceEquals(feeds, _feeds))
                {
                    feeds = (FeedReport[])_feeds.Clone();
                    racks = (double[])_racks.Clone();
                }
                feeds[f] = FeedOf(graph, f, ports, Options);
                if (graph.Installation.PowerFeeds[f].RackId is { } rid && graph.RackIndex.TryGetValue(rid, out var ri))
                {
                    racks[ri] = RackOf(graph, ri, ports);
                }
            }
        }
        foreach (var p in affected)
        {
            if (graph.DeviceIndex.TryGetValue(graph.PortDevice[p], out var di) && graph.DevicePanelPorts[di] is not null)
            {
                devices = devices.SetItem(di, DeviceOf(graph, di, ports));
            }
        }
        return new PowerReport(graph, Options, ports, feeds, racks, devices);
    }

    /// <summary>
    /// The report over <paramref name="installation"/>, this report's installation with <paramref name="change"/> applied.
    /// A change to power ports, outlets and cables patches the graph (<see cref="PowerGraph.TryPatch"/>) and recomputes
    /// the touched ports and their ancestors, then only the feeds, racks and devices that see them; anything else, or a
    /// touched chain that is not a tree (loops, shared subtrees: the exact walk is global), is computed in full.
    /// </summary>
    public PowerReport WithChange(Installation installation, Change change)
    {
        if (PowerGraph.TryPatch(Graph, installation, change) is not var (graph, delta))
        {
            return Compute(installation, Options);
        }
        var affected = new List<int>(delta.Ports);
        var mark = new HashSet<int>(delta.Ports);
        for (int k = 0; k < affected.Count; k++)
        {
            foreach (var parent in graph.PortParents[affected[k]])
            {
                if (mark.Add(parent))
                {
                    affected.Add(parent);
                }
            }
        }
        foreach (var p in affected)
        {
            if (!graph.PortTreeLike[p])
            {
                return Compute(graph, Options);
            }
        }
        affected.Sort((a, b) => graph.PostOrderPosition[a].CompareTo(graph.PostOrderPosition[b]));

        // Carried over by position (a new port's entry is null until it is computed below).
        var ports = ChunkedList<PortDraw>.Carry(_ports, delta.PortFrom, delta.PortIdentity, graph.PortCount);
        var calc = new DrawCalculator(graph, q => ports[q] is { } draw ? TotalOf(draw) : default);
        foreach (var p in affected)
        {
            ports = ports.SetItem(p, calc.Draw(p, recomputeTotal: true));
        }

        var feeds = (FeedReport[])_feeds.Clone();
        var racks = (double[])_racks.Clone();
        for (int f = 0; f < graph.FeedCount; f++)
        {
            if (delta.Feeds.Contains(f) || graph.FeedPeerPorts[f].Any(mark.Contains) || !ReferenceEquals(graph.FeedPeerPorts[f], Graph.FeedPeerPorts[f]))
            {
                feeds[f] = FeedOf(graph, f, ports, Options);
                if (graph.Installation.PowerFeeds[f].RackId is { } rid && graph.RackIndex.TryGetValue(rid, out var ri))
                {
                    racks[ri] = RackOf(graph, ri, ports);
                }
            }
        }
        var devices = _devices;
        var touchedDevices = new HashSet<int>(delta.Devices);
        foreach (var p in affected)
        {
            if (graph.DeviceIndex.TryGetValue(graph.PortDevice[p], out var di))
            {
                touchedDevices.Add(di);
            }
        }
        foreach (var d in touchedDevices)
        {
            devices = devices.SetItem(d, DeviceOf(graph, d, ports));
        }
        return new PowerReport(graph, Options, ports, feeds, racks, devices);
    }

    private static FeedReport FeedOf(PowerGraph graph, int f, ChunkedList<PortDraw> ports, UtilizationOptions options)
    {
        long available = graph.FeedAvailable[f];
        var peers = graph.FeedPeerPorts[f];
        if (peers.Length == 0)
        {
            return new FeedReport(graph.FeedIds[f], available, null, null);
        }
        var draw = ports[peers[0]];
        var percent = Utilization.Percent(draw.AllocatedWatts, available);
        var utilization = new FeedUtilization(draw.AllocatedWatts, draw.MaximumWatts, available, percent,
            percent is { } pc ? Utilization.Status(pc, options) : null,
            percent is { } pb ? Utilization.BarClass(pb) : null);
        return new FeedReport(graph.FeedIds[f], available, graph.PortIds[peers[0]], utilization);
    }

    /// <summary>NetBox <c>Rack.get_power_utilization</c>: Σ allocated of every port cabled to the rack's feeds / Σ their available.</summary>
    private static double RackOf(PowerGraph graph, int r, ChunkedList<PortDraw> ports)
    {
        var (allocated, available) = RackSums(graph, r, ports);
        return available == 0 ? 0 : Utilization.Percent(allocated, available)!.Value;
    }

    /// <summary>A rack's Σ allocated VA of the ports cabled to its feeds and Σ of their available VA (the terms of <see cref="RackUtilization"/>); zeros for an unknown rack.</summary>
    public (long AllocatedVoltAmps, long AvailableVoltAmps) RackLoad(int rackId) =>
        Graph.RackIndex.TryGetValue(rackId, out var i) ? RackSums(Graph, i, _ports) : (0, 0);

    private static (long Allocated, long Available) RackSums(PowerGraph graph, int r, ChunkedList<PortDraw> ports)
    {
        long available = 0, allocated = 0;
        foreach (var f in graph.RackFeeds[r])
        {
            available += graph.FeedAvailable[f];
            foreach (var p in graph.FeedPeerPorts[f])
            {
                allocated += ports[p].AllocatedWatts;
            }
        }
        return (allocated, available);
    }

    private static (long Allocated, long Maximum) TotalOf(PortDraw draw) => (draw.AllocatedWatts, draw.MaximumWatts);

    private static IReadOnlyList<DevicePowerRow>? DeviceOf(PowerGraph graph, int d, ChunkedList<PortDraw> ports)
    {
        var panelPorts = graph.DevicePanelPorts[d];
        if (panelPorts is null)
        {
            return null;
        }
        var rows = new DevicePowerRow[panelPorts.Length];
        for (int k = 0; k < panelPorts.Length; k++)
        {
            int p = panelPorts[k];
            var draw = ports[p];
            long? available = graph.PortFeed[p] is var f && f != PowerGraph.None && graph.FeedAvailable[f] > 0 ? graph.FeedAvailable[f] : null;
            var legs = new DevicePowerLegRow[draw.Legs.Count];
            long? legAvailable = available is { } a ? PythonRound.ToInteger(a / 3.0) : null;
            for (int l = 0; l < legs.Length; l++)
            {
                var leg = draw.Legs[l];
                legs[l] = new DevicePowerLegRow(leg.Name, leg.OutletCount, leg.AllocatedWatts, legAvailable,
                    legAvailable is { } la ? Utilization.Percent(leg.AllocatedWatts, la) : null);
            }
            rows[k] = new DevicePowerRow(graph.PortIds[p], graph.Installation.PowerPorts[p].ToString(), draw.OutletCount, draw.AllocatedWatts,
                available, available is { } av ? Utilization.Percent(draw.AllocatedWatts, av) : null, legs);
        }
        return rows;
    }

    /// <summary>
    /// The recursive roll-up of power-model.md §3. Ports whose descendants form a tree are summed bottom-up once
    /// (memo); the rest follow NetBox's walk exactly, with a visited set per chain, in NetBox's port order.
    /// <paramref name="total"/> is the memo: a tree-like port's (allocated, maximum), which equals its computed draw
    /// (so an update reads it from the report's port draws instead of copying them into an array).
    /// </summary>
    private sealed class DrawCalculator(PowerGraph graph, Func<int, (long Allocated, long Maximum)> total)
    {
        private bool IsManual(int p) => graph.PortAllocated[p] is not null || graph.PortMaximum[p] is not null;

        /// <summary>Fills <paramref name="totals"/> (the memo this calculator reads) for every tree-like port, children first.</summary>
        public void FillMemo((long Allocated, long Maximum)[] totals)
        {
            foreach (var p in graph.PostOrder)
            {
                if (graph.PortTreeLike[p])
                {
                    totals[p] = TreeTotal(p);
                }
            }
        }

        private (long, long) TreeTotal(int p)
        {
            if (IsManual(p))
            {
                return (graph.PortAllocated[p] ?? 0, graph.PortMaximum[p] ?? 0);
            }
            long allocated = 0, maximum = 0;
            foreach (var c in graph.PortDownstream[p])
            {
                var (a, m) = total(c);
                allocated += a;
                maximum += m;
            }
            return (allocated, maximum);
        }

        public PortDraw Draw(int p, bool recomputeTotal = false)
        {
            int outletCount = graph.PortOutlets[p].Length;
            if (IsManual(p))
            {
                return new PortDraw(graph.PortAllocated[p] ?? 0, graph.PortMaximum[p] ?? 0, outletCount, []);
            }
            var (allocated, maximum) = graph.PortTreeLike[p]
                ? (recomputeTotal ? TreeTotal(p) : total(p))
                : Exact(p, []);
            IReadOnlyList<LegDraw> legs = [];
            if (graph.PortLegFeed[p] != PowerGraph.None)
            {
                var legList = new LegDraw[3];
                for (byte leg = 1; leg <= 3; leg++)
                {
                    // Below a tree-like port every port is reached once: the sum does not depend on the order (and
                    // the rank, a sort of every port, is not needed).
                    var down = graph.Downstream(graph.PortOutlets[p], leg);
                    if (!graph.PortTreeLike[p])
                    {
                        down = Ordered(down);
                    }
                    var (la, lm) = Aggregate(down, [p]);
                    int count = 0;
                    foreach (var o in graph.PortOutlets[p])
                    {
                        if (graph.OutletLeg[o] == leg)
                        {
                            count++;
                        }
                    }
                    legList[leg - 1] = new LegDraw(LegNames[leg - 1], la, lm, count);
                }
                legs = legList;
            }
            return new PortDraw(allocated, maximum, outletCount, legs);
        }

        /// <summary>NetBox <c>get_power_draw(_seen)</c> for an auto port.</summary>
        private (long, long) Exact(int p, HashSet<int> inheritedSeen)
        {
            var baseSeen = new HashSet<int>(inheritedSeen) { p };
            return Aggregate(Ordered(graph.PortDownstream[p]), baseSeen);
        }

        /// <summary>NetBox <c>_aggregate</c>: each port not yet seen on this chain adds its own draw.</summary>
        private (long, long) Aggregate(int[] ports, HashSet<int> seen)
        {
            long allocated = 0, maximum = 0;
            foreach (var q in ports)
            {
                if (!seen.Add(q))
                {
                    continue;
                }
                var (a, m) = IsManual(q) ? (graph.PortAllocated[q] ?? 0, graph.PortMaximum[q] ?? 0)
                    : graph.PortTreeLike[q] ? total(q)
                    : Exact(q, seen);
                allocated += a;
                maximum += m;
            }
            return (allocated, maximum);
        }

        private int[] Ordered(int[] ports)
        {
            if (ports.Length < 2)
            {
                return ports;
            }
            var rank = graph.PortRank;
            var copy = (int[])ports.Clone();
            Array.Sort(copy, (a, b) => rank[a].CompareTo(rank[b]));
            return copy;
        }
    }
}

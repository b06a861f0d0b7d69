using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Layout;

/// <summary>
/// The nodes and edges of the power topology diagram, before layout: the semantic-zoom level of one site.
/// <para>
/// Nodes: panels, feeds, distribution devices (a device with power outlets: PDU, UPS; tier 2 + cascade depth),
/// devices (power ports, no outlets) and aggregates (what a collapsed node hides). Edges: panel → feed, feed → the
/// device of the port cabled to it, outlet device → port device (one edge per downstream port), node → its aggregate.
/// A cable from a device's outlet to its own port (an internal fuse) draws no edge.
/// </para>
/// <para>
/// Zoom: a node is collapsed (children hidden in its aggregate), structural (feeds and distribution children shown,
/// devices aggregated) or expanded (all children shown). Small scopes start fully expanded; otherwise the overview
/// makes whole tiers structural from the panels down as long as the view stays within
/// <see cref="TopologyViewOptions.MaxNodes"/>: panels → feeds → PDUs, each PDU with an aggregate of its devices.
/// When a tier only fits without the aggregate boxes they are left out (hidden children are still counted on
/// every node: <see cref="TopologyNode.DeviceCount"/>), so a site of ~100 racks still shows its PDUs.
/// User expansions come next in order; the first that does not fit, and everything after it, is dropped and
/// <see cref="Truncated"/> is set. A device edge is drawn only from an expanded parent: a dual-corded server shown
/// under its expanded PDU also stays counted in the aggregate of its other, collapsed, PDU.
/// </para>
/// <para>Deterministic: the same installation and options give the same nodes and edges in the same order.</para>
/// </summary>
public sealed class TopologyView
{
    public TopologyView(IReadOnlyList<TopologyNode> nodes, IReadOnlyList<TopologyEdge> edges, bool truncated = false, bool isFullyExpanded = false, int unpoweredDeviceCount = 0)
    {
        Nodes = nodes;
        Edges = edges;
        Truncated = truncated;
        IsFullyExpanded = isFullyExpanded;
        UnpoweredDeviceCount = unpoweredDeviceCount;
    }

    /// <summary>Ordered by tier, then by the seed order (site, rack, side A before B, name, id).</summary>
    public IReadOnlyList<TopologyNode> Nodes { get; }

    /// <summary>Ordered by source node, then target node, then port.</summary>
    public IReadOnlyList<TopologyEdge> Edges { get; }

    /// <summary>True when a requested expansion (expand-all or a user expansion) was dropped to respect the node limit.</summary>
    public bool Truncated { get; }

    /// <summary>True when every node of the scope is shown (no aggregate, unpowered devices included).</summary>
    public bool IsFullyExpanded { get; }

    /// <summary>Devices with power ports of which none leads to a feed or outlet in scope; shown only when fully expanded or by their rack.</summary>
    public int UnpoweredDeviceCount { get; }

    /// <summary>Builds the view of <paramref name="installation"/>; with a <paramref name="report"/> nodes and edges carry their load.</summary>
    public static TopologyView Build(Installation installation, TopologyViewOptions? options = null, PowerReport? report = null)
    {
        ArgumentNullException.ThrowIfNull(installation);
        options ??= TopologyViewOptions.Default;
        var graph = ScopeGraph.Create(installation, options.SiteId);
        var zoom = new Disclosure(graph, options);
        zoom.Run();
        return Emit(installation, graph, zoom, report);
    }

    private static TopologyView Emit(Installation installation, ScopeGraph g, Disclosure zoom, PowerReport? report)
    {
        int n = g.Count;
        var visible = zoom.Visible;

        // Output slots: every visible node, and an aggregate after each node with hidden children.
        var slots = new List<(int Tier, int Rank, bool Aggregate, int Node)>();
        for (int u = 0; u < n; u++)
        {
            if (!visible[u])
            {
                continue;
            }
            slots.Add((g.Tier[u], g.SeedRank[u], false, u));
            int minHidden = int.MaxValue;
            for (int k = g.ChildStart[u]; k < g.ChildStart[u + 1]; k++)
            {
                if (!zoom.Drawn(u, g.Child[k]))
                {
                    minHidden = Math.Min(minHidden, g.Tier[g.Child[k]]);
                }
            }
            if (minHidden != int.MaxValue && zoom.AggregatesShown)
            {
                slots.Add((Math.Max(g.Tier[u] + 1, minHidden), g.SeedRank[u], true, u));
            }
        }
        slots.Sort((a, b) =>
        {
            int c = a.Tier.CompareTo(b.Tier);
            if (c == 0) c = a.Rank.CompareTo(b.Rank);
            return c != 0 ? c : a.Aggregate.CompareTo(b.Aggregate);
        });

        var counter = new DescendantCounter(g);
        var nodes = new TopologyNode[slots.Count];
        var slotOf = new int[n];
        var aggregateSlot = new int[n];
        var hidden = new List<int>();
        for (int s = 0; s < slots.Count; s++)
        {
            var (tier, _, isAggregate, u) = slots[s];
            string? side = ScopeGraph.SideName(g.Side[u]);
            if (!isAggregate)
            {
                slotOf[u] = s;
                hidden.Clear();
                hidden.Add(u);
                var (devices, distribution, feeds) = counter.Below(hidden, includeStarts: false);
                if (g.Kind[u] == NodeKind.Device)
                {
                    devices = 1;
                }
                nodes[s] = new TopologyNode(g.Id[u], g.Kind[u], tier, g.EntityId[u], g.Label[u], g.SiteName[u], g.RackId[u], g.RackName[u],
                    side, null, !zoom.HasHidden(u), devices, distribution, feeds, report is null ? null : NodeLoad(g, report, u), g.LocationName[u]);
            }
            else
            {
                aggregateSlot[u] = s;
                hidden.Clear();
                long load = 0;
                for (int k = g.ChildStart[u]; k < g.ChildStart[u + 1]; k++)
                {
                    if (!zoom.Drawn(u, g.Child[k]))
                    {
                        hidden.Add(g.Child[k]);
                        load += report is null ? 0 : EdgeLoad(g, report, k);
                    }
                }
                var (devices, distribution, feeds) = counter.Below(hidden, includeStarts: true);
                nodes[s] = new TopologyNode(TopologyNodeId.Aggregate(g.Id[u]), NodeKind.Aggregate, tier, g.EntityId[u], g.Label[u], g.SiteName[u],
                    g.RackId[u], g.RackName[u], side, g.Id[u], false, devices, distribution, feeds, report is null ? null : load, g.LocationName[u]);
            }
        }

        var edges = new List<TopologyEdge>();
        var outgoing = new List<(int Slot, int Port, int Edge)>();
        for (int s = 0; s < slots.Count; s++)
        {
            var (_, _, isAggregate, u) = slots[s];
            if (isAggregate)
            {
                continue;
            }
            outgoing.Clear();
            for (int k = g.ChildStart[u]; k < g.ChildStart[u + 1]; k++)
            {
                int c = g.Child[k];
                if (zoom.Drawn(u, c))
                {
                    outgoing.Add((slotOf[c], g.ChildPort[k], k));
                }
            }
            if (zoom.AggregatesShown && zoom.HasHidden(u))
            {
                outgoing.Add((aggregateSlot[u], ScopeGraph.NoPort, -1));
            }
            outgoing.Sort();
            foreach (var (slot, port, k) in outgoing)
            {
                if (k < 0)
                {
                    edges.Add(new TopologyEdge(g.Id[u], nodes[slot].Id, null, ScopeGraph.SideName(g.Side[u]), nodes[slot].AllocatedWatts));
                    continue;
                }
                string? side = ScopeGraph.SideName(g.Kind[u] == NodeKind.Panel ? g.Side[g.Child[k]] : g.Side[u]);
                edges.Add(new TopologyEdge(g.Id[u], nodes[slot].Id, port == ScopeGraph.NoPort ? null : port, side,
                    report is null ? null : EdgeLoad(g, report, k), PlannedCable(installation, port)));
            }
        }
        return new TopologyView(nodes, edges, zoom.Truncated, zoom.FullyExpanded, zoom.UnpoweredCount);
    }

    /// <summary>True when the cable on power port <paramref name="port"/> is planned (NetBox status).</summary>
    private static bool PlannedCable(Installation installation, int port) =>
        port != ScopeGraph.NoPort && installation.CableOf.TryGetValue((TerminationKind.PowerPort, port), out var link)
        && PlannedChanges.IsPlanned(link.Cable);

    private static long NodeLoad(ScopeGraph g, PowerReport report, int u)
    {
        switch (g.Kind[u])
        {
            case NodeKind.Panel:
                long sum = 0;
                for (int k = g.ChildStart[u]; k < g.ChildStart[u + 1]; k++)
                {
                    sum += FeedLoad(g, report, g.Child[k]);
                }
                return sum;
            case NodeKind.Feed:
                return FeedLoad(g, report, u);
            default:
                long watts = 0;
                foreach (var port in g.Ports[u])
                {
                    watts += report.PortDraw(port).AllocatedWatts;
                }
                return watts;
        }
    }

    private static long EdgeLoad(ScopeGraph g, PowerReport report, int k) =>
        g.ChildPort[k] == ScopeGraph.NoPort ? FeedLoad(g, report, g.Child[k]) : report.PortDraw(g.ChildPort[k]).AllocatedWatts;

    private static long FeedLoad(ScopeGraph g, PowerReport report, int feedNode) =>
        g.Kind[feedNode] == NodeKind.Feed ? report.Feed(g.EntityId[feedNode])?.Utilization?.AllocatedVoltAmps ?? 0 : 0;

    /// <summary>Distinct descendants by kind, with a stamp array so repeated walks cost no allocation.</summary>
    private sealed class DescendantCounter(ScopeGraph g)
    {
        private readonly int[] _stamp = new int[g.Count];
        private readonly Stack<int> _stack = new();
        private int _current;

        public (int Devices, int Distribution, int Feeds) Below(List<int> starts, bool includeStarts)
        {
            _current++;
            int devices = 0, distribution = 0, feeds = 0;
            void Visit(int v)
            {
                if (_stamp[v] == _current)
                {
                    return;
                }
                _stamp[v] = _current;
                _stack.Push(v);
                switch (g.Kind[v])
                {
                    case NodeKind.Device: devices++; break;
                    case NodeKind.Distribution: distribution++; break;
                    case NodeKind.Feed: feeds++; break;
                }
            }
            foreach (var s in starts)
            {
                if (includeStarts)
                {
                    Visit(s);
                }
                else
                {
                    _stamp[s] = _current;
                    _stack.Push(s);
                }
            }
            while (_stack.Count > 0)
            {
                int u = _stack.Pop();
                for (int k = g.ChildStart[u]; k < g.ChildStart[u + 1]; k++)
                {
                    Visit(g.Child[k]);
                }
            }
            return (devices, distribution, feeds);
        }
    }
}

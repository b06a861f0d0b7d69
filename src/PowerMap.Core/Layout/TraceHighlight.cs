using System.Globalization;
using PowerMap.Core.Analysis;

namespace PowerMap.Core.Layout;

/// <summary>How a node or edge of the diagram takes part in a trace; a panel feeding both sides is <c>SideA | SideB</c>.</summary>
[Flags]
public enum TraceRole
{
    None = 0,

    /// <summary>The traced node itself.</summary>
    Selected = 1,

    /// <summary>On an upstream chain.</summary>
    Upstream = 2,

    /// <summary>On an upstream chain whose feed is an A feed.</summary>
    SideA = 4,

    /// <summary>On an upstream chain whose feed is a B feed.</summary>
    SideB = 8,

    /// <summary>Powered by the traced node (below it).</summary>
    Downstream = 16,
}

/// <summary>
/// A <see cref="PathTraceResult"/> mapped onto the nodes and edges of one <see cref="TopologyView"/>: what to highlight.
/// Objects the view does not show (hidden in an aggregate) are left out, except that the aggregate of a highlighted
/// node and the edge to it count as downstream.
/// </summary>
/// <param name="Nodes">Role by node id; nodes not listed are off the trace (dimmed).</param>
/// <param name="Edges">Role by edge key (<see cref="EdgeKey(TopologyEdge)"/>).</param>
/// <param name="ChainSides">The side ("A"/"B", or null) of each upstream chain, in the trace's order.</param>
public sealed record TraceHighlight(IReadOnlyDictionary<string, TraceRole> Nodes, IReadOnlyDictionary<string, TraceRole> Edges, IReadOnlyList<string?> ChainSides)
{
    public static TraceHighlight Empty { get; } = new(new Dictionary<string, TraceRole>(), new Dictionary<string, TraceRole>(), []);

    public TraceRole NodeRole(string nodeId) => Nodes.GetValueOrDefault(nodeId);

    public TraceRole EdgeRole(TopologyEdge edge) => Edges.GetValueOrDefault(EdgeKey(edge));

    /// <summary>A stable key of an edge: <c>from&gt;to#port</c> (<c>#</c> alone without a port).</summary>
    public static string EdgeKey(TopologyEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return EdgeKey(edge.From, edge.To, edge.PortId);
    }

    public static string EdgeKey(string from, string to, int? portId) =>
        from + ">" + to + "#" + (portId?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>The node id of a traced object.</summary>
    public static string NodeId(TraceEntity entity) => entity.Kind switch
    {
        TraceEntityKind.Panel => TopologyNodeId.Panel(entity.Id),
        TraceEntityKind.Feed => TopologyNodeId.Feed(entity.Id),
        _ => TopologyNodeId.Device(entity.Id),
    };

    /// <summary>Maps <paramref name="trace"/> onto <paramref name="view"/>.</summary>
    public static TraceHighlight Build(TopologyView view, PathTraceResult trace)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(trace);
        var shown = view.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var edgeKeys = new HashSet<string>(view.Edges.Select(EdgeKey), StringComparer.Ordinal);
        var nodes = new Dictionary<string, TraceRole>(StringComparer.Ordinal);
        var edges = new Dictionary<string, TraceRole>(StringComparer.Ordinal);

        void Mark(Dictionary<string, TraceRole> roles, string key, TraceRole role)
        {
            roles[key] = roles.GetValueOrDefault(key) | role;
        }

        string start = NodeId(trace.Start);
        if (shown.ContainsKey(start))
        {
            Mark(nodes, start, TraceRole.Selected);
        }

        var sides = new List<string?>();
        for (int c = 0; c < trace.Upstream.Count; c++)
        {
            var chain = trace.Upstream[c];
            string? side = chain.FeedId is { } feedId && shown.TryGetValue(TopologyNodeId.Feed(feedId), out var feedNode) ? feedNode.Side : null;
            side ??= chain.FeedId is null ? null : c % 2 == 0 ? "A" : "B";
            sides.Add(side);
            var role = TraceRole.Upstream | side switch { "A" => TraceRole.SideA, "B" => TraceRole.SideB, _ => TraceRole.None };

            // Walk the hops downstream → upstream; each change of node is one drawn edge upstream → downstream,
            // through the last port hop seen on the downstream node (none for panel → feed).
            string? below = null;
            int? belowPort = null;
            foreach (var hop in chain.Hops)
            {
                string id = NodeId(hop.Entity);
                if (below is not null && id != below)
                {
                    string key = EdgeKey(id, below, hop.Kind == TraceHopKind.PowerPanel ? null : belowPort);
                    if (edgeKeys.Contains(key))
                    {
                        Mark(edges, key, role);
                    }
                }
                if (id != start && shown.ContainsKey(id))
                {
                    Mark(nodes, id, role);
                }
                if (hop.Kind == TraceHopKind.PowerPort)
                {
                    belowPort = hop.Id;
                }
                below = id;
            }
        }

        var downstreamNodes = new HashSet<string>(StringComparer.Ordinal) { start };
        foreach (var step in trace.Downstream)
        {
            string from = NodeId(step.From), to = NodeId(step.To);
            if (shown.ContainsKey(to))
            {
                downstreamNodes.Add(to);
                if (to != start)
                {
                    Mark(nodes, to, TraceRole.Downstream);
                }
            }
            string key = EdgeKey(from, to, step.PortId);
            if (edgeKeys.Contains(key))
            {
                Mark(edges, key, TraceRole.Downstream);
            }
        }
        foreach (var node in view.Nodes)
        {
            if (node.Kind == NodeKind.Aggregate && node.ParentId is { } parent && downstreamNodes.Contains(parent))
            {
                Mark(nodes, node.Id, TraceRole.Downstream);
                string key = EdgeKey(parent, node.Id, null);
                if (edgeKeys.Contains(key))
                {
                    Mark(edges, key, TraceRole.Downstream);
                }
            }
        }
        return new TraceHighlight(nodes, edges, sides);
    }
}

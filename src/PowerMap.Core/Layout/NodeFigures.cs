using PowerMap.Core.Power;

namespace PowerMap.Core.Layout;

/// <summary>One feed leg of a distribution node: the leg's draw against a third of its feed (NetBox's leg rows).</summary>
public sealed record LegFigure(string Name, long AllocatedWatts, long? AvailableVoltAmps, double? Percent);

/// <summary>
/// The live numbers a node of the diagram shows: load, capacity, utilization and status, and the legs of a
/// three-phase inlet. Taken from the <see cref="PowerReport"/>; equal figures mean the node need not be redrawn.
/// </summary>
/// <param name="AllocatedWatts">The node's load in W (= VA): <see cref="TopologyNode.AllocatedWatts"/>.</param>
/// <param name="AvailableVoltAmps">Capacity in VA: a feed's available power; a panel's, the sum over its feeds; a
/// distribution device's, the sum over its inlets cabled straight to a feed; null without capacity.</param>
/// <param name="Percent">Utilization in percent, one decimal (NetBox rounding); may exceed 100.</param>
/// <param name="Status">Status of <paramref name="Percent"/> (75 / 90 % thresholds); null without a percent.</param>
/// <param name="Legs">A, B, C of a three-phase inlet; empty otherwise.</param>
public sealed record NodeFigures(long? AllocatedWatts, long? AvailableVoltAmps, double? Percent, UtilizationStatus? Status, IReadOnlyList<LegFigure> Legs)
{
    public static NodeFigures None { get; } = new(null, null, null, null, []);

    /// <summary>Over 100 % of the capacity.</summary>
    public bool IsOverCapacity => Percent > 100;

    /// <summary>A device (or PDU/UPS) with NetBox's status <c>planned</c>: drawn dashed until it is applied.</summary>
    public bool Planned { get; init; }

    /// <summary>Available − allocated, VA; negative when over capacity; null without capacity.</summary>
    public long? RemainingVoltAmps => AvailableVoltAmps is { } available ? available - (AllocatedWatts ?? 0) : null;

    public bool Equals(NodeFigures? other) =>
        other is not null && AllocatedWatts == other.AllocatedWatts && AvailableVoltAmps == other.AvailableVoltAmps &&
        Percent.Equals(other.Percent) && Status == other.Status && Planned == other.Planned && Legs.SequenceEqual(other.Legs);

    public override int GetHashCode() => HashCode.Combine(AllocatedWatts, AvailableVoltAmps, Percent, Status, Legs.Count);
}

/// <summary>Computes the <see cref="NodeFigures"/> of the nodes of a <see cref="TopologyView"/>. Pure.</summary>
public static class TopologyFigures
{
    /// <summary>The figures of every node of <paramref name="view"/>, by node id.</summary>
    public static IReadOnlyDictionary<string, NodeFigures> Compute(TopologyView view, PowerReport report)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(report);
        var panels = view.Nodes.Any(n => n.Kind == NodeKind.Panel) ? PowerSummary.Panels(report) : null;
        var result = new Dictionary<string, NodeFigures>(view.Nodes.Count, StringComparer.Ordinal);
        foreach (var node in view.Nodes)
        {
            result[node.Id] = For(node, report, panels);
        }
        return result;
    }

    /// <summary>
    /// A link is drawn dashed (planned) when its own cable is planned or when it feeds a planned device: a planned cable
    /// into an active PDU is a change under review as much as a planned server is.
    /// </summary>
    public static bool PlannedLink(TopologyEdge edge, IReadOnlyDictionary<string, NodeFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(figures);
        return edge.Planned || (figures.TryGetValue(edge.To, out var to) && to.Planned);
    }

    /// <summary>The figures of one node; <paramref name="panels"/> (from <see cref="PowerSummary.Panels"/>) saves recomputing panel loads.</summary>
    public static NodeFigures For(TopologyNode node, PowerReport report, IReadOnlyDictionary<int, PanelLoad>? panels = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(report);
        var figures = Numbers(node, report, panels);
        return node.Kind is NodeKind.Device or NodeKind.Distribution
            && report.Installation.DeviceById.TryGetValue(node.EntityId, out var device) && device.Status == "planned"
            ? figures with { Planned = true }
            : figures;
    }

    private static NodeFigures Numbers(TopologyNode node, PowerReport report, IReadOnlyDictionary<int, PanelLoad>? panels)
    {
        switch (node.Kind)
        {
            case NodeKind.Panel:
                var load = (panels ?? PowerSummary.Panels(report)).GetValueOrDefault(node.EntityId);
                return load is null || load.AvailableVoltAmps == 0
                    ? new NodeFigures(load?.AllocatedVoltAmps ?? node.AllocatedWatts, null, null, null, [])
                    : new NodeFigures(load.AllocatedVoltAmps, load.AvailableVoltAmps, load.Percent, load.Status, []);
            case NodeKind.Feed:
                var feed = report.Feed(node.EntityId);
                var utilization = feed?.Utilization;
                return new NodeFigures(utilization?.AllocatedVoltAmps ?? node.AllocatedWatts ?? 0,
                    feed is { AvailableVoltAmps: > 0 } ? feed.AvailableVoltAmps : null, utilization?.Percent, utilization?.Status, []);
            case NodeKind.Distribution:
                return Distribution(node, report);
            default:
                return new NodeFigures(node.AllocatedWatts, null, null, null, []);
        }
    }

    private static NodeFigures Distribution(TopologyNode node, PowerReport report)
    {
        var rows = report.DeviceRows(node.EntityId);
        if (rows is null)
        {
            return new NodeFigures(node.AllocatedWatts, null, null, null, []);
        }
        long available = 0, allocatedOnCapacity = 0;
        IReadOnlyList<LegFigure> legs = [];
        foreach (var row in rows)
        {
            if (row.AvailableVoltAmps is { } a)
            {
                available += a;
                allocatedOnCapacity += row.AllocatedVoltAmps;
            }
            if (legs.Count == 0 && row.Legs.Count > 0)
            {
                legs = row.Legs.Select(l => new LegFigure(l.Name, l.AllocatedVoltAmps, l.AvailableVoltAmps, l.Percent)).ToList();
            }
        }
        if (available == 0)
        {
            return new NodeFigures(node.AllocatedWatts, null, null, null, legs);
        }
        var percent = Utilization.Percent(allocatedOnCapacity, available);
        return new NodeFigures(node.AllocatedWatts, available, percent, percent is { } pc ? Utilization.Status(pc, report.Options) : null, legs);
    }
}

namespace PowerMap.Core.Layout;

/// <summary>A node's box.</summary>
/// <param name="Id">The <see cref="TopologyNode.Id"/>.</param>
/// <param name="Kind">The node kind (selects the widget).</param>
/// <param name="Tier">The node's tier; boxes of one tier share a row, rows go top to bottom by tier.</param>
/// <param name="Box">Position and size in diagram units.</param>
public sealed record NodeBox(string Id, NodeKind Kind, int Tier, Rect Box);

/// <summary>An edge's route: an orthogonal polyline that starts on the bottom border of the source box and ends on
/// the top border of the target box.</summary>
/// <param name="From">Source node id.</param>
/// <param name="To">Target node id.</param>
/// <param name="Points">At least two points, diagram units.</param>
/// <param name="PortId">The <see cref="TopologyEdge.PortId"/>.</param>
/// <param name="Side">The <see cref="TopologyEdge.Side"/>.</param>
/// <param name="IsBackEdge">The target's tier is not below the source's (a cabling loop); routed around the right of both boxes.</param>
public sealed record EdgePath(string From, string To, IReadOnlyList<Point> Points, int? PortId, string? Side, bool IsBackEdge);

/// <summary>The positioned diagram.</summary>
/// <param name="Nodes">One box per view node, in the view's order.</param>
/// <param name="Edges">One route per view edge, in the view's order.</param>
/// <param name="Bounds">Smallest rectangle holding every box, route point and group frame; it starts at x = 0, y = 0.</param>
/// <param name="Crossings">Edge crossings inside the groups, counted between adjacent tiers, each edge taken as a
/// straight segment between box centres (a long edge: to the target's x in its first band, vertical after). Edges between
/// groups (panel → feed, a cable to a neighbouring rack) run in the gaps between groups and are not counted.</param>
public sealed record LayoutResult(IReadOnlyList<NodeBox> Nodes, IReadOnlyList<EdgePath> Edges, Rect Bounds, long Crossings)
{
    /// <summary>The frames of the groups (sites, locations, rack cells), outermost first; drawn behind the nodes.</summary>
    public IReadOnlyList<GroupFrame> Groups { get; init; } = [];
}

/// <summary>What a <see cref="GroupFrame"/> stands for.</summary>
public enum GroupKind
{
    Site,
    Location,
    Rack,
}

/// <summary>A group of the layout: its name sits in the label band at the top of <paramref name="Box"/>.</summary>
/// <param name="Key">Stable key: <c>site:</c>name, <c>location:</c>site/name, <c>rack:</c>id (<c>rack:none:</c>location for unracked objects).</param>
/// <param name="Kind">Site, location or rack.</param>
/// <param name="Label">The name shown.</param>
/// <param name="Box">Frame in diagram units, label band included.</param>
public sealed record GroupFrame(string Key, GroupKind Kind, string Label, Rect Box);

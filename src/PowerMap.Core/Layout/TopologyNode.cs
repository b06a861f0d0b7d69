namespace PowerMap.Core.Layout;

/// <summary>What a node of the topology diagram stands for; each kind has its own tier band and widget.</summary>
public enum NodeKind
{
    /// <summary>A power panel (tier 0).</summary>
    Panel,

    /// <summary>A power feed (tier 1).</summary>
    Feed,

    /// <summary>A device with power outlets (PDU, UPS, ATS): tier 2 + its cascade depth.</summary>
    Distribution,

    /// <summary>A device with power ports and no outlets (server, router, switch): the last tier.</summary>
    Device,

    /// <summary>What a collapsed node hides, shown as one box ("12 devices") below it.</summary>
    Aggregate,
}

/// <summary>
/// One node of a <see cref="TopologyView"/>. Names come from the installation; counts and load are derived.
/// </summary>
/// <param name="Id">Stable id: <c>panel:3</c>, <c>feed:7</c>, <c>device:42</c>, or <c>agg:</c> + the collapsed node's id.</param>
/// <param name="Kind">What the node stands for.</param>
/// <param name="Tier">Row of the layered layout, 0 = panels; every drawn edge goes from a lower to a higher tier
/// unless the cabling has a loop.</param>
/// <param name="EntityId">Id of the panel, feed or device; for an aggregate, the id of the collapsed node's entity.</param>
/// <param name="Label">The entity name; for an aggregate, the name of the collapsed node.</param>
/// <param name="SiteName">Site of the entity.</param>
/// <param name="RackId">Rack of the feed or device (an aggregate inherits its parent's); null for panels and unracked objects.</param>
/// <param name="RackName">Name of <paramref name="RackId"/>.</param>
/// <param name="Side">"A" or "B": the side of the feed the node descends from through its first power port
/// (see <see cref="TopologyView"/> for the rule); null for panels and unpowered devices.</param>
/// <param name="ParentId">For an aggregate, the id of the node it hangs under; otherwise null.</param>
/// <param name="IsExpanded">True when every child of the node is drawn from it (nothing hidden below it; always
/// true for a node without children). False means a click can expand it (key: <paramref name="Id"/>).</param>
/// <param name="DeviceCount">Devices (without outlets) at or below the node, each counted once; for an aggregate,
/// the devices it stands for.</param>
/// <param name="DistributionCount">Distribution devices below the node (an aggregate: the hidden ones and those below them).</param>
/// <param name="FeedCount">Feeds below the node (an aggregate of a panel: the hidden feeds).</param>
/// <param name="AllocatedWatts">Load in W (NetBox shows it as VA, power factor 1) when a report was given: a feed's
/// allocated draw; a panel's sum over its feeds; a device's sum over its power ports (a PSU counts in full, as in
/// NetBox); an aggregate's sum over the hidden ports cabled to its parent. Null without a report.</param>
/// <param name="LocationName">Location (room) of the node: a panel's own, else its rack's, else the device's; an
/// aggregate inherits its parent's. Groups the layout; null when the object has none.</param>
public sealed record TopologyNode(
    string Id,
    NodeKind Kind,
    int Tier,
    int EntityId,
    string Label,
    string? SiteName,
    int? RackId,
    string? RackName,
    string? Side,
    string? ParentId,
    bool IsExpanded,
    int DeviceCount,
    int DistributionCount,
    int FeedCount,
    long? AllocatedWatts,
    string? LocationName = null);

/// <summary>
/// A drawn power connection, from the supplying node to the supplied one.
/// </summary>
/// <param name="From">Id of the upstream node (panel, feed, distribution device, or the collapsed node of an aggregate).</param>
/// <param name="To">Id of the downstream node.</param>
/// <param name="PortId">The downstream power port the cable ends on; null for panel → feed and → aggregate edges.
/// A device plugged twice into the same PDU has one edge per port.</param>
/// <param name="Side">"A" or "B" of the feed the upstream node descends from; null when unknown.</param>
/// <param name="AllocatedWatts">Load carried in W when a report was given: the draw of <paramref name="PortId"/>,
/// the feed's allocated draw for panel → feed, the aggregate's load for → aggregate.</param>
/// <param name="Planned">The cable on <paramref name="PortId"/> has NetBox's status <c>planned</c> (drawn dashed until it is
/// applied, whatever the status of the devices at its ends).</param>
public sealed record TopologyEdge(string From, string To, int? PortId, string? Side, long? AllocatedWatts, bool Planned = false);

/// <summary>Builds and parses node ids and expansion keys (the same strings go into the URL).</summary>
public static class TopologyNodeId
{
    public const string AggregatePrefix = "agg:";

    public static string Panel(int panelId) => "panel:" + panelId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Feed(int feedId) => "feed:" + feedId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Device(int deviceId) => "device:" + deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An expansion key only (racks are not nodes): expanding it expands every feed and distribution device of the rack.</summary>
    public static string Rack(int rackId) => "rack:" + rackId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The aggregate hanging under <paramref name="nodeId"/>.</summary>
    public static string Aggregate(string nodeId) => AggregatePrefix + nodeId;

    /// <summary>Splits <c>kind:id</c>; an aggregate id resolves to the node it hangs under.</summary>
    public static bool TryParse(string? key, out string kind, out int id)
    {
        kind = "";
        id = 0;
        if (key is null)
        {
            return false;
        }
        while (key.StartsWith(AggregatePrefix, StringComparison.Ordinal))
        {
            key = key[AggregatePrefix.Length..];
        }
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(key.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id))
        {
            return false;
        }
        kind = key[..colon];
        return kind is "panel" or "feed" or "device" or "rack";
    }
}

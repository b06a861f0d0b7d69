using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;

namespace PowerMap.Web.Features.Topology;

/// <summary>One power port of a device in the side panel (a PSU, or a PDU's inlet): NetBox's draw numbers.</summary>
public sealed record PortDetail(int PortId, string Name, long AllocatedWatts, long MaximumWatts, long? AvailableVoltAmps, double? Percent, IReadOnlyList<DevicePowerLegRow> Legs);

/// <summary>
/// What the side panel shows for a node, looked up from the snapshot (the numbers are the report's, as on the detail
/// pages): a feed's report, a device's ports with their draws (and, for a PDU/UPS, NetBox's power-panel rows with
/// legs), and the link to the object's page.
/// </summary>
public sealed record NodeDetails(TopologyNode Node, NodeFigures Figures, string Href, string KindLabel, FeedReport? Feed, PowerFeed? FeedEntity,
    string? PanelName, IReadOnlyList<PortDetail> Ports)
{
    public static NodeDetails For(TopologySnapshot snapshot, TopologyNode node, NodeFigures figures)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(node);
        var inst = snapshot.Installation;
        var report = snapshot.Report;
        switch (node.Kind)
        {
            case NodeKind.Panel:
                return new NodeDetails(node, figures, $"/power-panels/{node.EntityId}", "Power panel", null, null, null, []);
            case NodeKind.Feed:
                var feed = inst.FeedById.GetValueOrDefault(node.EntityId);
                var panel = feed is not null ? inst.PanelById.GetValueOrDefault(feed.PowerPanelId) : null;
                return new NodeDetails(node, figures, $"/power-feeds/{node.EntityId}", "Power feed", report.Feed(node.EntityId), feed, panel?.Name, []);
            default:
                var rows = report.DeviceRows(node.EntityId)?.ToDictionary(r => r.PortId);
                var ports = inst.PowerPorts.Where(p => p.DeviceId == node.EntityId)
                    .OrderBy(p => p.Name, NaturalComparer.Instance).ThenBy(p => p.Id)
                    .Select(p =>
                    {
                        var draw = report.PortDraw(p.Id);
                        var row = rows?.GetValueOrDefault(p.Id);
                        return new PortDetail(p.Id, p.ToString(), draw.AllocatedWatts, draw.MaximumWatts, row?.AvailableVoltAmps, row?.Percent, row?.Legs ?? []);
                    })
                    .ToList();
                return new NodeDetails(node, figures, $"/devices/{node.EntityId}", node.Kind == NodeKind.Distribution ? "PDU / UPS" : "Device", null, null, null, ports);
        }
    }
}

using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;

namespace PowerMap.Web.Features.Resilience;

/// <summary>How failure elements and redundancy are written in the UI, and the diagram link that shows a failure.</summary>
public static class ResilienceText
{
    /// <summary>"Panel 1", "Feed 1 (side A)", "PDU1".</summary>
    public static string Name(Installation inst, FailureElement e)
    {
        ArgumentNullException.ThrowIfNull(inst);
        return e.Kind switch
        {
            FailureElementKind.PowerPanel => inst.PanelById.TryGetValue(e.Id, out var p) ? p.Name : "",
            FailureElementKind.PowerFeed => inst.FeedById.TryGetValue(e.Id, out var f) ? $"{f.Name} (side {FeedSide.Of(f)})" : "",
            FailureElementKind.Device => inst.DeviceName(e.Id),
            FailureElementKind.PowerPort => inst.PortById.TryGetValue(e.Id, out var port) ? $"{inst.DeviceName(port.DeviceId)} {port.Name}" : "",
            _ => inst.OutletById.TryGetValue(e.Id, out var o) ? $"{inst.DeviceName(o.DeviceId)} {o.Name}" : "",
        };
    }

    public static string Kind(FailureElement e) => e.Kind switch
    {
        FailureElementKind.PowerPanel => "power panel",
        FailureElementKind.PowerFeed => "power feed",
        FailureElementKind.Device => "PDU / UPS",
        FailureElementKind.PowerPort => "power port",
        _ => "power outlet",
    };

    /// <summary>"both paths meet at Panel 1", "one supply: Feed 1 (side A), PDU1", "no single point of failure".</summary>
    public static string Explain(Installation inst, DeviceRedundancy r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var names = string.Join(", ", r.SinglePointsOfFailure.Select(e => Name(inst, e)));
        return r.Redundancy switch
        {
            RedundancyLevel.Full => $"{r.LivePorts} live supplies, no single point of failure",
            RedundancyLevel.Partial => (r.LivePorts == 2 ? "both paths" : $"all {r.LivePorts} paths") + " meet at " + names,
            _ => r.LivePorts == 0 ? "no live supply" : "one supply" + (names.Length > 0 ? ": single points " + names : ""),
        };
    }

    /// <summary>The node key of an element in the diagram (<c>panel:1</c>, <c>feed:3</c>, <c>device:7</c>), or null for ports and outlets.</summary>
    public static string? NodeKey(FailureElement e) => e.Kind switch
    {
        FailureElementKind.PowerPanel => TopologyNodeId.Panel(e.Id),
        FailureElementKind.PowerFeed => TopologyNodeId.Feed(e.Id),
        FailureElementKind.Device => TopologyNodeId.Device(e.Id),
        _ => null,
    };

    /// <summary>The diagram in what-if mode with this element failed, on its site.</summary>
    public static string WhatIfHref(Installation inst, FailureElement e)
    {
        ArgumentNullException.ThrowIfNull(inst);
        int? site = e.Kind switch
        {
            FailureElementKind.PowerPanel => inst.PanelById.GetValueOrDefault(e.Id)?.SiteId,
            FailureElementKind.PowerFeed => inst.FeedById.TryGetValue(e.Id, out var f) ? inst.PanelById.GetValueOrDefault(f.PowerPanelId)?.SiteId : null,
            _ => inst.DeviceById.GetValueOrDefault(e.Id)?.SiteId,
        };
        var state = PowerMap.Web.Features.Topology.TopologyUrlState.Empty with { SiteId = site, WhatIf = true, Failed = NodeKey(e) is { } key ? [key] : [] };
        return state.ToRelativeUrl();
    }
}

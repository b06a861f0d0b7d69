using System.Globalization;
using System.Text;
using PowerMap.Core.Layout;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Topology;

/// <summary>How the diagram writes its numbers and which CSS classes a node or link gets (formatting only).</summary>
public static class NodeText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string VoltAmps(long voltAmps) => voltAmps.ToString(Invariant) + " VA";

    public static string Watts(long watts) => watts.ToString(Invariant) + " W";

    /// <summary>"940 W", or "4.2 kW" from 1,000 W on.</summary>
    public static string Power(long watts) =>
        Math.Abs(watts) < 1000 ? Watts(watts) : (watts / 1000.0).ToString("0.0", Invariant) + " kW";

    /// <summary>"16.0 %" (the real value, also above 100), or an em dash.</summary>
    public static string Percent(double? percent) => percent is { } p ? p.ToString("0.0", Invariant) + " %" : "—";

    /// <summary>"470 VA / 2944 VA" when there is a capacity, else the load alone ("700 W").</summary>
    public static string Load(NodeFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        long allocated = figures.AllocatedWatts ?? 0;
        return figures.AvailableVoltAmps is { } available ? $"{VoltAmps(allocated)} / {VoltAmps(available)}" : Watts(allocated);
    }

    /// <summary>"A 157 · B 157 · C 156 W" for a three-phase inlet; empty otherwise.</summary>
    public static string Legs(NodeFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures.Legs.Count == 0 ? "" : string.Join(" · ", figures.Legs.Select(l => $"{l.Name} {l.AllocatedWatts.ToString(Invariant)}")) + " W";
    }

    /// <summary>What an aggregate stands for: "12 devices", "3 PDUs · 12 devices", "2 feeds · …".</summary>
    public static string Hidden(TopologyNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var parts = new List<string>(3);
        if (node.FeedCount > 0)
        {
            parts.Add(Count(node.FeedCount, "feed"));
        }
        if (node.DistributionCount > 0)
        {
            parts.Add(Count(node.DistributionCount, "PDU"));
        }
        if (node.DeviceCount > 0 || parts.Count == 0)
        {
            parts.Add(Count(node.DeviceCount, "device"));
        }
        return string.Join(" · ", parts);
    }

    /// <summary>
    /// The name on a compact tile (far zoom, where a tile is about 40 px wide): the node's name without the rack's name in
    /// front of it ("R04-03-PDU-A" in rack R04-03 → "PDU-A"), since the rack's frame carries that; an aggregate's
    /// what-it-hides. The full name stays in the tooltip and the accessible name.
    /// </summary>
    public static string TileLabel(TopologyNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Kind == NodeKind.Aggregate)
        {
            return Hidden(node);
        }
        string label = node.Label;
        return node.RackName is { Length: > 0 } rack && label.Length > rack.Length + 1 && label.StartsWith(rack, StringComparison.OrdinalIgnoreCase)
               && label[rack.Length] is '-' or ' ' or '_' or '.' or '/'
            ? label[(rack.Length + 1)..].TrimStart()
            : label;
    }

    /// <summary>"12 devices · 4.2 kW".</summary>
    public static string AggregateCaption(TopologyNode node, NodeFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return Hidden(node) + " · " + Power(figures.AllocatedWatts ?? 0);
    }

    /// <summary>
    /// The badge under a collapsed panel, feed or PDU/UPS without an aggregate box: what it hides and its load
    /// ("14 devices · 4.2 kW"; a PDU counts only its devices, the PDUs below it being drawn). Null when nothing is hidden.
    /// </summary>
    public static string? HiddenBadge(PowerNodeModel node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var t = node.Topology;
        if (node.HasAggregate || !node.CanExpand || t.DeviceCount + t.DistributionCount + t.FeedCount == 0)
        {
            return null;
        }
        string what = t.Kind == NodeKind.Distribution ? Count(t.DeviceCount, "device") : Hidden(t);
        return what + " · " + Power(node.Figures.AllocatedWatts ?? 0);
    }

    public static string Count(int n, string noun) => n.ToString(Invariant) + " " + noun + (n == 1 ? "" : "s");

    /// <summary>The bar's fill as a CSS custom property: the percent clamped to 0–100.</summary>
    public static string FillStyle(double? percent) =>
        "--pm-fill:" + Math.Clamp(percent ?? 0, 0, 100).ToString("0.#", Invariant) + "%";

    /// <summary>The box size of the node in CSS pixels (the layout's size: no measuring in the browser).</summary>
    public static string SizeStyle(PowerNodeModel node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return FormattableString.Invariant($"width:{node.Size!.Width}px;height:{node.Size.Height}px");
    }

    /// <summary>The size of a group frame's element, px.</summary>
    public static string FrameStyle(GroupFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return FormattableString.Invariant($"width:{frame.Box.Width}px;height:{frame.Box.Height}px");
    }

    /// <summary>The root classes of a node widget: kind, status, over-capacity and trace role.</summary>
    public static string NodeClass(PowerNodeModel node, string kindClass)
    {
        ArgumentNullException.ThrowIfNull(node);
        var css = new StringBuilder("pm-node ").Append(kindClass).Append(' ').Append(UtilizationBar.StatusClass(node.Figures.Status));
        if (node.Figures.IsOverCapacity)
        {
            css.Append(" pm-over");
        }
        if (node.Figures.Planned)
        {
            css.Append(" pm-planned");
        }
        AppendTrace(css, node.Trace);
        AppendWhatIf(css, node.WhatIf);
        return css.ToString();
    }

    private static void AppendWhatIf(StringBuilder css, WhatIfRole role)
    {
        if (role.HasFlag(WhatIfRole.Failed))
        {
            css.Append(" pm-failed");
        }
        if (role.HasFlag(WhatIfRole.Down))
        {
            css.Append(" pm-down");
        }
        if (role.HasFlag(WhatIfRole.Degraded))
        {
            css.Append(" pm-degraded");
        }
        if (role.HasFlag(WhatIfRole.Overloaded))
        {
            css.Append(" pm-overloaded");
        }
    }

    /// <summary>The classes of a link: side, back edge, planned and trace role.</summary>
    public static string LinkClass(PowerLinkModel link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var css = new StringBuilder("pm-link ").Append(link.Edge.Side switch { "A" => "pm-side-a", "B" => "pm-side-b", _ => "pm-side-none" });
        if (link.IsBackEdge)
        {
            css.Append(" pm-back");
        }
        if (link.Planned)
        {
            css.Append(" pm-planned");
        }
        AppendTrace(css, link.Trace);
        return css.ToString();
    }

    /// <summary>A tooltip for a node: name, rack, side and what it hides.</summary>
    /// <summary>A device's load, said to be the total over its PSUs ("700 W total"; per PSU in the side panel).</summary>
    public static string DeviceLoad(NodeFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return Watts(figures.AllocatedWatts ?? 0) + " total";
    }

    /// <summary>
    /// What a screen reader says for a node: kind, name, load against capacity, percent and status, e.g.
    /// "Feed R04-03-A, 3098 of 2944 VA, 105.2 %, over capacity"; an aggregate says what it hides.
    /// </summary>
    public static string AccessibleName(PowerNodeModel node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var t = node.Topology;
        var f = node.Figures;
        if (t.Kind == NodeKind.Aggregate)
        {
            return $"{AggregateCaption(t, f)} hidden under {t.Label}, press Enter to expand";
        }
        string kind = t.Kind switch
        {
            NodeKind.Panel => "Panel",
            NodeKind.Feed => "Feed",
            NodeKind.Distribution => "PDU/UPS",
            _ => "Device",
        };
        var parts = new List<string> { $"{kind} {t.Label}" };
        long allocated = f.AllocatedWatts ?? 0;
        if (f.AvailableVoltAmps is { } available)
        {
            parts.Add($"{allocated.ToString(Invariant)} of {VoltAmps(available)}");
        }
        else
        {
            parts.Add(t.Kind == NodeKind.Device ? DeviceLoad(f) : Watts(allocated));
        }
        if (f.Percent is { } pct)
        {
            parts.Add(Percent(pct));
            parts.Add(f.IsOverCapacity ? "over capacity" : f.Status switch
            {
                PowerMap.Core.Power.UtilizationStatus.Danger => "danger",
                PowerMap.Core.Power.UtilizationStatus.Warning => "warning",
                _ => "normal",
            });
        }
        if (HiddenBadge(node) is { } hidden)
        {
            parts.Add(hidden + " hidden");
        }
        return string.Join(", ", parts);
    }

    public static string Tooltip(TopologyNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var parts = new List<string> { node.Label };
        if (node.RackName is { } rack)
        {
            parts.Add("rack " + rack);
        }
        if (node.Side is { } side)
        {
            parts.Add("side " + side);
        }
        if (node.Kind == NodeKind.Aggregate)
        {
            parts.Add(Hidden(node) + " hidden: click to expand");
        }
        return string.Join(" · ", parts);
    }

    private static void AppendTrace(StringBuilder css, TraceRole role)
    {
        if (role == TraceRole.None)
        {
            return;
        }
        css.Append(" pm-on-trace");
        if (role.HasFlag(TraceRole.Selected))
        {
            css.Append(" pm-selected");
        }
        if (role.HasFlag(TraceRole.SideA))
        {
            css.Append(" pm-trace-a");
        }
        if (role.HasFlag(TraceRole.SideB))
        {
            css.Append(" pm-trace-b");
        }
        if (role.HasFlag(TraceRole.Upstream) && !role.HasFlag(TraceRole.SideA) && !role.HasFlag(TraceRole.SideB))
        {
            css.Append(" pm-trace-up");
        }
        if (role.HasFlag(TraceRole.Downstream))
        {
            css.Append(" pm-trace-down");
        }
    }
}

using Blazor.Diagrams.Core.Models;
using PowerMap.Core.Analysis;
using PowerMap.Core.Layout;
using DPoint = Blazor.Diagrams.Core.Geometry.Point;
using DSize = Blazor.Diagrams.Core.Geometry.Size;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// A node of the power diagram: the <see cref="TopologyNode"/> it shows, its live <see cref="NodeFigures"/> and its part
/// in the current trace. Position and size come from the Core layout (locked, controlled size: the browser never
/// measures it). One subclass per node kind so that each kind gets its own registered widget.
/// </summary>
public abstract class PowerNodeModel : NodeModel
{
    protected PowerNodeModel(TopologyNode node, NodeFigures figures, Rect box)
        : base(node.Id, new DPoint(box.X, box.Y))
    {
        Topology = node;
        Figures = figures;
        Size = new DSize(box.Width, box.Height);
        ControlledSize = true;
        Locked = true;
    }

    public TopologyNode Topology { get; private set; }

    public NodeFigures Figures { get; private set; }

    public TraceRole Trace { get; private set; }

    /// <summary>Some children are hidden (in an aggregate, or only counted): the node can be expanded.</summary>
    public bool CanExpand => TopologyViewState.CanExpand(Topology);

    /// <summary>Every child is drawn and there is at least one: the node can be collapsed.</summary>
    public bool CanCollapse => TopologyViewState.CanCollapse(Topology);

    /// <summary>Called by the widget's expand/collapse toggle; set by <see cref="TopologyDiagram"/>.</summary>
    internal Action<PowerNodeModel>? OnToggle { get; set; }

    public void RequestToggle() => OnToggle?.Invoke(this);

    /// <summary>Called when the focused widget gets Enter or Space (as a click); set by <see cref="TopologyDiagram"/>.</summary>
    internal Action<PowerNodeModel>? OnActivate { get; set; }

    /// <summary>Keyboard activation of the focused widget: Enter or Space selects and traces it (an aggregate expands).</summary>
    public void OnKeyDown(Microsoft.AspNetCore.Components.Web.KeyboardEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Key is "Enter" or " ")
        {
            OnActivate?.Invoke(this);
        }
    }

    /// <summary>Takes the node's new data; true when anything the widget shows changed.</summary>
    internal bool Update(TopologyNode node, NodeFigures figures)
    {
        if (Topology == node && Figures == figures)
        {
            return false;
        }
        Topology = node;
        Figures = figures;
        return true;
    }

    /// <summary>Moves the node to its new box; true when it moved or changed size.</summary>
    internal bool Place(Rect box)
    {
        bool moved = Position.X != box.X || Position.Y != box.Y;
        bool resized = Size is null || Size.Width != box.Width || Size.Height != box.Height;
        if (resized)
        {
            Size = new DSize(box.Width, box.Height);
        }
        if (moved)
        {
            SetPosition(box.X, box.Y);
        }
        return moved || resized;
    }

    /// <summary>The node's part in the current what-if (failed, down, degraded, overloaded); none outside what-if mode.</summary>
    public WhatIfRole WhatIf { get; private set; }

    /// <summary>A feed's utilization after the what-if ("→ 31.9 %") when it changes; null otherwise.</summary>
    public string? WhatIfNote { get; private set; }

    /// <summary>A load device's redundancy, shown as a badge in what-if mode; null otherwise.</summary>
    public RedundancyLevel? Redundancy { get; private set; }

    internal bool SetWhatIf(WhatIfRole role, string? note, RedundancyLevel? redundancy)
    {
        if (WhatIf == role && WhatIfNote == note && Redundancy == redundancy)
        {
            return false;
        }
        WhatIf = role;
        WhatIfNote = note;
        Redundancy = redundancy;
        return true;
    }

    /// <summary>An aggregate box hangs under the node (it then needs no badge for what it hides).</summary>
    public bool HasAggregate { get; private set; }

    internal bool SetHasAggregate(bool value)
    {
        if (HasAggregate == value)
        {
            return false;
        }
        HasAggregate = value;
        return true;
    }

    internal bool SetTrace(TraceRole role)
    {
        if (Trace == role)
        {
            return false;
        }
        Trace = role;
        return true;
    }

    public static PowerNodeModel Create(TopologyNode node, NodeFigures figures, Rect box) => node.Kind switch
    {
        NodeKind.Panel => new PanelNodeModel(node, figures, box),
        NodeKind.Feed => new FeedNodeModel(node, figures, box),
        NodeKind.Distribution => new DistributionNodeModel(node, figures, box),
        NodeKind.Device => new DeviceNodeModel(node, figures, box),
        _ => new AggregateNodeModel(node, figures, box),
    };
}

public sealed class PanelNodeModel(TopologyNode node, NodeFigures figures, Rect box) : PowerNodeModel(node, figures, box);

public sealed class FeedNodeModel(TopologyNode node, NodeFigures figures, Rect box) : PowerNodeModel(node, figures, box);

/// <summary>A PDU, UPS or any device with outlets.</summary>
public sealed class DistributionNodeModel(TopologyNode node, NodeFigures figures, Rect box) : PowerNodeModel(node, figures, box);

public sealed class DeviceNodeModel(TopologyNode node, NodeFigures figures, Rect box) : PowerNodeModel(node, figures, box);

/// <summary>What a collapsed node hides ("12 devices · 4.2 kW"); a click expands its parent.</summary>
public sealed class AggregateNodeModel(TopologyNode node, NodeFigures figures, Rect box) : PowerNodeModel(node, figures, box);

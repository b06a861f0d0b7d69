using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Layout;

namespace PowerMap.Web.Features.Topology;

/// <summary>The trace of a node of the view (what the page highlights and the print lists): one lookup for both.</summary>
public static class TopologyTrace
{
    /// <summary>The path trace of <paramref name="node"/> (a panel, feed or device) and its highlight in <paramref name="view"/>.</summary>
    public static (PathTraceResult? Trace, TraceHighlight? Highlight) Of(TopologySnapshot snapshot, TopologyView view, TopologyNode node)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(node);
        var kind = node.Kind switch
        {
            NodeKind.Panel => TraceEntityKind.Panel,
            NodeKind.Feed => TraceEntityKind.Feed,
            _ => TraceEntityKind.Device,
        };
        var trace = PathTrace.Trace(snapshot.Installation, snapshot.Report, kind, node.EntityId);
        return (trace, trace is null ? null : TraceHighlight.Build(view, trace));
    }

    /// <summary>The names of the traced nodes other than <paramref name="selectedId"/>, in the view's order (the printed trace list).</summary>
    public static IReadOnlyList<string> Labels(TopologyView? view, TraceHighlight? highlight, string? selectedId) =>
        highlight is null || view is null
            ? []
            : view.Nodes.Where(n => n.Id != selectedId && highlight.Nodes.ContainsKey(n.Id)).Select(n => n.Label).ToList();
}

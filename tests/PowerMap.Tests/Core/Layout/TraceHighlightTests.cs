using PowerMap.Core.Analysis;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Layout;

public class TraceHighlightTests
{
    // Panel 1 ─┬─ Feed 1 ── PDU1 ─┬─ Server
    //          └─ Feed 2 ── PDU2 ─┘   (Router off the trace)
    [Fact]
    public void Build_SeedServer_MarksBothPathsBySideAndLeavesTheRouterOut()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        var view = TopologyView.Build(inst, null, report);
        var trace = PathTrace.Trace(inst, report, TraceEntityKind.Device, ids.Server)!;

        var h = TraceHighlight.Build(view, trace);

        Assert.Equal(["A", "B"], h.ChainSides);
        Assert.Equal(TraceRole.Selected, h.NodeRole(TopologyNodeId.Device(ids.Server)));
        Assert.Equal(TraceRole.Upstream | TraceRole.SideA, h.NodeRole(TopologyNodeId.Device(ids.Pdu1)));
        Assert.Equal(TraceRole.Upstream | TraceRole.SideA, h.NodeRole(TopologyNodeId.Feed(ids.Feed1)));
        Assert.Equal(TraceRole.Upstream | TraceRole.SideB, h.NodeRole(TopologyNodeId.Device(ids.Pdu2)));
        Assert.Equal(TraceRole.Upstream | TraceRole.SideB, h.NodeRole(TopologyNodeId.Feed(ids.Feed2)));
        Assert.Equal(TraceRole.Upstream | TraceRole.SideA | TraceRole.SideB, h.NodeRole(TopologyNodeId.Panel(ids.Panel)));
        Assert.Equal(TraceRole.None, h.NodeRole(TopologyNodeId.Device(ids.Router)));

        // Every edge of both chains is marked, none of the Router's.
        Assert.Equal(6, h.Edges.Count);
        foreach (var edge in view.Edges)
        {
            bool router = edge.To == TopologyNodeId.Device(ids.Router);
            Assert.Equal(!router, h.EdgeRole(edge) != TraceRole.None);
        }
        var toServerA = view.Edges.Single(e => e.From == TopologyNodeId.Device(ids.Pdu1) && e.To == TopologyNodeId.Device(ids.Server));
        Assert.Equal(TraceRole.Upstream | TraceRole.SideA, h.EdgeRole(toServerA));
    }

    [Fact]
    public void Build_SeedFeed1_MarksItsDownstreamTreeOnly()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        var view = TopologyView.Build(inst, null, report);
        var trace = PathTrace.Trace(inst, report, TraceEntityKind.Feed, ids.Feed1)!;

        var h = TraceHighlight.Build(view, trace);

        Assert.Equal(TraceRole.Selected, h.NodeRole(TopologyNodeId.Feed(ids.Feed1)));
        Assert.Equal(TraceRole.Downstream, h.NodeRole(TopologyNodeId.Device(ids.Pdu1)));
        Assert.Equal(TraceRole.Downstream, h.NodeRole(TopologyNodeId.Device(ids.Server)));
        Assert.Equal(TraceRole.Downstream, h.NodeRole(TopologyNodeId.Device(ids.Router)));
        Assert.Equal(TraceRole.None, h.NodeRole(TopologyNodeId.Device(ids.Pdu2)));
        Assert.True(h.NodeRole(TopologyNodeId.Panel(ids.Panel)).HasFlag(TraceRole.Upstream));
        // PDU2 → Server is not on Feed 1's tree.
        var fromPdu2 = view.Edges.Single(e => e.From == TopologyNodeId.Device(ids.Pdu2) && e.To == TopologyNodeId.Device(ids.Server));
        Assert.Equal(TraceRole.None, h.EdgeRole(fromPdu2));
        Assert.Equal(3, h.Edges.Count(e => e.Value == TraceRole.Downstream));
    }

    // Collapsed PDU1: Server and Router sit in agg:device:PDU1, which counts as downstream of Feed 1.
    [Fact]
    public void Build_CollapsedPdu_MarksItsAggregateAsDownstream()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        string pdu1 = TopologyNodeId.Device(ids.Pdu1);
        var view = TopologyView.Build(inst, new TopologyViewOptions { Collapsed = [pdu1] }, report);
        var trace = PathTrace.Trace(inst, report, TraceEntityKind.Feed, ids.Feed1)!;

        var h = TraceHighlight.Build(view, trace);

        Assert.Equal(TraceRole.Downstream, h.NodeRole(TopologyNodeId.Aggregate(pdu1)));
        Assert.Equal(TraceRole.Downstream, h.Edges[TraceHighlight.EdgeKey(pdu1, TopologyNodeId.Aggregate(pdu1), null)]);
    }
}

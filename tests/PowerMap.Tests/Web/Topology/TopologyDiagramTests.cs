using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Topology;

namespace PowerMap.Tests.Web.Topology;

// The Blazor.Diagrams mapping: one model per view node and edge, updated in place, never rebuilt.
public class TopologyDiagramTests
{
    private static (TopologyDiagram Diagram, TopologyView View) ShowSeed(Installation inst, PowerReport report, TopologyViewOptions? options = null)
    {
        var diagram = new TopologyDiagram();
        var view = TopologyView.Build(inst, options, report);
        diagram.Show(view, TopologyLayout.Compute(view), TopologyFigures.Compute(view, report));
        return (diagram, view);
    }

    [Fact]
    public void Show_SeedExample_MapsEveryBoxAndRouteWithLayoutSizeAndPositionAnchors()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);

        var (diagram, view) = ShowSeed(inst, report);

        var layout = diagram.Layout!;
        Assert.Equal(view.Nodes.Count, diagram.Diagram.Nodes.OfType<PowerNodeModel>().Count());
        Assert.Equal(view.Edges.Count, diagram.Diagram.Links.Count);
        foreach (var box in layout.Nodes)
        {
            var node = diagram.Nodes[box.Id];
            Assert.True(node.Locked);
            Assert.True(node.ControlledSize);
            Assert.Equal((box.Box.X, box.Box.Y, box.Box.Width, box.Box.Height), (node.Position.X, node.Position.Y, node.Size!.Width, node.Size.Height));
        }
        Assert.IsType<FeedNodeModel>(diagram.Nodes[TopologyNodeId.Feed(ids.Feed1)]);
        Assert.IsType<DistributionNodeModel>(diagram.Nodes[TopologyNodeId.Device(ids.Pdu1)]);
        Assert.IsType<DeviceNodeModel>(diagram.Nodes[TopologyNodeId.Device(ids.Server)]);
        for (int i = 0; i < view.Edges.Count; i++)
        {
            var link = diagram.Links[PowerMap.Core.Layout.TraceHighlight.EdgeKey(view.Edges[i])];
            var points = layout.Edges[i].Points;
            Assert.Equal((points[0].X, points[0].Y), (link.Source.GetPlainPosition()!.X, link.Source.GetPlainPosition()!.Y));
            Assert.Equal((points[^1].X, points[^1].Y), (link.Target.GetPlainPosition()!.X, link.Target.GetPlainPosition()!.Y));
            Assert.Equal(points.Count - 2, link.Vertices.Count);
        }
        Assert.Equal("470 VA / 2944 VA", NodeText.Load(diagram.Nodes[TopologyNodeId.Feed(ids.Feed1)].Figures));
    }

    [Fact]
    public void UpdateFigures_DrawEdit_RefreshesOnlyTheNodesWhoseNumbersChanged()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        var (diagram, view) = ShowSeed(inst, report);
        var before = diagram.Nodes.Values.ToList();
        diagram.SetView(0.7, 40, -20);
        var psu1 = inst.PortById[ids.ServerPsu1];
        var edited = inst.WithUpsert(new PowerPort { Id = psu1.Id, DeviceId = psu1.DeviceId, Name = psu1.Name, AllocatedDrawWatts = 500, MaximumDrawWatts = 600 });
        var newReport = report.WithPortDraw(edited, psu1.Id, 500, 600);
        var newView = TopologyView.Build(edited, null, newReport);

        Assert.True(TopologyDiagram.SameStructure(view, newView));
        var changed = diagram.UpdateFigures(newView, TopologyFigures.Compute(newView, newReport));

        Assert.Equal(
            new[] { TopologyNodeId.Panel(ids.Panel), TopologyNodeId.Feed(ids.Feed1), TopologyNodeId.Device(ids.Pdu1), TopologyNodeId.Device(ids.Server) }.Order(),
            changed.Order());
        Assert.Equal("620 VA / 2944 VA", NodeText.Load(diagram.Nodes[TopologyNodeId.Feed(ids.Feed1)].Figures));
        Assert.Equal(before, diagram.Nodes.Values.ToList());
        Assert.Equal((0.7, 40.0, -20.0), (diagram.Diagram.Zoom, diagram.Diagram.Pan.X, diagram.Diagram.Pan.Y));
    }

    [Fact]
    public void Show_NewStructure_KeepsTheModelsThatStayAndThePanAndZoom()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        var (diagram, _) = ShowSeed(inst, report);
        var feed1 = diagram.Nodes[TopologyNodeId.Feed(ids.Feed1)];
        diagram.SetView(0.5, 10, 10);
        string pdu1 = TopologyNodeId.Device(ids.Pdu1);

        var collapsed = TopologyView.Build(inst, new TopologyViewOptions { Collapsed = [pdu1] }, report);
        diagram.Show(collapsed, TopologyLayout.Compute(collapsed), TopologyFigures.Compute(collapsed, report));

        Assert.Same(feed1, diagram.Nodes[TopologyNodeId.Feed(ids.Feed1)]);
        Assert.Contains(TopologyNodeId.Aggregate(pdu1), diagram.Nodes.Keys);
        Assert.IsType<AggregateNodeModel>(diagram.Nodes[TopologyNodeId.Aggregate(pdu1)]);
        Assert.Equal(collapsed.Nodes.Count, diagram.Diagram.Nodes.OfType<PowerNodeModel>().Count());
        Assert.Equal(collapsed.Edges.Count, diagram.Diagram.Links.Count);
        Assert.True(diagram.Nodes[pdu1].CanExpand);
        Assert.Equal((0.5, 10.0, 10.0), (diagram.Diagram.Zoom, diagram.Diagram.Pan.X, diagram.Diagram.Pan.Y));
    }

    [Fact]
    public void ApplyTrace_SetsRolesAndClearsThem()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        var (diagram, view) = ShowSeed(inst, report);
        var trace = PowerMap.Core.Analysis.PathTrace.Trace(inst, report, PowerMap.Core.Analysis.TraceEntityKind.Device, ids.Server)!;

        diagram.ApplyTrace(TraceHighlight.Build(view, trace));

        Assert.Equal(TraceRole.Selected, diagram.Nodes[TopologyNodeId.Device(ids.Server)].Trace);
        Assert.Contains("pm-trace-b", NodeText.NodeClass(diagram.Nodes[TopologyNodeId.Device(ids.Pdu2)], "pm-distribution"));
        Assert.Equal(6, diagram.Links.Values.Count(l => l.Trace != TraceRole.None));
        Assert.Contains(diagram.Links.Values, l => NodeText.LinkClass(l).Contains("pm-trace-a", StringComparison.Ordinal));

        diagram.ApplyTrace(null);

        Assert.All(diagram.Nodes.Values, n => Assert.Equal(TraceRole.None, n.Trace));
        Assert.All(diagram.Links.Values, l => Assert.Equal(TraceRole.None, l.Trace));
    }

    // Keyboard zoom: + then − around the canvas centre leaves the point under the centre where it was; arrows pan by screen px.
    [Fact]
    public void ZoomByAndPanBy_KeepTheCentrePointAndMoveByScreenPixels()
    {
        var (inst, _) = TopologyBuilder.Seed();
        var (diagram, _) = ShowSeed(inst, PowerReport.Compute(inst));
        diagram.Diagram.SetContainer(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1000, 600));
        diagram.SetView(0.8, 100, 50);
        var centreBefore = diagram.Diagram.GetRelativePoint(500, 300);

        diagram.ZoomBy(1.15);

        Assert.Equal(0.92, diagram.Diagram.Zoom, 6);
        var centreAfter = diagram.Diagram.GetRelativePoint(500, 300);
        Assert.Equal(centreBefore.X, centreAfter.X, 6);
        Assert.Equal(centreBefore.Y, centreAfter.Y, 6);

        diagram.PanBy(-80, 40);

        Assert.Equal((100 + ((500 - 100) * (1 - 1.15)) - 80, 50 + ((300 - 50) * (1 - 1.15)) + 40), (diagram.Diagram.Pan.X, diagram.Diagram.Pan.Y), new ToleranceComparer());
    }

    // Keyboard: + and − zoom 15 % around the centre, an arrow moves the drawing 80 px the other way (the view goes that
    // way), any other key does nothing.
    [Theory]
    [InlineData("+", 0.92, 100 + (400 * -0.15), 50 + (250 * -0.15))]
    [InlineData("=", 0.92, 100 + (400 * -0.15), 50 + (250 * -0.15))]
    [InlineData("-", 0.8 / 1.15, 100 + (400 * (1 - (1 / 1.15))), 50 + (250 * (1 - (1 / 1.15))))]
    [InlineData("ArrowLeft", 0.8, 180, 50)]
    [InlineData("ArrowRight", 0.8, 20, 50)]
    [InlineData("ArrowUp", 0.8, 100, 130)]
    [InlineData("ArrowDown", 0.8, 100, -30)]
    public void HandleKey_ZoomsAndPans(string key, double zoom, double panX, double panY)
    {
        var (inst, _) = TopologyBuilder.Seed();
        var (diagram, _) = ShowSeed(inst, PowerReport.Compute(inst));
        diagram.Diagram.SetContainer(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1000, 600));
        diagram.SetView(0.8, 100, 50);

        Assert.True(diagram.HandleKey(key));

        Assert.Equal(zoom, diagram.Diagram.Zoom, 6);
        Assert.Equal((panX, panY), (diagram.Diagram.Pan.X, diagram.Diagram.Pan.Y), new ToleranceComparer());
    }

    [Fact]
    public void HandleKey_OtherKeys_ChangeNothing()
    {
        var (inst, _) = TopologyBuilder.Seed();
        var (diagram, _) = ShowSeed(inst, PowerReport.Compute(inst));
        diagram.Diagram.SetContainer(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1000, 600));
        diagram.SetView(0.8, 100, 50);

        Assert.False(diagram.HandleKey("x"));
        Assert.False(diagram.HandleKey("0")); // fit is the page's (it knows the legend and the side panel)

        Assert.Equal((0.8, 100.0, 50.0), (diagram.Diagram.Zoom, diagram.Diagram.Pan.X, diagram.Diagram.Pan.Y));
    }

    // A selected node under the minimap's corner is moved left of it; without a reserved corner it would stay put.
    [Fact]
    public void EnsureVisible_NodeUnderTheMinimap_MovesLeftOfIt()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var (diagram, _) = ShowSeed(inst, PowerReport.Compute(inst));
        diagram.Diagram.SetContainer(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1000, 600));
        var panel = diagram.Nodes[TopologyNodeId.Panel(ids.Panel)];
        // Put the panel's top-left corner at screen (900, 60), under a 224 × 176 corner.
        diagram.SetView(1, 900 - panel.Position.X, 60 - panel.Position.Y);

        diagram.EnsureVisible(panel.Id);
        var free = diagram.ScreenPosition(panel.Id)!;
        diagram.ReservedCorner = new PowerMap.Core.Layout.Size(224, 176);
        diagram.EnsureVisible(panel.Id);
        var moved = diagram.ScreenPosition(panel.Id)!;

        Assert.Equal(1000 - 24 - panel.Size!.Width, free.X, 6); // plain: only inside the 24 px margin
        Assert.Equal(1000 - 224 - panel.Size.Width, moved.X, 6);
        Assert.Equal(free.Y, moved.Y, 6);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) < 1e-6 && Math.Abs(a.Item2 - b.Item2) < 1e-6;

        public int GetHashCode((double, double) obj) => 0;
    }
}

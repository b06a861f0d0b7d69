using Bunit;
using MudBlazor.Services;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;
using PowerMap.Web.Features.Topology;

namespace PowerMap.Tests.Web.Topology;

// The node widgets format what Core computed: numbers, the status class and the over-capacity mark.
public class NodeWidgetTests : BunitContext
{
    public NodeWidgetTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    private static readonly Rect Box = new(0, 0, 170, 64);

    private static TopologyNode Node(NodeKind kind, string id = "feed:1", string label = "Feed 1", long? watts = 470,
        int devices = 2, int distribution = 1, int feeds = 0, bool expanded = true, string? parent = null) =>
        new(id, kind, 1, 1, label, "DC1", 1, "R1", "A", parent, expanded, devices, distribution, feeds, watts);

    [Theory]
    [InlineData(470L, 16.0, UtilizationStatus.Normal, "pm-status-normal", "16.0 %")]
    [InlineData(2300L, 78.1, UtilizationStatus.Warning, "pm-status-warning", "78.1 %")]
    [InlineData(2700L, 91.7, UtilizationStatus.Danger, "pm-status-danger", "91.7 %")]
    public void FeedWidget_ShowsAllocatedOverAvailableAndTheStatusClass(long allocated, double percent, UtilizationStatus status, string css, string text)
    {
        var model = new FeedNodeModel(Node(NodeKind.Feed, watts: allocated), new NodeFigures(allocated, 2944, percent, status, []), Box);

        var cut = Render<FeedNodeWidget>(p => p.Add(w => w.Node, model));

        var root = cut.Find(".pm-node");
        Assert.Contains(css, root.ClassList);
        Assert.Contains("pm-feed", root.ClassList);
        Assert.DoesNotContain("pm-over", root.ClassList);
        Assert.Equal($"{allocated} VA / 2944 VA", cut.Find(".pm-node-nums").TextContent);
        Assert.Equal(text, cut.Find(".pm-node-bar").TextContent);
        Assert.Equal("Feed 1", cut.Find(".pm-node-name").TextContent);
    }

    [Fact]
    public void FeedWidget_OverCapacity_IsMarkedAndShowsTheRealPercentWithTheBarFull()
    {
        var model = new FeedNodeModel(Node(NodeKind.Feed, watts: 3000), new NodeFigures(3000, 2944, 101.9, UtilizationStatus.Danger, []), Box);

        var cut = Render<FeedNodeWidget>(p => p.Add(w => w.Node, model));

        var root = cut.Find(".pm-node");
        Assert.Contains("pm-over", root.ClassList);
        Assert.Contains("pm-status-danger", root.ClassList);
        var bar = cut.Find(".pm-node-bar");
        Assert.Equal("101.9 %", bar.TextContent);
        Assert.Contains("--pm-fill:100%", bar.GetAttribute("style"));
    }

    // Keyboard users: a tab stop named with the numbers and what they mean; Enter or Space activates it, other keys do not.
    [Fact]
    public void FeedWidget_OverCapacity_IsATabStopWithASpokenNameAndEnterActivatesIt()
    {
        var model = new FeedNodeModel(Node(NodeKind.Feed, label: "R04-03-A", watts: 3098), new NodeFigures(3098, 2944, 105.2, UtilizationStatus.Danger, []), Box);
        var activated = new List<string>();
        typeof(PowerNodeModel).GetProperty("OnActivate", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .SetValue(model, new Action<PowerNodeModel>(m => activated.Add(m.Id)));

        var cut = Render<FeedNodeWidget>(p => p.Add(w => w.Node, model));

        var root = cut.Find(".pm-node");
        Assert.Equal("0", root.GetAttribute("tabindex"));
        Assert.Equal("Feed R04-03-A, 3098 of 2944 VA, 105.2 %, over capacity", root.GetAttribute("aria-label"));
        root.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "a" });
        Assert.Empty(activated);
        root.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Equal(["feed:1"], activated);
    }

    [Fact]
    public void DistributionWidget_ThreePhase_ShowsItsLegs()
    {
        var figures = new NodeFigures(600, 17734, 3.4, UtilizationStatus.Normal,
            [new LegFigure("A", 100, 5911, 1.7), new LegFigure("B", 200, 5911, 3.4), new LegFigure("C", 300, 5911, 5.1)]);
        var model = new DistributionNodeModel(Node(NodeKind.Distribution, "device:5", "PDU1", 600), figures, new Rect(0, 0, 190, 76));

        var cut = Render<DistributionNodeWidget>(p => p.Add(w => w.Node, model));

        Assert.Equal("600 VA / 17734 VA", cut.Find(".pm-node-nums").TextContent);
        Assert.Equal("A 100 · B 200 · C 300 W", cut.Find(".pm-node-legs").TextContent);
    }

    // The compact tile's name (far zoom): the rack's name is on the rack's frame, so it is left off the front of the node's.
    [Theory]
    [InlineData("R04-03-PDU-A", "R04-03", "PDU-A")]
    [InlineData("R04-03-A", "R04-03", "A")]
    [InlineData("r04-03 SRV-01", "R04-03", "SRV-01")]
    [InlineData("R04-031-PDU", "R04-03", "R04-031-PDU")] // another rack's name that starts the same
    [InlineData("Feed 1", "R1", "Feed 1")]
    [InlineData("R04-03", "R04-03", "R04-03")]           // nothing after the rack's name: keep it whole
    [InlineData("PP-02-A1", null, "PP-02-A1")]           // a panel stands in no rack
    public void DistributionWidget_TileLabel_DropsTheRackPrefix(string label, string? rack, string tile)
    {
        var node = Node(NodeKind.Distribution, "device:5", label) with { RackName = rack };
        var model = new DistributionNodeModel(node, new NodeFigures(470, 2944, 16.0, UtilizationStatus.Normal, []), Box);

        var cut = Render<DistributionNodeWidget>(p => p.Add(w => w.Node, model));

        var name = cut.Find(".pm-node-name");
        Assert.Equal(tile, name.GetAttribute("data-tile"));
        Assert.Equal(label, name.TextContent);
    }

    [Fact]
    public void DeviceWidget_ShowsItsDrawWithoutABar()
    {
        var model = new DeviceNodeModel(Node(NodeKind.Device, "device:3", "Server", 700, devices: 1, distribution: 0), new NodeFigures(700, null, null, null, []), new Rect(0, 0, 150, 52));

        var cut = Render<DeviceNodeWidget>(p => p.Add(w => w.Node, model));

        Assert.Equal("700 W total", cut.Find(".pm-node-nums").TextContent);
        Assert.Equal("Device Server, 700 W total", cut.Find(".pm-node").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll(".pm-node-bar"));
        Assert.Contains("pm-status-none", cut.Find(".pm-node").ClassList);
    }

    [Fact]
    public void AggregateWidget_ShowsWhatItHidesAndItsLoad()
    {
        var node = Node(NodeKind.Aggregate, "agg:device:5", "PDU1", 4200, devices: 12, distribution: 0, expanded: false, parent: "device:5");
        var model = new AggregateNodeModel(node, new NodeFigures(4200, null, null, null, []), new Rect(0, 0, 150, 52));

        var cut = Render<AggregateNodeWidget>(p => p.Add(w => w.Node, model));

        var root = cut.Find(".pm-node");
        Assert.Equal("12 devices · 4.2 kW hidden under PDU1, press Enter to expand", root.GetAttribute("aria-label"));
        Assert.Equal("12 devices", cut.Find(".pm-node-name").TextContent);
        Assert.Equal("12 devices", cut.Find(".pm-node-name").GetAttribute("data-tile"));
        Assert.Equal("4.2 kW", cut.Find(".pm-node-nums").TextContent);
        Assert.Contains("pm-aggregate", root.ClassList);
    }

    [Fact]
    public void Widget_WhenSelected_ShowsItsToggleAndTraceClasses()
    {
        var model = new FeedNodeModel(Node(NodeKind.Feed), new NodeFigures(470, 2944, 16.0, UtilizationStatus.Normal, []), Box);
        Assert.Empty(Render<FeedNodeWidget>(p => p.Add(w => w.Node, model)).FindAll(".pm-node-toggle"));

        var diagram = new TopologyDiagram();
        string? toggled = null;
        diagram.ToggleRequested += m => toggled = m.Id;
        var view = new TopologyView([model.Topology], []);
        diagram.Show(view, new LayoutResult([new NodeBox(model.Id, NodeKind.Feed, 1, Box)], [], Box, 0),
            new Dictionary<string, NodeFigures> { [model.Id] = model.Figures });
        diagram.ApplyTrace(new TraceHighlight(new Dictionary<string, TraceRole> { [model.Id] = TraceRole.Selected }, new Dictionary<string, TraceRole>(), []));
        var shown = (FeedNodeModel)diagram.Nodes[model.Id];

        var cut = Render<FeedNodeWidget>(p => p.Add(w => w.Node, shown));

        Assert.Contains("pm-selected", cut.Find(".pm-node").ClassList);
        var toggle = cut.Find(".pm-node-toggle");
        Assert.Equal("collapse", toggle.GetAttribute("data-toggle"));
        toggle.Click();
        Assert.Equal(model.Id, toggled);
    }
}

using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Topology;

namespace PowerMap.Tests.Web.Topology;

// The page in bUnit: the seed diagram, selection through a node click, live numbers from TopologyService.Changed.
public class TopologyPageTests : BunitContext
{
    private readonly TopologyService _topology = new(null!);
    private readonly TopologyBuilder.SeedIds _ids;

    public TopologyPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Blazor.Diagrams measures its canvas through JS once rendered: a 1000 × 600 canvas.
        JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(new Blazor.Diagrams.Core.Geometry.Point(0, 0), new Blazor.Diagrams.Core.Geometry.Size(1000, 600)));
        Services.AddMudServices();
        Services.AddSingleton(_topology);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var (inst, ids) = TopologyBuilder.Seed();
        _ids = ids;
        _topology.Publish(inst);
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<TopologyPage> RenderPage(string url = "topology")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<TopologyPage>();
    }

    private static void Click(IRenderedComponent<TopologyPage> cut, string nodeId)
    {
        var node = cut.Find($".diagram-node[data-node-id='{nodeId}']");
        node.PointerDown(new Microsoft.AspNetCore.Components.Web.PointerEventArgs { Button = 0 });
        cut.Find($".diagram-node[data-node-id='{nodeId}']").PointerUp(new Microsoft.AspNetCore.Components.Web.PointerEventArgs { Button = 0 });
    }

    // A planned Server (NetBox status "planned", e.g. reserved from "Where does it fit?") is drawn dashed, and so are its
    // two cables from PDU1 and PDU2; the Router (active) is not. Applying it (status active) draws it solid again.
    [Fact]
    public void PlannedDevice_DrawnDashedWithTheLinksIntoIt_UntilApplied()
    {
        var inst = _topology.Current.Installation;
        inst.DeviceById[_ids.Server].Status = "planned";
        _topology.Publish(inst);
        var cut = RenderPage();

        Assert.Contains("pm-planned", cut.Find($".diagram-node[data-node-id='device:{_ids.Server}'] .pm-node").ClassList);
        Assert.DoesNotContain("pm-planned", cut.Find($".diagram-node[data-node-id='device:{_ids.Router}'] .pm-node").ClassList);
        Assert.Equal(2, cut.FindAll("path.pm-link.pm-planned").Count);

        var applied = _topology.Current.Installation;
        applied.DeviceById[_ids.Server].Status = "active";
        _topology.Publish(applied);

        cut.WaitForAssertion(() => Assert.DoesNotContain("pm-planned", cut.Find($".diagram-node[data-node-id='device:{_ids.Server}'] .pm-node").ClassList), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("path.pm-link.pm-planned"));
    }

    // A planned cable into an active device (a second PSU cabled for a change under review) is dashed on its own: only
    // that link, not the Server, and not the Server's other, connected, cable.
    //   PDU1 ─ ─ ─▶ Server (active)   PDU2 ───▶ Server
    [Fact]
    public void PlannedCable_IntoActiveDevice_DrawnDashed()
    {
        var inst = _topology.Current.Installation;
        inst.CableOf[(TerminationKind.PowerPort, _ids.ServerPsu1)].Cable.Status = "planned";
        _topology.Publish(inst);
        var cut = RenderPage();

        Assert.DoesNotContain("pm-planned", cut.Find($".diagram-node[data-node-id='device:{_ids.Server}'] .pm-node").ClassList);
        var planned = Assert.Single(cut.FindAll("path.pm-link.pm-planned"));
        Assert.Contains("pm-side-a", planned.ClassList);

        var applied = _topology.Current.Installation;
        applied.CableOf[(TerminationKind.PowerPort, _ids.ServerPsu1)].Cable.Status = "connected";
        _topology.Publish(applied);

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("path.pm-link.pm-planned")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Page_SeedSite_ShowsEveryNodeWithItsNumbers()
    {
        var cut = RenderPage();

        Assert.Equal(7, cut.FindAll(".diagram-node .pm-node").Count);
        Assert.Equal(8, cut.FindAll("g.diagram-link").Count);
        var feed = cut.Find($".diagram-node[data-node-id='feed:{_ids.Feed1}'] .pm-node");
        Assert.Equal("470 VA / 2944 VA", feed.QuerySelector(".pm-node-nums")!.TextContent);
        Assert.Contains("pm-status-normal", feed.ClassList);
        Assert.Empty(cut.FindAll("#node-panel"));
    }

    [Fact]
    public void ClickingANode_SelectsItAndTheSidePanelShowsItsDetailsAndBothPaths()
    {
        var cut = RenderPage();

        Click(cut, $"device:{_ids.Server}");

        cut.WaitForAssertion(() => Assert.Equal("Server", cut.Find("#node-panel-title").TextContent));
        var chains = cut.FindAll(".pm-chain");
        Assert.Equal(["A", "B"], chains.Select(c => c.GetAttribute("data-side")));
        Assert.Contains("Feed 1", chains[0].TextContent);
        Assert.Contains("headroom 2474 VA", chains[0].TextContent);
        Assert.Contains("Feed 2", chains[1].TextContent);
        Assert.Equal(2, cut.FindAll("#node-panel-numbers tbody tr").Count);
        Assert.Contains("pm-selected", cut.Find($".diagram-node[data-node-id='device:{_ids.Server}'] .pm-node").ClassList);
        Assert.Contains("pm-trace-a", cut.Find($".diagram-node[data-node-id='feed:{_ids.Feed1}'] .pm-node").ClassList);
        Assert.Contains("pm-trace-b", cut.Find($".diagram-node[data-node-id='feed:{_ids.Feed2}'] .pm-node").ClassList);
        Assert.Contains("pm-tracing", cut.Find("#topology-diagram").ClassList);
        Assert.Contains($"&node=device:{_ids.Server}&", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    // A path starts at one PSU and its draw is that PSU's (the device's total is on its node): labelled so, in the paths
    // and in the table of its ports; a PDU's inlet is not a PSU.
    [Fact]
    public void TracingADevice_LabelsEachPathsDrawAsItsPsus()
    {
        var cut = RenderPage($"topology?node=device:{_ids.Server}");

        cut.WaitForAssertion(() => Assert.Equal("Server", cut.Find("#node-panel-title").TextContent));
        var starts = cut.FindAll(".pm-chain .pm-hop:first-child .pm-hop-nums").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(2, starts.Count);
        Assert.All(starts, s => Assert.Matches(@"^\d+ W on this PSU$", s));
        Assert.Equal("PSU", cut.Find("#node-panel-numbers thead th").TextContent);

        var pdu = RenderPage($"topology?node=device:{_ids.Pdu1}");
        pdu.WaitForAssertion(() => Assert.Equal("PDU1", pdu.Find("#node-panel-title").TextContent));
        Assert.DoesNotContain("on this PSU", pdu.Find("#node-panel").TextContent, StringComparison.Ordinal);
        Assert.Equal("Port", pdu.Find("#node-panel-numbers thead th").TextContent);
    }

    [Fact]
    public void ClickingAFeed_ShowsTheFeedNumbersAndItsDownstream()
    {
        var cut = RenderPage();

        Click(cut, $"feed:{_ids.Feed1}");

        cut.WaitForAssertion(() => Assert.Equal("Feed 1", cut.Find("#node-panel-title").TextContent));
        var numbers = cut.Find("#node-panel-numbers").TextContent;
        Assert.Contains("2944 VA", numbers);
        Assert.Contains("470 VA", numbers);
        Assert.Contains("2474 VA", numbers);
        Assert.Contains("16.0", numbers);
        Assert.Equal("(3)", cut.Find("#node-panel-downstream-count").TextContent);
        Assert.Equal($"/power-feeds/{_ids.Feed1}", cut.Find("#node-panel-open").GetAttribute("href"));
    }

    [Fact]
    public void TopologyChanged_DrawEdit_UpdatesTheNumbersInPlace()
    {
        var cut = RenderPage($"topology?node=device:{_ids.Server}");
        var inst = _topology.Current.Installation;
        var psu1 = inst.PortById[_ids.ServerPsu1];

        _topology.Publish(inst.WithUpsert(new PowerPort { Id = psu1.Id, DeviceId = psu1.DeviceId, Name = psu1.Name, AllocatedDrawWatts = 500, MaximumDrawWatts = 600 }));

        cut.WaitForAssertion(() => Assert.Equal("620 VA / 2944 VA", cut.Find($".diagram-node[data-node-id='feed:{_ids.Feed1}'] .pm-node-nums").TextContent));
        Assert.Equal("470 VA / 2944 VA", cut.Find($".diagram-node[data-node-id='feed:{_ids.Feed2}'] .pm-node-nums").TextContent);
        Assert.Contains("500 W", cut.Find("#node-panel-numbers").TextContent);
    }

    // Panel 1 ─ [2 feeds · 2 PDUs · 2 devices]: "collapse all" leaves the panel and what it hides; its aggregate reopens it.
    [Fact]
    public void CollapseAll_ThenClickingTheAggregate_ExpandsItAgain()
    {
        var cut = RenderPage();

        cut.Find("#collapse-all").Click();

        string aggregate = TopologyNodeId.Aggregate($"panel:{_ids.Panel}");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($".diagram-node[data-node-id='{aggregate}']")));
        Assert.Equal(2, cut.FindAll(".diagram-node .pm-node").Count);
        Assert.Equal("2 feeds · 2 PDUs · 2 devices", cut.Find($".diagram-node[data-node-id='{aggregate}'] .pm-node-name").TextContent);

        Click(cut, aggregate);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($".diagram-node[data-node-id='feed:{_ids.Feed1}']")));
        Assert.Contains($"expand=panel:{_ids.Panel}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    // DC2's overview has no aggregate boxes (they do not fit): each collapsed PDU says what it hides under its box.
    [Fact]
    public void GeneratedSiteOverview_CollapsedPdusShowWhatTheyHide()
    {
        _topology.Publish(DemoData.Build());
        var inst = _topology.Current.Installation;
        int site = inst.SiteByName[DemoData.GeneratedSiteName].Id;
        var view = TopologyView.Build(inst, new TopologyViewOptions { SiteId = site }, _topology.Current.Report);
        var pdu = view.Nodes.First(n => n.Kind == NodeKind.Distribution && !n.IsExpanded && n.DeviceCount > 1);
        Assert.DoesNotContain(view.Nodes, n => n.Kind == NodeKind.Aggregate);

        var cut = RenderPage($"topology?site={site}");

        var badge = cut.Find($".diagram-node[data-node-id='{pdu.Id}'] .pm-hidden-badge");
        Assert.Equal($"{pdu.DeviceCount} devices · {NodeText.Power(pdu.AllocatedWatts ?? 0)}", badge.TextContent);
        Assert.Contains(PowerMap.Web.Components.Shared.UtilizationBar.StatusClass(TopologyFigures.Compute(view, _topology.Current.Report)[pdu.Id].Status), badge.ClassList);
        int withBadge = cut.FindAll(".pm-hidden-badge").Count;
        Assert.Equal(view.Nodes.Count(n => !n.IsExpanded && n.Kind is NodeKind.Distribution or NodeKind.Feed or NodeKind.Panel), withBadge);
    }

    // DC2: "collapse all" shows only the panels with their aggregates; "expand all" opens whole racks up to the 400-node budget.
    [Fact]
    public void GeneratedSite_CollapseAllAndExpandAll_DoWhatTheySay()
    {
        _topology.Publish(DemoData.Build());
        int site = _topology.Current.Installation.SiteByName[DemoData.GeneratedSiteName].Id;
        var cut = RenderPage($"topology?site={site}");
        int overview = cut.FindAll(".diagram-node .pm-node").Count;

        cut.Find("#collapse-all").Click();

        // DC2's renders take seconds on a loaded machine: a generous wait (it returns as soon as the assertion holds).
        cut.WaitForAssertion(() => Assert.All(cut.FindAll(".diagram-node .pm-node"), n => Assert.True(n.ClassList.Contains("pm-panel") || n.ClassList.Contains("pm-aggregate"))), TimeSpan.FromSeconds(20));
        int collapsed = cut.FindAll(".diagram-node .pm-node").Count;
        Assert.True(collapsed < overview / 4, $"{collapsed} nodes collapsed, {overview} in the overview");

        cut.Find("#expand-all").Click();

        cut.WaitForAssertion(() => Assert.True(cut.FindAll(".diagram-node .pm-node").Count > overview), TimeSpan.FromSeconds(20));
        Assert.InRange(cut.FindAll(".diagram-node .pm-node").Count, overview + 1, 400);
        Assert.NotEmpty(cut.FindAll(".diagram-node .pm-device"));
        Assert.NotNull(cut.Find("#topology-truncated"));
    }

    // Feed 1 at 16 %: "show only ≥ 75 %" fades every seed node (CSS class on the diagram); a second click undoes it.
    [Fact]
    public void OnlyHotFilter_TogglesTheFadingClass()
    {
        var cut = RenderPage();
        Assert.DoesNotContain("pm-only-hot", cut.Find("#topology-diagram").ClassList);

        cut.Find("#only-hot").Click();

        Assert.Contains("pm-only-hot", cut.Find("#topology-diagram").ClassList);
        Assert.Equal("true", cut.Find("#only-hot").GetAttribute("aria-pressed"));
        Assert.All(cut.FindAll(".diagram-node .pm-node"), n => Assert.DoesNotContain("pm-status-warning", n.ClassList));
        cut.Find("#only-hot").Click();
        Assert.DoesNotContain("pm-only-hot", cut.Find("#topology-diagram").ClassList);
    }

    [Fact]
    public void MinimapToggle_HidesAndShowsTheMinimap()
    {
        _topology.Publish(DemoData.Build());
        int site = _topology.Current.Installation.SiteByName[DemoData.GeneratedSiteName].Id;
        var cut = RenderPage($"topology?site={site}&zoom=1&pan=0,0");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#topology-minimap")));

        cut.Find("#minimap-toggle").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#topology-minimap")));
        Assert.Equal("Show minimap", cut.Find("#minimap-toggle").GetAttribute("aria-label"));
        cut.Find("#minimap-toggle").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#topology-minimap")));
    }

    [Fact]
    public async Task Dispose_UnsubscribesFromTopologyChanges()
    {
        var changed = typeof(TopologyService).GetField(nameof(TopologyService.Changed), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        RenderPage();
        Assert.NotNull(changed.GetValue(_topology));

        await DisposeComponentsAsync();

        Assert.Null(changed.GetValue(_topology));
        _topology.Publish(_topology.Current.Installation);
    }

    // "Expand all" on the generated site (1,098 nodes) cannot be shown whole: the view stops at 400 nodes and says so.
    [Fact]
    public void ExpandAllOnALargeSite_ShowsAtMost400NodesAndTheTruncationAlert()
    {
        _topology.Publish(DemoData.Build());
        int site = _topology.Current.Installation.SiteByName[DemoData.GeneratedSiteName].Id;

        var cut = RenderPage($"topology?site={site}&all=1");

        Assert.NotNull(cut.Find("#topology-truncated"));
        int nodes = cut.FindAll(".diagram-node .pm-node").Count;
        Assert.InRange(nodes, 2, 400);
        Assert.Equal(nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("#topology-diagram").GetAttribute("data-node-count"));
    }
}

using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Topology;

namespace PowerMap.Tests.Web.Topology;

// What-if mode of /topology on the seed: Panel 1 → Feed 1 (A) → PDU1, Feed 2 (B) → PDU2; Server and Router on both PDUs.
public class WhatIfModeTests : BunitContext
{
    private readonly TopologyService _topology = new(null!);
    private readonly TopologyBuilder.SeedIds _ids;

    public WhatIfModeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
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

    private IRenderedComponent<TopologyPage> RenderPage(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<TopologyPage>();
    }

    private static void Click(IRenderedComponent<TopologyPage> cut, string nodeId)
    {
        cut.Find($".diagram-node[data-node-id='{nodeId}']").PointerDown(new Microsoft.AspNetCore.Components.Web.PointerEventArgs { Button = 0 });
        cut.Find($".diagram-node[data-node-id='{nodeId}']").PointerUp(new Microsoft.AspNetCore.Components.Web.PointerEventArgs { Button = 0 });
    }

    private string[] NodeClasses(IRenderedComponent<TopologyPage> cut, string nodeId) =>
        [.. cut.Find($".diagram-node[data-node-id='{nodeId}'] .pm-node").ClassList];

    [Fact]
    public void Link_WithFailedFeed_MarksNodesAndListsFeed2Before_After()
    {
        var cut = RenderPage($"topology?whatif=1&fail=feed:{_ids.Feed1}");

        Assert.Contains("pm-failed", NodeClasses(cut, $"feed:{_ids.Feed1}"));
        Assert.Contains("pm-degraded", NodeClasses(cut, $"device:{_ids.Server}"));
        Assert.Contains("pm-degraded", NodeClasses(cut, $"device:{_ids.Router}"));
        Assert.DoesNotContain("pm-failed", NodeClasses(cut, $"feed:{_ids.Feed2}"));
        var row = cut.Find($"#whatif-feeds tr[data-feed-id='{_ids.Feed2}']");
        Assert.Contains("16.0 % → 31.9 %", row.TextContent.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.Contains("470 VA → 940 VA", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("→ 31.9 %", cut.Find($".diagram-node[data-node-id='feed:{_ids.Feed2}'] .pm-whatif-after").TextContent);
        Assert.Empty(cut.FindAll($".diagram-node[data-node-id='feed:{_ids.Feed1}'] .pm-whatif-after")); // failed: no numbers after
        Assert.Equal("0", cut.Find("#whatif-down").TextContent);
        Assert.Equal("2", cut.Find("#whatif-degraded").TextContent);
    }

    [Fact]
    public void ClickingThePanel_InWhatIfMode_FailsItAndWritesTheUrl()
    {
        var cut = RenderPage("topology");
        cut.Find("#whatif-toggle").Click();
        Assert.NotNull(cut.Find("#whatif-panel"));

        Click(cut, $"panel:{_ids.Panel}");

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#whatif-down").TextContent));
        Assert.Equal("940 W", cut.Find("#whatif-watts-lost").TextContent);
        Assert.Contains("pm-down", NodeClasses(cut, $"device:{_ids.Server}"));
        Assert.Contains("pm-failed", NodeClasses(cut, $"feed:{_ids.Feed2}")); // the panel's feeds fail with it
        Assert.Contains($"fail=panel:{_ids.Panel}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);

        cut.Find("#whatif-clear").Click(); // (a second click within the double-click window would also collapse the panel)
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#whatif-summary")));
        Assert.DoesNotContain("pm-down", NodeClasses(cut, $"device:{_ids.Server}"));
    }

    [Fact]
    public void FailAllOfSideA_FailsFeed1Only()
    {
        var cut = RenderPage("topology?whatif=1");

        cut.Find("#whatif-fail-a").Click();

        Assert.Contains("pm-failed", NodeClasses(cut, $"feed:{_ids.Feed1}"));
        Assert.DoesNotContain("pm-failed", NodeClasses(cut, $"feed:{_ids.Feed2}"));
        Assert.Contains("Feed 1 (side A)", cut.Find("#whatif-title").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIfMode_DeviceNodesShowTheirRedundancy_OnlyInTheMode()
    {
        var cut = RenderPage("topology");
        Assert.Empty(cut.FindAll(".pm-node-redundancy"));

        cut.InvokeAsync(() => cut.Find("#whatif-toggle").Click());

        var badge = cut.Find($".diagram-node[data-node-id='device:{_ids.Server}'] .pm-node-redundancy");
        Assert.Equal("partial", badge.TextContent);
        Assert.Empty(cut.FindAll($".diagram-node[data-node-id='device:{_ids.Pdu1}'] .pm-node-redundancy")); // a PDU is not a load device
    }

    [Fact]
    public void LeavingWhatIf_ClearsTheMarks()
    {
        var cut = RenderPage($"topology?whatif=1&fail=feed:{_ids.Feed1}");

        cut.Find("#whatif-close").Click();

        Assert.Empty(cut.FindAll("#whatif-panel"));
        Assert.DoesNotContain("pm-failed", NodeClasses(cut, $"feed:{_ids.Feed1}"));
        Assert.DoesNotContain("whatif", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlay_UnknownAndDuplicateKeys_AreDropped()
    {
        var overlay = WhatIfOverlay.Build(_topology.Current, [$"feed:{_ids.Feed1}", "feed:99999", $"feed:{_ids.Feed1}", "rack:1", "agg:feed:1"]);

        Assert.Equal([$"feed:{_ids.Feed1}"], overlay.FailedKeys);
        Assert.Equal(2, overlay.Result.DevicesDegraded);
        Assert.Equal(WhatIfRole.Failed, overlay.RoleOf($"feed:{_ids.Feed1}"));
        Assert.Equal([DeviceFailureState.Degraded, DeviceFailureState.Degraded], overlay.Devices.Select(d => d.State));
    }
}

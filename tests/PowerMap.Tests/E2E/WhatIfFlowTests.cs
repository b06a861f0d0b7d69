using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PowerMap.Core.Dcim;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// /topology's what-if mode in Chromium on the seed: fail Feed 1 from the diagram and see Feed 2 at 31.9 %, Server and
// Router degraded; the link reproduces the view. Nothing is written to the data.
[Collection(BrowserCollection.Name)]
public class WhatIfFlowTests(AppServerFixture app)
{
    private Installation Inst => app.Topology.Current.Installation;

    private int SiteId => Inst.SiteByName["DC1"].Id;

    private string FeedNode(string name) => "feed:" + Inst.FeedByName[(Inst.PanelByName[(SiteId, "Panel 1")].Id, name)].Id;

    private string DeviceNode(string name) => "device:" + Inst.DeviceByName[(SiteId, name)].Id;

    private static ILocator Node(IPage page, string nodeId) => page.Locator($".diagram-node[data-node-id='{nodeId}'] .pm-node");

    private async Task OpenAsync(IPage page, string relativeUrl)
    {
        await app.GotoAsync(page, relativeUrl);
        await Expect(page.Locator("#topology-diagram")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 20000 });
    }

    [Fact]
    public async Task FailFeed1FromTheDiagram_Feed2CarriesBothPsus()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, "topology");

        await page.Locator("#whatif-toggle").ClickAsync();
        await Expect(page.Locator("#whatif-panel")).ToBeVisibleAsync();
        await page.Locator($".diagram-node[data-node-id='{FeedNode("Feed 1")}']").ClickAsync();

        var feed2 = page.Locator("#whatif-feeds tr").Filter(new() { HasText = "Feed 2" });
        await Expect(feed2).ToContainTextAsync("16.0 % → 31.9 %");
        await Expect(feed2).ToContainTextAsync("470 VA → 940 VA");
        await Expect(Node(page, FeedNode("Feed 1"))).ToHaveClassAsync(new Regex("pm-failed"));
        await Expect(Node(page, DeviceNode("Server"))).ToHaveClassAsync(new Regex("pm-degraded"));
        await Expect(Node(page, DeviceNode("Router"))).ToHaveClassAsync(new Regex("pm-degraded"));
        await Expect(page.Locator("#whatif-degraded")).ToHaveTextAsync("2");
        await Expect(page.Locator("#whatif-watts-lost")).ToHaveTextAsync("0 W");
        await Expect(page).ToHaveURLAsync(new Regex("whatif=1&fail=" + Regex.Escape(FeedNode("Feed 1"))));
        await AppServerFixture.ScreenshotAsync(page, "whatif-1-fail-feed1");

        // The link reproduces it in another browser.
        var (context2, page2, errors2) = await app.NewPageAsync();
        await using var __ = context2;
        await OpenAsync(page2, new Uri(page.Url).PathAndQuery);
        await Expect(page2.Locator("#whatif-feeds tr").Filter(new() { HasText = "Feed 2" })).ToContainTextAsync("31.9 %");
        await Expect(Node(page2, FeedNode("Feed 1"))).ToHaveClassAsync(new Regex("pm-failed"));
        Assert.Empty(errors);
        Assert.Empty(errors2);
    }

    [Fact]
    public async Task FailThePanel_BothDevicesDown()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, "topology?whatif=1&fail=panel:" + Inst.PanelByName[(SiteId, "Panel 1")].Id);

        await Expect(page.Locator("#whatif-down")).ToHaveTextAsync("2");
        await Expect(page.Locator("#whatif-watts-lost")).ToHaveTextAsync("940 W");
        await Expect(Node(page, DeviceNode("Server"))).ToHaveClassAsync(new Regex("pm-down"));
        await AppServerFixture.ScreenshotAsync(page, "whatif-2-fail-panel");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ResiliencePage_Panel1IsTheSinglePointOfServerAndRouter_AndLinksToItsWhatIf()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await app.GotoAsync(page, "resilience?site=DC1");

        var row = page.Locator("#spof-table tbody tr").First;
        await Expect(row).ToContainTextAsync("Panel 1");
        await Expect(row).ToContainTextAsync("940 W");
        foreach (var device in new[] { "Server", "Router" })
        {
            await Expect(page.Locator("#redundancy-table tr").Filter(new() { HasText = device })).ToContainTextAsync("both paths meet at Panel 1");
        }
        await AppServerFixture.ScreenshotAsync(page, "resilience-1-seed");

        await row.GetByRole(AriaRole.Link, new() { Name = "what if…" }).ClickAsync();
        await Expect(page.Locator("#topology-diagram")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 20000 });
        await Expect(page.Locator("#whatif-down")).ToHaveTextAsync("2");
        Assert.Empty(errors);
    }
}

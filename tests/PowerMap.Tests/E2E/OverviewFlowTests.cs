using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// The app starts on the demo data and every menu page opens in a real Chromium without console errors.
[Collection(BrowserCollection.Name)]
public class OverviewFlowTests(AppServerFixture app)
{
    [Fact]
    public async Task Overview_ShowsTheDemoData()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;

        await app.GotoAsync(page, "/");

        await Expect(page.Locator("#feed-count")).ToHaveTextAsync(app.Topology.Current.Installation.PowerFeeds.Count.ToString());
        await AppServerFixture.ScreenshotAsync(page, "overview");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Overview_SiteDc1_ShowsFeed1RackNowAndN1()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        var inst = app.Topology.Current.Installation;
        var rack = inst.RackById[inst.PowerFeeds.Single(f => f.Name == "Feed 1" && inst.PanelById[f.PowerPanelId].SiteId == inst.SiteByName["DC1"].Id).RackId!.Value];

        await app.GotoAsync(page, "/?site=dc1");

        var row = page.Locator("#top-racks tbody tr").Filter(new() { HasText = rack.ToString() });
        await Expect(row.Locator("td").Nth(2)).ToContainTextAsync("16.0");
        await Expect(row.Locator(".pm-rack-n1")).ToContainTextAsync("31.9");
        await AppServerFixture.ScreenshotAsync(page, "overview-dc1");
        await Expect(page.Locator("#chart-feeds svg")).ToBeVisibleAsync();
        await page.Locator("#chart-feeds").ScrollIntoViewIfNeededAsync();
        await AppServerFixture.ScreenshotAsync(page, "overview-dc1-charts");
        Assert.Empty(errors);
    }
}

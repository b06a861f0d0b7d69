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
}

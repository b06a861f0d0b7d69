using Microsoft.Playwright;
using PowerMap.Tests.Web.NetBox;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// An admin imports a (stand-in) NetBox into an empty PowerMap from the Import from NetBox page, NetBox changes, and the
// second read previews and applies an update in place. Screenshots: netbox-import-*.png. Its own empty app: the shared
// empty one is for building the seed through the UI, which NetBox's DC1 would be in the way of.
public class NetBoxImportFlowTests(EmptyAppServerFixture app) : IClassFixture<EmptyAppServerFixture>
{
    [Fact]
    public async Task ReadPreviewUpdateInPlace_ThenAgainAfterNetBoxChanged()
    {
        await using var nb = await NetBoxStandIn.StartAsync();
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await app.GotoAsync(page, "/import-netbox");

        // Typed text reaches the circuit by an input event; on a loaded machine the first render after start-up can replace
        // the inputs under the typing, so type again until the server has both (the Read button enables on them).
        for (int attempt = 1; ; attempt++)
        {
            await page.Locator("#netbox-url").FillAsync(nb.Url);
            await page.Locator("#netbox-token").FillAsync(NetBoxStandIn.Token);
            try
            {
                await Expect(page.Locator("#netbox-read")).ToBeEnabledAsync(new() { Timeout = 5000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 4)
            {
            }
        }
        await page.Locator("#netbox-read").ClickAsync();
        await Expect(page.Locator("#netbox-plan")).ToContainTextAsync("Power feed", new() { Timeout = 20000 });
        await AppServerFixture.ScreenshotAsync(page, "netbox-import-preview");
        await page.Locator("#netbox-update").ClickAsync();
        await Expect(page.Locator("#netbox-done")).ToContainTextAsync("20 created, 0 updated, 0 deleted", new() { Timeout = 20000 });

        nb.Lists["power-feeds"][1]["amperage"] = 32;
        await page.Locator("#netbox-read").ClickAsync();
        var feedRow = page.Locator("#netbox-plan tbody tr").Filter(new() { HasText = "Power feed" });
        await Expect(feedRow).ToContainTextAsync("Power feed010", new() { Timeout = 20000 });
        await AppServerFixture.ScreenshotAsync(page, "netbox-import-reread");
        await page.Locator("#netbox-update").ClickAsync();
        await Expect(page.Locator("#netbox-done")).ToContainTextAsync("0 created, 1 updated, 0 deleted", new() { Timeout = 20000 });
        await Expect(page.Locator("#netbox-result tbody tr")).ToHaveCountAsync(1);
        await AppServerFixture.ScreenshotAsync(page, "netbox-import-updated");

        // Nothing changed since: said so, and nothing is written.
        await page.Locator("#netbox-read").ClickAsync();
        await Expect(page.Locator("#netbox-plan")).ToHaveTextAsync("Nothing to change: PowerMap holds NetBox's data as it is.", new() { Timeout = 20000 });

        Assert.Equal(32, app.Topology.Current.Installation.PowerFeeds.Single(f => f.NetBoxId == 11).Amperage);
        Assert.Empty(errors);
    }
}

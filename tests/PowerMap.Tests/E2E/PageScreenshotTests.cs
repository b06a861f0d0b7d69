using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// Every main page opens at 1280×800 and on a wall display without console errors; screenshots go to TestResults/screenshots/.
[Collection(BrowserCollection.Name)]
public class PageScreenshotTests(AppServerFixture app)
{
    [Fact]
    public async Task MainPages_RenderWithoutConsoleErrors()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;

        var overflowing = new List<string>();
        foreach (var (name, url) in PageTour.MainPages(app))
        {
            await app.GotoAsync(page, url);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await Expect(page.Locator("h1")).Not.ToContainTextAsync("not found");
            await AppServerFixture.ScreenshotAsync(page, name);
            // At 1280×800 every grid and table fits: no column is hidden behind a horizontal scroll.
            overflowing.AddRange((await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('.mud-main-content table')].filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || t.scrollWidth > t.parentElement.clientWidth + 1).map(t => (t.closest('[id]')?.id ?? '?') + ' ' + Math.round(t.scrollWidth) + 'px')"))
                .Select(t => $"{name}: {t}"));
        }

        Assert.Empty(errors);
        Assert.True(overflowing.Count == 0, string.Join(Environment.NewLine, overflowing));
    }

    [Fact]
    public async Task WallDisplay_ShowsTheFeedListAndOverview()
    {
        var (context, page, errors) = await app.NewPageAsync(2560, 1440);
        await using var _ = context;

        await app.GotoAsync(page, "/power-feeds");
        await Expect(page.Locator("#feeds-grid tbody tr").First).ToBeVisibleAsync();
        await AppServerFixture.ScreenshotAsync(page, "wall-power-feeds");
        await app.GotoAsync(page, "/");
        await AppServerFixture.ScreenshotAsync(page, "wall-overview");

        Assert.Empty(errors);
    }

    [Fact]
    public async Task DeleteConfirmation_SaysWhatGoesWithTheDevice()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var __ = context;
        var pdu = app.Topology.Current.Installation.Devices.First(d => d.Name == "PDU2");

        await app.GotoAsync(page, $"/devices/{pdu.Id}");
        await Ui.OpenDialogAsync(page, "#delete-device");

        await Expect(page.Locator("#delete-effects")).ToContainTextAsync("Its 1 power port, 8 power outlets and 3 cables are deleted with it.");
        await page.WaitForTimeoutAsync(300); // the dialog's opening animation
        await Ui.ViewportScreenshotAsync(page, "delete-confirmation");
        await page.Locator("#delete-cancel").ClickAsync();
        await Expect(Ui.Dialog(page)).ToHaveCountAsync(0);
    }
}

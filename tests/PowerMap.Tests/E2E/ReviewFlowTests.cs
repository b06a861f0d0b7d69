using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// The print view of the capacity review: no navigation chrome, the site's numbers, charts, and a PDF of several pages.
[Collection(BrowserCollection.Name)]
public class ReviewFlowTests(AppServerFixture app)
{
    [Fact]
    public async Task Review_SiteDc1_PrintsWithoutChrome()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;

        await app.GotoAsync(page, "/review?site=dc1");

        await Expect(page.Locator("#review-title")).ToHaveTextAsync("DC1");
        await Expect(page.Locator("#total-n1-headroom")).ToHaveTextAsync("4.0 kVA");
        await Expect(page.Locator("#chart-feeds svg")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".mud-appbar, .mud-drawer").CountAsync());
        await Expect(page.Locator("#review-diagram")).ToHaveAttributeAsync("href", "topology?site=" + app.Topology.Current.Installation.SiteByName["DC1"].Id);

        // The site's diagram is drawn into the pack (the export's drawing, default view), with the site's feeds in it.
        var drawing = page.Locator("#review-diagram-drawing svg");
        await Expect(drawing).ToBeVisibleAsync();
        await Expect(drawing.Locator("text", new() { HasTextString = "Feed 1" }).First).ToBeAttachedAsync();
        await Expect(drawing.Locator("text", new() { HasTextString = "Feed 2" }).First).ToBeAttachedAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("#review-print")).ToBeHiddenAsync();
        await AppServerFixture.ScreenshotAsync(page, "review-dc1-print");
        var pdf = await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true });
        Assert.True(pdf.Length > 10_000, $"PDF of {pdf.Length} bytes");
        await File.WriteAllBytesAsync(Path.Combine(AppServerFixture.ScreenshotDirectory, "review-dc1.pdf"), pdf);
        Assert.Empty(errors);
    }
}

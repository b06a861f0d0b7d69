using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// Printing the diagram: /topology/print draws the view once per printed page. DC2 does not fit one landscape page at a
// readable zoom, so it is tiled (rows × columns, each page under its header, the trace list on the first); the seed site
// prints on one page. The PDFs are Chromium's own print output.
[Collection(BrowserCollection.Name)]
public partial class TopologyPrintFlowTests(AppServerFixture app)
{
    private Installation Inst => app.Topology.Current.Installation;

    private int SiteId(string name) => Inst.SiteByName[name].Id;

    /// <summary>Pages in a PDF written by Chromium (its page objects are not compressed).</summary>
    private static int PdfPageCount(byte[] pdf) => PageObject().Matches(System.Text.Encoding.Latin1.GetString(pdf)).Count;

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();

    /// <summary>The print view is server-rendered only (no circuit): loaded is ready.</summary>
    private async Task OpenAsync(IPage page, string relativeUrl)
    {
        var response = await page.GotoAsync(app.BaseUrl + relativeUrl);
        Assert.Equal(200, response!.Status);
    }

    [Fact]
    public async Task LargeSite_PrintsTiledOverSeveralPages_EachWithItsHeader_TraceOnTheFirst()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        int site = SiteId("DC2");
        var pdu = TopologyView.Build(Inst, new TopologyViewOptions { SiteId = site }, app.Topology.Current.Report).Nodes
            .Where(n => n.Kind == NodeKind.Distribution).OrderBy(n => n.Id, StringComparer.Ordinal).Skip(30).First();

        await OpenAsync(page, $"topology/print?site={site}&node={pdu.Id}");

        var sheets = page.Locator(".pm-print-sheet");
        var print = page.Locator("#topology-print");
        int pages = int.Parse((await print.GetAttributeAsync("data-pages"))!, System.Globalization.CultureInfo.InvariantCulture);
        double zoom = double.Parse((await print.GetAttributeAsync("data-zoom"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages > 1, $"{pages} page(s)");
        Assert.True(zoom >= 0.5, $"printed at zoom {zoom}");
        await Expect(sheets).ToHaveCountAsync(pages);
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 0; i < pages; i++)
        {
            var header = sheets.Nth(i).Locator(".pm-print-sheet-header");
            await Expect(header.Locator("h1")).ToContainTextAsync("DC2");
            await Expect(header.Locator("h1")).ToContainTextAsync(today);
            await Expect(header.Locator("h1")).ToContainTextAsync("revision");
            await Expect(header).ToContainTextAsync($"page {i + 1} of {pages}");
        }
        await Expect(page.Locator(".pm-print-trace")).ToHaveCountAsync(1);
        await Expect(sheets.First.Locator(".pm-print-trace")).ToContainTextAsync("Trace of " + pdu.Label);
        // The traced PDU is drawn (on whichever page its window falls) and the drawing is the export's, trace kept.
        await Expect(sheets.First.Locator("svg text", new() { HasText = pdu.Label }).Or(page.Locator(".pm-print-sheet svg text", new() { HasText = pdu.Label })).First).ToBeAttachedAsync();
        Assert.Contains("class=\"dim\"", await sheets.First.InnerHTMLAsync(), StringComparison.Ordinal);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.SetViewportSizeAsync(1100, 760);
        await AppServerFixture.ScreenshotAsync(page, "topology-print-dc2-page1");
        await sheets.Nth(pages - 1).ScrollIntoViewIfNeededAsync();
        await sheets.Nth(pages - 1).ScreenshotAsync(new() { Path = Path.Combine(AppServerFixture.ScreenshotDirectory, "topology-print-dc2-last-page.png") });

        var pdf = await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true, Path = Path.Combine(AppServerFixture.ScreenshotDirectory, "topology-print-dc2.pdf") });
        Assert.Equal(pages, PdfPageCount(pdf));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task SeedSite_PrintsOnOnePage()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;

        await OpenAsync(page, $"topology/print?site={SiteId("DC1")}");

        await Expect(page.Locator(".pm-print-sheet")).ToHaveCountAsync(1);
        await Expect(page.Locator(".pm-print-sheet-header")).ToContainTextAsync("page 1 of 1");
        await Expect(page.Locator(".pm-print-sheet svg text", new() { HasText = "Feed 1" })).ToHaveCountAsync(1);
        await Expect(page.Locator(".pm-print-trace")).ToHaveCountAsync(0);
        var pdf = await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true, Path = Path.Combine(AppServerFixture.ScreenshotDirectory, "topology-print-seed.pdf") });
        Assert.Equal(1, PdfPageCount(pdf));
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await AppServerFixture.ScreenshotAsync(page, "topology-print-seed");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task UnknownSite_SaysSoAndPrintsNothing()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;

        await OpenAsync(page, "topology/print?site=999999");

        await Expect(page.Locator("#topology-print-empty")).ToContainTextAsync("site: no site with id “999999”");
        await Expect(page.Locator(".pm-print-sheet")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    // The toolbar's Print opens the print view of the same site and trace in a new tab (and prints it there).
    [Fact]
    public async Task ToolbarPrint_LoadsThePrintViewOfTheSameSiteAndTrace()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        int site = SiteId("DC1");
        string server = "device:" + Inst.DeviceByName[(site, "Server")].Id;
        await app.GotoAsync(page, $"topology?site={site}&node={server}");
        await Expect(page.Locator("#topology-diagram")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 20000 });
        await Expect(page.Locator("#node-panel-title")).ToHaveTextAsync("Server");

        // Headless Chromium has no print dialog: record that the opener asked the new tab to print.
        await context.AddInitScriptAsync("window.print = () => { window.__pmPrinted = (window.__pmPrinted || 0) + 1; };");
        var tab = await page.RunAndWaitForPopupAsync(() => page.Locator("#print").ClickAsync());

        await Expect(tab).ToHaveURLAsync(new Regex($@"/topology/print\?site={site}&node={Regex.Escape(server)}$"));
        await Expect(tab.Locator(".pm-print-trace")).ToContainTextAsync("Trace of Server");
        await Expect(tab.Locator(".pm-print-sheet")).ToHaveCountAsync(1);
        await tab.WaitForFunctionAsync("() => window.__pmPrinted === 1", null, new() { Timeout = 10000 });
        Assert.Empty(errors);
    }
}

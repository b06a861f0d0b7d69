using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// On a phone (390 × 844) a list's utilization stays in view: the first row's utilization cell is inside the screen
// without scrolling sideways (the page or the grid), and the diagram's side panel has no table wider than the screen.
[Collection(BrowserCollection.Name)]
public class PhoneTablesFlowTests(AppServerFixture app)
{
    private const int Width = 390, Height = 844;

    // The list pages' grids stack each row as a card at phone width (MudDataGrid's breakpoint); the feed tables of a panel
    // and a rack, a PDU's power panel and the overview's tables keep their columns and pin the utilization at the right.
    [Theory]
    [InlineData("power-feeds", "#feeds-grid")]
    [InlineData("power-panels", "#panels-grid")]
    [InlineData("sites", "#racks-grid")]
    [InlineData("panel-page", "#panel-feeds")]
    [InlineData("rack-page", "#rack-feeds")]
    [InlineData("device-page", "#device-power-panel")]
    [InlineData("overview-page", "#top-feeds")]
    [InlineData("overview-page", "#top-racks")]
    [InlineData("overview-page", "#at-risk")]
    public async Task Phone_TableKeepsTheFirstRowsUtilizationInView(string name, string table)
    {
        var (context, page, errors) = await app.NewPageAsync(Width, Height);
        await using var _ = context;
        await app.GotoAsync(page, PageTour.MainPages(app).Single(p => p.Name == name).Url);
        var cell = page.Locator($"{table} tbody tr").First.Locator(".pm-util").First;
        await Expect(cell).ToBeVisibleAsync();

        // Scrolled down to the row only (never sideways), as a thumb would.
        await page.EvaluateAsync("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 200)", await cell.ElementHandleAsync());
        var box = (await cell.BoundingBoxAsync())!;
        var sideways = await page.EvaluateAsync<double[]>(
            "t => [document.scrollingElement.scrollLeft, document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth, document.querySelector(t).closest('.mud-table-container')?.scrollLeft ?? 0]", table);
        await AppServerFixture.ScreenshotAsync(page, $"phone-{name}-{table.TrimStart('#')}");

        Assert.True(box.X >= 0 && box.X + box.Width <= Width && box.Y >= 0 && box.Y + box.Height <= Height,
            $"{name} {table}: the first row's utilization at ({box.X:N0}, {box.Y:N0}, {box.Width:N0} × {box.Height:N0}) is outside the {Width} × {Height} screen");
        Assert.Equal([0, 0, 0], sideways);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Feed 1")]
    [InlineData("PDU1")]
    [InlineData("Server")]
    public async Task Phone_DiagramSidePanelTablesFitTheScreen(string node)
    {
        var (context, page, errors) = await app.NewPageAsync(Width, Height);
        await using var _ = context;
        var inst = app.Topology.Current.Installation;
        int site = inst.SiteByName["DC1"].Id;
        string id = node.StartsWith("Feed", StringComparison.Ordinal)
            ? "feed:" + inst.PowerFeeds.First(f => f.Name == node && inst.PanelById[f.PowerPanelId].SiteId == site).Id
            : "device:" + inst.DeviceByName[(site, node)].Id;
        await app.GotoAsync(page, $"topology?site={site}&node={id}");
        await Expect(page.Locator("#node-panel-title")).ToHaveTextAsync(node);
        await page.WaitForTimeoutAsync(500); // the bottom sheet slides in

        var tables = await page.EvaluateAsync<string[]>(
            "w => [...document.querySelectorAll('#node-panel table')].map(t => [t.getBoundingClientRect(), t]).filter(([r, t]) => r.left < -0.5 || r.right > w + 0.5 || t.scrollWidth > t.parentElement.clientWidth + 1).map(([r, t]) => (t.className || 'table') + ' ' + Math.round(r.left) + '–' + Math.round(r.right) + ' px')", Width);
        await AppServerFixture.ScreenshotAsync(page, $"phone-topology-panel-{node.Replace(' ', '-').ToLowerInvariant()}");

        Assert.True(tables.Length == 0, $"{node}: tables wider than the screen: {string.Join(", ", tables)}");
        Assert.Empty(errors);
    }
}

using Microsoft.Playwright;
using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// Reserve a 400 W dual-corded server on /fit (DC1), see it change only the "With planned" numbers of the overview, apply it.
[Collection(BrowserCollection.Name)]
public class PlannedFlowTests(AppServerFixture app)
{
    private string Dc1Percent(bool withPlanned)
    {
        var current = app.Topology.Current;
        var report = withPlanned ? current.Report : PlannedChanges.WithoutPlanned(current.Report);
        return Format.Percent(CapacityOverview.Compute(report, current.Installation.SiteByName["DC1"].Id).Capacity.Percent);
    }

    [Fact]
    public async Task ReserveOnFit_ChangesOnlyWithPlanned_ThenApply()
    {
        var (context, page, errors) = await app.NewPageAsync(1400, 900);
        await using var _ = context;
        string before = Dc1Percent(withPlanned: true);
        Assert.Equal(before, Dc1Percent(withPlanned: false)); // nothing planned yet
        int? reservedId = null;
        try
        {
            await app.GotoAsync(page, "/fit");
            // A select showing an item's content ("All sites") hides its input: click the select itself.
            await page.Locator(".mud-select:has(#fit-site) .mud-input-control").ClickAsync();
            await page.Locator(".mud-popover-open [role=option]").Filter(new() { HasText = "DC1" }).ClickAsync();
            await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
            await page.Locator("#fit-find").ClickAsync();
            await Expect(page.Locator("#fit-results tbody tr").First).ToBeVisibleAsync();
            await page.Locator("#fit-results tbody tr").First.Locator(".pm-fit-reserve").ClickAsync();
            await Expect(Ui.Dialog(page)).ToBeVisibleAsync();
            await Ui.FillAsync(page, "reserve-name", "E2E planned server");
            await Ui.ViewportScreenshotAsync(page, "fit-reserve-dialog");
            await page.Locator("#reserve-save").ClickAsync();
            await Expect(page.Locator("#fit-reserved")).ToContainTextAsync("E2E planned server");
            reservedId = app.Topology.Current.Installation.Devices.Single(d => d.Name == "E2E planned server").Id;
            await AppServerFixture.ScreenshotAsync(page, "fit-reserved");

            string with = Dc1Percent(withPlanned: true);
            Assert.NotEqual(before, with);
            Assert.Equal(before, Dc1Percent(withPlanned: false));

            await app.GotoAsync(page, "/?site=dc1&planned=exclude");
            await Expect(page.Locator("#total-percent")).ToHaveTextAsync(before);
            await Expect(page.Locator("#planned-note")).ToBeVisibleAsync();
            await page.Locator("#planned-with").ClickAsync();
            await Expect(page.Locator("#total-percent")).ToHaveTextAsync(with);
            await Expect(page.Locator("#planned-with")).ToHaveTextAsync("With planned (3)");
            await AppServerFixture.ScreenshotAsync(page, "overview-with-planned");

            await page.Locator("#apply-planned").ClickAsync();
            await Expect(page.Locator("#apply-planned-list li")).ToHaveCountAsync(3);
            await Ui.ViewportScreenshotAsync(page, "overview-apply-planned");
            await page.Locator("#apply-planned-confirm").ClickAsync();
            await Expect(page.Locator("#apply-planned")).ToHaveCountAsync(0);
            await Expect(page.Locator("#planned-with")).ToHaveTextAsync("With planned (0)");
            await Expect(page.Locator("#total-percent")).ToHaveTextAsync(with);
            Assert.Equal("active", app.Topology.Current.Installation.DeviceById[reservedId.Value].Status);
            await AppServerFixture.ScreenshotAsync(page, "overview-applied");
            Assert.Empty(errors);
        }
        finally
        {
            // The browser collection shares one installation: leave DC1 as the other flows expect it.
            if (reservedId is { } id)
            {
                await app.Store.DeleteAsync<Device>(id);
            }
        }
    }
}

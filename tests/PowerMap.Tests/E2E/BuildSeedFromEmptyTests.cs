using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// The seed example of power-model.md §7 built from an empty database purely through the UI:
// Panel 1 → Feed 1/Feed 2 (230 V 16 A 80 %) → PDU1/PDU2 (Create PDU) → Server (350/600 ×2) and Router (120/250 ×2).
[Collection(EmptyBrowserCollection.Name)]
public class BuildSeedFromEmptyTests(EmptyAppServerFixture app)
{
    [Fact]
    public async Task SeedExample_BuiltThroughTheUi_ShowsNetBoxNumbers()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;

        // Site and rack; Enter submits the site form.
        await app.GotoAsync(page, "/sites");
        await Ui.OpenDialogAsync(page, "#add-site");
        await Expect(page.Locator("#site-name")).ToBeFocusedAsync();
        await Ui.FillAsync(page, "site-name", "DC1");
        await page.Locator("#site-name").PressAsync("Enter");
        await Expect(Ui.Dialog(page)).ToHaveCountAsync(0);
        await Ui.OpenDialogAsync(page, "#add-rack");
        await Expect(page.Locator("#rack-site")).ToHaveValueAsync("DC1");
        await Ui.FillAsync(page, "rack-name", "R1");
        await Ui.SaveAsync(page);
        await Expect(page.Locator("#racks-grid")).ToContainTextAsync("R1");

        // Panel and its two feeds: Feed 1 from NetBox's defaults (120 V / 15 A / 80 %) changed to 230 V / 16 A;
        // Feed 2 starts from Feed 1's values and the suggested name "Feed 2" (issue 11).
        await app.GotoAsync(page, "/power-panels");
        await Ui.OpenDialogAsync(page, "#add-panel");
        await Ui.FillAsync(page, "panel-name", "Panel 1");
        await Ui.SaveAsync(page);
        await Ui.FollowAsync(page, "Panel 1");
        foreach (var name in new[] { "Feed 1", "Feed 2" })
        {
            await Ui.OpenDialogAsync(page, "#add-feed");
            bool first = name == "Feed 1";
            await Expect(page.Locator("#feed-name")).ToHaveValueAsync(name);
            await Expect(page.Locator("#feed-voltage")).ToHaveValueAsync(first ? "120" : "230");
            await Expect(page.Locator("#feed-amperage")).ToHaveValueAsync(first ? "15" : "16");
            await Expect(page.Locator("#feed-max-utilization")).ToHaveValueAsync("80");
            await Ui.FillAsync(page, "feed-name", name);
            await Ui.FillAsync(page, "feed-voltage", "230");
            await Ui.FillAsync(page, "feed-amperage", "16");
            await Ui.SelectAsync(page, "feed-rack", "R1");
            await Expect(page.Locator("#feed-form-available")).ToContainTextAsync("2944 VA");
            await Ui.SaveAsync(page);
        }
        await Expect(page.Locator("#panel-feeds tbody tr")).ToHaveCountAsync(2);

        // Two PDUs with the bulk action (inlet + 8 outlets each).
        foreach (var pdu in new[] { "PDU1", "PDU2" })
        {
            await app.GotoAsync(page, "/devices");
            await Ui.OpenDialogAsync(page, "#create-pdu");
            await Ui.FillAsync(page, "pdu-name", pdu);
            await Ui.SaveAsync(page);
            await Expect(page.Locator("h1")).ToHaveTextAsync(pdu);
            await Expect(page.Locator("#device-outlets tbody tr")).ToHaveCountAsync(8);
        }

        // Server and Router with two PSUs each.
        foreach (var (device, role, allocated, maximum) in new[] { ("Server", "server", "350", "600"), ("Router", "router", "120", "250") })
        {
            await app.GotoAsync(page, "/devices");
            await Ui.OpenDialogAsync(page, "#add-device");
            await Ui.FillAsync(page, "device-name", device);
            await Ui.FillAsync(page, "device-role", role);
            await Ui.SelectAsync(page, "device-rack", "R1");
            await Ui.SaveAsync(page);
            await Expect(page.Locator("h1")).ToHaveTextAsync(device);
            foreach (var psu in new[] { "PSU1", "PSU2" })
            {
                await Ui.OpenDialogAsync(page, "#add-port");
                await Ui.FillAsync(page, "port-name", psu);
                await Ui.FillAsync(page, "port-allocated", allocated);
                await Ui.FillAsync(page, "port-maximum", maximum);
                await Ui.SaveAsync(page);
            }
            await Expect(page.Locator("#device-ports tbody tr")).ToHaveCountAsync(2);
        }

        // PSUs into the PDU outlets: PDU1 Outlet 1 → Server PSU1, Outlet 2 → Router PSU1; PDU2 the same with PSU2.
        foreach (var (pdu, psu) in new[] { ("PDU1", "PSU1"), ("PDU2", "PSU2") })
        {
            await app.GotoAsync(page, "/devices");
            await Ui.FollowAsync(page, pdu);
            foreach (var (outlet, device, draws) in new[] { ("Outlet 1", "Server", "350 W / 600 W"), ("Outlet 2", "Router", "120 W / 250 W") })
            {
                await Ui.OpenDialogAsync(page, $"#device-outlets tr[data-outlet='{outlet}'] .pm-connect");
                await Ui.AutocompleteAsync(page, "connect-device", device[..3], device);
                await Ui.SelectAsync(page, "connect-port", $"{psu} ({draws})");
                await Ui.SaveAsync(page);
                await Expect(page.Locator($"#device-outlets tr[data-outlet='{outlet}'] .pm-far-end")).ToHaveTextAsync($"{device} › {psu}");
            }
        }

        // PDU inlets onto the feeds, from the feed pages.
        foreach (var (feed, pdu) in new[] { ("Feed 2", "PDU2"), ("Feed 1", "PDU1") })
        {
            await app.GotoAsync(page, "/power-feeds");
            await Ui.FollowAsync(page, feed);
            await Expect(page.Locator("#feed-no-utilization")).ToBeVisibleAsync();
            await Ui.OpenDialogAsync(page, "#feed-connect");
            await Ui.AutocompleteAsync(page, "connect-device", "PDU", pdu);
            await Expect(page.Locator("#connect-port")).ToHaveValueAsync("Inlet");
            await Ui.SaveAsync(page);
            await Expect(page.Locator("#feed-connection")).ToHaveTextAsync($"{pdu} › Inlet");
        }

        await Expect(page.Locator("#feed-usage")).ToHaveTextAsync("470 VA / 2944 VA");
        await Expect(page.Locator("#feed-percent")).ToHaveTextAsync("16.0 %");
        await Expect(page.Locator("#feed-remaining")).ToHaveTextAsync("2474 VA");
        await AppServerFixture.ScreenshotAsync(page, "seed-built-feed-page");
        var rack = app.Topology.Current.Installation.Racks.Single();
        Assert.Equal(16.0, app.Topology.Current.Report.RackUtilization(rack.Id));
        Assert.Empty(errors);
    }
}

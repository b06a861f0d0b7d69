using Microsoft.Playwright;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// Two users (two browser contexts) on the demo data: edits appear live everywhere; a stale edit is never applied silently.
// Each test puts the feed back as it found it: the app is shared by every browser test.
[Collection(BrowserCollection.Name)]
public class LiveEditTests(AppServerFixture app)
{
    private async Task RestoreAsync(PowerFeed original)
    {
        var current = app.Topology.Current.Installation.FeedById[original.Id];
        var restored = EntityCopy.Of(original);
        var result = await app.Store.SaveAsync(restored, current.Version);
        Assert.True(result.IsOk, result.Status.ToString());
    }

    private PowerFeed SeedFeed(string name) =>
        app.Topology.Current.Installation.PowerFeeds.Single(f => f.Name == name && app.Topology.Current.Installation.PanelById[f.PowerPanelId].Name == "Panel 1");

    [Fact]
    public async Task AnEditInOneBrowser_AppearsInTheOther_WithoutReload()
    {
        var feed = SeedFeed("Feed 2");
        try
        {
            await EditAppearsElsewhereAsync(feed);
        }
        finally
        {
            await RestoreAsync(feed);
        }
    }

    private async Task EditAppearsElsewhereAsync(PowerFeed feed)
    {
        var (ctxA, alice, errorsA) = await app.NewPageAsync();
        var (ctxB, bob, errorsB) = await app.NewPageAsync();
        await using var a = ctxA;
        await using var b = ctxB;
        await app.GotoAsync(alice, $"/power-feeds/{feed.Id}");
        await app.GotoAsync(bob, $"/power-feeds/{feed.Id}");
        var bobList = await ctxB.NewPageAsync();
        await app.GotoAsync(bobList, "/power-feeds");
        var before = await bob.Locator("#feed-usage").TextContentAsync();

        await Ui.OpenDialogAsync(alice, "#edit-feed");
        await Ui.FillAsync(alice, "feed-amperage", (feed.Amperage * 2).ToString());
        await Ui.SaveAsync(alice);

        // 230 V × 2·16 A × 80 % = 5888 VA; the allocation (470 VA) is unchanged, so 8.0 %.
        var expected = $"{before!.Split(" / ")[0]} / 5888 VA";
        await Expect(bob.Locator("#feed-usage")).ToHaveTextAsync(expected, new() { Timeout = 2000 });
        await Expect(bob.Locator("#feed-detail-amperage")).ToHaveTextAsync($"{feed.Amperage * 2} A");
        await Expect(bob.Locator("#feed-percent")).ToHaveTextAsync("8.0 %");
        var row = bobList.Locator("#feeds-grid tbody tr").Filter(new() { HasText = "Feed 2" }).First;
        await Expect(row).ToContainTextAsync("5888 VA", new() { Timeout = 2000 });
        await Expect(row).ToContainTextAsync("8.0 %");
        Assert.Empty(errorsA);
        Assert.Empty(errorsB);
    }

    [Fact]
    public async Task StaleEdit_ShowsTheConflict_WithTheLatestValues()
    {
        var inst = app.Topology.Current.Installation;
        var feed = inst.PowerFeeds.First(f => inst.PanelById[f.PowerPanelId].Name != "Panel 1");
        try
        {
            await StaleEditAsync(feed);
        }
        finally
        {
            await RestoreAsync(feed);
        }
    }

    private async Task StaleEditAsync(PowerFeed feed)
    {
        var (ctxA, alice, _) = await app.NewPageAsync();
        var (ctxB, bob, errorsB) = await app.NewPageAsync();
        await using var a = ctxA;
        await using var b = ctxB;
        await app.GotoAsync(alice, $"/power-feeds/{feed.Id}");
        await app.GotoAsync(bob, $"/power-feeds/{feed.Id}");
        await Ui.OpenDialogAsync(alice, "#edit-feed");
        await Ui.OpenDialogAsync(bob, "#edit-feed");

        await Ui.FillAsync(alice, "feed-description", "Alice was here");
        await Ui.SaveAsync(alice);

        await Ui.FillAsync(bob, "feed-description", "Bob was here");
        await bob.Locator("#form-save").ClickAsync();

        await Expect(bob.Locator("#form-notice")).ToContainTextAsync("Changed by someone else — here are the latest values");
        await Expect(bob.Locator("#feed-description")).ToHaveValueAsync("Alice was here");
        await Ui.ViewportScreenshotAsync(bob, "feed-edit-conflict");
        Assert.Equal("Alice was here", app.Topology.Current.Installation.FeedById[feed.Id].Description);

        // Bob decides on top of the latest values: now it applies.
        await Ui.FillAsync(bob, "feed-description", "Bob, after reading Alice");
        await Ui.SaveAsync(bob);
        Assert.Equal("Bob, after reading Alice", app.Topology.Current.Installation.FeedById[feed.Id].Description);
        Assert.Empty(errorsB);
    }
}

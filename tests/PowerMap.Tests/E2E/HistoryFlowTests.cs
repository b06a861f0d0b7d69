using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data.History;
using PowerMap.Web.Components.Shared;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// DC1's Feed 1 with four daily snapshots taken through the store (three past days with the server's PSU1 drawing less,
// then today's): its page draws the load-history chart and lists the samples.
[Collection(BrowserCollection.Name)]
public class HistoryFlowTests(AppServerFixture app)
{
    [Fact]
    public async Task FeedPage_ShowsTheLoadHistoryChart()
    {
        var store = app.Services.GetRequiredService<LoadHistoryStore>();
        var snapshot = app.Topology.Current;
        var inst = snapshot.Installation;
        int dc1 = inst.SiteByName["DC1"].Id;
        var feed = inst.PowerFeeds.Single(f => f.Name == "Feed 1" && inst.PanelById[f.PowerPanelId].SiteId == dc1);
        var server = inst.Devices.Single(d => d.Name == "Server" && d.SiteId == dc1);
        var psu = inst.PowerPorts.Single(p => p.DeviceId == server.Id && p.Name == "PSU1");
        var today = LoadHistoryStore.Today();
        DateOnly[] past = [today.AddDays(-21), today.AddDays(-14), today.AddDays(-7)];
        int[] draws = [150, 250, 300];
        var (context, page, errors) = await app.NewPageAsync(1400, 1000);
        await using var _ = context;
        try
        {
            for (int i = 0; i < past.Length; i++)
            {
                await store.TakeAsync(snapshot.Report.WithPortDraw(psu.Id, draws[i], draws[i]), past[i]);
            }
            await store.TakeAsync(snapshot.Report, today);
            var samples = await store.SamplesAsync(CapacitySubject.PowerFeed, feed.Id);
            Assert.Equal(4, samples.Count);
            var forecast = LoadForecast.Compute(samples, snapshot.Report.Options.WarningPercent);
            Assert.True(forecast.SlopeVoltAmpsPerDay > 0);

            await app.GotoAsync(page, Links.Feed(feed.Id));
            var card = page.Locator("#load-history");
            await Expect(card.Locator("#history-samples tbody tr")).ToHaveCountAsync(4);
            await Expect(card.Locator("#history-samples tbody tr").First).ToContainTextAsync(Format.Percent(samples[^1].Percent));
            await Expect(card.Locator("#history-samples tbody tr").Last).ToContainTextAsync(Format.Percent(samples[0].Percent));
            await Expect(card.Locator(".pm-history-chart svg").First).ToBeVisibleAsync();
            await Expect(card.Locator("#history-forecast")).ToContainTextAsync($"+{forecast.SlopeVoltAmpsPerDay:#,##0} VA/day");
            await card.ScrollIntoViewIfNeededAsync();
            await card.ScreenshotAsync(new() { Path = Path.Combine(AppServerFixture.ScreenshotDirectory, "feed-load-history.png") });
            Assert.Empty(errors);
        }
        finally
        {
            // The browser collection shares one database: leave the history as the other flows expect it.
            await store.ReplaceDaysAsync(past, []);
            await store.RefreshAsync(today, snapshot.Report.Options.WarningPercent);
        }
    }
}

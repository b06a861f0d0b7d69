using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data.History;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Components.Pages;
using PowerMap.Web.Features.PowerFeeds;

namespace PowerMap.Tests.Web.History;

// The seed: Feed 1 (2944 VA) at 470 VA. Three days of samples, d0 = today − 3: 470, 770 (d0 + 1), 1070 VA (d0 + 3 = today)
// → b = 192.857 VA/day, a = 512.857 VA: 75 % (2208 VA) on d0 + 9 = today + 6; 100 % on d0 + 13 = today + 10 (LoadHistoryStoreTests).
public class LoadHistoryPagesTests : IAsyncLifetime
{
    private WebTestHost _host = null!;
    private LoadHistoryStore _store = null!;
    private static readonly DateOnly Today = LoadHistoryStore.Today();
    private static readonly DateOnly D0 = Today.AddDays(-3);

    public async ValueTask InitializeAsync()
    {
        _host = await WebTestHost.CreateAsync();
        _store = _host.Db.Services.GetRequiredService<LoadHistoryStore>();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task SeedThreeDaysAsync()
    {
        int feed = _host.Feed("Feed 1").Id;
        LoadSample S(DateOnly day, long va) => new() { Day = day, Subject = CapacitySubject.PowerFeed, ObjectId = feed, AllocatedVoltAmps = va, AvailableVoltAmps = 2944 };
        await _store.ReplaceDaysAsync([D0, D0.AddDays(1), D0.AddDays(3)], [S(D0, 470), S(D0.AddDays(1), 770), S(D0.AddDays(3), 1070)]);
        await _store.RefreshAsync(Today, 75);
    }

    [Fact]
    public async Task Overview_ListsWhatCrossesInTheNext90Days_WithLinks()
    {
        var page = _host.Context.Render<Home>();
        Assert.Equal("(0)", page.Find("#upcoming-count").TextContent);

        await SeedThreeDaysAsync();

        page.WaitForAssertion(() => Assert.Equal("(1)", page.Find("#upcoming-count").TextContent));
        var row = page.Find("#upcoming-crossings tbody tr");
        Assert.Equal(Links(_host.Feed("Feed 1").Id), row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Feed 1", row.TextContent);
        Assert.Contains(Iso(D0.AddDays(9)), row.TextContent);
        Assert.Contains(Iso(D0.AddDays(13)), row.TextContent);
        Assert.Contains("36.3 %", row.TextContent); // latest: 1070 / 2944
    }

    [Fact]
    public async Task Overview_CrossingsFollowTheSitePicker()
    {
        Assert.True((await _host.Store.SaveAsync(new PowerMap.Core.Dcim.Site { Name = "DC2" })).IsOk);
        await SeedThreeDaysAsync();
        var navigation = _host.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();

        navigation.NavigateTo("?site=dc1");
        var dc1 = _host.Context.Render<Home>();
        Assert.Equal("(1)", dc1.Find("#upcoming-count").TextContent);
        // The list's export follows the site (the same rows, HistoryRows.Crossings).
        Assert.Equal("api/power/crossings.csv?site=dc1", dc1.Find("a.pm-export-csv-crossings").GetAttribute("href"));
        Assert.Equal("api/power/crossings.xlsx?site=dc1", dc1.Find("a.pm-export-xlsx-crossings").GetAttribute("href"));
        navigation.NavigateTo("?site=dc2");
        Assert.Equal("(0)", _host.Context.Render<Home>().Find("#upcoming-count").TextContent);
        navigation.NavigateTo("./");
        Assert.Equal("api/power/crossings.csv", _host.Context.Render<Home>().Find("a.pm-export-csv-crossings").GetAttribute("href"));
    }

    private static string Links(int feedId) => PowerMap.Web.Components.Shared.Links.Feed(feedId);

    [Fact]
    public void Overview_TakeSnapshotNow_TakesToday_ViewerHasNoButton()
    {
        var page = _host.Context.Render<Home>();

        page.Find("#take-snapshot").Click();

        page.WaitForAssertion(() => Assert.True(_store.HasDayAsync(Today).GetAwaiter().GetResult()));
        _host.SignInAsViewer();
        var viewerPage = _host.Context.Render<Home>();
        Assert.Empty(viewerPage.FindAll("#take-snapshot"));
    }

    [Fact]
    public async Task FeedPage_ShowsChartSamplesAndCrossingDays()
    {
        await SeedThreeDaysAsync();

        var page = _host.Context.Render<PowerFeedPage>(p => p.Add(x => x.Id, _host.Feed("Feed 1").Id));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#history-samples tbody tr").Count));
        var newest = page.Find("#history-samples tbody tr");
        Assert.Contains(Iso(Today), newest.TextContent);
        Assert.Contains("1070 VA", newest.TextContent);
        Assert.Contains("1091 VA", newest.TextContent); // trend on day 3: 512.857 + 3 × 192.857
        Assert.Contains("36.3 %", newest.TextContent);
        var forecast = page.Find("#history-forecast").TextContent;
        Assert.Contains("+193 VA/day", forecast);
        Assert.Contains($"Warning 75 %: reached on {Iso(D0.AddDays(9))}", forecast);
        Assert.Contains($"100 %: reached on {Iso(D0.AddDays(13))}", forecast);
        Assert.NotEmpty(page.FindAll(".pm-history-chart svg"));
        Assert.Contains("Warning 75 % (2,208 VA)", page.Find("#load-history").TextContent); // the legend names each line
    }

    [Fact]
    public void FeedPage_NoSamples_SaysSo()
    {
        var page = _host.Context.Render<PowerFeedPage>(p => p.Add(x => x.Id, _host.Feed("Feed 1").Id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#history-empty")));
    }
}

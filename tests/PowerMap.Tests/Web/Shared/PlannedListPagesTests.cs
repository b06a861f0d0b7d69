using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Devices;
using PowerMap.Web.Features.PowerFeeds;
using PowerMap.Web.Features.PowerPanels;
using PowerMap.Web.Features.Resilience;
using PowerMap.Web.Features.Sites;

namespace PowerMap.Tests.Web.Shared;

// The seed + a planned 400 W dual-corded server "New" on PDU1/PDU2 Outlet 3 (200 W per PSU, as /fit reserves it):
//   Feed 1 with planned 470 + 200 = 670 VA, now 470 VA; rack R1 with planned 1340 / 5888 = 22.8 %, now 940 / 5888 = 16.0 %
public class PlannedListPagesTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await WebTestHost.CreateAsync();
        await _host.ReservePlannedServerAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private void Exclude() => _host.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("?planned=exclude");

    private static string FeedRow(IRenderedComponent<PowerFeedsPage> page) =>
        page.FindAll("#feeds-grid tbody tr").Single(r => r.TextContent.Contains("Feed 1", StringComparison.Ordinal)).TextContent;

    [Fact]
    public void Feeds_WithPlannedByDefault_NowWithExclude_AndTheExportsFollow()
    {
        var page = _host.Context.Render<PowerFeedsPage>();
        Assert.Contains("670 VA", FeedRow(page));
        Assert.Contains("With planned (3)", page.Find("#planned-with").TextContent);
        Assert.DoesNotContain("planned=exclude", page.Find("a.pm-export-csv-feeds").GetAttribute("href"));

        Exclude();
        var now = _host.Context.Render<PowerFeedsPage>();

        Assert.Contains("470 VA", FeedRow(now));
        Assert.EndsWith("&planned=exclude", now.Find("a.pm-export-csv-feeds").GetAttribute("href"));
        Assert.EndsWith("&planned=exclude", now.Find("a.pm-export-xlsx-feeds").GetAttribute("href"));
    }

    [Fact]
    public void Devices_NowLeavesOutThePlannedDevice()
    {
        var page = _host.Context.Render<DevicesPage>();
        Assert.Contains(page.FindAll("#devices-grid tbody tr"), r => r.TextContent.Contains("New", StringComparison.Ordinal));

        Exclude();
        var now = _host.Context.Render<DevicesPage>();

        Assert.DoesNotContain(now.FindAll("#devices-grid tbody tr"), r => r.TextContent.Contains("New", StringComparison.Ordinal));
        Assert.NotEmpty(now.FindAll("#devices-grid tbody tr"));
    }

    [Fact]
    public void Racks_And_Panels_NowWithoutThePlannedDraw()
    {
        Assert.Contains("22.8", _host.Context.Render<SitesPage>().Find("#racks-grid tbody tr").TextContent);
        Assert.Contains("1340 VA", _host.Context.Render<PowerPanelsPage>().Find("#panels-grid tbody tr").TextContent);

        Exclude();

        Assert.Contains("16.0", _host.Context.Render<SitesPage>().Find("#racks-grid tbody tr").TextContent);
        Assert.Contains("940 VA", _host.Context.Render<PowerPanelsPage>().Find("#panels-grid tbody tr").TextContent);
    }

    // With planned, "New" is a third partially redundant device (both its PDUs hang off Panel 1); now, only Server and Router.
    [Fact]
    public void Resilience_NowLeavesOutThePlannedDevice_AndTheExportsFollow()
    {
        var navigation = _host.Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("resilience?site=DC1");
        var page = _host.Context.Render<ResiliencePage>();
        Assert.Equal("0 none · 3 partial · 0 full", page.Find("#redundancy-counts").TextContent.Trim());
        Assert.Contains("With planned (3)", page.Find("#planned-with").TextContent);
        Assert.DoesNotContain("planned=exclude", page.Find("a.pm-export-csv-resilience").GetAttribute("href"));

        navigation.NavigateTo("resilience?site=DC1&planned=exclude");
        var now = _host.Context.Render<ResiliencePage>();

        Assert.Equal("0 none · 2 partial · 0 full", now.Find("#redundancy-counts").TextContent.Trim());
        Assert.DoesNotContain(now.FindAll("#redundancy-table tbody tr"), r => r.TextContent.Contains("New", StringComparison.Ordinal));
        Assert.Equal("api/power/report.csv?kind=resilience&site=dc1&planned=exclude", now.Find("a.pm-export-csv-resilience").GetAttribute("href"));
        Assert.EndsWith("&planned=exclude", now.Find("a.pm-export-xlsx-resilience").GetAttribute("href"));
    }

    [Fact]
    public async Task NothingPlanned_NoSwitch()
    {
        Assert.NotEmpty(_host.Context.Render<PowerFeedsPage>().FindAll("#planned-switch"));
        await using var plain = await WebTestHost.CreateAsync();

        Assert.Empty(plain.Context.Render<PowerFeedsPage>().FindAll("#planned-switch"));
    }

    // The detail pages of Feed 1, rack R1 and Panel 1 follow the same switch (their numbers, their feed tables).
    [Fact]
    public void FeedRackAndPanelPages_NowLeavesOutThePlannedServer()
    {
        int feed = _host.Inst.PowerFeeds.Single(f => f.Name == "Feed 1").Id, rack = _host.Inst.Racks[0].Id, panel = _host.Inst.PowerPanels[0].Id;
        string FeedUsage() => _host.Context.Render<PowerFeedPage>(p => p.Add(x => x.Id, feed)).Find("#feed-usage").TextContent;
        string RackPercent() => _host.Context.Render<RackPage>(p => p.Add(x => x.Id, rack)).Find("#rack-percent").TextContent;
        IRenderedComponent<PowerPanelPage> Panel() => _host.Context.Render<PowerPanelPage>(p => p.Add(x => x.Id, panel));

        Assert.Equal("670 VA / 2944 VA", FeedUsage());
        Assert.Equal("22.8 %", RackPercent());
        Assert.Equal("1340 VA / 5888 VA", Panel().Find("#panel-usage").TextContent);
        Assert.Contains("With planned (3)", Panel().Find("#planned-with").TextContent);

        Exclude();

        Assert.Equal("470 VA / 2944 VA", FeedUsage());
        Assert.Equal("16.0 %", RackPercent());
        var now = Panel();
        Assert.Equal("940 VA / 5888 VA", now.Find("#panel-usage").TextContent);
        Assert.Contains("470 VA", now.Find("#panel-feeds").TextContent);
        Assert.DoesNotContain("670 VA", now.Find("#panel-feeds").TextContent);
    }
}

using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Components.Pages;

namespace PowerMap.Tests.Web.Pages;

public class HomeTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Seed_ShowsTotalsAndRankings()
    {
        var page = _host.Context.Render<Home>();

        Assert.Equal("2", page.Find("#feed-count").TextContent);
        Assert.Equal("5.9 kVA", page.Find("#total-capacity").TextContent);
        Assert.Equal("0.9 kVA", page.Find("#total-allocated").TextContent);
        Assert.Equal("16.0 %", page.Find("#total-percent").TextContent);
        Assert.Equal("4.9 kVA", page.Find("#total-headroom").TextContent);      // 5888 − 940
        Assert.Equal("4.0 kVA", page.Find("#total-n1-headroom").TextContent);   // 5888 − 2 × 940
        Assert.NotNull(page.Find("#at-risk-none"));
        Assert.Equal(2, page.FindAll("#top-feeds tbody tr").Count);
        Assert.Contains("470 VA / 2944 VA", page.Find("#top-feeds tbody tr").TextContent);
        Assert.Contains("R1", page.Find("#top-racks tbody tr").TextContent);
        Assert.Contains("31.9", page.Find("#top-racks tbody tr .pm-rack-n1").TextContent); // 16.0 % now, 31.9 % if one side fails
    }

    [Fact]
    public async Task AFeedNearCapacity_AppearsLive()
    {
        var page = _host.Context.Render<Home>();
        var feed = _host.Feed("Feed 1");
        var smaller = PowerMap.Web.Components.Shared.EntityCopy.Of(feed);
        smaller.Amperage = 3; // 230 × 3 × 0.8 = 552 VA; 470 / 552 = 85.1 % → warning
        Assert.True((await _host.Store.SaveAsync(smaller, feed.Version)).IsOk);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#at-risk tbody tr")));
        var row = page.Find("#at-risk tbody tr.pm-at-risk-powerfeed");
        Assert.Contains("Feed 1", row.TextContent);
        Assert.Contains("now 85.1 % (warning", row.TextContent);
    }
}

// The overview of a hand-made installation of two sites (sketch in CapacityOverviewTests).
public class HomeAtRiskTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await WebTestHost.CreateAsync(seed: false);
        var (inst, _) = PowerMap.Tests.Core.Analysis.CapacityOverviewTests.TwoSites();
        var plan = await _host.Store.ImportAsync(PowerMap.Core.Data.TopologyExporter.ExportJson(inst), PowerMap.Core.Data.ImportMode.Replace);
        Assert.True(plan.IsValid, plan.Errors.ToString());
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private IRenderedComponent<Home> RenderAt(string site)
    {
        _host.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("?site=" + site);
        return _host.Context.Render<Home>();
    }

    [Fact]
    public void SiteDc1_ListsNowAndFailoverRisks_WithWhyAndWhatIfLinks()
    {
        var page = RenderAt("dc1");

        Assert.Equal("5.5 kVA", page.Find("#total-capacity").TextContent);   // 3 × 1840 VA
        Assert.Equal("3.1 kVA", page.Find("#total-allocated").TextContent);
        Assert.Equal("1.0 kVA", page.Find("#total-n1-headroom").TextContent); // 5520 − (1400 + 1400 + 1700)
        Assert.Equal("2", page.Find("#spof-count").TextContent);
        var rows = page.FindAll("#at-risk tbody tr");
        Assert.Equal(["Feed C", "R2", "Feed A", "Feed B", "R1"], rows.Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()));
        Assert.Contains("now 92.4 % (critical", rows[0].TextContent);
        Assert.Contains("if Feed B (side B) fails: 76.1 % (warning", rows[2].TextContent);
        // R1 is fed from both sides: now, if A fails and if B fails, not only the worst failure.
        Assert.Contains("now 38.0 %; if A fails: 76.1 % (warning, ≥ 75 %); if B fails: 76.1 % (warning, ≥ 75 %)", rows[4].TextContent);
        Assert.Equal("power-feeds/" + _host.Feed("Feed A").Id, rows[2].QuerySelector("td:nth-child(2) a")!.GetAttribute("href"));
        Assert.Contains("whatif=1", rows[2].QuerySelector("td:last-child a")!.GetAttribute("href"));
        Assert.Contains("fail=feed:" + _host.Feed("Feed B").Id, rows[2].QuerySelector("td:last-child a")!.GetAttribute("href"));
    }

    [Fact]
    public void SiteDc2_NothingAtRisk_AllSitesHasBoth()
    {
        var dc2 = RenderAt("dc2");
        Assert.NotNull(dc2.Find("#at-risk-none"));
        Assert.Equal("1.8 kVA", dc2.Find("#total-capacity").TextContent);

        _host.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("./");
        var all = _host.Context.Render<Home>();
        Assert.Equal("7.4 kVA", all.Find("#total-capacity").TextContent); // 4 × 1840 VA
        Assert.Equal(5, all.FindAll("#at-risk tbody tr").Count);
    }

    [Fact]
    public void UnknownSite_SaysSoAndShowsAllSites()
    {
        var page = RenderAt("dc404");

        Assert.Contains("site: no site “dc404”", page.Find("#unknown-site").TextContent);
        Assert.Equal("7.4 kVA", page.Find("#total-capacity").TextContent);
    }
}

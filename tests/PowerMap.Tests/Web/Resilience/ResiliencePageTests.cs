using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Devices;
using PowerMap.Web.Features.Resilience;
using PowerMap.Web.Features.Sites;

namespace PowerMap.Tests.Web.Resilience;

// The seed: Panel 1 → Feed 1 (A) → PDU1, Feed 2 (B) → PDU2; Server and Router each on both PDUs: both paths meet at Panel 1.
public class ResiliencePageTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void DevicePage_Server_PartialBadgeNamesPanel1()
    {
        var page = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, _host.Device("Server").Id));

        var badge = page.Find("#device-redundancy");
        Assert.Equal("partial", badge.GetAttribute("data-redundancy"));
        Assert.Contains("both paths meet at Panel 1", badge.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void DevicePage_Pdu_HasNoBadge()
    {
        var page = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, _host.Device("PDU1").Id));

        Assert.Empty(page.FindAll("#device-redundancy"));
    }

    [Fact]
    public void ResiliencePage_Seed_ListsPanel1WithAWhatIfLink()
    {
        _host.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("resilience?site=DC1");
        var page = _host.Context.Render<ResiliencePage>();

        var row = page.Find("#spof-table tbody tr");
        Assert.Contains("Panel 1", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(["2", "940 W"], row.QuerySelectorAll("td.pm-num").Select(td => td.TextContent.Trim()));
        var panelId = _host.Inst.PowerPanels.Single().Id;
        var siteId = _host.Inst.Sites.Single().Id;
        Assert.Equal($"topology?site={siteId}&whatif=1&fail=panel:{panelId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("0 none · 2 partial · 0 full", page.Find("#redundancy-counts").TextContent.Trim());
        Assert.Equal(2, page.FindAll("#redundancy-table tbody tr").Count);
        Assert.NotNull(page.Find("#n1-none")); // 31.9 % after a failure: below the warning threshold
    }

    // R1 holds Feed 1 (A) and Feed 2 (B), 470 VA each of 2944 VA: if either side fails, the other carries 940 VA = 31.9 % of the rack's remaining 2944 VA.
    [Fact]
    public void RackPage_R1_ShowsUtilizationIfEachSideFailsAndTheN1Cause()
    {
        var rack = _host.Inst.Racks.Single();
        var page = _host.Context.Render<RackPage>(p => p.Add(x => x.Id, rack.Id));

        Assert.Contains("31.9", page.Find("#rack-if-a").TextContent, StringComparison.Ordinal);
        Assert.Contains("31.9", page.Find("#rack-if-b").TextContent, StringComparison.Ordinal);
        var feed1 = _host.Feed("Feed 1");
        Assert.Contains($"fail=feed:{feed1.Id}", page.Find("#rack-if-a a").GetAttribute("href"), StringComparison.Ordinal);
        var n1 = page.Find("#rack-n1");
        Assert.Contains("31.9", n1.TextContent, StringComparison.Ordinal);
        Assert.Contains("Feed 1 (side A)", n1.TextContent, StringComparison.Ordinal);
    }
}

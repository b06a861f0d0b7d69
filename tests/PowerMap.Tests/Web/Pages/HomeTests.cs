using Bunit;
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
        Assert.Equal("5888 VA", page.Find("#total-capacity").TextContent);
        Assert.Equal("940 VA", page.Find("#total-allocated").TextContent);
        Assert.Equal("0", page.Find("#near-capacity-count").TextContent);
        Assert.NotNull(page.Find("#near-capacity-none"));
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

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("#near-capacity-count").TextContent));
        Assert.Contains("470 VA / 552 VA", page.Find("#near-capacity tbody tr").TextContent);
    }
}

using Bunit;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.PowerFeeds;

namespace PowerMap.Tests.Web.PowerFeeds;

// Panel 1 ─ Feed 1 (230 V 16 A 80 % = 2944 VA) ─ PDU1/Inlet ─ Server PSU1 350 W + Router PSU1 120 W
public class PowerFeedPageTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void SeedFeed1_ShowsNetBoxNumbers()
    {
        var feed = _host.Feed("Feed 1");

        var page = _host.Context.Render<PowerFeedPage>(p => p.Add(x => x.Id, feed.Id));

        Assert.Equal("470 VA / 2944 VA", page.Find("#feed-usage").TextContent);
        Assert.Equal("16.0 %", page.Find("#feed-percent").TextContent);
        Assert.Equal("2944 VA", page.Find("#feed-available").TextContent);
        Assert.Equal("2474 VA", page.Find("#feed-remaining").TextContent);
        Assert.Equal("850 VA", page.Find("#feed-maximum").TextContent);
        Assert.Equal("PDU1 › Inlet", page.Find("#feed-connection").TextContent);
        Assert.Contains("pm-status-normal", page.Find("#feed-percent").ClassName);
        Assert.Empty(page.FindAll("#feed-connect"));
        Assert.NotNull(page.Find("#feed-disconnect"));
    }

    [Fact]
    public async Task AnEditElsewhere_IsShownWithRecomputedNumbers()
    {
        var feed = _host.Feed("Feed 1");
        var page = _host.Context.Render<PowerFeedPage>(p => p.Add(x => x.Id, feed.Id));
        var psu = _host.Inst.PowerPorts.Single(p => p.Name == "PSU1" && p.DeviceId == _host.Device("Server").Id);

        var edited = new PowerPort { Id = psu.Id, DeviceId = psu.DeviceId, Name = psu.Name, AllocatedDrawWatts = 500, MaximumDrawWatts = 600 };
        var result = await _host.Store.SaveAsync(edited, psu.Version);

        Assert.True(result.IsOk);
        page.WaitForAssertion(() => Assert.Equal("620 VA / 2944 VA", page.Find("#feed-usage").TextContent));
        Assert.Equal("21.1 %", page.Find("#feed-percent").TextContent);
    }

    [Fact]
    public async Task Disconnect_DeletesTheCable_AndTheUtilizationGoes()
    {
        var feed = _host.Feed("Feed 1");
        var page = _host.Context.Render<PowerFeedPage>(p => p.Add(x => x.Id, feed.Id));

        await page.Find("#feed-disconnect").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#feed-no-utilization")));
        Assert.False(_host.Inst.CableOf.ContainsKey((TerminationKind.PowerFeed, feed.Id)));
        Assert.NotNull(page.Find("#feed-connect"));
    }

    [Fact]
    public void UnknownFeed_SaysNotFound()
    {
        var page = _host.Context.Render<PowerFeedPage>(p => p.Add(x => x.Id, 4242));
        Assert.Contains("not found", page.Find("h1").TextContent);
    }
}

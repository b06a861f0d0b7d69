using Bunit;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Devices;

namespace PowerMap.Tests.Web.Devices;

// The seed's Server: PSU1 → PDU1 Outlet 1 → PDU1 Inlet → Feed 1 (A) → Panel 1; PSU2 the same on side B.
public class PowerPathsCardTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Server_OnePathPerPsu_WithSideAndFeedHeadroom()
    {
        var page = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, _host.Device("Server").Id));

        var paths = page.FindAll("#power-paths .pm-path");
        Assert.Equal(["A", "B"], paths.Select(p => p.GetAttribute("data-side")));
        var hops = paths[0].QuerySelectorAll("li").Select(li => li.QuerySelector(".pm-path-hop-name")!.TextContent.Trim()).ToList();
        Assert.Equal(["PDU1 › Outlet 1", "PDU1 › Inlet", "Feed 1", "Panel 1"], hops);
        var feedHop = paths[0].QuerySelector("li[data-hop='PowerFeed']")!.TextContent;
        Assert.Contains("headroom 2474 VA", feedHop, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnconnectedPsu_HasAConnectButtonThatCablesItToAnOutlet()
    {
        var server = _host.Device("Server");
        await _host.Store.SaveAsync(new PowerPort { DeviceId = server.Id, Name = "PSU3", AllocatedDrawWatts = 100 }, null);
        var page = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, server.Id));

        Assert.Contains("not connected", page.Find("#power-paths .pm-path:last-child .pm-path-title").TextContent, StringComparison.Ordinal);
        page.Find("#device-ports tr[data-port='PSU3'] .pm-connect-port").Click();

        _host.Providers.WaitForAssertion(() => Assert.Contains("Server › PSU3", _host.Providers.Find("#connect-to").TextContent, StringComparison.Ordinal));
        Assert.Empty(_host.Providers.FindAll("#connect-device"));
    }
}

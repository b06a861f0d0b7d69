using Bunit;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Devices;

namespace PowerMap.Tests.Web.Devices;

public class DevicePageTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string[] Cells(AngleSharp.Dom.IElement row) => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();

    // PDU1: Inlet (auto, 8 outlets) on Feed 1 (2944 VA); Outlet 1 → Server PSU1 350 W, Outlet 2 → Router PSU1 120 W
    [Fact]
    public void Pdu_PowerPanel_HasTheInletRow()
    {
        var page = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, _host.Device("PDU1").Id));

        var row = page.Find("#device-power-panel tbody tr[data-port='Inlet']");
        Assert.Equal(["Inlet", "8", "470 VA", "2944 VA", "16.0\u00a0%"], Cells(row));
        Assert.Empty(page.FindAll("#device-power-panel .pm-device-leg"));
    }

    [Fact]
    public void Pdu_OutletsShowWhatTheyFeed_AndFreeOnesCanBeConnected()
    {
        var page = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, _host.Device("PDU1").Id));

        Assert.Equal("Server › PSU1", page.Find("#device-outlets tr[data-outlet='Outlet 1'] .pm-far-end").TextContent);
        Assert.Equal("Router › PSU1", page.Find("#device-outlets tr[data-outlet='Outlet 2'] .pm-far-end").TextContent);
        Assert.NotNull(page.Find("#device-outlets tr[data-outlet='Outlet 1'] .pm-disconnect"));
        Assert.NotNull(page.Find("#device-outlets tr[data-outlet='Outlet 3'] .pm-connect"));
        Assert.Equal(6, page.FindAll("#device-outlets .pm-connect").Count);
        Assert.Contains("470 W / 850 W (auto)", page.Find("#device-ports tr[data-port='Inlet'] .pm-draw").TextContent);
    }

    [Fact]
    public void Server_HasNoPowerPanel_AndShowsItsFeedsThroughThePdus()
    {
        var page = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, _host.Device("Server").Id));

        Assert.NotNull(page.Find("#device-power-panel-none"));
        Assert.Equal("700 W (Σ of 2 power ports)", page.Find("#device-allocated").TextContent);
        Assert.Contains("PDU1 › Outlet 1", page.Find("#device-ports tr[data-port='PSU1']").TextContent);
    }

    // PDU3 on a three-phase feed: legs A/B/C rows with available = round(feed / 3).
    [Fact]
    public async Task ThreePhasePdu_ShowsLegRows()
    {
        var inst = _host.Inst;
        var panel = inst.PowerPanels.Single();
        var feed = new PowerFeed { Name = "Feed 3P", PowerPanelId = panel.Id, Voltage = 400, Amperage = 32, Phase = Choices.ThreePhase };
        Assert.True((await _host.Store.SaveAsync(feed)).IsOk);
        var device = new Device { Name = "PDU3", SiteId = inst.Sites.Single().Id, Role = "pdu" };
        var (ports, outlets) = PowerMap.Core.Data.DeviceComponents.Pdu(3, legsRoundRobin: true);
        Assert.True((await _host.Store.CreateDeviceWithComponentsAsync(device, ports, outlets)).IsOk);
        var inlet = _host.Inst.PowerPorts.Single(p => p.DeviceId == device.Id);
        var outlet = _host.Inst.PowerOutlets.Single(o => o.DeviceId == device.Id && o.Name == "Outlet 1");
        var server = new Device { Name = "S3", SiteId = device.SiteId };
        Assert.True((await _host.Store.SaveAsync(server)).IsOk);
        var psu = new PowerPort { DeviceId = server.Id, Name = "PSU", AllocatedDrawWatts = 1000 };
        Assert.True((await _host.Store.SaveAsync(psu)).IsOk);
        Assert.True((await _host.Store.SaveAsync(CableCandidates.Between(TerminationKind.PowerFeed, feed.Id, TerminationKind.PowerPort, inlet.Id))).IsOk);
        Assert.True((await _host.Store.SaveAsync(CableCandidates.Between(TerminationKind.PowerOutlet, outlet.Id, TerminationKind.PowerPort, psu.Id))).IsOk);

        var page = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, device.Id));

        // 400 × 32 × 0.8 × 1.732 = 17736 VA; a leg: round(17736 / 3) = 5912 VA.
        Assert.Equal(["Inlet", "3", "1000 VA", "17,736 VA", "5.6\u00a0%"], Cells(page.Find("#device-power-panel tr[data-port='Inlet']:not(.pm-device-leg)")));
        Assert.Equal(["Leg A", "1", "1000 VA", "5912 VA", "16.9\u00a0%"], Cells(page.Find("#device-power-panel tr[data-leg='A']")));
        Assert.Equal(["Leg B", "1", "0 VA", "5912 VA", "0.0\u00a0%"], Cells(page.Find("#device-power-panel tr[data-leg='B']")));
    }
}

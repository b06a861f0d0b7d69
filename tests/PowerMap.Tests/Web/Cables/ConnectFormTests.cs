using Bunit;
using MudBlazor;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Cables;

namespace PowerMap.Tests.Web.Cables;

public class ConnectFormTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> P => _host.Providers;

    private async Task<(Device Device, PowerPort Psu)> NewServerAsync(string name)
    {
        var device = new Device { Name = name, SiteId = _host.Inst.Sites.Single().Id, Role = "server" };
        Assert.True((await _host.Store.SaveAsync(device)).IsOk);
        var psu = new PowerPort { DeviceId = device.Id, Name = "PSU1", AllocatedDrawWatts = 200, MaximumDrawWatts = 300 };
        Assert.True((await _host.Store.SaveAsync(psu)).IsOk);
        return (device, psu);
    }

    private async Task PickDeviceAsync(Device device)
    {
        var autocomplete = P.FindComponent<MudAutocomplete<Device>>();
        await P.InvokeAsync(() => autocomplete.Instance.SelectOptionAsync(device));
    }

    // PDU1 Outlet 3 (free) → Server2 PSU1 200 W: Feed 1 goes from 470 to 670 VA.
    [Fact]
    public async Task OutletToFreePort_CreatesTheCable_AndTheFeedLoadGrows()
    {
        var (server, psu) = await NewServerAsync("Server2");
        var outlet = _host.Inst.PowerOutlets.Single(o => o.DeviceId == _host.Device("PDU1").Id && o.Name == "Outlet 3");
        var dialog = await _host.ShowAsync<ConnectForm>("Connect", new() { { x => x.FromKind, TerminationKind.PowerOutlet }, { x => x.FromId, outlet.Id } });

        Assert.Equal("From power outlet PDU1 › Outlet 3", P.Find("#connect-from").TextContent);
        await PickDeviceAsync(server);
        P.WaitForAssertion(() => Assert.Equal("PSU1", P.Find("#connect-port").GetAttribute("value")));
        P.Find("#form-save").Click();

        var cable = Assert.IsType<Cable>((await dialog.Result)!.Data);
        Assert.Equal((TerminationKind.PowerOutlet, outlet.Id), (cable.End(CableEnd.A).Single().Kind, cable.End(CableEnd.A).Single().ObjectId));
        Assert.Equal(psu.Id, cable.End(CableEnd.B).Single().ObjectId);
        Assert.Equal(670, _host.Db.Topology.Current.Report.Feed(_host.Feed("Feed 1").Id)!.Utilization!.AllocatedVoltAmps);
    }

    [Fact]
    public async Task OnlyDevicesWithAFreePort_AreOffered()
    {
        await NewServerAsync("Server2");
        var outlet = _host.Inst.PowerOutlets.Single(o => o.DeviceId == _host.Device("PDU1").Id && o.Name == "Outlet 3");
        await _host.ShowAsync<ConnectForm>("Connect", new() { { x => x.FromKind, TerminationKind.PowerOutlet }, { x => x.FromId, outlet.Id } });

        var autocomplete = P.FindComponent<MudAutocomplete<Device>>();
        var offered = await P.InvokeAsync(() => autocomplete.Instance.SearchFunc!("", CancellationToken.None)!);

        // Server, Router and the PDU inlets are all cabled in the seed; only the new server has a free port.
        Assert.Equal(["Server2"], offered.Select(d => d.Name));
    }

    [Fact]
    public async Task PortTakenMeanwhile_ShowsNetBoxsDuplicateMessage()
    {
        var (server, psu) = await NewServerAsync("Server2");
        var pdu1 = _host.Device("PDU1").Id;
        var outlet3 = _host.Inst.PowerOutlets.Single(o => o.DeviceId == pdu1 && o.Name == "Outlet 3");
        var outlet4 = _host.Inst.PowerOutlets.Single(o => o.DeviceId == pdu1 && o.Name == "Outlet 4");
        await _host.ShowAsync<ConnectForm>("Connect", new() { { x => x.FromKind, TerminationKind.PowerOutlet }, { x => x.FromId, outlet3.Id } });
        await PickDeviceAsync(server);

        var other = CableCandidates.Between(TerminationKind.PowerOutlet, outlet4.Id, TerminationKind.PowerPort, psu.Id);
        Assert.True((await _host.Store.SaveAsync(other)).IsOk);
        P.Find("#form-save").Click();

        P.WaitForAssertion(() => Assert.Equal($"Duplicate termination found for dcim.powerport {psu.Id}: cable {other.Id}", P.Find("#form-errors").TextContent.Trim()));
    }
}

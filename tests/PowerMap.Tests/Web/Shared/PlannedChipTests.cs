using Bunit;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Cables;
using PowerMap.Web.Features.Devices;

namespace PowerMap.Tests.Web.Shared;

// The seed + a planned server "New" on PDU1/PDU2 Outlet 3 by planned cables: the tables mark it (and only it) Planned.
public class PlannedChipTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await WebTestHost.CreateAsync();
        await _host.ReservePlannedServerAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void DevicesList_MarksOnlyThePlannedDevice()
    {
        var page = _host.Context.Render<DevicesPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".pm-planned-chip")));
        var row = page.FindAll("tr").Single(r => r.QuerySelector(".pm-planned-chip") is not null);
        Assert.Contains("New", row.TextContent);
    }

    [Fact]
    public void DevicePage_PlannedDevice_HasTheChipInItsTitle_AnActiveOneNot()
    {
        var planned = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, _host.Device("New").Id));
        var active = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, _host.Device("Server").Id));

        Assert.Contains("Planned", planned.Find("#page-title .pm-planned-chip").TextContent);
        Assert.Empty(active.FindAll("#page-title .pm-planned-chip"));
    }

    [Fact]
    public void CablesList_MarksThePlannedCables()
    {
        var page = _host.Context.Render<CablesPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".pm-planned-chip").Count));
    }
}

using Bunit;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Capacity;

namespace PowerMap.Tests.Web.Capacity;

// The seed: a new 400 W dual-corded server fits on PDU1/PDU2 outlet 3; 0 power supplies is refused by name.
public class FitPageTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Seed_DefaultServer_ListsOutlet3OnBothPdus()
    {
        var page = _host.Context.Render<FitPage>();

        page.Find("#fit-find").Click();

        var row = page.Find("#fit-results tbody tr");
        Assert.Contains("PDU1 Outlet 3 (side A)", row.TextContent);
        Assert.Contains("PDU2 Outlet 3 (side B)", row.TextContent);
        Assert.Contains("16.0 % → 22.8 %", row.TextContent);
        Assert.Contains("31.9 % → 48.9 %", row.TextContent); // N−1 with the 500 W maximum: 940 + 500 = 1440 VA
    }

    [Fact]
    public void ZeroPowerSupplies_SaysWhichField()
    {
        var page = _host.Context.Render<FitPage>();

        page.Find("#fit-psus").Change("0");
        page.Find("#fit-find").Click();

        Assert.Contains("power_supplies", page.Find("#fit-error").TextContent);
        Assert.Empty(page.FindAll("#fit-results"));
    }

    [Fact]
    public void Reserve_FirstPlacement_CreatesThePlannedDeviceAndFindsAgain()
    {
        var page = _host.Context.Render<FitPage>();
        page.Find("#fit-find").Click();

        page.Find("#fit-results tbody tr .pm-fit-reserve").Click();
        _host.Providers.WaitForAssertion(() => Assert.Contains("PDU1 Outlet 3, PDU2 Outlet 3, 200 W each", _host.Providers.Find("#reserve-summary").TextContent));
        _host.Providers.Find("#reserve-name").Input("Planned web");
        _host.Providers.Find("#reserve-save").Click();

        page.WaitForAssertion(() => Assert.Contains("Planned web", page.Find("#fit-reserved").TextContent));
        var device = _host.Device("Planned web");
        Assert.Equal("planned", device.Status);
        Assert.Contains("PDU1 Outlet 4 (side A)", page.Find("#fit-results tbody tr").TextContent);   // found again: outlet 3 is taken
    }

    [Fact]
    public void Reserve_EmptyName_SaysSoUnderTheField()
    {
        var page = _host.Context.Render<FitPage>();
        page.Find("#fit-find").Click();
        int devices = _host.Inst.Devices.Count;

        page.Find("#fit-results tbody tr .pm-fit-reserve").Click();
        _host.Providers.WaitForAssertion(() => _host.Providers.Find("#reserve-save"));
        _host.Providers.Find("#reserve-save").Click();

        _host.Providers.WaitForAssertion(() => Assert.Contains("Enter the new device's name.", _host.Providers.Markup));
        Assert.Equal(devices, _host.Inst.Devices.Count);
    }

    [Fact]
    public void Viewer_SeesNoReserveButton()
    {
        _host.SignInAsViewer();
        var page = _host.Context.Render<FitPage>();

        page.Find("#fit-find").Click();

        Assert.NotEmpty(page.FindAll("#fit-results tbody tr"));
        Assert.Empty(page.FindAll(".pm-fit-reserve"));
    }
}

using Bunit;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Devices;

namespace PowerMap.Tests.Web.Devices;

public class PowerPortFormTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> P => _host.Providers;

    private string ErrorUnder(string inputId) =>
        P.Find("#" + inputId).Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task AllocatedAboveMaximum_IsShownUnderAllocated()
    {
        var server = _host.Device("Server");
        await _host.ShowAsync<PowerPortForm>("Add power port", new() { { x => x.DeviceId, server.Id } });

        P.Find("#port-name").Input("PSU3");
        P.Find("#port-allocated").Input("700");
        P.Find("#port-maximum").Input("600");
        P.Find("#form-save").Click();

        P.WaitForAssertion(() => Assert.Equal("Allocated draw cannot exceed the maximum draw (600W).", ErrorUnder("port-allocated")));
        Assert.Equal("", ErrorUnder("port-maximum"));
    }

    [Fact]
    public async Task Create_AddsThePortToTheDevice()
    {
        var server = _host.Device("Server");
        var dialog = await _host.ShowAsync<PowerPortForm>("Add power port", new() { { x => x.DeviceId, server.Id } });

        P.Find("#port-name").Input("PSU3");
        P.Find("#port-allocated").Input("200");
        P.Find("#form-save").Click();

        var port = Assert.IsType<PowerPort>((await dialog.Result)!.Data);
        Assert.Equal((server.Id, "PSU3", (int?)200, (int?)null), (port.DeviceId, port.Name, port.AllocatedDrawWatts, port.MaximumDrawWatts));
    }

    [Fact]
    public async Task MarkConnected_OnACabledPort_IsShownUnderTheCheckbox()
    {
        var psu = _host.Inst.PowerPorts.First(p => p.DeviceId == _host.Device("Server").Id);
        await _host.ShowAsync<PowerPortForm>("Edit power port", new() { { x => x.Item, psu } });

        P.Find("#port-mark-connected").Change(true);
        P.Find("#form-save").Click();

        P.WaitForAssertion(() => Assert.Contains("Cannot mark as connected with a cable attached.", P.Find(".mud-dialog").TextContent));
    }
}

using Bunit;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Devices;

namespace PowerMap.Tests.Web.Devices;

public class DeviceFormTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> P => _host.Providers;

    [Fact]
    public async Task NewDeviceOfAType_GetsTheTypesPortsAndOutlets()
    {
        var type = new DeviceType { Model = "PDU-2" };
        Assert.True((await _host.Store.SaveAsync(type)).IsOk);
        var inlet = new PowerPortTemplate { DeviceTypeId = type.Id, Name = "Inlet" };
        Assert.True((await _host.Store.SaveAsync(inlet)).IsOk);
        foreach (var name in new[] { "Outlet 1", "Outlet 2" })
        {
            Assert.True((await _host.Store.SaveAsync(new PowerOutletTemplate { DeviceTypeId = type.Id, Name = name, PowerPortTemplateId = inlet.Id })).IsOk);
        }
        var dialog = await _host.ShowAsync<DeviceForm>("Add device", new() { { x => x.DeviceTypeId, type.Id } });

        Assert.Equal("PDU-2", P.Find("#device-type").GetAttribute("value"));
        Assert.Contains("Creates 1 power port and 2 power outlets", P.Find(".mud-dialog").TextContent);
        P.Find("#device-name").Input("PDU9");
        P.Find("#form-save").Click();

        var device = Assert.IsType<Device>((await dialog.Result)!.Data);
        Assert.Equal(2, _host.Inst.PowerOutlets.Count(o => o.DeviceId == device.Id && o.PowerPortId != null));
        Assert.Single(_host.Inst.PowerPorts, p => p.DeviceId == device.Id);
    }

    [Fact]
    public async Task ChangingTheSite_ClearsARackOfTheOldSite_AndBlankNameIsShownUnderName()
    {
        var dc2 = new Site { Name = "DC2" };
        Assert.True((await _host.Store.SaveAsync(dc2)).IsOk);
        var server = _host.Device("Server");
        await _host.ShowAsync<DeviceForm>("Edit device", new() { { x => x.Item, server } });
        Assert.Equal("R1", P.Find("#device-rack").GetAttribute("value"));

        await _host.SelectAsync<int>("device-site", "DC2");
        P.WaitForAssertion(() => Assert.Equal("", P.Find("#device-rack").GetAttribute("value") ?? ""));

        P.Find("#device-name").Input(" ");
        P.Find("#form-save").Click();
        P.WaitForAssertion(() => Assert.Equal("This field may not be blank.",
            P.Find("#device-name").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!.TextContent.Trim()));
        Assert.Equal(_host.Inst.Sites.Single(s => s.Name == "DC1").Id, _host.Device("Server").SiteId);
    }
}

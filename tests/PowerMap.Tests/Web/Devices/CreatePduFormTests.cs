using Bunit;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Devices;

namespace PowerMap.Tests.Web.Devices;

public class CreatePduFormTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> P => _host.Providers;

    [Fact]
    public async Task Defaults_EightOutlets_TheOnlyRack()
    {
        await _host.ShowAsync<CreatePduForm>("Create PDU");
        Assert.Equal("8", P.Find("#pdu-outlets").GetAttribute("value"));
        Assert.Equal("R1", P.Find("#pdu-rack").GetAttribute("value"));
        Assert.Equal("Inlet", P.Find("#pdu-inlet").GetAttribute("value"));
    }

    [Fact]
    public async Task Create_MakesTheDeviceInletAndOutlets_WithLegs()
    {
        var dialog = await _host.ShowAsync<CreatePduForm>("Create PDU");

        P.Find("#pdu-name").Input("PDU3");
        P.Find("#pdu-outlets").Input("6");
        P.Find("#pdu-legs").Change(true);
        P.Find("#form-save").Click();

        var device = Assert.IsType<Device>((await dialog.Result)!.Data);
        var inlet = Assert.Single(_host.Inst.PowerPorts, p => p.DeviceId == device.Id);
        var outlets = _host.Inst.PowerOutlets.Where(o => o.DeviceId == device.Id).OrderBy(o => o.Id).ToList();
        Assert.Equal(("PDU3", "pdu", _host.Inst.Racks.Single().Id), (device.Name, device.Role, device.RackId!.Value));
        Assert.Equal(["A", "B", "C", "A", "B", "C"], outlets.Select(o => o.FeedLeg));
        Assert.All(outlets, o => Assert.Equal(inlet.Id, o.PowerPortId));
    }

    [Fact]
    public async Task DuplicateName_IsShown_AndNothingIsCreated()
    {
        int before = _host.Inst.ObjectCount;
        await _host.ShowAsync<CreatePduForm>("Create PDU");

        P.Find("#pdu-name").Input("PDU1");
        P.Find("#form-save").Click();

        P.WaitForAssertion(() => Assert.Equal("Device name must be unique per site.", P.Find("#form-errors").TextContent.Trim()));
        Assert.Equal(before, _host.Inst.ObjectCount);
    }
}

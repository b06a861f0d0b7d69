using Bunit;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Tests.Web.Shared;

public class ConfirmDeleteDialogTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> P => _host.Providers;

    [Fact]
    public async Task Device_SaysWhatGoesWithIt_AndDeletesOnConfirm()
    {
        var pdu = _host.Device("PDU1");
        var dialog = await _host.ShowAsync<ConfirmDeleteDialog>("Delete", new() { { x => x.Item, pdu } });

        Assert.Contains("Delete device 'PDU1'?", P.Find(".mud-dialog").TextContent);
        Assert.Equal("Its 1 power port, 8 power outlets and 3 cables are deleted with it.", P.Find("#delete-effects li").TextContent);

        P.Find("#delete-confirm").Click();

        Assert.False((await dialog.Result)!.Canceled);
        Assert.DoesNotContain(_host.Inst.Devices, d => d.Name == "PDU1");
        Assert.Equal(3, _host.Inst.Cables.Count);
    }

    [Fact]
    public async Task Port_SaysItsOutletsBecomeUnmapped()
    {
        var inlet = _host.Inst.PowerPorts.Single(p => p.DeviceId == _host.Device("PDU2").Id);
        await _host.ShowAsync<ConfirmDeleteDialog>("Delete", new() { { x => x.Item, inlet } });

        var effects = P.FindAll("#delete-effects li").Select(li => li.TextContent).ToList();
        Assert.Equal(["Its 1 cable is deleted with it.", "8 power outlets mapped to it become unmapped (fed by no port)."], effects);
    }

    [Fact]
    public async Task ReferencedPanel_IsBlocked_WithTheStoreMessage()
    {
        var panel = _host.Inst.PowerPanels.Single();
        await _host.ShowAsync<ConfirmDeleteDialog>("Delete", new() { { x => x.Item, panel } });

        Assert.Equal("Cannot delete power panel 'Panel 1': it is still referenced by power feeds: Feed 1, Feed 2.", P.Find("#delete-blocked").TextContent);
        Assert.True(P.Find("#delete-confirm").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ChangedMeanwhile_AsksAgain_ThenDeletes()
    {
        var feed = _host.Feed("Feed 2");
        await _host.ShowAsync<ConfirmDeleteDialog>("Delete", new() { { x => x.Item, feed } });
        var other = EntityCopy.Of(feed);
        other.Description = "changed";
        Assert.True((await _host.Store.SaveAsync(other, feed.Version)).IsOk);

        P.Find("#delete-confirm").Click();
        P.WaitForAssertion(() => Assert.Contains("Changed by someone else", P.Find("#delete-notice").TextContent));
        Assert.Contains(_host.Inst.PowerFeeds, f => f.Name == "Feed 2");

        P.Find("#delete-confirm").Click();
        P.WaitForAssertion(() => Assert.DoesNotContain(_host.Inst.PowerFeeds, f => f.Name == "Feed 2"));
    }
}

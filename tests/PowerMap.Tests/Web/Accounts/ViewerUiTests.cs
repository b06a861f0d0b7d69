using Bunit;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Devices;
using PowerMap.Web.Features.ImportExport;
using PowerMap.Web.Features.PowerFeeds;

namespace PowerMap.Tests.Web.Accounts;

// issue 15: the UI hides what a viewer may not do (the server refuses it regardless: ChangeLogTests, ApiSecurityTests).
public class ViewerUiTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void FeedPage_AnEditorSeesEditDeleteAndDisconnect_AViewerNone()
    {
        var asAdmin = _host.Context.Render<PowerFeedPage>(p => p.Add(x => x.Id, _host.Feed("Feed 1").Id));
        Assert.NotNull(asAdmin.Find("#edit-feed"));
        Assert.NotNull(asAdmin.Find("#delete-feed"));
        Assert.NotNull(asAdmin.Find("#feed-disconnect"));

        _host.SignInAsViewer();
        var asViewer = _host.Context.Render<PowerFeedPage>(p => p.Add(x => x.Id, _host.Feed("Feed 1").Id));

        Assert.Equal("470 VA / 2944 VA", asViewer.Find("#feed-usage").TextContent);
        Assert.Empty(asViewer.FindAll("#edit-feed, #delete-feed, #feed-disconnect, #feed-connect"));
    }

    [Fact]
    public void ListsAndDevicePage_AViewerSeesNoRowActionsOrAddButtons()
    {
        _host.SignInAsViewer();

        var feeds = _host.Context.Render<PowerFeedsPage>();
        var device = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, _host.Device("PDU1").Id));

        Assert.NotEmpty(feeds.FindAll("tbody tr"));
        Assert.Empty(feeds.FindAll("#add-feed, .pm-row-actions, .pm-edit, .pm-delete"));
        Assert.Empty(device.FindAll("#edit-device, #delete-device, #add-port, #add-outlet, .pm-connect, .pm-disconnect, .pm-row-actions"));
        Assert.Equal("Server › PSU1", device.Find("#device-outlets tr[data-outlet='Outlet 1'] .pm-far-end").TextContent);
    }

    [Fact]
    public void ImportPage_AViewerOnlyExports_AnEditorImportsButCannotReplace()
    {
        _host.Auth.SetRoles(PowerMap.Core.Data.Accounts.Roles.Editor);
        _host.Auth.SetPolicies(PowerMap.Web.Features.Accounts.Policies.Read, PowerMap.Web.Features.Accounts.Policies.Edit);
        var asEditor = _host.Context.Render<ImportExportPage>();
        Assert.NotNull(asEditor.Find("#import-mode-merge"));
        Assert.Empty(asEditor.FindAll("#import-mode-replace"));

        _host.SignInAsViewer();
        var asViewer = _host.Context.Render<ImportExportPage>();
        Assert.Empty(asViewer.FindAll("#import-upload, #import-mode"));
        Assert.NotNull(asViewer.Find("#export-download"));
    }
}

using Bunit;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.NetBox;

namespace PowerMap.Tests.Web.NetBox;

// The Import from NetBox page against the stand-in NetBox: read with progress, preview counts, replace.
public class NetBoxImportPageTests : IAsyncLifetime
{
    private WebTestHost _host = null!;
    private NetBoxStandIn _nb = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await WebTestHost.CreateAsync();
        _nb = await NetBoxStandIn.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _nb.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ReadPreviewsTheCounts_ThenImportReplaces()
    {
        var page = _host.Context.Render<NetBoxImportPage>();

        page.Find("#netbox-url").Input(_nb.Url);
        page.Find("#netbox-token").Input(NetBoxStandIn.Token);
        // Found and clicked on the renderer\'s thread: the page re-renders while it reads NetBox.
        await page.InvokeAsync(() => page.Find("#netbox-read").Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#netbox-import")), TimeSpan.FromSeconds(20));
        var counts = page.FindAll("#netbox-counts tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("Devices2", counts);
        Assert.Contains("Power cables2", counts);

        // Found and clicked on the renderer\'s thread: the page re-renders while it reads NetBox.

        await page.InvokeAsync(() => page.Find("#netbox-import").Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#netbox-done")), TimeSpan.FromSeconds(20));
        Assert.Contains(_host.Inst.Devices, d => d.NetBoxId == 106);
        Assert.Equal(2, _host.Inst.PowerFeeds.Count);
    }

    // Read, replace; then the stand-in changes (Feed B 16 → 32 A) and a second read previews an update in place of one
    // feed, which the Update in place button writes and reports.
    [Fact]
    public async Task ReadAgain_PreviewsTheUpdate_ThenUpdatesInPlace()
    {
        var page = _host.Context.Render<NetBoxImportPage>();
        page.Find("#netbox-url").Input(_nb.Url);
        page.Find("#netbox-token").Input(NetBoxStandIn.Token);
        // Found and clicked on the renderer\'s thread: the page re-renders while it reads NetBox.
        await page.InvokeAsync(() => page.Find("#netbox-read").Click());
        page.WaitForAssertion(() => Assert.False(page.Find("#netbox-import").HasAttribute("disabled")), TimeSpan.FromSeconds(20));
        // Found and clicked on the renderer\'s thread: the page re-renders while it reads NetBox.
        await page.InvokeAsync(() => page.Find("#netbox-import").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#netbox-done")), TimeSpan.FromSeconds(20));
        var feedB = _host.Inst.PowerFeeds.Single(f => f.NetBoxId == 11);

        _nb.Lists["power-feeds"][1]["amperage"] = 32;
        // Found and clicked on the renderer\'s thread: the page re-renders while it reads NetBox.
        await page.InvokeAsync(() => page.Find("#netbox-read").Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#netbox-plan")), TimeSpan.FromSeconds(20));
        Assert.Contains("Power feed010", page.FindAll("#netbox-plan tbody tr").Select(r => r.TextContent));
        // Found and clicked on the renderer\'s thread: the page re-renders while it reads NetBox.
        await page.InvokeAsync(() => page.Find("#netbox-update").Click());

        page.WaitForAssertion(() => Assert.Contains("0 created, 1 updated, 0 deleted", page.Find("#netbox-done").TextContent), TimeSpan.FromSeconds(20));
        Assert.Equal(32, _host.Inst.FeedById[feedB.Id].Amperage);
        Assert.Equal(2, _host.Inst.PowerFeeds.Count);
    }

    [Fact]
    public async Task WrongToken_IsShown_AndNothingChanges()
    {
        int before = _host.Inst.ObjectCount;
        var page = _host.Context.Render<NetBoxImportPage>();

        page.Find("#netbox-url").Input(_nb.Url);
        page.Find("#netbox-token").Input("wrong");
        // Found and clicked on the renderer\'s thread: the page re-renders while it reads NetBox.
        await page.InvokeAsync(() => page.Find("#netbox-read").Click());

        page.WaitForAssertion(() => Assert.Contains("refused the token", page.Find("#netbox-error").TextContent), TimeSpan.FromSeconds(20));
        Assert.Empty(page.FindAll("#netbox-import"));
        Assert.Equal(before, _host.Inst.ObjectCount);
    }
}

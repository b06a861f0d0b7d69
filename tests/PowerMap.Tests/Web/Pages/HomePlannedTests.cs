using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Components.Pages;

namespace PowerMap.Tests.Web.Pages;

// The seed + a planned 400 W dual-corded server on PDU1/PDU2 Outlet 3 (reserved as /fit does):
//   with planned 940 + 400 = 1340 VA of 5888 VA = 22.8 %; now 940 VA = 16.0 %
public class HomePlannedTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await WebTestHost.CreateAsync();
        await _host.ReservePlannedServerAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private NavigationManager Navigation => _host.Context.Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void Default_WithPlanned_CountsThePlannedServer()
    {
        var page = _host.Context.Render<Home>();

        Assert.Equal("22.8 %", page.Find("#total-percent").TextContent);
        Assert.Contains("670 VA / 2944 VA", page.Find("#top-feeds tbody tr").TextContent);
        Assert.Contains("With planned (3)", page.Find("#planned-with").TextContent);
        Assert.Equal("Apply planned (3)", page.Find("#apply-planned").TextContent.Trim());
    }

    [Fact]
    public void Exclude_InTheUrl_ShowsTheNumbersWithoutPlanned()
    {
        Navigation.NavigateTo("?planned=exclude");

        var page = _host.Context.Render<Home>();

        Assert.Equal("16.0 %", page.Find("#total-percent").TextContent);
        Assert.Contains("470 VA / 2944 VA", page.Find("#top-feeds tbody tr").TextContent);
        Assert.NotNull(page.Find("#planned-note"));
    }

    [Fact]
    public void ClickingNow_PutsExcludeInTheUrl_KeepingTheSite()
    {
        Navigation.NavigateTo("?site=dc1");
        var page = _host.Context.Render<Home>();

        page.Find("#planned-now").Closest(".mud-toggle-item")!.Click();

        Assert.Contains("site=dc1", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("planned=exclude", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPlannedValue_SaysSoAndShowsWithPlanned()
    {
        Navigation.NavigateTo("?planned=maybe");

        var page = _host.Context.Render<Home>();

        Assert.Contains("neither include nor exclude", page.Find("#unknown-planned").TextContent);
        Assert.Equal("22.8 %", page.Find("#total-percent").TextContent);
    }

    [Fact]
    public void Viewer_SeesNoApplyButton()
    {
        _host.SignInAsViewer();

        var page = _host.Context.Render<Home>();

        Assert.Empty(page.FindAll("#apply-planned"));
    }

    [Fact]
    public void Apply_ConfirmListsThePlannedObjects_ThenTheyAreActive()
    {
        var page = _host.Context.Render<Home>();

        page.Find("#apply-planned").Click();
        _host.Providers.WaitForAssertion(() => Assert.Equal(3, _host.Providers.FindAll("#apply-planned-list li").Count));
        Assert.Contains("device 'New' in rack R1 → active", _host.Providers.Find("#apply-planned-list").TextContent);
        _host.Providers.Find("#apply-planned-confirm").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#apply-planned")));
        Assert.Equal("active", _host.Device("New").Status);
        Assert.All(_host.Inst.Cables, c => Assert.Equal("connected", c.Status));
        Assert.Equal("22.8 %", page.Find("#total-percent").TextContent);
    }
}

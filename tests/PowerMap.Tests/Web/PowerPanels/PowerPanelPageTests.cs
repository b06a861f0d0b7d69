using Bunit;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Devices;
using PowerMap.Web.Features.PowerPanels;

namespace PowerMap.Tests.Web.PowerPanels;

// The panel's main-breaker rating on its page and in its form (issue 10); the seed's Panel 1 carries 470 + 470 = 940 VA.
public class PowerPanelPageTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> P => _host.Providers;

    private string HelperText(string inputId) =>
        P.Find("#" + inputId).Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Page_ShowsRatingLoadHeadroomAndBar_UpdatingLive()
    {
        var panel = _host.Inst.PowerPanels.Single();
        var page = _host.Context.Render<PowerPanelPage>(p => p.Add(x => x.Id, panel.Id));
        Assert.Equal("unknown", page.Find("#panel-rating").TextContent.Trim());

        var rated = (PowerPanel)panel.Clone();
        (rated.RatedVoltage, rated.RatedAmperage, rated.RatedPhase) = (230, 10, Choices.SinglePhase);
        Assert.True((await _host.Store.SaveAsync(rated, panel.Version)).IsOk);

        // 230 V × 10 A = 2,300 VA against 940 VA: 40.9 %, 1,360 VA left.
        page.WaitForAssertion(() => Assert.Equal("230 V · 10 A · single-phase = 2300 VA", page.Find("#panel-rating").TextContent.Trim()));
        Assert.Equal("940 VA / 2300 VA", page.Find("#panel-rating-load").TextContent.Trim());
        Assert.Equal("1360 VA", page.Find("#panel-rating-headroom").TextContent.Trim());
        Assert.Contains("40.9", page.Find("#panel-rating-bar").TextContent);
    }

    [Fact]
    public async Task Form_IncompleteRating_IsShownOnTheMissingFields_AndNothingIsSaved()
    {
        var panel = _host.Inst.PowerPanels.Single();
        await _host.ShowAsync<PowerPanelForm>("Edit power panel", new() { { x => x.Item, panel } });

        P.Find("#panel-rated-voltage").Input("400");
        P.Find("#form-save").Click();

        P.WaitForAssertion(() => Assert.Equal("A panel rating needs voltage, amperage and phase together (or none of them).", HelperText("panel-rated-amperage")));
        Assert.Null(_host.Inst.PanelById[panel.Id].RatedVoltage);
    }

    [Fact]
    public async Task Form_CompleteRating_PreviewsTheVoltAmps_AndSaves()
    {
        var panel = _host.Inst.PowerPanels.Single();
        await _host.ShowAsync<PowerPanelForm>("Edit power panel", new() { { x => x.Item, panel } });

        P.Find("#panel-rated-voltage").Input("400");
        P.Find("#panel-rated-amperage").Input("100");
        await _host.SelectAsync<string>("panel-rated-phase", "Three-phase");

        P.WaitForAssertion(() => Assert.Contains("69,280 VA", P.Find("#panel-form-rating").TextContent));
        P.Find("#form-save").Click();
        P.WaitForAssertion(() => Assert.Equal(100, _host.Inst.PanelById[panel.Id].RatedAmperage));
    }

    // PDU1 rated 400 VA carries 470 VA: over the rating by 70 VA, the roll-up unchanged.
    [Fact]
    public async Task DevicePage_RatedPdu_ShowsTheExcess()
    {
        var pdu = (Device)_host.Device("PDU1").Clone();
        pdu.RatedVoltAmps = 400;
        Assert.True((await _host.Store.SaveAsync(pdu, pdu.Version)).IsOk);

        var page = _host.Context.Render<DevicePage>(p => p.Add(x => x.Id, pdu.Id));

        Assert.Equal("400 VA", page.Find("#device-rating").TextContent.Trim());
        Assert.Equal("470 VA / 400 VA", page.Find("#device-rating-load").TextContent.Trim());
        Assert.Equal("-70 VA (over the rating)", page.Find("#device-rating-headroom").TextContent.Trim());
        Assert.Contains("117.5", page.Find("#device-rating-bar").TextContent);
        Assert.Contains("470 VA", page.Find("#device-power-panel tbody tr[data-port='Inlet']").TextContent);
    }
}

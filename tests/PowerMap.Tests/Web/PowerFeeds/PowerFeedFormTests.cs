using Bunit;
using MudBlazor;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Components.Shared;
using PowerMap.Web.Features.PowerFeeds;

namespace PowerMap.Tests.Web.PowerFeeds;

public class PowerFeedFormTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> P => _host.Providers;

    private string Value(string inputId) => P.Find("#" + inputId).GetAttribute("value") ?? "";

    /// <summary>The helper/error line under an input (MudBlazor renders it in the same form control).</summary>
    private string ErrorUnder(string inputId) =>
        P.Find("#" + inputId).Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task NewFeed_TakesThePanelsFeedValues_AndTheNextName()
    {
        var panel = _host.Inst.PowerPanels.Single(); // Feed 1 and Feed 2: 230 V, 16 A, 80 %

        await _host.ShowAsync<PowerFeedForm>("Add power feed", new() { { x => x.PanelId, panel.Id } });

        Assert.Equal(("230", "16", "80"), (Value("feed-voltage"), Value("feed-amperage"), Value("feed-max-utilization")));
        Assert.Equal("Feed 3", Value("feed-name"));
        Assert.Equal("Panel 1", Value("feed-panel"));
        Assert.Equal(("Active", "AC", "Single-phase"), (Value("feed-status"), Value("feed-supply"), Value("feed-phase")));
        Assert.True(SideChecked("a"));
        Assert.False(SideChecked("b"));
        Assert.Contains("2944 VA", P.Find("#feed-form-available").TextContent);
    }

    private bool SideChecked(string side) => P.Find($"#feed-side-{side}").HasAttribute("checked");

    [Fact]
    public async Task SideB_WritesTypeRedundant()
    {
        var feed = _host.Feed("Feed 1");
        var dialog = await _host.ShowAsync<PowerFeedForm>("Edit power feed", new() { { x => x.Item, feed } });

        P.Find("#feed-side-b").Click();
        P.Find("#form-save").Click();

        var result = await dialog.Result;
        Assert.False(result!.Canceled);
        Assert.Equal("redundant", _host.Feed("Feed 1").Type);
    }

    [Fact]
    public async Task ServerErrors_AreShownUnderTheirFields()
    {
        var panel = _host.Inst.PowerPanels.Single();
        await _host.ShowAsync<PowerFeedForm>("Add power feed", new() { { x => x.PanelId, panel.Id } });

        P.Find("#feed-name").Input("Feed 3");
        P.Find("#feed-voltage").Input("0");
        P.Find("#feed-max-utilization").Input("120");
        P.Find("#form-save").Click();

        P.WaitForAssertion(() => Assert.Equal("This value may not be 0.", ErrorUnder("feed-voltage")));
        Assert.Equal("Ensure this value is less than or equal to 100.", ErrorUnder("feed-max-utilization"));
        Assert.Equal("", ErrorUnder("feed-name"));
        Assert.DoesNotContain(_host.Inst.PowerFeeds, f => f.Name == "Feed 3");
    }

    [Fact]
    public async Task NonFieldErrors_AreShownInTheAlert()
    {
        var feed = _host.Feed("Feed 2");
        await _host.ShowAsync<PowerFeedForm>("Edit power feed", new() { { x => x.Item, feed } });

        P.Find("#feed-name").Input("Feed 1");
        P.Find("#form-save").Click();

        P.WaitForAssertion(() => Assert.Equal("Power feed with this Power panel and Name already exists.", P.Find("#form-errors").TextContent.Trim()));
    }

    [Fact]
    public async Task ValidEdit_SavesWithTheLoadedVersion_AndCloses()
    {
        var feed = _host.Feed("Feed 1");
        var dialog = await _host.ShowAsync<PowerFeedForm>("Edit power feed", new() { { x => x.Item, feed } });

        P.Find("#feed-amperage").Input("32");
        P.Find("#form-save").Click();

        var result = await dialog.Result;
        Assert.False(result!.Canceled);
        var saved = _host.Feed("Feed 1");
        Assert.Equal((32, feed.Version + 1), (saved.Amperage, saved.Version));
        Assert.Equal(5888, _host.Db.Topology.Current.Report.Feed(feed.Id)!.AvailableVoltAmps);
    }

    [Fact]
    public async Task StaleEdit_ShowsTheConflict_AndLoadsTheLatestValues()
    {
        var feed = _host.Feed("Feed 1");
        await _host.ShowAsync<PowerFeedForm>("Edit power feed", new() { { x => x.Item, feed } });
        P.Find("#feed-voltage").Input("240");

        // Someone else saves first.
        var other = EntityCopy.Of(feed);
        other.Amperage = 20;
        Assert.True((await _host.Store.SaveAsync(other, feed.Version)).IsOk);

        P.Find("#form-save").Click();

        P.WaitForAssertion(() => Assert.Equal(EntityFormBase<PowerFeed>.ConflictMessage, P.Find("#form-notice").TextContent.Trim()));
        Assert.Equal(("20", "230"), (Value("feed-amperage"), Value("feed-voltage")));
        Assert.Equal((20, 230), (_host.Feed("Feed 1").Amperage, _host.Feed("Feed 1").Voltage));

        // Saving again applies on top of the latest version.
        P.Find("#feed-voltage").Input("240");
        P.Find("#form-save").Click();
        P.WaitForAssertion(() => Assert.Equal((20, 240), (_host.Feed("Feed 1").Amperage, _host.Feed("Feed 1").Voltage)));
    }
}

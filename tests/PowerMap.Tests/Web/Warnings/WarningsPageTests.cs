using Bunit;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Warnings;

namespace PowerMap.Tests.Web.Warnings;

// issue 10: the warnings page and the app-bar count follow every edit.
public class WarningsPageTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Seed_HasNoWarnings_ThenAnOverloadedFeedAppears_OnThePageAndInTheBadge()
    {
        var page = _host.Context.Render<WarningsPage>();
        var badge = _host.Context.Render<WarningsBadge>();
        Assert.NotNull(page.Find("#warnings-none"));
        Assert.Empty(badge.FindAll("#warnings-badge"));

        var feed = _host.Feed("Feed 1");
        var smaller = new PowerFeed
        {
            Id = feed.Id, PowerPanelId = feed.PowerPanelId, RackId = feed.RackId, Name = feed.Name, Status = feed.Status, Type = feed.Type,
            Supply = feed.Supply, Phase = feed.Phase, Voltage = feed.Voltage, Amperage = 2, MaxUtilization = feed.MaxUtilization, Version = feed.Version,
        };
        Assert.True((await _host.Store.SaveAsync(smaller, ct: Xunit.TestContext.Current.CancellationToken)).IsOk);

        // 470 W on 230 V × 2 A × 80 % = 368 VA → 127.7 %
        page.WaitForAssertion(() => Assert.Contains("Feed 1 is at 127.7 %", page.Find("#warnings-table").TextContent));
        badge.WaitForAssertion(() => Assert.Equal("1", badge.Find("#warnings-badge").TextContent.Trim()));
    }
}

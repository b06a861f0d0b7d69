using Bunit;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Capacity;

namespace PowerMap.Tests.Web.Capacity;

// The seed: a new 400 W dual-corded server fits on PDU1/PDU2 outlet 3; 0 power supplies is refused by name.
public class FitPageTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Seed_DefaultServer_ListsOutlet3OnBothPdus()
    {
        var page = _host.Context.Render<FitPage>();

        page.Find("#fit-find").Click();

        var row = page.Find("#fit-results tbody tr");
        Assert.Contains("PDU1 Outlet 3 (side A)", row.TextContent);
        Assert.Contains("PDU2 Outlet 3 (side B)", row.TextContent);
        Assert.Contains("16.0 % → 22.8 %", row.TextContent);
        Assert.Contains("31.9 % → 45.5 %", row.TextContent);
    }

    [Fact]
    public void ZeroPowerSupplies_SaysWhichField()
    {
        var page = _host.Context.Render<FitPage>();

        page.Find("#fit-psus").Change("0");
        page.Find("#fit-find").Click();

        Assert.Contains("power_supplies", page.Find("#fit-error").TextContent);
        Assert.Empty(page.FindAll("#fit-results"));
    }
}

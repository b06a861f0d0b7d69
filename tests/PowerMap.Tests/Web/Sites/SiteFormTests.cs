using Bunit;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Sites;

namespace PowerMap.Tests.Web.Sites;

public class SiteFormTests : IAsyncLifetime
{
    private WebTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebTestHost.CreateAsync(seed: false);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> P => _host.Providers;

    [Fact]
    public async Task BlankName_IsRefusedUnderTheNameField_ThenCreates()
    {
        var dialog = await _host.ShowAsync<SiteForm>("Add site");

        P.Find("#form-save").Click();
        P.WaitForAssertion(() => Assert.Equal("This field may not be blank.",
            P.Find("#site-name").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!.TextContent.Trim()));

        P.Find("#site-name").Input("DC1");
        P.Find("#form-save").Click();

        var result = await dialog.Result;
        Assert.Equal("DC1", Assert.IsType<Site>(result!.Data).Name);
        Assert.Equal("DC1", Assert.Single(_host.Inst.Sites).Name);
    }

    [Fact]
    public async Task DuplicateName_IsANonFieldError()
    {
        Assert.True((await _host.Store.SaveAsync(new Site { Name = "DC1" })).IsOk);
        await _host.ShowAsync<SiteForm>("Add site");

        P.Find("#site-name").Input("DC1");
        P.Find("#form-save").Click();

        P.WaitForAssertion(() => Assert.Equal("Site with this Name already exists.", P.Find("#form-errors").TextContent.Trim()));
    }

    [Fact]
    public async Task NewRack_PreselectsTheOnlySite()
    {
        Assert.True((await _host.Store.SaveAsync(new Site { Name = "DC1" })).IsOk);
        var dialog = await _host.ShowAsync<RackForm>("Add rack");

        Assert.Equal("DC1", P.Find("#rack-site").GetAttribute("value"));
        P.Find("#rack-name").Input("R1");
        P.Find("#form-save").Click();

        Assert.False((await dialog.Result)!.Canceled);
        Assert.Equal("R1", Assert.Single(_host.Inst.Racks).Name);
    }
}

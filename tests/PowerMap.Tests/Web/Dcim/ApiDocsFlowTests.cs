using PowerMap.Tests.E2E;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.Web.Dcim;

// The nav menu's "API" link leaves the Blazor app for the Scalar reference of /openapi/v1.json, which lists the DCIM API.
[Collection(BrowserCollection.Name)]
public class ApiDocsFlowTests(AppServerFixture app)
{
    [Fact]
    public async Task NavMenuApiLink_OpensTheApiReference_WithTheDcimResources()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await app.GotoAsync(page, "/");

        await page.Locator("a[href='api-docs']").ClickAsync();

        await page.WaitForURLAsync("**/api-docs/**", new() { Timeout = 20000 });
        await Expect(page.GetByText("dcim: power feeds").First).ToBeVisibleAsync(new() { Timeout = 20000 });
        await AppServerFixture.ScreenshotAsync(page, "api-docs");
        Assert.Empty(errors);
    }
}

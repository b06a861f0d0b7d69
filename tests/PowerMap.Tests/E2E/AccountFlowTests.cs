using Microsoft.Playwright;
using PowerMap.Core.Data.Accounts;
using PowerMap.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// issue 15 in a real browser: sign in, edit a feed, find the edit on its History tab; a viewer sees no edit buttons.
[Collection(BrowserCollection.Name)]
public class AccountFlowTests(AppServerFixture app)
{
    [Fact]
    public async Task SignIn_EditAFeed_TheHistoryTabShowsTheDiff()
    {
        var (context, page, errors) = await app.NewPageAsync(signedIn: false);
        await using var _ = context;

        await page.GotoAsync(app.BaseUrl + "power-feeds");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?"));
        await page.FillAsync("#username", AppServerFixture.UserName);
        await page.FillAsync("#password", "wrong-password-1");
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator(".pm-form-error")).ToHaveTextAsync("Wrong user name or password.");
        await AppServerFixture.ScreenshotAsync(page, "account-1-sign-in-error");
        await page.FillAsync("#username", AppServerFixture.UserName);
        await page.FillAsync("#password", TestAccounts.Password);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#app-ready")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 20000 });
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/power-feeds$"));
        await Expect(page.Locator(".pm-user-menu")).ToContainTextAsync($"{AppServerFixture.UserName} · admin");

        var feed = app.Topology.Current.Installation.PowerFeeds[^1];
        string description = $"Checked {Guid.NewGuid():N}"[..20];
        await app.GotoAsync(page, $"/power-feeds/{feed.Id}");
        await Ui.OpenDialogAsync(page, "#edit-feed");
        await Ui.FillAsync(page, "feed-description", description);
        await Ui.SaveAsync(page);

        await page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        var entry = page.Locator(".pm-history-entry").First;
        await Expect(entry).ToContainTextAsync("Updated");
        await Expect(entry).ToContainTextAsync(AppServerFixture.UserName);
        var row = entry.Locator("tbody tr").Filter(new() { HasText = "description" });
        await Expect(row.Locator(".pm-diff-before")).ToHaveTextAsync(string.IsNullOrEmpty(feed.Description) ? "" : feed.Description);
        await Expect(row.Locator(".pm-diff-after")).ToHaveTextAsync(description);
        await AppServerFixture.ScreenshotAsync(page, "account-2-feed-history");

        await app.GotoAsync(page, "/changes");
        await Expect(page.Locator("#changes-table tbody tr").First).ToContainTextAsync(feed.Name);
        await AppServerFixture.ScreenshotAsync(page, "account-3-changes");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task FirstStart_ThePasswordPrintedOnTheConsole_SignsInAsAdmin()
    {
        var password = System.Text.RegularExpressions.Regex.Match(app.FirstRunConsole.ToString(), @"password:\s+(\S+)").Groups[1].Value;
        Assert.NotEmpty(password);
        var (context, page, errors) = await app.NewPageAsync(signedIn: false);
        await using var _ = context;

        await app.SignInAsync(page, "admin", password);

        await Expect(page.Locator("#app-ready")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 20000 });
        await Expect(page.Locator(".pm-user-menu")).ToContainTextAsync("admin · admin");
        await page.Locator(".pm-user-menu button").First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open").GetByText("Users", new() { Exact = true })).ToBeVisibleAsync();
        await AppServerFixture.ScreenshotAsync(page, "account-5-first-admin-menu");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TokensPage_CreatesAKeyShownOnce_ThatWorks_UntilRevoked()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        string description = $"e2e {Guid.NewGuid():N}"[..12];

        await app.GotoAsync(page, "/account/tokens");
        await page.Locator("#token-description").FillAsync(description);
        await page.Locator("#create-token").ClickAsync();
        var key = (await page.Locator("#new-token-key").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9a-f]{40}$", key);
        var row = page.Locator("#tokens-table tbody tr").Filter(new() { HasText = description });
        await Expect(row).ToContainTextAsync("…" + key[^4..]);
        await Expect(page.Locator("#tokens-table")).Not.ToContainTextAsync(key);
        await AppServerFixture.ScreenshotAsync(page, "account-6-tokens");

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new("Token", key);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("api/dcim/sites/")).StatusCode);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke token …{key[^4..]}" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync("api/dcim/sites/")).StatusCode);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AViewer_SeesTheNumbers_ButNoEditButtons()
    {
        await TestAccounts.EnsureUserAsync(app.Services, "e2e-viewer", Roles.Viewer);
        var (context, page, errors) = await app.NewPageAsync(signedIn: false);
        await using var _ = context;
        await app.SignInAsync(page, "e2e-viewer", TestAccounts.Password);

        var feed = app.Topology.Current.Installation.PowerFeeds.First(f => f.Name == "Feed 1");
        await app.GotoAsync(page, $"/power-feeds/{feed.Id}");
        await Expect(page.Locator("#feed-usage")).ToContainTextAsync("/ 2944 VA");
        await Expect(page.Locator("#edit-feed, #delete-feed, #feed-disconnect")).ToHaveCountAsync(0);
        await app.GotoAsync(page, "/power-feeds");
        await Expect(page.Locator("#feeds-grid tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#add-feed, .pm-row-actions")).ToHaveCountAsync(0);
        await AppServerFixture.ScreenshotAsync(page, "account-4-viewer-feeds");
        Assert.Empty(errors);
    }
}

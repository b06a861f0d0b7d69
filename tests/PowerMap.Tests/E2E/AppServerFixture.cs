using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PowerMap.Core.Data;

namespace PowerMap.Tests.E2E;

/// <summary>
/// The real app on Kestrel (a loopback port) over a temporary SQLite file with the demo data, and one headless
/// Debian Chromium driven by Playwright. Screenshots go to TestResults/screenshots/.
/// </summary>
public class AppServerFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"powermap-e2e-{Guid.NewGuid():N}.db");

    public string BaseUrl { get; private set; } = "";
    public IPlaywright? Playwright { get; private set; }
    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public TopologyService Topology => Services.GetRequiredService<TopologyService>();
    public DcimStore Store => Services.GetRequiredService<DcimStore>();

    public AppServerFixture() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    protected virtual bool DemoData => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:PowerMap", $"Data Source={_dbPath}");
        builder.UseSetting("PowerMap:DemoData", DemoData ? "true" : "false");
        builder.UseEnvironment("Development");
        builder.ConfigureServices(s => s.AddSingleton(new PowerMap.Web.Features.Accounts.FirstRunOutput(FirstRunConsole)));
    }

    /// <summary>What the first start printed to the console (the first admin's password).</summary>
    public StringWriter FirstRunConsole { get; } = new();

    /// <summary>The user every new page is signed in as (an admin), and its password.</summary>
    public const string UserName = "e2e-admin";

    private string? _signedIn;

    public async ValueTask InitializeAsync()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        await TestSupport.TestAccounts.EnsureUserAsync(Services, UserName, PowerMap.Core.Data.Accounts.Roles.Admin);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Signs in through the sign-in page as a person would; returns the page on the app's home.</summary>
    public async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync(BaseUrl + "account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(u => !u.Contains("/account/login"), new() { Timeout = 60000 });
    }

    /// <summary>A new browser context (its own cookies: a second user) at 1280×800, signed in as <see cref="UserName"/> unless
    /// <paramref name="signedIn"/> is false, with console errors collected.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> ConsoleErrors)> NewPageAsync(int width = 1280, int height = 800, bool signedIn = true)
    {
        if (signedIn && _signedIn is null)
        {
            await using var first = await Browser.NewContextAsync();
            var login = await first.NewPageAsync();
            await SignInAsync(login, UserName, TestSupport.TestAccounts.Password);
            _signedIn = await first.StorageStateAsync();
        }
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            AcceptDownloads = true,
            StorageState = signedIn ? _signedIn : null,
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, msg) =>
        {
            if (msg.Type == "error")
            {
                errors.Add(msg.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (context, page, errors);
    }

    /// <summary>Navigates and waits until the Blazor circuit is interactive (clicks before that are lost).</summary>
    public async Task GotoAsync(IPage page, string relativeUrl)
    {
        await page.GotoAsync(BaseUrl + relativeUrl.TrimStart('/'));
        await Assertions.Expect(page.Locator("#app-ready")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60000 });
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        Playwright?.Dispose();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_dbPath + suffix);
            }
            catch (IOException)
            {
                // best effort
            }
        }
        GC.SuppressFinalize(this);
    }

    private static string FindScreenshotDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PowerMap.sln")))
        {
            dir = dir.Parent;
        }
        var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "TestResults", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>One app + browser shared by all browser test classes (starting Chromium costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppServerFixture>
{
    public const string Name = "browser";
}

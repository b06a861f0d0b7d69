using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

/// <summary>An app instance on Kestrel (a loopback port) on a PostgreSQL database, configured as docs/deploy.md's systemd unit says.</summary>
public sealed class KestrelPostgresInstance : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly bool _demoData;

    public KestrelPostgresInstance(string connectionString, bool demoData)
    {
        _connectionString = connectionString;
        _demoData = demoData;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public Uri BaseUrl { get; private set; } = null!;

    public KestrelPostgresInstance Start()
    {
        StartServer();
        BaseUrl = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:PowerMap", _connectionString);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("PowerMap:DemoData", _demoData ? "true" : "false");
        builder.UseSetting("AllowedHosts", NginxProxy.DocumentedEnvironment("AllowedHosts"));
        builder.UseEnvironment("Development");
    }
}

// docs/deploy.md run as printed: two instances on one PostgreSQL database with the systemd unit's AllowedHosts, behind the
// nginx site, reached by its server_name (the browser resolves it to the proxy). A user signs in and works through the
// proxy (the Blazor circuit on a WebSocket through nginx), writes made directly on either instance reach the page live,
// and the API's absolute URLs (NetBox clients follow "next") point back through the proxy, with the scheme the proxy
// reports in X-Forwarded-Proto.
public class BehindNginxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDocumentedDeployment_TwoInstancesBehindNginx_SignInLiveUpdatesAndApiUrlsThroughTheProxy()
    {
        Assert.SkipWhen(NginxProxy.SkipReason is not null, NginxProxy.SkipReason ?? "");
        string database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var b = new KestrelPostgresInstance(database, demoData: true).Start();
        await using var a = new KestrelPostgresInstance(database, demoData: false).Start();
        await using var proxy = await NginxProxy.StartAsync(a.BaseUrl, b.BaseUrl);
        string site = $"http://{NginxProxy.DocumentedServerName()}:{proxy.Port}/";
        await TestAccounts.EnsureUserAsync(b.Services, AppServerFixture.UserName, PowerMap.Core.Data.Accounts.Roles.Admin);
        string adminKey = await TestAccounts.TokenAsync(a.Services, "nginx-admin", PowerMap.Core.Data.Accounts.Roles.Admin);
        var feed = b.Services.GetRequiredService<TopologyService>().Current.Installation.PowerFeeds.First(f => f.Name == "Feed 1");

        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    $"--host-resolver-rules=MAP {NginxProxy.DocumentedServerName()} 127.0.0.1"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var sockets = new List<string>();
        page.WebSocket += (_, ws) => sockets.Add(ws.Url);

        // Sign in and work through the proxy only.
        await page.GotoAsync(site + "account/login");
        await page.FillAsync("#username", AppServerFixture.UserName);
        await page.FillAsync("#password", TestAccounts.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(u => !u.Contains("/account/login"), new() { Timeout = 60000 });
        Assert.StartsWith(site, page.Url, StringComparison.Ordinal);
        await page.GotoAsync(site + $"power-feeds/{feed.Id}");
        await Expect(page.Locator("#app-ready")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60000 });
        await Expect(page.Locator("#feed-detail-amperage")).ToHaveTextAsync($"{feed.Amperage} A");
        Assert.Contains(sockets, url => url.StartsWith(site.Replace("http://", "ws://", StringComparison.Ordinal) + "_blazor", StringComparison.Ordinal));

        // A write on each instance, made behind the proxy's back: the page shows both without a reload.
        int amperage = feed.Amperage;
        foreach (var instance in new[] { a.BaseUrl, b.BaseUrl })
        {
            amperage += 1;
            using var direct = Client(instance, adminKey);
            using var written = await direct.PatchAsync($"api/dcim/power-feeds/{feed.Id}/",
                new StringContent($$"""{"amperage": {{amperage}}}""", System.Text.Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.OK, written.StatusCode);
            await Expect(page.Locator("#feed-detail-amperage")).ToHaveTextAsync($"{amperage} A", new() { Timeout = 3000 });
        }
        await AppServerFixture.ScreenshotAsync(page, "behind-nginx-feed-updated");
        Assert.Matches(@"""GET /_blazor\?id=[^ ]+ HTTP/1\.1"" 101 ", proxy.AccessLog);

        // The API through the proxy: "next" keeps the address users typed (name and port) and can be followed.
        using var viaProxy = Client(new Uri(site), adminKey, connectTo: proxy.Port);
        var first = JsonDocument.Parse(await viaProxy.GetStringAsync("api/dcim/power-feeds/?limit=1", Ct)).RootElement;
        string next = first.GetProperty("next").GetString()!;
        Assert.StartsWith(site + "api/dcim/power-feeds/", next, StringComparison.Ordinal);
        var second = JsonDocument.Parse(await viaProxy.GetStringAsync(next, Ct)).RootElement;
        Assert.Equal(first.GetProperty("count").GetInt32(), second.GetProperty("count").GetInt32());
        Assert.NotEqual(first.GetProperty("results")[0].GetProperty("id").GetInt32(), second.GetProperty("results")[0].GetProperty("id").GetInt32());

        // A host name the deployment does not serve is refused (AllowedHosts), also through the proxy.
        using var other = new HttpRequestMessage(HttpMethod.Get, "health/live");
        other.Headers.Host = $"intruder.example.net:{proxy.Port}";
        using var refused = await viaProxy.SendAsync(other, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // TLS ends at the proxy: its X-Forwarded-Proto is the scheme of the URLs the API hands out.
        using var tls = new HttpRequestMessage(HttpMethod.Get, "api/dcim/power-feeds/?limit=1");
        tls.Headers.Add("X-Forwarded-Proto", "https");
        using var onA = Client(a.BaseUrl, adminKey);
        using var answer = await onA.SendAsync(tls, Ct);
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.StartsWith("https://", body.GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("https://", body.GetProperty("results")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    /// <summary>A client with an API token; with <paramref name="connectTo"/> every connection goes to that loopback port (a host name resolved to the proxy).</summary>
    private static HttpClient Client(Uri baseUrl, string key, int? connectTo = null)
    {
        var handler = new SocketsHttpHandler();
        if (connectTo is int port)
        {
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }
        var client = new HttpClient(handler) { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", key);
        return client;
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

/// <summary>A second app instance on Kestrel (a loopback port) on the same PostgreSQL database as the browser fixture's.</summary>
public sealed class KestrelPostgresInstance : WebApplicationFactory<Program>
{
    private readonly string _connectionString;

    public KestrelPostgresInstance(string connectionString)
    {
        _connectionString = connectionString;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public Uri BaseUrl { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        BaseUrl = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:PowerMap", _connectionString);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("PowerMap:DemoData", "false");
        builder.UseEnvironment("Development");
    }
}

// docs/deploy.md's nginx site, run as printed in front of two instances on one PostgreSQL database: a browser signs in and
// works through the proxy (its Blazor circuit on a WebSocket through nginx), writes made directly on either instance reach
// it live, and the API's absolute URLs (NetBox clients follow "next") point back through the proxy, with the scheme the
// proxy reports in X-Forwarded-Proto.
public class BehindNginxTests(PostgresAppServerFixture b) : IClassFixture<PostgresAppServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDocumentedNginxSite_ServesTwoInstances_WithALiveCircuitOverWebSocket_AndUrlsThroughTheProxy()
    {
        Assert.SkipWhen(NginxProxy.SkipReason is not null, NginxProxy.SkipReason ?? "");
        await using var a = new KestrelPostgresInstance(b.ConnectionString);
        a.Start();
        await using var proxy = await NginxProxy.StartAsync(a.BaseUrl, new Uri(b.BaseUrl));

        var feed = b.Topology.Current.Installation.PowerFeeds.First(f => f.Name == "Feed 1");
        var (context, page, errors) = await b.NewPageAsync(signedIn: false);
        await using var _ = context;
        var sockets = new List<string>();
        page.WebSocket += (_, ws) => sockets.Add(ws.Url);

        // Sign in and work through the proxy only.
        await page.GotoAsync(proxy.BaseUrl + "account/login");
        await page.FillAsync("#username", AppServerFixture.UserName);
        await page.FillAsync("#password", TestAccounts.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(u => !u.Contains("/account/login"), new() { Timeout = 60000 });
        Assert.StartsWith(proxy.BaseUrl, page.Url, StringComparison.Ordinal);
        await page.GotoAsync(proxy.BaseUrl + $"power-feeds/{feed.Id}");
        await Expect(page.Locator("#app-ready")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60000 });
        await Expect(page.Locator("#feed-detail-amperage")).ToHaveTextAsync($"{feed.Amperage} A");
        Assert.Contains(sockets, url => url.StartsWith(proxy.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "_blazor", StringComparison.Ordinal));

        // A write on each instance, made behind the proxy's back: the browser's instance shows both without reload.
        string adminKey = await TestAccounts.TokenAsync(a.Services, "nginx-admin", PowerMap.Core.Data.Accounts.Roles.Admin);
        int amperage = feed.Amperage;
        foreach (var instance in new[] { a.BaseUrl, new Uri(b.BaseUrl) })
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

        // The API through the proxy: "next" keeps the proxy's address (host and port) and can be followed.
        using var viaProxy = Client(new Uri(proxy.BaseUrl), adminKey);
        var first = JsonDocument.Parse(await viaProxy.GetStringAsync("api/dcim/power-feeds/?limit=1", Ct)).RootElement;
        string next = first.GetProperty("next").GetString()!;
        Assert.StartsWith(proxy.BaseUrl + "api/dcim/power-feeds/", next, StringComparison.Ordinal);
        var second = JsonDocument.Parse(await viaProxy.GetStringAsync(next, Ct)).RootElement;
        Assert.Equal(first.GetProperty("count").GetInt32(), second.GetProperty("count").GetInt32());
        Assert.NotEqual(first.GetProperty("results")[0].GetProperty("id").GetInt32(), second.GetProperty("results")[0].GetProperty("id").GetInt32());

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

    private static HttpClient Client(Uri baseUrl, string key)
    {
        var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", key);
        return client;
    }
}

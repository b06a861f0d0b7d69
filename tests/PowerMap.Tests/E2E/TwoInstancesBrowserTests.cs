using Microsoft.AspNetCore.Hosting;
using PowerMap.Tests.TestSupport;
using PowerMap.Tests.Web.Dcim;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

/// <summary>The browser fixture's app (instance B, with the demo data) on a fresh PostgreSQL database instead of SQLite.</summary>
public sealed class PostgresAppServerFixture : AppServerFixture
{
    public string ConnectionString { get; } = PostgresServer.GetAsync().GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:PowerMap", ConnectionString);
        builder.UseSetting("Database:Provider", "Postgres");
    }
}

// A browser open on instance B shows, without reload, a write made through instance A's API on the same database.
public class TwoInstancesBrowserTests(PostgresAppServerFixture b) : IClassFixture<PostgresAppServerFixture>
{
    [Fact]
    public async Task WriteThroughInstanceA_AppearsInABrowserOnInstanceB_WithoutReload()
    {
        await using var a = new SharedPostgresApiFactory(b.ConnectionString);
        var apiA = new DcimClient(a.CreateClient());
        var feed = b.Topology.Current.Installation.PowerFeeds.First(f => f.Name == "Feed 1");
        var (context, page, errors) = await b.NewPageAsync();
        await using var _ = context;
        await b.GotoAsync(page, $"/power-feeds/{feed.Id}");
        await Expect(page.Locator("#feed-detail-amperage")).ToHaveTextAsync($"{feed.Amperage} A");

        var written = await apiA.PatchAsync(DcimClient.Url("power-feeds", feed.Id), $$"""{"amperage": {{feed.Amperage * 2}}}""");
        Assert.Equal(System.Net.HttpStatusCode.OK, written.Status);

        await Expect(page.Locator("#feed-detail-amperage")).ToHaveTextAsync($"{feed.Amperage * 2} A", new() { Timeout = 2000 });
        await AppServerFixture.ScreenshotAsync(page, "two-instances-feed-updated-on-b");
        Assert.Empty(errors);
    }
}

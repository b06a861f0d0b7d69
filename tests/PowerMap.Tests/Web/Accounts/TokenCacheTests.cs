using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data.Accounts;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Accounts;

namespace PowerMap.Tests.Web.Accounts;

/// <summary>An app whose token lookups are remembered for a minute, so that only a Forget can explain a refusal.</summary>
public sealed class LongTokenCacheApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:TokenCacheSeconds", "60");
    }
}

// issue 14: token lookups are cached per key hash; a change made on this instance takes effect at the next request.
public class TokenCacheTests(LongTokenCacheApiFactory app) : IClassFixture<LongTokenCacheApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARoleChange_TakesEffectAtTheNextRequest()
    {
        var key = await TestAccounts.TokenAsync(app.Services, "editor-demoted", Roles.Editor);
        using var client = app.CreateClient(key);
        var created = await client.PostAsJsonAsync("/api/dcim/sites/", new { name = "Cached A", slug = "cached-a" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var user = await accounts.FindAsync("editor-demoted");
            Assert.True((await accounts.SetRoleAsync(user!.Id, Roles.Viewer)).Succeeded);
        }

        var refused = await client.PostAsJsonAsync("/api/dcim/sites/", new { name = "Cached B", slug = "cached-b" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/dcim/sites/", Ct)).StatusCode);
    }

    [Fact]
    public async Task ADeletedUsersToken_IsRefusedAtTheNextRequest()
    {
        var key = await TestAccounts.TokenAsync(app.Services, "editor-deleted", Roles.Editor);
        using var client = app.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/dcim/sites/", Ct)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var user = await accounts.FindAsync("editor-deleted");
            Assert.True((await accounts.DeleteAsync(user!.Id)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/dcim/sites/", Ct)).StatusCode);
    }

    [Fact]
    public async Task ARevokedToken_IsRefusedAtTheNextRequest()
    {
        var key = await TestAccounts.TokenAsync(app.Services, "editor-revoked", Roles.Editor);
        using var client = app.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/dcim/sites/", Ct)).StatusCode);

        var tokens = app.Services.GetRequiredService<TokenStore>();
        var row = (await tokens.ListAsync(ct: Ct)).Single(t => t.UserName == "editor-revoked");
        Assert.True(await tokens.RevokeAsync(row.Id, ct: Ct));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/dcim/sites/", Ct)).StatusCode);
    }
}

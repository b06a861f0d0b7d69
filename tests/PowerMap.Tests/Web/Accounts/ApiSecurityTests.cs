using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using PowerMap.Core.Data;
using PowerMap.Core.Data.Accounts;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Accounts;

/// <summary>The seed example behind the API, for the security tests.</summary>
public class SecuredApiFactory : ApiFactory
{
    public SecuredApiFactory()
    {
        ImportAsync(PowerMap.Core.Data.DemoData.SeedExampleJson(), "replace").GetAwaiter().GetResult().EnsureSuccessStatusCode();
    }
}

/// <summary>The same secured app on PostgreSQL.</summary>
public sealed class PostgresSecuredApiFactory : SecuredApiFactory
{
    protected override bool OnPostgres => true;
}

/// <summary>The same app with <c>Auth:AnonymousRead=true</c> (wall screens).</summary>
public sealed class AnonymousReadApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:AnonymousRead", "true");
    }
}

// issue 15: who may read and write over HTTP, NetBox's 403 bodies, cross-site writes, forged hosts, headers.
public class ApiSecurityTests(SecuredApiFactory app) : IClassFixture<SecuredApiFactory>
{
    public static readonly TheoryData<string> ReadUrls = new()
    {
        "/api/dcim/", "/api/dcim/sites/", "/api/dcim/locations/", "/api/dcim/racks/", "/api/dcim/power-panels/", "/api/dcim/power-feeds/",
        "/api/dcim/device-types/", "/api/dcim/power-port-templates/", "/api/dcim/power-outlet-templates/", "/api/dcim/devices/",
        "/api/dcim/power-ports/", "/api/dcim/power-outlets/", "/api/dcim/interfaces/", "/api/dcim/cables/", "/api/dcim/power-feeds/1/",
        "/api/dcim/devices/1/power-utilization/", "/api/power/report", "/api/topology/export", "/api/core/object-changes/", "/openapi/v1.json",
    };

    public static readonly TheoryData<string, string> WriteRequests = new()
    {
        { "POST", "/api/dcim/sites/" }, { "POST", "/api/dcim/power-feeds/" }, { "PATCH", "/api/dcim/power-feeds/1/" }, { "PUT", "/api/dcim/power-feeds/1/" },
        { "DELETE", "/api/dcim/power-feeds/1/" }, { "DELETE", "/api/dcim/cables/1/" }, { "POST", "/api/dcim/cables/" }, { "PATCH", "/api/dcim/power-ports/1/" },
        { "POST", "/api/topology/import?mode=merge" }, { "POST", "/api/topology/import?mode=replace" },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ReadUrls))]
    public async Task AnonymousRead_Is403_WithNetBoxBody(string url)
    {
        using var client = app.CreateClient(key: null);

        var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"detail":"Authentication credentials were not provided."}""", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(WriteRequests))]
    public async Task AnonymousWrite_Is403_AndChangesNothing(string method, string url)
    {
        var before = await app.ExportAsync();
        using var client = app.CreateClient(key: null);

        var response = await client.SendAsync(Json(method, url, """{"name": "X"}"""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Authentication credentials were not provided.", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        Assert.Equal(before, await app.ExportAsync());
    }

    [Theory]
    [MemberData(nameof(WriteRequests))]
    public async Task ViewerToken_Reads_ButWriteIs403(string method, string url)
    {
        var before = await app.ExportAsync();
        using var client = app.CreateClient(await TestAccounts.TokenAsync(app.Services, "viewer1", Roles.Viewer));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/dcim/power-feeds/", Ct)).StatusCode);
        var response = await client.SendAsync(Json(method, url, """{"name": "X"}"""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"detail":"You do not have permission to perform this action."}""", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await app.ExportAsync());
    }

    [Fact]
    public async Task WhatIf_IsARead_AViewerMayAskIt_ButNotAnonymously()
    {
        const string body = """{"failed": [{"object_type": "dcim.powerfeed", "object_id": {"power_panel": {"site": "DC1", "name": "Panel 1"}, "name": "Feed 1"}}]}""";
        using var viewer = app.CreateClient(await TestAccounts.TokenAsync(app.Services, "viewer-whatif", Roles.Viewer));
        using var anonymous = app.CreateClient(key: null);

        var asked = await viewer.PostAsync("/api/power/what-if", JsonContent(body), Ct);
        var plain = await viewer.PostAsync("/api/power/what-if", new StringContent(body, Encoding.UTF8, "text/plain"), Ct);
        var refused = await anonymous.PostAsync("/api/power/what-if", JsonContent(body), Ct);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task ReadOnlyTokenOfAnEditor_WriteIs403()
    {
        using var client = app.CreateClient(await TestAccounts.TokenAsync(app.Services, "editor-ro", Roles.Editor, writeEnabled: false));

        var response = await client.PatchAsync("/api/dcim/sites/1/", JsonContent("""{"description": "x"}"""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You do not have permission to perform this action.", await DetailAsync(response));
    }

    [Fact]
    public async Task EditorToken_Writes_TokenOrBearer_ButReplaceImportIsAdminOnly()
    {
        var key = await TestAccounts.TokenAsync(app.Services, "editor1", Roles.Editor);
        using var client = app.CreateClient(key);

        var created = await client.PostAsync("/api/dcim/sites/", JsonContent("""{"name": "Editor site"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        int id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();

        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/dcim/sites/{id}/", Ct)).StatusCode);

        var before = await app.ExportAsync();
        var replace = await client.PostAsync("/api/topology/import?mode=replace", JsonContent("{}"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, replace.StatusCode);
        Assert.Equal("You do not have permission to perform this action.", await DetailAsync(replace));
        Assert.Equal(before, await app.ExportAsync());
    }

    [Fact]
    public async Task AdminToken_MayReplace()
    {
        using var client = app.CreateClient();
        var export = await app.ExportAsync();

        var replace = await client.PostAsync("/api/topology/import?mode=replace", JsonContent(export), Ct);

        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        Assert.Equal(export, await app.ExportAsync());
    }

    [Fact]
    public async Task ExpiredUnknownAndRevokedTokens_Are403()
    {
        var expired = await TestAccounts.TokenAsync(app.Services, "editor-exp", Roles.Editor, expires: DateTime.UtcNow.AddMinutes(-1));
        using (var client = app.CreateClient(expired))
        {
            var response = await client.GetAsync("/api/dcim/sites/", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Token expired", await DetailAsync(response));
        }
        using (var client = app.CreateClient("0123456789abcdef0123456789abcdef01234567"))
        {
            var response = await client.GetAsync("/api/dcim/sites/", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Invalid token", await DetailAsync(response));
        }

        var key = await TestAccounts.TokenAsync(app.Services, "editor-rev", Roles.Editor);
        var tokens = (TokenStore)app.Services.GetService(typeof(TokenStore))!;
        using (var client = app.CreateClient(key))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/dcim/sites/", Ct)).StatusCode);
            var row = (await tokens.ListAsync(ct: Ct)).Single(t => t.UserName == "editor-rev");
            Assert.True(await tokens.RevokeAsync(row.Id, ct: Ct));
            var response = await client.GetAsync("/api/dcim/sites/", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Invalid token", await DetailAsync(response));
        }
    }

    [Fact]
    public async Task OnlyTheKeysHash_IsStored()
    {
        var key = await TestAccounts.TokenAsync(app.Services, "editor-hash", Roles.Editor);
        var factory = (Microsoft.EntityFrameworkCore.IDbContextFactory<PowerMapDbContext>)app.Services.GetService(typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<PowerMapDbContext>))!;
        await using var db = await factory.CreateDbContextAsync(Ct);

        Assert.DoesNotContain(db.ApiTokens, t => t.KeyHash == key);
        Assert.Contains(db.ApiTokens, t => t.KeyHash == TokenStore.Hash(key));
    }

    [Fact]
    public async Task WriteWithoutJsonContentType_Is415_AndChangesNothing()
    {
        var before = await app.ExportAsync();
        using var client = app.CreateClient();

        var plain = await client.PostAsync("/api/dcim/sites/", new StringContent("""{"name": "Plain"}""", Encoding.UTF8, "text/plain"), Ct);
        var form = await client.PostAsync("/api/dcim/sites/", new FormUrlEncodedContent([new("name", "Form")]), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.ExportAsync());
    }

    [Fact]
    public async Task CrossSiteFormPosts_ChangeNothing_EvenFromASignedInAdminsBrowser()
    {
        var before = await app.ExportAsync();
        // What <form enctype="text/plain" action=".../api/topology/import?mode=replace"> sends from another site.
        var crossSite = new StringContent("""{"sites": [], "x": "="}""", Encoding.UTF8, "text/plain");

        using var anonymous = app.CreateClient(key: null);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsync("/api/topology/import?mode=replace", crossSite, Ct)).StatusCode);

        using var browser = await SignedInBrowserAsync(app, AdminName(), TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/dcim/sites/", Ct)).StatusCode);
        var response = await browser.PostAsync("/api/topology/import?mode=replace", new StringContent("""{"sites": []}""", Encoding.UTF8, "text/plain"), Ct);
        var urlencoded = await browser.PostAsync("/api/dcim/sites/", new FormUrlEncodedContent([new("name", "Evil")]), Ct);
        var json = await browser.DeleteAsync("/api/dcim/cables/1/", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, urlencoded.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
        Assert.Equal(before, await app.ExportAsync());
    }

    [Fact]
    public async Task ForgedHost_IsRefused_AndNeverEchoed()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dcim/sites/");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(Ct));
        var ok = await client.GetStringAsync("/api/dcim/sites/", Ct);
        Assert.Contains("\"url\":\"http://localhost/api/dcim/sites/", ok);
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheSecurityHeaders()
    {
        using var client = app.CreateClient();
        foreach (var url in new[] { "/api/dcim/sites/", "/account/login" })
        {
            var response = await client.GetAsync(url, Ct);
            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Fact]
    public async Task Pages_RedirectAnonymousVisitorsToSignIn()
    {
        using var client = app.Server.CreateClient();

        var response = await client.GetAsync("/power-feeds", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPassword_LocksTheAccountAfterFiveFailures()
    {
        await TestAccounts.EnsureUserAsync(app.Services, "lockme", Roles.Viewer);
        for (int i = 0; i < 5; i++)
        {
            using var attempt = await SignedInBrowserAsync(app, "lockme", "wrong-password-1");
            Assert.Equal(HttpStatusCode.Forbidden, (await attempt.GetAsync("/api/dcim/sites/", Ct)).StatusCode);
        }

        using var browser = await SignedInBrowserAsync(app, "lockme", TestAccounts.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/dcim/sites/", Ct)).StatusCode);
    }

    private string AdminName()
    {
        TestAccounts.EnsureUserAsync(app.Services, "browser-admin", Roles.Admin).GetAwaiter().GetResult();
        return "browser-admin";
    }

    /// <summary>A cookie-keeping client that signed in through the sign-in form, as a browser does.</summary>
    public static async Task<HttpClient> SignedInBrowserAsync(ApiFactory app, string userName, string password)
    {
        var client = app.CreateClient(key: null);
        var form = await client.GetStringAsync("/account/login", Ct);
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("_handler", "login"),
            new("Input.UserName", userName),
            new("Input.Password", password),
        ]), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    private static HttpRequestMessage Json(string method, string url, string body) =>
        new(new HttpMethod(method), url) { Content = method == "DELETE" ? null : JsonContent(body) };

    private static StringContent JsonContent(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();
}

public class AnonymousReadTests(AnonymousReadApiFactory app) : IClassFixture<AnonymousReadApiFactory>
{
    [Fact]
    public async Task AnonymousRead_ReadsPagesAndApi_ButEveryWriteStillNeedsAnEditor()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateClient(key: null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/dcim/sites/", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/power-feeds", ct)).StatusCode);
        var write = await client.PostAsync("/api/dcim/sites/", new StringContent("""{"name": "Anon"}""", Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("""{"detail":"Authentication credentials were not provided."}""", await write.Content.ReadAsStringAsync(ct));
        Assert.Equal(0, (await app.GetJsonAsync("/api/dcim/sites/")).GetProperty("count").GetInt32());
    }
}

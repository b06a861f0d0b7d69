using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Tests.TestSupport;
using PowerMap.Web;
using PowerMap.Web.Features.Accounts;

namespace PowerMap.Tests.Web.Accounts;

/// <summary>An app whose first start prints to a writer the test reads.</summary>
public sealed class FirstRunApiFactory : ApiFactory
{
    public StringWriter Console { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton(new FirstRunOutput(Console)));
    }
}

// issue 15: the first start's admin, `user add` and `token add` on the command line, and what they print.
public class AccountCommandLineTests(FirstRunApiFactory app) : IClassFixture<FirstRunApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstStart_PrintsAdminsPasswordOnce_AndItSignsIn()
    {
        _ = app.Services;
        var printed = app.Console.ToString();
        var password = Regex.Match(printed, @"password:\s+(\S+)").Groups[1].Value;
        Assert.Contains("user name: admin", printed);
        Assert.Equal(20, password.Length);

        using var browser = await ApiSecurityTests.SignedInBrowserAsync(app, "admin", password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/dcim/sites/", Ct)).StatusCode);

        await app.Services.EnsureFirstAdminAsync();
        Assert.Equal(printed, app.Console.ToString());
    }

    [Fact]
    public async Task UserAdd_ThenTokenAdd_PrintsTheKeyAloneOnTheLastLine_AndTheKeyWrites()
    {
        var output = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(app.Services, ["user", "add", "cli-editor", "--role", "editor", "--password", "Cli-password-1"], output));
        Assert.Equal(0, await CommandLine.RunAsync(app.Services, ["token", "add", "cli-editor"], output));
        var key = output.ToString().TrimEnd().Split('\n')[^1].Trim();
        Assert.Matches("^[0-9a-f]{40}$", key);

        using var client = app.CreateClient(key);
        var created = await client.PostAsync("/api/dcim/sites/", new StringContent("""{"name": "From the CLI token"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var readOnly = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(app.Services, ["token", "add", "cli-editor", "--read-only"], readOnly));
        using var reader = app.CreateClient(readOnly.ToString().TrimEnd().Split('\n')[^1].Trim());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/dcim/sites/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync("/api/dcim/sites/1/", Ct)).StatusCode);
    }

    [Fact]
    public async Task UserAdd_WithoutPassword_PrintsAGeneratedOne_BadRoleAndUnknownUserFail()
    {
        var output = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(app.Services, ["user", "add", "cli-viewer", "--role", "viewer"], output));
        var password = Regex.Match(output.ToString(), @"Password \(shown once\): (\S+)").Groups[1].Value;
        using var browser = await ApiSecurityTests.SignedInBrowserAsync(app, "cli-viewer", password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/dcim/sites/", Ct)).StatusCode);

        Assert.Equal(1, await CommandLine.RunAsync(app.Services, ["user", "add", "x", "--role", "superuser"], new StringWriter()));
        Assert.Equal(1, await CommandLine.RunAsync(app.Services, ["token", "add", "nobody"], new StringWriter()));
    }
}

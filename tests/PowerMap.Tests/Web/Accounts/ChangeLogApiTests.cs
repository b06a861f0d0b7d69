using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PowerMap.Core.Data.Accounts;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Accounts;

// issue 15: the change log over HTTP, in NetBox's shape; a write through the API is recorded with its user and request id.
public class ChangeLogApiTests(SecuredApiFactory app) : IClassFixture<SecuredApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApiWrite_IsRecorded_WithTheTokensUser_AndTheResponsesRequestId()
    {
        using var client = app.CreateClient(await TestAccounts.TokenAsync(app.Services, "editor-log", Roles.Editor));
        var feed = (await client.GetFromJsonAsync<JsonElement>("/api/dcim/power-feeds/?name=Feed 2", Ct)).GetProperty("results")[0];
        int id = feed.GetProperty("id").GetInt32();

        var patch = await client.PatchAsync($"/api/dcim/power-feeds/{id}/", new StringContent("""{"amperage": 20}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        string requestId = patch.Headers.GetValues("X-Request-ID").Single();

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/core/object-changes/?request_id={requestId}", Ct);
        Assert.Equal(1, page.GetProperty("count").GetInt32());
        var change = page.GetProperty("results")[0];
        Assert.Equal("editor-log", change.GetProperty("user_name").GetString());
        Assert.Equal(requestId, change.GetProperty("request_id").GetString());
        Assert.Equal("update", change.GetProperty("action").GetProperty("value").GetString());
        Assert.Equal("Updated", change.GetProperty("action").GetProperty("label").GetString());
        Assert.Equal("dcim.powerfeed", change.GetProperty("changed_object_type").GetString());
        Assert.Equal(id, change.GetProperty("changed_object_id").GetInt32());
        Assert.Equal("Feed 2", change.GetProperty("object_repr").GetString());
        Assert.Equal(16, change.GetProperty("prechange_data").GetProperty("amperage").GetInt32());
        Assert.Equal(20, change.GetProperty("postchange_data").GetProperty("amperage").GetInt32());
        Assert.True(change.TryGetProperty("time", out _));
        string url = change.GetProperty("url").GetString()!;
        Assert.Equal(change.GetProperty("id").GetInt64(), (await client.GetFromJsonAsync<JsonElement>(url, Ct)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Filters_ByTypeUserActionAndTime_AndPaging()
    {
        using var client = app.CreateClient();
        var all = await client.GetFromJsonAsync<JsonElement>("/api/core/object-changes/?limit=2", Ct);
        Assert.True(all.GetProperty("count").GetInt32() > 2);
        Assert.Equal(2, all.GetProperty("results").GetArrayLength());
        Assert.Contains("offset=2", all.GetProperty("next").GetString());

        var feeds = await client.GetFromJsonAsync<JsonElement>("/api/core/object-changes/?changed_object_type=dcim.powerfeed&action=create&limit=1000", Ct);
        Assert.True(feeds.GetProperty("count").GetInt32() >= 2);
        Assert.All(feeds.GetProperty("results").EnumerateArray(), r => Assert.Equal("dcim.powerfeed", r.GetProperty("changed_object_type").GetString()));

        var future = await client.GetFromJsonAsync<JsonElement>("/api/core/object-changes/?time_after=2999-01-01T00:00:00Z", Ct);
        Assert.Equal(0, future.GetProperty("count").GetInt32());
        var nobody = await client.GetFromJsonAsync<JsonElement>("/api/core/object-changes/?user_name=nobody", Ct);
        Assert.Equal(0, nobody.GetProperty("count").GetInt32());

        var bad = await client.GetAsync("/api/core/object-changes/?action=explode&time_after=yesterday", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("action", out _));
        Assert.True(errors.TryGetProperty("time_after", out _));
    }

    [Fact]
    public async Task RefusedApiWrite_LeavesNoRecord()
    {
        using var client = app.CreateClient();
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/core/object-changes/?limit=1", Ct)).GetProperty("count").GetInt32();

        var invalid = await client.PatchAsync("/api/dcim/power-feeds/1/", new StringContent("""{"voltage": -5}""", Encoding.UTF8, "application/json"), Ct);
        var stale = new HttpRequestMessage(HttpMethod.Patch, "/api/dcim/power-feeds/1/") { Content = new StringContent("""{"amperage": 10}""", Encoding.UTF8, "application/json") };
        stale.Headers.TryAddWithoutValidation("If-Match", "W/\"999\"");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale, Ct)).StatusCode);
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>("/api/core/object-changes/?limit=1", Ct)).GetProperty("count").GetInt32());
    }
}

// What NetBox clients read first: the API root and the API-Version header on every API answer (pynetbox's `version`).
/// <summary>The same tests on PostgreSQL.</summary>
public class ChangeLogApiTestsOnPostgres(PostgresSecuredApiFactory app) : ChangeLogApiTests(app), IClassFixture<PostgresSecuredApiFactory>;

public class ApiRootTests(PowerMap.Tests.TestSupport.ApiFactory app) : IClassFixture<PowerMap.Tests.TestSupport.ApiFactory>
{
    [Fact]
    public async Task ApiRoot_ListsTheSections_AndEveryAnswerCarriesApiVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateClient();

        var root = await client.GetAsync("/api/", ct);
        var refused = await app.CreateClient(key: null).GetAsync("/api/dcim/sites/", ct);

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("4.6", root.Headers.GetValues("API-Version").Single());
        Assert.Equal("4.6", refused.Headers.GetValues("API-Version").Single());
        var sections = await root.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("http://localhost/api/dcim/", sections.GetProperty("dcim").GetString());
    }
}

// pynetbox's nb.users.tokens.provision(username, password): the one API call without a token.
public class TokenProvisionTests(PowerMap.Tests.TestSupport.ApiFactory app) : IClassFixture<PowerMap.Tests.TestSupport.ApiFactory>
{
    [Fact]
    public async Task Provision_GivesAWorkingKey_ForTheRightPassword_Only()
    {
        var ct = TestContext.Current.CancellationToken;
        await PowerMap.Tests.TestSupport.TestAccounts.EnsureUserAsync(app.Services, "script", PowerMap.Core.Data.Accounts.Roles.Editor);
        using var anonymous = app.CreateClient(key: null);

        var wrong = await anonymous.PostAsync("/api/users/tokens/provision/", new StringContent("""{"username": "script", "password": "nope"}""", Encoding.UTF8, "application/json"), ct);
        var missing = await anonymous.PostAsync("/api/users/tokens/provision/", new StringContent("""{"username": "script"}""", Encoding.UTF8, "application/json"), ct);
        var ok = await anonymous.PostAsync("/api/users/tokens/provision/",
            new StringContent($$"""{"username": "script", "password": "{{PowerMap.Tests.TestSupport.TestAccounts.Password}}"}""", Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("""{"detail":"Invalid username/password"}""", await wrong.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var token = await ok.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("script", token.GetProperty("user").GetProperty("username").GetString());
        using var client = app.CreateClient(token.GetProperty("key").GetString());
        var created = await client.PostAsync("/api/dcim/sites/", new StringContent("""{"name": "Provisioned"}""", Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PowerMap.Tests.TestSupport;

/// <summary>
/// The real app on a temporary SQLite file, in-process (TestServer). Demo data off unless asked for. Every client from
/// <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> carries an admin's write token (as a script would);
/// <see cref="CreateClient(string?)"/> gives one with another token or none.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private string? _adminKey;

    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"powermap-test-{Guid.NewGuid():N}.db");

    protected virtual bool DemoData => false;

    /// <summary>True: the app runs on a fresh PostgreSQL database of the test run's <see cref="PostgresServer"/> instead of a SQLite file.</summary>
    protected virtual bool OnPostgres => false;

    private string? _postgres;

    /// <summary>The SQLite file behind the app (a test may lock it from another connection).</summary>
    public string DatabasePath => _dbPath;

    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:PowerMap", ConnectionString());
        builder.UseSetting("PowerMap:DemoData", DemoData ? "true" : "false");
        builder.UseEnvironment("Development");
        if (OnPostgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
        }
    }

    /// <summary>The database of this app: a SQLite file, or a fresh PostgreSQL database when <see cref="OnPostgres"/>.</summary>
    protected virtual string ConnectionString() => OnPostgres
        ? _postgres ??= PostgresServer.GetAsync().GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult()
        : $"Data Source={_dbPath}";

    /// <summary>The key of a write token of the user <c>test-admin</c> (role admin).</summary>
    public string AdminKey => _adminKey ??= TestAccounts.TokenAsync(Services, "test-admin", PowerMap.Core.Data.Accounts.Roles.Admin).GetAwaiter().GetResult();

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", AdminKey);
    }

    /// <summary>A client with <c>Authorization: Token {key}</c>, or without credentials when <paramref name="key"/> is null.</summary>
    public HttpClient CreateClient(string? key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = key is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Token", key);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
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

    public async Task<HttpResponseMessage> ImportAsync(string json, string mode = "merge")
    {
        using var client = CreateClient();
        return await client.PostAsync($"/api/topology/import?mode={mode}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
    }

    public async Task<string> ExportAsync()
    {
        using var client = CreateClient();
        return await client.GetStringAsync("/api/topology/export");
    }

    public async Task<JsonElement> GetJsonAsync(string url)
    {
        using var client = CreateClient();
        return await client.GetFromJsonAsync<JsonElement>(url);
    }
}

/// <summary>
/// The same app on a fresh PostgreSQL database of the test run's <see cref="PostgresServer"/> (<c>Database:Provider=Postgres</c>):
/// a test class derived for PostgreSQL takes this fixture instead of <see cref="ApiFactory"/>.
/// </summary>
public class PostgresApiFactory : ApiFactory
{
    protected override bool OnPostgres => true;
}

/// <summary>One of several app instances on one PostgreSQL database (<paramref name="connectionString"/>), as behind a load balancer.</summary>
public sealed class SharedPostgresApiFactory(string connectionString) : ApiFactory
{
    protected override bool OnPostgres => true;

    protected override string ConnectionString() => connectionString;
}

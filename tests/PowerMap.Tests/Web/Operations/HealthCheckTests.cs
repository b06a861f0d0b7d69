using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Operations;

// issue 14 (first part): a load balancer's probes answer without credentials and say only Healthy/Unhealthy.
public class HealthCheckTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Probes_AnswerHealthy_WithoutCredentials(string url)
    {
        using var client = app.CreateClient(key: null);

        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class HealthCheckTestsOnPostgres(PostgresApiFactory app) : HealthCheckTests(app), IClassFixture<PostgresApiFactory>;

// A probe that says "ready" must mean it: with the database gone, /health/ready answers 503 Unhealthy (so the load
// balancer stops sending traffic) while /health/live still answers 200 (the process is fine; do not restart it).
public class HealthCheckFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_DatabaseFileDeleted_ReadyIsUnhealthy_LiveIsHealthy()
    {
        await using var app = new ApiFactory();
        using var client = app.CreateClient(key: null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);

        // The next connection opens a new, empty file: no tables, every migration pending.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(app.DatabasePath + suffix);
        }

        await AssertNotReadyButLiveAsync(client);
    }

    [Fact]
    public async Task Postgres_DatabaseDropped_ReadyIsUnhealthy_LiveIsHealthy()
    {
        await using var app = new PostgresApiFactory();
        using var client = app.CreateClient(key: null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
        string connection = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["ConnectionStrings:PowerMap"]!;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        string database = builder.Database!;
        builder.Database = "postgres";

        await using (var admin = new Npgsql.NpgsqlConnection(builder.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE {database} WITH (FORCE)";
            await drop.ExecuteNonQueryAsync(Ct);
        }

        await AssertNotReadyButLiveAsync(client);
    }

    private static async Task AssertNotReadyButLiveAsync(HttpClient client)
    {
        using var ready = await client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync(Ct));
        using var live = await client.GetAsync("/health/live", Ct);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}

using System.Net;
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

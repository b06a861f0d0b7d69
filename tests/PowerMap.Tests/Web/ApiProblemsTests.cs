using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Tests.TestSupport;
using PowerMap.Tests.Web.Dcim;
using PowerMap.Web.Features;

namespace PowerMap.Tests.Web;

/// <summary>The app with a one-second busy timeout, as the production error pipeline runs it.</summary>
public sealed class BusyApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("PowerMap:BusyTimeoutSeconds", "1");
        builder.UseEnvironment("Production");
    }
}

// Every API error is a problem document (application/problem+json), for every method; never the HTML error page.
public class ApiProblemsTests(BusyApiFactory app) : IClassFixture<BusyApiFactory>
{
    private static void AssertProblem(DcimReply reply, HttpStatusCode status)
    {
        Assert.True(reply.Status == status, reply.ToString());
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.Equal((int)status, reply.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Writes_WhileAnotherProcessHoldsTheDatabase_Are503WithRetryAfter_AndChangeNothing()
    {
        var api = await DcimClient.SeededAsync(app);
        int site = await api.IdAsync("sites", "name=DC1");
        int cable = (await api.GetAsync("/api/dcim/cables/?limit=1")).Json.GetProperty("results")[0].GetProperty("id").GetInt32();
        var before = await app.ExportAsync();

        await using (var other = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await other.OpenAsync(TestContext.Current.CancellationToken);
            await using var hold = other.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock
            using var client = app.CreateClient();
            var replies = new[]
            {
                await api.PostAsync("/api/dcim/sites/", """{"name": "DC2"}"""),
                await api.PatchAsync(DcimClient.Url("sites", site), """{"description": "x"}"""),
                await api.DeleteAsync(DcimClient.Url("cables", cable)),
                await api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/topology/import?mode=merge")
                {
                    Content = new StringContent("""{"sites": [{"name": "DC3"}]}""", System.Text.Encoding.UTF8, "application/json"),
                }),
            };
            Assert.All(replies, r => AssertProblem(r, HttpStatusCode.ServiceUnavailable));
            var response = await client.DeleteAsync(DcimClient.Url("cables", cable), TestContext.Current.CancellationToken);
            Assert.Equal("2", response.Headers.RetryAfter?.ToString());
        }

        Assert.Equal(before, await app.ExportAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(DcimClient.Url("cables", cable))).Status);
    }

    // Production re-executes /Error with the request's method: a DELETE got an empty 405. Now: a 500 problem.
    [Fact]
    public async Task Delete_WithAnUnhandledException_IsA500Problem_NotTheErrorPage()
    {
        var api = await DcimClient.SeededAsync(app);
        int cable = (await api.GetAsync("/api/dcim/cables/?limit=1")).Json.GetProperty("results")[0].GetProperty("id").GetInt32();
        try
        {
            await ExecuteAsync("ALTER TABLE CableTerminations RENAME TO Gone;");
            var reply = await api.DeleteAsync(DcimClient.Url("cables", cable));
            AssertProblem(reply, HttpStatusCode.InternalServerError);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE Gone RENAME TO CableTerminations;");
        }
    }

    [Theory]
    [InlineData(408, "Request timeout")]
    [InlineData(413, "Payload too large")]
    public async Task BadRequestException_FromKestrel_IsAProblemWithItsStatus(int status, string title)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        http.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = new BadHttpRequestException("Too slow or too big.", status) });

        await ApiProblems.WriteExceptionAsync(http);

        Assert.Equal(status, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        http.Response.Body.Position = 0;
        Assert.Contains(title, await new StreamReader(http.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_WithALoneSurrogate_Is400KeyedByItsPath()
    {
        using var response = await app.ImportAsync("""{"sites": [{"name": "DC9", "description": "\ud800"}]}""");
        var reply = new DcimReply(response.StatusCode, System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), null, "", "");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal([PowerMap.Core.Dcim.Messages.InvalidUtf16], reply.Errors("sites[0].description"));
    }

    [Theory]
    [InlineData("1000000", "Ensure that there are no more than 6 digits before the decimal point.")]
    [InlineData("12.345", "Ensure that there are no more than 2 decimal places.")]
    [InlineData("1234567.89", "Ensure that there are no more than 8 digits in total.")]
    public async Task CableLength_BeyondNetBoxsDecimalField_Is400WithDrfsMessage(string length, string message)
    {
        var api = await DcimClient.SeededAsync(app);
        int cable = (await api.GetAsync("/api/dcim/cables/?limit=1")).Json.GetProperty("results")[0].GetProperty("id").GetInt32();

        var reply = await api.PatchAsync(DcimClient.Url("cables", cable), $$"""{"length": {{length}}, "length_unit": "m"}""");

        AssertProblem(reply, HttpStatusCode.BadRequest);
        Assert.Equal([message], reply.Errors("length"));
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(DcimClient.Url("cables", cable), """{"length": 999999.99, "length_unit": "m"}""")).Status);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={app.DatabasePath}");
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}

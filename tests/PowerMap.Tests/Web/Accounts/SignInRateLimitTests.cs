using System.Net;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Accounts;

/// <summary>An app of its own: the sign-in limit counts every attempt from one address.</summary>
public sealed class RateLimitApiFactory : ApiFactory;

// issue 15: password guessing is slowed per client address, beside the per-account lockout.
public class SignInRateLimitTests(RateLimitApiFactory app) : IClassFixture<RateLimitApiFactory>
{
    [Fact]
    public async Task MoreThanTenSignInPostsAMinute_Are429()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateClient(key: null);
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 12; i++)
        {
            var response = await client.PostAsync("/account/login", new FormUrlEncodedContent([new("Input.UserName", $"guess{i}"), new("Input.Password", "x")]), ct);
            statuses.Add(response.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(10));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login", ct)).StatusCode);
    }
}

using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data.Accounts;
using PowerMap.Web.Features.Accounts;

namespace PowerMap.Tests.TestSupport;

/// <summary>Users and tokens made through the app's own services, as the command line makes them.</summary>
public static class TestAccounts
{
    public const string Password = "Test-password-1";

    /// <summary>Creates <paramref name="userName"/> with <paramref name="role"/> (password <see cref="Password"/>) unless it exists.</summary>
    public static async Task<PowerMapUser> EnsureUserAsync(IServiceProvider services, string userName, string role)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        if (await accounts.FindAsync(userName) is { } existing)
        {
            return existing;
        }
        var result = await accounts.AddAsync(userName, role, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return (await accounts.FindAsync(userName))!;
    }

    /// <summary>A new token key for <paramref name="userName"/> (created with <paramref name="role"/> if missing).</summary>
    public static async Task<string> TokenAsync(IServiceProvider services, string userName, string role, bool writeEnabled = true, DateTime? expires = null)
    {
        var user = await EnsureUserAsync(services, userName, role);
        var (_, key) = await services.GetRequiredService<TokenStore>().CreateAsync(user.Id, writeEnabled, expires, "test");
        return key;
    }
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PowerMap.Core.Data.Accounts;

namespace PowerMap.Web.Features.Accounts;

/// <summary>
/// NetBox's token authentication: <c>Authorization: Token KEY</c> (or <c>Bearer KEY</c>). The principal carries the
/// token user's name and role and whether the token may write (<see cref="WriteClaim"/>).
/// </summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    public const string WriteClaim = "powermap:token-write";
    public const string FailureItem = "powermap:token-failure";

    /// <summary>The key of an <c>Authorization</c> header in NetBox's forms, or null.</summary>
    public static string? KeyOf(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        var parts = header.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && (parts[0].Equals("Token", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            ? parts[1]
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        var key = KeyOf(header);
        var found = key is null ? null : await tokens.FindAsync(key, Context.RequestAborted);
        if (found is null)
        {
            return Fail("Invalid token");
        }
        if (found.Token.IsExpired(DateTime.UtcNow))
        {
            return Fail("Token expired");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, found.Token.UserId),
            new Claim(ClaimTypes.Name, found.UserName),
            new Claim(ClaimTypes.Role, found.Role),
            new Claim(WriteClaim, found.Token.WriteEnabled ? "true" : "false"),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Fail(string detail)
    {
        Context.Items[FailureItem] = detail;
        return AuthenticateResult.Fail(detail);
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using PowerMap.Core.Data.Accounts;

namespace PowerMap.Web.Features.Accounts;

/// <summary>
/// NetBox's <c>POST /api/users/tokens/provision/</c> (<c>{"username", "password"}</c> → a new write-enabled token with its
/// key, shown once), as pynetbox's <c>nb.users.tokens.provision()</c> calls it: the one API call that needs no token.
/// A wrong password counts toward the account's lockout like a sign-in.
/// </summary>
public static class TokensApi
{
    public const string ProvisionPath = "/api/users/tokens/provision";

    public sealed record ProvisionRequest(string? Username, string? Password, DateTime? Expires, string? Description, bool? WriteEnabled);

    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(ProvisionPath + "/", ProvisionAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("users")
            .WithName("users_tokens_provision_create")
            .WithSummary("Create a token with a user name and password (NetBox's provision); the key is in the answer, once.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> ProvisionAsync(HttpRequest request, SignInManager<PowerMapUser> signIn, UserManager<PowerMapUser> users,
        TokenStore tokens, CancellationToken ct)
    {
        ProvisionRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<ProvisionRequest>(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }, ct);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null || string.IsNullOrEmpty(body.Username) || string.IsNullOrEmpty(body.Password))
        {
            var errors = new PowerMap.Core.Dcim.ValidationErrors();
            if (string.IsNullOrEmpty(body?.Username))
            {
                errors.Add("username", PowerMap.Core.Dcim.Messages.Required);
            }
            if (string.IsNullOrEmpty(body?.Password))
            {
                errors.Add("password", PowerMap.Core.Dcim.Messages.Required);
            }
            return ApiProblems.Invalid(errors);
        }
        var user = await users.FindByNameAsync(body.Username.Trim());
        var check = user is null ? SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, body.Password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            return Results.Json(new { detail = "Invalid username/password" }, statusCode: StatusCodes.Status403Forbidden);
        }
        var (token, key) = await tokens.CreateAsync(user!.Id, body.WriteEnabled ?? true, body.Expires?.ToUniversalTime(), body.Description ?? "", ct);
        string root = $"{request.Scheme}://{request.Host}{request.PathBase}/api/users/";
        return TypedResults.Created($"{root}tokens/{token.Id}/", new
        {
            id = token.Id,
            url = $"{root}tokens/{token.Id}/",
            display = $"**********{token.Hint}",
            user = new { id = user.Id, url = $"{root}users/{user.Id}/", display = user.UserName, username = user.UserName },
            created = token.Created,
            expires = token.Expires,
            last_used = token.LastUsed,
            key,
            write_enabled = token.WriteEnabled,
            description = token.Description,
        });
    }
}

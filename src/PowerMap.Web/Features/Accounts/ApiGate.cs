using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PowerMap.Core.Data.Accounts;
using PowerMap.Core.Data.ChangeLog;

namespace PowerMap.Web.Features.Accounts;

/// <summary>
/// Who may call the API, decided once for every <c>/api</c> and <c>/openapi</c> request (so no endpoint can forget it):
/// reads need a token, a signed-in browser or <see cref="AuthOptions.AnonymousRead"/>; writes need a write-enabled
/// token of an editor or admin — a browser's cookie never authorizes an API write, so another site cannot make a
/// signed-in browser write — and a JSON body (415 otherwise); a replace import needs an admin. Refusals are NetBox's
/// <c>403 {"detail": …}</c>. Every request gets a request id (<c>X-Request-ID</c>) and its <see cref="ChangeActor"/>.
/// </summary>
public sealed class ApiGate(RequestDelegate next, IOptionsMonitor<AuthOptions> options)
{
    public const string NotAuthenticated = "Authentication credentials were not provided.";
    public const string NoPermission = "You do not have permission to perform this action.";

    /// <summary>POSTs that only compute (a what-if changes nothing): reads, for whoever may read.</summary>
    private static readonly string[] ReadOnlyPosts = ["/api/power/what-if", "/api/power/fit"];

    /// <summary>The path itself (a trailing slash allowed), not a sub-path: <c>/api/power/fit/reserve</c> writes.</summary>
    private static bool IsPath(PathString path, string p) => string.Equals(path.Value?.TrimEnd('/'), p, StringComparison.OrdinalIgnoreCase);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");

    public async Task InvokeAsync(HttpContext http)
    {
        string requestId = ChangeActor.NewRequestId();
        http.Response.Headers["X-Request-ID"] = requestId;
        if (!IsApi(http.Request.Path))
        {
            // A script may read the API reference with its token too; pages otherwise use the sign-in cookie.
            if (!string.IsNullOrEmpty(http.Request.Headers.Authorization)
                && await http.AuthenticateAsync(TokenAuthenticationHandler.SchemeName) is { Succeeded: true } token)
            {
                http.User = token.Principal;
            }
            var user = http.User;
            using (ChangeActor.Use(new ChangeActor(user.Identity?.Name, requestId, CanEdit(user, viaToken: false))))
            {
                await next(http);
            }
            return;
        }

        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments(TokensApi.ProvisionPath))
        {
            // Exchanging a user name and password for a token needs no token (NetBox's provision); JSON only.
            if (!IsJson(http.Request.ContentType))
            {
                await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                    detail: $"Unsupported media type \"{http.Request.ContentType}\" in request: send application/json.").ExecuteAsync(http);
                return;
            }
            await next(http);
            return;
        }

        ClaimsPrincipal? principal = null;
        bool viaToken = false;
        if (!string.IsNullOrEmpty(http.Request.Headers.Authorization))
        {
            var result = await http.AuthenticateAsync(TokenAuthenticationHandler.SchemeName);
            if (!result.Succeeded)
            {
                await DenyAsync(http, http.Items[TokenAuthenticationHandler.FailureItem] as string ?? "Invalid token");
                return;
            }
            principal = result.Principal;
            viaToken = true;
        }
        else if (http.User.Identity?.IsAuthenticated == true)
        {
            principal = http.User;
        }

        bool safe = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || ReadOnlyPosts.Any(p => HttpMethods.IsPost(http.Request.Method) && IsPath(http.Request.Path, p));
        if (safe)
        {
            if (principal is null && !options.CurrentValue.AnonymousRead)
            {
                await DenyAsync(http, NotAuthenticated);
                return;
            }
        }
        else
        {
            if (!viaToken)
            {
                await DenyAsync(http, principal is null ? NotAuthenticated : NoPermission + " API writes need an API token (Authorization: Token <key>).");
                return;
            }
            bool replace = http.Request.Path.StartsWithSegments("/api/topology/import")
                && string.Equals(http.Request.Query["mode"], "replace", StringComparison.OrdinalIgnoreCase);
            if (!CanEdit(principal!, viaToken) || (replace && !principal!.IsInRole(Roles.Admin)))
            {
                await DenyAsync(http, NoPermission);
                return;
            }
        }
        if (HasBody(http.Request) && !IsJson(http.Request.ContentType))
        {
            await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Unsupported media type \"{http.Request.ContentType}\" in request: send application/json.").ExecuteAsync(http);
            return;
        }

        if (principal is not null)
        {
            http.User = principal;
        }
        using (ChangeActor.Use(new ChangeActor(principal?.Identity?.Name, requestId, principal is not null && CanEdit(principal, viaToken))))
        {
            await next(http);
        }
    }

    /// <summary>An editor or admin; through a token only when the token is write-enabled.</summary>
    public static bool CanEdit(ClaimsPrincipal user, bool viaToken) =>
        user.Identity?.IsAuthenticated == true
        && (user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin))
        && (!viaToken || user.FindFirst(TokenAuthenticationHandler.WriteClaim)?.Value == "true");

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);

    private static Task DenyAsync(HttpContext http, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return http.Response.WriteAsJsonAsync(new { detail });
    }
}

namespace PowerMap.Web.Features.Accounts;

/// <summary>
/// The headers every answer carries: a Content-Security-Policy the app runs under (scripts only from the app itself;
/// inline styles because MudBlazor positions popovers with them; images from data:/blob: for the diagram's PNG export),
/// no framing, no MIME sniffing, no referrer to other sites.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The browsable API reference configures itself with an inline script.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            bool reference = http.Request.Path.StartsWithSegments("/api-docs") || http.Request.Path.StartsWithSegments("/scalar");
            headers.ContentSecurityPolicy = reference ? ApiReferencePolicy : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(http);
        });
}

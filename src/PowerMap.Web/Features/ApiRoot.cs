namespace PowerMap.Web.Features;

/// <summary>
/// NetBox's API root, <c>GET /api/</c>: the API sections and their URLs. Every API answer also carries NetBox's
/// <c>API-Version</c> header (the NetBox version whose semantics PowerMap follows), which clients such as pynetbox read.
/// </summary>
public static class ApiRoot
{
    public const string NetBoxApiVersion = "4.6";

    public static IEndpointRouteBuilder MapApiRoot(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/", (HttpRequest request) =>
            {
                string root = $"{request.Scheme}://{request.Host}{request.PathBase}/api/";
                return TypedResults.Ok(new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["core"] = root + "core/",
                    ["dcim"] = root + "dcim/",
                    ["power"] = root + "power/",
                    ["status"] = root + "status/",
                    ["topology"] = root + "topology/",
                });
            })
            .WithTags("api")
            .WithName("api_root")
            .WithSummary("The API sections and their URLs (NetBox's API root).");
        return app;
    }

    /// <summary>Adds <c>API-Version</c> to every answer under <c>/api</c>.</summary>
    public static IApplicationBuilder UseApiVersionHeader(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                http.Response.Headers["API-Version"] = NetBoxApiVersion;
            }
            return next(http);
        });
}

namespace PowerMap.Web.Features;

/// <summary>
/// NetBox's API root, <c>GET /api/</c>: the API sections and their URLs (every API answer carries NetBox's
/// <c>API-Version</c> header: <see cref="Dcim.StatusApi.UseNetBoxApiVersion"/>).
/// </summary>
public static class ApiRoot
{
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
}

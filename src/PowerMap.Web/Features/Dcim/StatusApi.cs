using System.Reflection;

namespace PowerMap.Web.Features.Dcim;

/// <summary>
/// NetBox's <c>GET /api/status/</c>, so that a NetBox script's first call (pynetbox's <c>api.status()</c>) works:
/// NetBox's keys, with PowerMap's own version beside the NetBox API version whose semantics it follows.
/// </summary>
public static class StatusApi
{
    /// <summary>The NetBox release whose REST API and power rules PowerMap mirrors.</summary>
    public const string NetBoxApiVersion = "4.6";

    /// <summary>NetBox sends its API version on every API answer; pynetbox's <c>api.version</c> reads it.</summary>
    public static IApplicationBuilder UseNetBoxApiVersion(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Headers["API-Version"] = NetBoxApiVersion;
        }
        return next(context);
    });

    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status/", () => TypedResults.Ok(Status()))
            .WithTags("Status")
            .WithName("status")
            .WithSummary("NetBox's status document: the NetBox API version PowerMap follows and PowerMap's version.");
        return app;
    }

    public static Dictionary<string, object?> Status()
    {
        var version = typeof(StatusApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        // NetBox 4.x keys (netbox/netbox/api/views.py StatusView); no Django, Python or RQ workers here.
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["django-version"] = null,
            ["installed-apps"] = new Dictionary<string, string>(),
            ["netbox-version"] = NetBoxApiVersion,
            ["netbox-full-version"] = NetBoxApiVersion,
            ["plugins"] = new Dictionary<string, string>(),
            ["python-version"] = null,
            ["rq-workers-running"] = 0,
            ["powermap-version"] = version.Split('+')[0],
        };
    }
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PowerMap.Web.Features.Operations;

/// <summary>
/// Behind a reverse proxy (nginx terminating TLS, <c>docs/deploy.md</c>) the app sees plain HTTP from the proxy: the
/// proxy's <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> are honoured so that absolute URLs (the REST API's
/// <c>url</c>, <c>next</c> and <c>previous</c>, which NetBox clients follow), the sign-in cookie's Secure flag and the logs
/// see the browser's scheme and address. Only proxies on the loopback interface are trusted by default;
/// <c>Proxy:KnownProxies</c> (comma-separated addresses) adds a proxy on another machine.
/// </summary>
public static class ReverseProxySettings
{
    public const string KnownProxiesKey = "Proxy:KnownProxies";

    /// <summary>The forwarded-headers options; <see cref="InvalidOperationException"/> naming the key for an address that does not parse.</summary>
    public static ForwardedHeadersOptions Read(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        string text = configuration[KnownProxiesKey] ?? string.Join(",", configuration.GetSection(KnownProxiesKey).GetChildren().Select(c => c.Value));
        foreach (string item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options.KnownProxies.Add(IPAddress.TryParse(item, out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesKey}: '{item}' is not an IP address (e.g. 10.0.0.5)."));
        }
        return options;
    }
}

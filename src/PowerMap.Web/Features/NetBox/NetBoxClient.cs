using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PowerMap.Web.Features.NetBox;

/// <summary>Why reading a NetBox failed, in words for the person who typed the URL and token.</summary>
public sealed class NetBoxException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads NetBox 4.x's REST API: <c>Authorization: Token …</c> (<c>Bearer …</c> for a v2 token, which begins
/// <c>nbt_</c>), every page of a list by following <c>next</c>, a timeout per request, and retries on 429 and 5xx
/// (after <c>Retry-After</c> when given). 401/403/404 and answers that are not NetBox's become a <see cref="NetBoxException"/>.
/// </summary>
public sealed class NetBoxClient
{
    public const int PageSize = 1000;
    private readonly HttpClient _http;
    private readonly Uri _root;
    private readonly int _retries;
    private readonly TimeSpan _retryDelay;

    public NetBoxClient(HttpClient http, string url, string token, int retries = 3, TimeSpan? retryDelay = null)
    {
        if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            throw new NetBoxException($"{url} is not an http(s) URL of a NetBox.");
        }
        _http = http;
        _root = root;
        _retries = retries;
        _retryDelay = retryDelay ?? TimeSpan.FromSeconds(1);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(token.StartsWith("nbt_", StringComparison.Ordinal) ? "Bearer" : "Token", token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>NetBox's <c>/api/status/</c>: its version, or an error when the URL is not a NetBox.</summary>
    public async Task<string> VersionAsync(CancellationToken ct)
    {
        var status = await GetAsync(new Uri(_root, "api/status/"), ct);
        if (status.ValueKind != JsonValueKind.Object || !status.TryGetProperty("netbox-version", out var version) || version.ValueKind != JsonValueKind.String)
        {
            throw new NetBoxException($"{_root} answers, but not as NetBox: /api/status/ has no netbox-version.");
        }
        return version.GetString()!;
    }

    /// <summary>Every object of a list endpoint (e.g. <c>dcim/power-feeds/</c>), page after page.</summary>
    public async Task<List<JsonElement>> ListAsync(string path, CancellationToken ct)
    {
        var results = new List<JsonElement>();
        Uri? next = new(_root, $"api/{path}?limit={PageSize}");
        while (next is not null)
        {
            var page = await GetAsync(next, ct);
            if (page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("results", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new NetBoxException($"{next} is not a NetBox list (no results).");
            }
            results.AddRange(items.EnumerateArray());
            next = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? new Uri(n.GetString()!) : null;
        }
        return results;
    }

    private async Task<JsonElement> GetAsync(Uri url, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.GetAsync(url, ct);
            }
            catch (HttpRequestException ex)
            {
                throw new NetBoxException($"Cannot reach {url.GetLeftPart(UriPartial.Authority)}: {ex.Message}", ex);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new NetBoxException($"{url} did not answer within {_http.Timeout.TotalSeconds:0} s.", ex);
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                if ((status == 429 || status >= 500) && attempt < _retries)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? _retryDelay * (attempt + 1);
                    await Task.Delay(wait < TimeSpan.FromSeconds(30) ? wait : TimeSpan.FromSeconds(30), ct);
                    continue;
                }
                var body = await response.Content.ReadAsStringAsync(ct);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                        throw new NetBoxException($"NetBox refused the token ({status}): {Detail(body)}");
                    case HttpStatusCode.NotFound:
                        throw new NetBoxException($"{url} was not found (404): is {_root} the address of a NetBox?");
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new NetBoxException($"{url} answered {status} {response.ReasonPhrase}.");
                }
                try
                {
                    using var doc = JsonDocument.Parse(body);
                    return doc.RootElement.Clone();
                }
                catch (JsonException)
                {
                    throw new NetBoxException($"{url} answers, but not as NetBox (not JSON).");
                }
            }
        }
    }

    private static string Detail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("detail", out var d) ? d.ToString() : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}

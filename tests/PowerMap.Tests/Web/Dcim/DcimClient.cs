using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Dcim;

/// <summary>One answer of the API: status, parsed JSON (Undefined when the body is empty or not JSON), ETag.</summary>
public sealed record DcimReply(HttpStatusCode Status, JsonElement Json, string? ETag, string Body, string? ContentType)
{
    public int Id => Json.GetProperty("id").GetInt32();

    public int Version => Json.GetProperty("version").GetInt32();

    /// <summary>The messages of a 400 problem under one key (empty when the key is absent).</summary>
    public IReadOnlyList<string> Errors(string key) =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errors", out var errors) && errors.TryGetProperty(key, out var list)
            ? list.EnumerateArray().Select(m => m.GetString()!).ToList()
            : [];

    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>A thin HTTP client for /api/dcim with the natural-key look-ups the tests need.</summary>
public sealed class DcimClient(HttpClient http)
{
    /// <summary>Resets the database to the seed example (ids restart at 1).</summary>
    public static async Task<DcimClient> SeededAsync(ApiFactory app, string? extraDocument = null)
    {
        Assert.Equal(HttpStatusCode.OK, (await app.ImportAsync(DemoData.SeedExampleJson(), "replace")).StatusCode);
        if (extraDocument is not null)
        {
            var merged = await app.ImportAsync(extraDocument);
            Assert.True(merged.StatusCode == HttpStatusCode.OK, await merged.Content.ReadAsStringAsync());
        }
        return new DcimClient(app.CreateClient());
    }

    public Task<DcimReply> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public Task<DcimReply> PostAsync(string url, string json) => SendAsync(HttpMethod.Post, url, json);

    public Task<DcimReply> PatchAsync(string url, string json, string? ifMatch = null) => SendAsync(HttpMethod.Patch, url, json, ifMatch);

    public Task<DcimReply> PutAsync(string url, string json, string? ifMatch = null) => SendAsync(HttpMethod.Put, url, json, ifMatch);

    public Task<DcimReply> DeleteAsync(string url, string? ifMatch = null) => SendAsync(HttpMethod.Delete, url, null, ifMatch);

    public async Task<DcimReply> SendAsync(HttpMethod method, string url, string? json = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await SendAsync(request);
    }

    public async Task<DcimReply> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        JsonElement json = default;
        try
        {
            if (body.Length > 0)
            {
                json = JsonDocument.Parse(body).RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // not JSON: leave Undefined, the test looks at Body
        }
        return new DcimReply(response.StatusCode, json, response.Headers.ETag?.ToString(), body, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The id of the only object of a list matching the query, e.g. <c>("power-ports", "device=PDU1&amp;name=Inlet")</c>.</summary>
    public async Task<int> IdAsync(string resource, string query)
    {
        var reply = await GetAsync($"/api/dcim/{resource}/?{query}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var results = reply.Json.GetProperty("results");
        Assert.True(results.GetArrayLength() == 1, $"{resource}?{query} matched {results.GetArrayLength()} objects");
        return results[0].GetProperty("id").GetInt32();
    }

    public async Task<JsonElement> GetObjectAsync(string resource, string query) =>
        (await GetAsync($"/api/dcim/{resource}/{await IdAsync(resource, query)}/")).Json;

    public async Task<int> CountAsync(string resource, string query = "") =>
        (await GetAsync($"/api/dcim/{resource}/?{query}")).Json.GetProperty("count").GetInt32();

    public static string Url(string resource, int id) => $"/api/dcim/{resource}/{id}/";

    public static string WeakETag(int version) => new EntityTagHeaderValue($"\"{version}\"", isWeak: true).ToString();
}

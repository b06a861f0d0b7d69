using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PowerMap.Benchmarks;

/// <summary>
/// The REST write path against a running PowerMap on loopback (issue 9): p95 of PATCH (a PSU's allocated draw), POST (a
/// power port) and DELETE (that port) one writer at a time; 32 concurrent writers PATCHing without If-Match; a bulk POST
/// of 10,000 power ports; optionally the import of a topology document through the API. Prints a markdown table.
/// Used by benchmarks/api-writes.sh.
/// </summary>
public static class ApiWrites
{
    public sealed record Row(string Name, int Requests, int Errors, double P50, double P95, double Max, double TotalMs);

    public static async Task<int> RunAsync(string baseUrl, int writes, string? importFile)
    {
        if (!IPAddress.TryParse(new Uri(baseUrl).Host, out var ip) || !IPAddress.IsLoopback(ip))
        {
            Console.Error.WriteLine("The write benchmark only targets loopback addresses (127.0.0.1, ::1).");
            return 2;
        }
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(5),
        };
        // The API needs a token (api-writes.sh makes one with the command line).
        if (Environment.GetEnvironmentVariable("POWERMAP_TOKEN") is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", token);
        }
        // PSUs with an allocated draw (the servers'), and devices to add ports to.
        var psus = new List<int>();
        for (int offset = 0; psus.Count < 64; offset += 1000)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/dcim/power-ports/?limit=1000&offset={offset}");
            var results = page.GetProperty("results");
            if (results.GetArrayLength() == 0)
            {
                break;
            }
            psus.AddRange(results.EnumerateArray()
                .Where(p => p.GetProperty("allocated_draw").ValueKind == JsonValueKind.Number && p.GetProperty("name").GetString()!.StartsWith("PSU", StringComparison.Ordinal))
                .Select(p => p.GetProperty("id").GetInt32()));
        }
        var devices = (await http.GetFromJsonAsync<JsonElement>("/api/dcim/devices/?limit=1000")).GetProperty("results").EnumerateArray()
            .Select(d => d.GetProperty("id").GetInt32()).ToList();
        if (psus.Count == 0 || devices.Count == 0)
        {
            Console.Error.WriteLine("No PSU with an allocated draw, or no device.");
            return 2;
        }

        var rows = new ReportedRows();
        Console.WriteLine("| operation | requests | errors | p50 ms | p95 ms | max ms | total ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        for (int i = 0; i < 5; i++)
        {
            await SendAsync(http, HttpMethod.Patch, $"/api/dcim/power-ports/{psus[0]}/", """{"allocated_draw": 100}""");
        }
        rows.Add(await SequentialAsync("PATCH power port (allocated_draw)", writes, i =>
            SendAsync(http, HttpMethod.Patch, $"/api/dcim/power-ports/{psus[i % psus.Count]}/", $$"""{"allocated_draw": {{50 + i % 50}}}""")));

        var created = new List<int>();
        rows.Add(await SequentialAsync("POST power port", writes, async i =>
        {
            var (ok, body) = await SendWithBodyAsync(http, HttpMethod.Post, "/api/dcim/power-ports/",
                $$"""{"device": {{devices[i % devices.Count]}}, "name": "BENCH-{{i}}", "allocated_draw": 50}""");
            if (ok)
            {
                created.Add(body.GetProperty("id").GetInt32());
            }
            return ok;
        }));
        rows.Add(await SequentialAsync("DELETE power port", created.Count, i => SendAsync(http, HttpMethod.Delete, $"/api/dcim/power-ports/{created[i]}/", null)));

        rows.Add(await ConcurrentAsync("32 concurrent writers: PATCH without If-Match", 32, 10, (w, i) =>
            SendAsync(http, HttpMethod.Patch, $"/api/dcim/power-ports/{psus[(w * 10 + i) % psus.Count]}/", $$"""{"allocated_draw": {{10 + (w + i) % 40}}}""")));

        var bulk = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++)
        {
            bulk.Append(i == 0 ? "" : ",").Append($$"""{"device": {{devices[i % devices.Count]}}, "name": "BULK-{{i}}", "maximum_draw": 10}""");
        }
        bulk.Append(']');
        rows.Add(await SequentialAsync("bulk POST of 10,000 power ports (one request)", 1, _ => SendAsync(http, HttpMethod.Post, "/api/dcim/power-ports/", bulk.ToString())));

        if (importFile is not null)
        {
            var document = await File.ReadAllBytesAsync(importFile);
            rows.Add(await SequentialAsync($"import via API, mode=replace ({document.Length / 1024 / 1024} MB)", 1, async _ =>
            {
                using var content = new ByteArrayContent(document);
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync("/api/topology/import?mode=replace", content);
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"import: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                return response.IsSuccessStatusCode;
            }));
        }

        return rows.Sum(r => r.Errors) == 0 ? 0 : 1;
    }

    /// <summary>Rows printed as they are measured, so that a run cut short still shows what it measured.</summary>
    private sealed class ReportedRows : List<Row>
    {
        public new void Add(Row r)
        {
            base.Add(r);
            Console.WriteLine($"| {r.Name} | {r.Requests:N0} | {r.Errors} | {r.P50:F1} | {r.P95:F1} | {r.Max:F1} | {r.TotalMs:F0} |");
        }
    }

    private static async Task<bool> SendAsync(HttpClient http, HttpMethod method, string url, string? json) =>
        (await SendWithBodyAsync(http, method, url, json)).Ok;

    private static async Task<(bool Ok, JsonElement Body)> SendWithBodyAsync(HttpClient http, HttpMethod method, string url, string? json)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"{method} {url}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
            return (false, default);
        }
        return (true, text.Length > 0 && method != HttpMethod.Delete ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    private static async Task<Row> SequentialAsync(string name, int count, Func<int, Task<bool>> send)
    {
        var latencies = new List<double>(count);
        int errors = 0;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            var sw = Stopwatch.StartNew();
            errors += await send(i) ? 0 : 1;
            latencies.Add(sw.Elapsed.TotalMilliseconds);
        }
        return Summarize(name, latencies, errors, total.Elapsed.TotalMilliseconds);
    }

    private static async Task<Row> ConcurrentAsync(string name, int writers, int each, Func<int, int, Task<bool>> send)
    {
        var latencies = new List<double>[writers];
        int errors = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(each);
            for (int i = 0; i < each; i++)
            {
                var sw = Stopwatch.StartNew();
                if (!await send(w, i))
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(sw.Elapsed.TotalMilliseconds);
            }
        })));
        return Summarize(name, latencies.SelectMany(l => l).ToList(), errors, total.Elapsed.TotalMilliseconds);
    }

    private static Row Summarize(string name, List<double> latencies, int errors, double totalMs)
    {
        var all = latencies.OrderBy(x => x).ToArray();
        double P(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new Row(name, all.Length, errors, P(0.50), P(0.95), all.Length == 0 ? 0 : all[^1], totalMs);
    }
}

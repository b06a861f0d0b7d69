using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PowerMap.Benchmarks;

/// <summary>
/// Revision propagation between two instances on one PostgreSQL database (issue 14, target p95 ≤ 200 ms): N times, PATCH a
/// power feed's description on A, then GET the same feed on B in a tight loop until B serves the new value. The figure is
/// the time from A's reply to B's first answer with the new value (NOTIFY at commit → B's listener → B reads the change
/// records → publishes its snapshot), so it includes one B request. With <c>port</c> the write is a PSU's allocated draw
/// instead (an incremental change of the power report). Used by benchmarks/api-writes.sh (PROPAGATION=N, PROPAGATE=feed|port).
/// </summary>
public static class RevisionPropagation
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string urlA, string urlB, int count, string what = "feed")
    {
        bool port = what == "port";
        foreach (var url in new[] { urlA, urlB })
        {
            if (!IPAddress.TryParse(new Uri(url).Host, out var ip) || !IPAddress.IsLoopback(ip))
            {
                Console.Error.WriteLine("The propagation benchmark only targets loopback addresses (127.0.0.1, ::1).");
                return 2;
            }
        }
        using var a = Client(urlA);
        using var b = Client(urlB);
        string target = port
            ? $"/api/dcim/power-ports/{await FirstPortWithDrawAsync(a)}/"
            : $"/api/dcim/power-feeds/{(await a.GetFromJsonAsync<JsonElement>("/api/dcim/power-feeds/?limit=1")).GetProperty("results")[0].GetProperty("id").GetInt32()}/";
        var latencies = new List<double>(count);
        var writes = new List<double>(count);
        int errors = 0;
        string run = Guid.NewGuid().ToString("N")[..6];
        for (int i = 0; i < count; i++)
        {
            string description = $"propagation {run} {i}";
            int draw = 100 + i % 2;
            using var patch = new HttpRequestMessage(HttpMethod.Patch, target)
            {
                Content = new StringContent(port ? JsonSerializer.Serialize(new { allocated_draw = draw }) : JsonSerializer.Serialize(new { description }), Encoding.UTF8, "application/json"),
            };
            var write = Stopwatch.StartNew();
            using var response = await a.SendAsync(patch);
            writes.Add(write.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"PATCH on A: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                errors++;
                continue;
            }
            var seen = Stopwatch.StartNew();
            bool arrived = false;
            while (seen.Elapsed < GiveUp)
            {
                var onB = await b.GetFromJsonAsync<JsonElement>(target);
                if (port ? onB.GetProperty("allocated_draw").GetInt32() == draw : onB.GetProperty("description").GetString() == description)
                {
                    arrived = true;
                    break;
                }
            }
            if (arrived)
            {
                latencies.Add(seen.Elapsed.TotalMilliseconds);
            }
            else
            {
                Console.Error.WriteLine($"write {i} not seen on B after {GiveUp.TotalSeconds} s");
                errors++;
            }
        }
        Console.WriteLine("| measurement | n | errors | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Print($"revision propagation A → B of a {(port ? "PSU draw" : "feed description")} (A's reply → B serves it)", latencies, errors);
        Print(port ? "PATCH PSU allocated_draw on A (sequential)" : "PATCH power feed on A (sequential)", writes, 0);
        return errors == 0 ? 0 : 1;
    }

    /// <summary>The first power port with an allocated draw (the servers' PSUs come after the PDUs' ports).</summary>
    private static async Task<int> FirstPortWithDrawAsync(HttpClient http)
    {
        for (int offset = 0; ; offset += 1000)
        {
            var results = (await http.GetFromJsonAsync<JsonElement>($"/api/dcim/power-ports/?limit=1000&offset={offset}")).GetProperty("results");
            if (results.GetArrayLength() == 0)
            {
                throw new InvalidOperationException("No power port with an allocated draw.");
            }
            foreach (var p in results.EnumerateArray())
            {
                if (p.GetProperty("allocated_draw").ValueKind == JsonValueKind.Number)
                {
                    return p.GetProperty("id").GetInt32();
                }
            }
        }
    }

    private static HttpClient Client(string url)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        if (Environment.GetEnvironmentVariable("POWERMAP_TOKEN") is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", token);
        }
        return http;
    }

    private static void Print(string name, List<double> latencies, int errors)
    {
        var all = latencies.OrderBy(x => x).ToArray();
        double P(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        Console.WriteLine($"| {name} | {all.Length} | {errors} | {P(0.50):F1} | {P(0.95):F1} | {(all.Length == 0 ? 0 : all[^1]):F1} |");
    }
}

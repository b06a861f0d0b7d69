using System.Diagnostics;
using System.Net;

namespace PowerMap.Benchmarks;

/// <summary>
/// A bounded HTTP load loop against a running PowerMap on loopback: N concurrent clients for S seconds per endpoint
/// (and never more than a fixed number of requests), then throughput, latency percentiles and errors.
/// Used by benchmarks/api-load.sh; issue 4's targets: report p95 ≤ 50 ms at M, ≤ 300 ms at XL, 0 errors.
/// </summary>
public static class ApiLoad
{
    private const int MaxRequestsPerEndpoint = 2_000_000;

    public sealed record Result(string Name, int Requests, int Errors, double Seconds, double P50, double P95, double P99, double Max, long Bytes)
    {
        public double Throughput => Requests / Seconds;
    }

    public static async Task<int> RunAsync(string baseUrl, int clients, int seconds, int portCount, int feedCount = 0)
    {
        if (!IPAddress.TryParse(new Uri(baseUrl).Host, out var ip) || !IPAddress.IsLoopback(ip))
        {
            Console.Error.WriteLine("The load loop only targets loopback addresses (127.0.0.1, ::1).");
            return 2;
        }
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };
        // The API needs a token when accounts are on (api-writes.sh makes one with the command line).
        if (Environment.GetEnvironmentVariable("POWERMAP_TOKEN") is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", token);
        }
        var results = new List<Result>
        {
            await MeasureAsync(http, "GET /api/power/report", _ => "/api/power/report", clients, seconds),
            await MeasureAsync(http, "GET /api/dcim/power-ports/?limit=50&offset=…", i => $"/api/dcim/power-ports/?limit=50&offset={(i * 50) % Math.Max(portCount, 1)}", clients, seconds),
        };
        if (feedCount > 0)
        {
            results.Add(await MeasureAsync(http, "GET /api/dcim/power-feeds/?limit=50&offset=…", i => $"/api/dcim/power-feeds/?limit=50&offset={(i * 50) % feedCount}", clients, seconds));
        }
        Console.WriteLine($"| endpoint | clients | seconds | requests | throughput (req/s) | p50 ms | p95 ms | p99 ms | max ms | errors | avg body KiB |");
        Console.WriteLine($"|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            Console.WriteLine($"| {r.Name} | {clients} | {r.Seconds:F1} | {r.Requests:N0} | {r.Throughput:N0} | {r.P50:F1} | {r.P95:F1} | {r.P99:F1} | {r.Max:F1} | {r.Errors} | {r.Bytes / 1024.0 / Math.Max(r.Requests, 1):F0} |");
        }
        return results.Sum(r => r.Errors) == 0 ? 0 : 1;
    }

    private static async Task<Result> MeasureAsync(HttpClient http, string name, Func<int, string> url, int clients, int seconds)
    {
        // Warm-up: JIT, connections, the report cache.
        for (int i = 0; i < 20; i++)
        {
            using var warm = await http.GetAsync(url(i));
        }
        var latencies = new List<double>[clients];
        int errors = 0, counter = 0;
        long bytes = 0;
        var deadline = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(4096);
            var buffer = new byte[81920];
            var sw = new Stopwatch();
            while (deadline.Elapsed.TotalSeconds < seconds)
            {
                int n = Interlocked.Increment(ref counter);
                if (n > MaxRequestsPerEndpoint)
                {
                    break;
                }
                sw.Restart();
                try
                {
                    using var response = await http.GetAsync(url(n), HttpCompletionOption.ResponseHeadersRead);
                    // Read the whole body but keep none of it: the client's own allocations must not weigh on the server it shares cores with.
                    await using var body = await response.Content.ReadAsStreamAsync();
                    long read = 0;
                    int chunk;
                    while ((chunk = await body.ReadAsync(buffer)) > 0)
                    {
                        read += chunk;
                    }
                    Interlocked.Add(ref bytes, read);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(sw.Elapsed.TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = deadline.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).OrderBy(x => x).ToArray();
        double P(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new Result(name, all.Length, errors, elapsed, P(0.50), P(0.95), P(0.99), all.Length == 0 ? 0 : all[^1], bytes);
    }
}

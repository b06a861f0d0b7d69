using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using PowerMap.Core.Data;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

/// <summary>
/// Browser-side pan and zoom at the M site's default view (issue 12), skipped unless <c>POWERMAP_BROWSER_BENCH=1</c>:
/// <code>POWERMAP_BROWSER_BENCH=1 dotnet test --project tests/PowerMap.Tests --no-build -- --filter-class "PowerMap.Tests.E2E.DiagramViewportBenchmark"</code>
/// A 20-step drag pan and a 10-notch wheel zoom sent as real input, all steps at once (no wait for Playwright's
/// acknowledgement of each event, as a fast hand on a busy page: Chromium merges what is still queued). Each is timed in
/// the page from just before the first event was sent until the final transform is on the canvas and its frame has been
/// painted (the next animation frame has begun); for the zoom also until the labels are rescaled for the new zoom (done
/// when the gesture rests) and painted. Long animation frames (≥ 50 ms, with their style and layout part) and the
/// SignalR frames the page sent are recorded. Writes <c>benchmarks/results/browser-viewport-DATE.md</c>.
/// </summary>
public class DiagramViewportBenchmark
{
    private const int Runs = 5;

    private sealed record Gesture(double SentAt, double FirstEventAt, int Events, double AppliedAt, double PaintedAt, double SettledAt, double[][] LongFrames)
    {
        public double ToPainted => PaintedAt - SentAt;
        public double ToSettled => SettledAt - SentAt;
    }

    [Fact]
    public async Task Measure_PanAndWheelZoomAtM()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("POWERMAP_BROWSER_BENCH") == "1", "Set POWERMAP_BROWSER_BENCH=1 to run the browser benchmark.");
        string loadBefore = Shell("cat /proc/loadavg");
        await using var app = new BenchmarkAppServerFixture();
        await app.InitializeAsync();
        var inst = InstallationGenerator.AddTo(DemoData.SeedExample(), InstallationSize.M, seed: 42, siteName: "DC-M");
        await app.Store.ReplaceAllAsync(inst, TestContext.Current.CancellationToken);
        int siteId = app.Topology.Current.Installation.SiteByName["DC-M"].Id;

        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        int sent = 0;
        page.WebSocket += (_, ws) => ws.FrameSent += (_, _) => Interlocked.Increment(ref sent);
        await app.GotoAsync(page, $"topology?site={siteId}");
        var diagram = page.Locator("#topology-diagram");
        await Expect(diagram).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 60000 });
        await Expect(diagram).ToHaveAttributeAsync("data-browser-viewport", "true", new() { Timeout = 10000 });
        await page.WaitForTimeoutAsync(1000);
        string nodes = await diagram.GetAttributeAsync("data-node-count") ?? "?";
        string elements = (await page.EvaluateAsync<int>("() => document.querySelectorAll('#topology-diagram *').length")).ToString("N0", CultureInfo.InvariantCulture);
        var canvas = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        var start = await TransformAsync(page);

        var pans = new List<Gesture>();
        var zooms = new List<Gesture>();
        var panFrames = new List<int>();
        var zoomFrames = new List<int>();
        for (int run = 0; run <= Runs; run++)
        {
            // Pan: press on the left margin of the canvas (background), then 20 moves of 10 px sent at once.
            float x = canvas.X + 8, y = canvas.Y + (canvas.Height / 2);
            await page.Mouse.MoveAsync(x, y);
            await page.Mouse.DownAsync();
            await page.WaitForTimeoutAsync(300);
            var from = await TransformAsync(page);
            int framesBefore = Volatile.Read(ref sent);
            await page.EvaluateAsync(Recorder, "pointermove");
            await Task.WhenAll(Enumerable.Range(1, 20).Select(i => page.Mouse.MoveAsync(x + (10 * i), y)));
            var pan = await FinishAsync(page, from.Zoom, from.X + 200, from.Y);
            int frames = Volatile.Read(ref sent) - framesBefore;
            await page.Mouse.UpAsync();
            await page.WaitForTimeoutAsync(800); // the debounced report and the URL
            if (run > 0)
            {
                pans.Add(pan);
                panFrames.Add(frames);
            }

            // Zoom: 10 notches in around the canvas centre sent at once, then back out so the next run starts alike.
            double px = canvas.Width / 2, py = canvas.Height / 2;
            await page.Mouse.MoveAsync(canvas.X + (float)px, canvas.Y + (float)py);
            from = await TransformAsync(page);
            double zoom = Math.Min(PowerMap.Web.Features.Topology.TopologyDiagram.MaximumZoom, from.Zoom * Math.Pow(1.15, 10)), k = zoom / from.Zoom;
            framesBefore = Volatile.Read(ref sent);
            await page.EvaluateAsync(Recorder, "wheel");
            await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => page.Mouse.WheelAsync(0, -100)));
            var wheel = await FinishAsync(page, zoom, px - ((px - from.X) * k), py - ((py - from.Y) * k));
            frames = Volatile.Read(ref sent) - framesBefore;
            await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => page.Mouse.WheelAsync(0, 100)));
            await page.WaitForTimeoutAsync(800);
            if (run > 0)
            {
                zooms.Add(wheel);
                zoomFrames.Add(frames);
            }
        }
        Assert.Empty(errors);

        static string Ms(IEnumerable<double> values) => string.Join(", ", values.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)));
        static string LongFrames(IEnumerable<Gesture> runs)
        {
            var all = runs.SelectMany(g => g.LongFrames).ToList();
            return all.Count == 0 ? "none" : $"{all.Count} in {Runs} runs (longest {all.Max(f => f[0]):N0} ms, of which rendering {all.MaxBy(f => f[0])![1]:N0} ms; rendering in all of them {all.Sum(f => f[1]):N0} ms of {all.Sum(f => f[0]):N0} ms)";
        }
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Diagram pan and zoom in Chromium (issue 12) — {DateTime.UtcNow:yyyy-MM-dd}");
        md.AppendLine();
        md.AppendLine("Scripted by `tests/PowerMap.Tests/E2E/DiagramViewportBenchmark.cs` (skipped unless `POWERMAP_BROWSER_BENCH=1`). The app runs in-process");
        md.AppendLine(CultureInfo.InvariantCulture, $"on Kestrel (Development, Debug build, SQLite temp file) with the seed example and the generated M site; headless Chromium {app.Browser.Version}, 1280 × 800.");
        md.AppendLine(CultureInfo.InvariantCulture, $"M's default view: {nodes} nodes, {elements} elements in `#topology-diagram`, opened at zoom {start.Zoom:0.###} (tiles below 0.4, cards above).");
        md.AppendLine("Pan and wheel zoom are handled in the browser by `wwwroot-assets/diagram-viewport.js`; the server learns the viewport 150 ms after the gesture rests.");
        md.AppendLine();
        md.AppendLine("Method: the 20 pointer moves (10 px each, after a press on the background) and the 10 wheel notches (deltaY −100 around the canvas centre)");
        md.AppendLine("are sent as real input all at once, without waiting for Playwright's acknowledgement of each event; Chromium merges what is still queued");
        md.AppendLine("(the *events* column: how many the page received). Each time is in the page's clock, from just before the first event was sent until the final");
        md.AppendLine("transform is on the canvas and the frame that draws it has been painted (the next animation frame has begun). For the zoom, *labels settled*");
        md.AppendLine("runs on until the tile labels are rescaled for the new zoom (and the tile/card level of detail switched), which the page does once the");
        md.AppendLine("gesture has rested 120 ms, and that frame is painted. *Long frames*: long-animation-frame entries (≥ 50 ms) during the gestures; their");
        md.AppendLine("*rendering* part runs from the frame's `renderStart` to its end: the input events aligned to the frame, animation-frame callbacks, style, layout and paint.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Median of {Runs} runs after one warm-up.");
        md.AppendLine();
        md.AppendLine("| measure | median | target | runs (ms) | events received | frames sent to the server |");
        md.AppendLine("|---|---|---|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| 20-step drag pan, M: sent → last step painted | {Median(pans.Select(g => g.ToPainted)):N0} ms | ≤ 200 ms | {Ms(pans.Select(g => g.ToPainted))} | {string.Join(", ", pans.Select(g => g.Events))} | {string.Join(", ", panFrames)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| 10-notch wheel zoom, M: sent → last notch painted | {Median(zooms.Select(g => g.ToPainted)):N0} ms | ≤ 200 ms | {Ms(zooms.Select(g => g.ToPainted))} | {string.Join(", ", zooms.Select(g => g.Events))} | {string.Join(", ", zoomFrames)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| 10-notch wheel zoom, M: sent → labels settled and painted (includes the 120 ms rest) | {Median(zooms.Select(g => g.ToSettled)):N0} ms | — | {Ms(zooms.Select(g => g.ToSettled))} | | |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Long animation frames: pan {LongFrames(pans)}; zoom {LongFrames(zooms)}.");
        md.AppendLine();
        double panMs = Median(pans.Select(g => g.ToPainted)), zoomMs = Median(zooms.Select(g => g.ToPainted)), settledMs = Median(zooms.Select(g => g.ToSettled));
        md.AppendLine(CultureInfo.InvariantCulture, $"Reading: the pan ({panMs:N0} ms) and the wheel zoom ({zoomMs:N0} ms) are {(Math.Max(panMs, zoomMs) <= 200 ? "within" : "NOT within")} the 200 ms target at M on this");
        md.AppendLine("machine, with the load average below. The times include Chromium's own pacing of queued input (at most one dispatch of merged events");
        md.AppendLine(CultureInfo.InvariantCulture, $"per animation frame: the 10 notches came as {Median(zooms.Select(g => (double)g.Events)):N0} events) and Playwright sending the events. No step went to the server: a");
        md.AppendLine("pan sent no frame; the zoom's frames are the one viewport report after the rest (and, in some runs, its acknowledgement), counted because");
        md.AppendLine("the measure waits for the labels. The labels' rescale, and the switch between tiles and cards when the zoom crosses 0.4, restyle every");
        md.AppendLine(CultureInfo.InvariantCulture, $"element of the diagram; they are left to the rest after the gesture and are on screen {settledMs:N0} ms after the first notch was sent (the 120 ms");
        md.AppendLine("rest, that restyle, and the server's render of the reported viewport, which lands about then). During the gesture the labels scale with the drawing.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine("$ nproc");
        md.AppendLine(Shell("nproc"));
        md.AppendLine("$ lscpu | head -n 15");
        md.AppendLine(Shell("lscpu | head -n 15"));
        md.AppendLine("$ cat /proc/loadavg   # before and after the run: other builds and tests share the machine");
        md.AppendLine(loadBefore);
        md.AppendLine(Shell("cat /proc/loadavg"));
        md.AppendLine("```");
        md.AppendLine(CultureInfo.InvariantCulture, $".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.");

        string path = Path.Combine(RepositoryRoot(), "benchmarks", "results", $"browser-viewport-{DateTime.UtcNow:yyyy-MM-dd}.md");
        await File.WriteAllTextAsync(path, md.ToString(), TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage(md.ToString());
    }

    private static async Task<(double X, double Y, double Zoom)> TransformAsync(IPage page)
    {
        var v = await page.EvaluateAsync<double[]>("() => { " + Parse + " return parse(document.querySelector('.diagram-canvas > .diagram-html-layer').style.transform); }");
        return (v[0], v[1], v[2]);
    }

    /// <summary>A layer's transform as [x, y, zoom].</summary>
    private const string Parse = """
        const parse = t => { const m = /translate\(\s*(-?[\d.e+-]+)px,\s*(-?[\d.e+-]+)px\)\s*scale\(\s*([\d.e+-]+)\s*\)/.exec(t); return m ? [+m[1], +m[2], +m[3]] : null; };
        """;

    /// <summary>Starts recording a gesture: the time just before its events are sent, the events received, long frames.</summary>
    private const string Recorder = """
        type => {
          const r = window.__pmGesture = { events: 0, firstAt: 0, loaf: [], sentAt: performance.now() };
          r.listener = e => { if (!r.events++) r.firstAt = e.timeStamp; };
          r.type = type;
          document.addEventListener(type, r.listener, { capture: true, passive: true });
          r.po = new PerformanceObserver(list => r.loaf.push(...list.getEntries()));
          r.po.observe({ type: 'long-animation-frame' });
        }
        """;

    private static async Task<Gesture> FinishAsync(IPage page, double zoom, double x, double y)
    {
        var g = await page.EvaluateAsync<JsonElement>(Finish, new { zoom, x, y });
        Assert.True(g.ValueKind == JsonValueKind.Object, $"the final transform (zoom {zoom:0.####}, pan {x:N1}, {y:N1}) never came: {g}");
        return new Gesture(g.GetProperty("sentAt").GetDouble(), g.GetProperty("firstAt").GetDouble(), g.GetProperty("events").GetInt32(),
            g.GetProperty("appliedAt").GetDouble(), g.GetProperty("paintedAt").GetDouble(), g.GetProperty("settledAt").GetDouble(),
            g.GetProperty("loaf").Deserialize<double[][]>()!);
    }

    /// <summary>
    /// Waits, frame by frame, for the expected final transform on the canvas layer, then for the frame that draws it to be
    /// painted (the next animation frame's callback); then for the labels' zoom and level of detail to match it, painted too.
    /// </summary>
    private const string Finish = "async want => { " + Parse + """
          return await (async () => {
            const r = window.__pmGesture;
            const d = document.getElementById('topology-diagram');
            const layer = () => parse(document.querySelector('.diagram-canvas > .diagram-html-layer').style.transform);
            const frame = () => new Promise(res => requestAnimationFrame(() => res(performance.now())));
            const near = v => v && Math.abs(v[2] - want.zoom) <= want.zoom * 1e-3 && Math.abs(v[0] - want.x) <= 1.5 && Math.abs(v[1] - want.y) <= 1.5;
            const deadline = performance.now() + 15000;
            let inFrame = false;
            while (!near(layer())) {
              if (performance.now() > deadline) return String(document.querySelector('.diagram-canvas > .diagram-html-layer').style.transform);
              await frame();
              inFrame = true;
            }
            const appliedAt = performance.now();
            const z = layer()[2];
            const settled = () => d.style.getPropertyValue('--pm-zoom') === z.toFixed(4) && d.dataset.lod === (z < 0.4 ? 'tile' : 'card');
            const settledWithIt = settled();
            if (!inFrame) await frame(); // seen outside a frame: the next frame draws it
            const paintedAt = await frame(); // the frame that drew it has been painted
            let settledAt = paintedAt;
            if (!settledWithIt) {
              while (!settled()) {
                if (performance.now() > deadline) return 'labels never settled: --pm-zoom ' + d.style.getPropertyValue('--pm-zoom') + ', lod ' + d.dataset.lod + ', zoom ' + z;
                await frame();
              }
              settledAt = await frame(); // the frame that drew the labels has been painted
            }
            await frame();
            document.removeEventListener(r.type, r.listener, { capture: true });
            r.loaf.push(...r.po.takeRecords());
            r.po.disconnect();
            const loaf = r.loaf.filter(f => f.startTime + f.duration >= r.sentAt)
              .map(f => [f.duration, f.renderStart ? f.startTime + f.duration - f.renderStart : 0]);
            return { sentAt: r.sentAt, firstAt: r.firstAt, events: r.events, appliedAt, paintedAt, settledAt, loaf };
          })();
        }
        """;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Shell(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.TrimEnd();
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}

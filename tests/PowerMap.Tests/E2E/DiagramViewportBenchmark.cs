using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Playwright;
using PowerMap.Core.Data;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

/// <summary>
/// Browser-side pan and zoom at the M site (issue 12), skipped unless <c>POWERMAP_BROWSER_BENCH=1</c>:
/// <code>POWERMAP_BROWSER_BENCH=1 dotnet test --project tests/PowerMap.Tests --no-build -- --filter-class "PowerMap.Tests.E2E.DiagramViewportBenchmark"</code>
/// A 20-step drag pan and a 10-notch wheel zoom, each timed from before the first input event to the moment the last
/// step's transform is on the canvas (Playwright's input round trips through CDP included, so the figure is an upper
/// bound), and the SignalR frames the page sent meanwhile. Writes <c>benchmarks/results/browser-viewport-DATE.md</c>.
/// </summary>
public class DiagramViewportBenchmark
{
    private const int Runs = 5;

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
        string nodes = await diagram.GetAttributeAsync("data-node-count") ?? "?";
        var canvas = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        const string Transform = "() => document.querySelector('.diagram-canvas > .diagram-html-layer').style.transform";

        var pans = new List<double>();
        var zooms = new List<double>();
        var panFrames = new List<int>();
        var longest = new List<double>();
        var panWork = new List<double>();
        var zoomWork = new List<double>();
        var zoomFrames = new List<int>();
        for (int run = 0; run <= Runs; run++)
        {
            // Pan: press on the left margin of the canvas (background), 20 moves of 10 px.
            float x = canvas.X + 8, y = canvas.Y + (canvas.Height / 2);
            await page.Mouse.MoveAsync(x, y);
            await page.Mouse.DownAsync();
            await page.WaitForTimeoutAsync(300);
            int framesBefore = Volatile.Read(ref sent);
            await page.EvaluateAsync(FrameRecorderStart);
            var watch = Stopwatch.StartNew();
            await page.Mouse.MoveAsync(x + 200, y, new() { Steps = 20 });
            await page.WaitForFunctionAsync("() => true"); // the moves' handlers have run
            watch.Stop();
            double panLongest = await page.EvaluateAsync<double>(FrameRecorderStop);
            int frames = Volatile.Read(ref sent) - framesBefore;
            await page.Mouse.UpAsync();
            await page.WaitForTimeoutAsync(800); // the debounced report and the URL
            if (run > 0)
            {
                pans.Add(watch.Elapsed.TotalMilliseconds);
                panFrames.Add(frames);
                longest.Add(panLongest);
            }

            // Zoom: 10 notches in, around the canvas centre, then back out so the next run starts alike.
            await page.Mouse.MoveAsync(canvas.X + (canvas.Width / 2), canvas.Y + (canvas.Height / 2));
            string before = await page.EvaluateAsync<string>(Transform);
            framesBefore = Volatile.Read(ref sent);
            await page.EvaluateAsync(FrameRecorderStart);
            watch.Restart();
            for (int i = 0; i < 10; i++)
            {
                await page.Mouse.WheelAsync(0, -100);
            }
            await page.WaitForFunctionAsync($"b => document.querySelector('.diagram-canvas > .diagram-html-layer').style.transform !== b", before);
            watch.Stop();
            double zoomLongest = await page.EvaluateAsync<double>(FrameRecorderStop);
            frames = Volatile.Read(ref sent) - framesBefore;
            for (int i = 0; i < 10; i++)
            {
                await page.Mouse.WheelAsync(0, 100);
            }
            await page.WaitForTimeoutAsync(800);
            if (run > 0)
            {
                zooms.Add(watch.Elapsed.TotalMilliseconds);
                zoomFrames.Add(frames);
                longest.Add(zoomLongest);
            }

            // The page's own work: the same gestures as synthetic events dispatched in one go, until the next frame is painted.
            var work = await page.EvaluateAsync<double[]>(SyntheticGestures, new { x = (double)canvas.X + 8, y = (double)canvas.Y + (canvas.Height / 2), cx = (double)canvas.X + (canvas.Width / 2) });
            await page.WaitForTimeoutAsync(800);
            if (run > 0)
            {
                panWork.Add(work[0]);
                zoomWork.Add(work[1]);
            }
        }
        Assert.Empty(errors);

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Diagram pan and zoom in Chromium (issue 12) — {DateTime.UtcNow:yyyy-MM-dd}");
        md.AppendLine();
        md.AppendLine("Scripted by `tests/PowerMap.Tests/E2E/DiagramViewportBenchmark.cs` (skipped unless `POWERMAP_BROWSER_BENCH=1`). The app runs in-process");
        md.AppendLine(CultureInfo.InvariantCulture, $"on Kestrel (Development, Debug build, SQLite temp file) with the seed example and the generated M site; headless Chromium {app.Browser.Version}, 1280 × 800.");
        md.AppendLine(CultureInfo.InvariantCulture, $"M's default view: {nodes} nodes. Pan and wheel zoom are handled in the browser by `wwwroot-assets/diagram-viewport.js`; the server learns the");
        md.AppendLine("viewport 150 ms after the gesture rests. Each time runs from before Playwright's first input event to the last step's effect (for the pan:");
        md.AppendLine("after the 20 moves were dispatched and a page evaluation ran behind them; for the zoom: the transform changed after 10 notches), so it");
        md.AppendLine("includes Playwright's own CDP round trip per input event. *Frames*: WebSocket frames the page sent to the server during the gesture");
        md.AppendLine("(Blazor.Diagrams' own handlers sent one per pointer move or wheel event).");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Median of {Runs} runs after one warm-up.");
        md.AppendLine();
        md.AppendLine("| measure | median | target | runs (ms) | frames sent during the gesture |");
        md.AppendLine("|---|---|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| 20-step drag pan, M | {Median(pans):N0} ms | ≤ 200 ms | {string.Join(", ", pans.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))} | {string.Join(", ", panFrames)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| 10-notch wheel zoom, M | {Median(zooms):N0} ms | ≤ 200 ms | {string.Join(", ", zooms.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))} | {string.Join(", ", zoomFrames)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| 20-step pan, the page's own work (synthetic pointer events, to the next painted frame) | {Median(panWork):N1} ms | ≤ 200 ms | {string.Join(", ", panWork.Select(t => t.ToString("N1", CultureInfo.InvariantCulture)))} | — |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| 10-notch zoom, the page's own work (synthetic wheel events, to the next painted frame) | {Median(zoomWork):N1} ms | ≤ 200 ms | {string.Join(", ", zoomWork.Select(t => t.ToString("N1", CultureInfo.InvariantCulture)))} | — |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Longest frame during the real-input gestures: {longest.Max():N1} ms (median of the runs' longest {Median(longest):N1} ms).");
        md.AppendLine("Reading: Chromium delivers real input at most one event per frame (about 16.7 ms at 60 Hz) and Playwright waits for each, so 20");
        md.AppendLine("pointer moves take at least ~333 ms however little each step costs: the input-paced rows measure that pacing plus Playwright, not");
        md.AppendLine("the app, and cannot reach 200 ms. The synthetic rows are the page's own cost of the whole gesture; the frame column shows that no");
        md.AppendLine("step goes to the server.");
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

    private const string FrameRecorderStart = """
        () => {
          window.__pmFrames = { last: performance.now(), longest: 0, on: true };
          const tick = t => { const f = window.__pmFrames; if (!f.on) return; f.longest = Math.max(f.longest, t - f.last); f.last = t; requestAnimationFrame(tick); };
          requestAnimationFrame(tick);
        }
        """;

    private const string FrameRecorderStop = "() => { window.__pmFrames.on = false; return window.__pmFrames.longest; }";

    private const string SyntheticGestures = """
        async ({ x, y, cx }) => {
          const target = document.querySelector('.diagram-canvas');
          const frame = () => new Promise(r => requestAnimationFrame(() => r()));
          const pointer = (type, px) => target.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: 7, pointerType: 'mouse', button: 0, buttons: 1, clientX: px, clientY: y }));
          await frame();
          let start = performance.now();
          pointer('pointerdown', x);
          for (let i = 1; i <= 20; i++) pointer('pointermove', x + i * 10);
          await frame();
          const pan = performance.now() - start;
          pointer('pointerup', x + 200);
          await frame();
          start = performance.now();
          for (let i = 0; i < 10; i++) target.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: -100, clientX: cx, clientY: y }));
          await frame();
          const zoom = performance.now() - start;
          for (let i = 0; i < 10; i++) target.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: 100, clientX: cx, clientY: y }));
          return [pan, zoom];
        }
        """;

    private static double Median(List<double> values)
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

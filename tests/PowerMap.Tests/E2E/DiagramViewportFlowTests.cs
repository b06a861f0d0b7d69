using System.Globalization;
using Microsoft.Playwright;
using PowerMap.Core.Dcim;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// Pan, wheel zoom and pinch done in the browser by wwwroot-assets/diagram-viewport.js (DiagramViewportInterop): the
// canvas moves without a server round trip per step, and the server learns the final viewport (URL, toolbar state).
[Collection(BrowserCollection.Name)]
public class DiagramViewportFlowTests(AppServerFixture app)
{
    private Installation Inst => app.Topology.Current.Installation;

    private int SiteId(string name) => Inst.SiteByName[name].Id;

    private const string LayerTransform = "() => document.querySelector('.diagram-canvas > .diagram-html-layer').style.transform";

    private async Task OpenAsync(IPage page, string relativeUrl)
    {
        await app.GotoAsync(page, relativeUrl);
        var diagram = page.Locator("#topology-diagram");
        await Expect(diagram).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 20000 });
        await Expect(diagram).ToHaveAttributeAsync("data-browser-viewport", "true", new() { Timeout = 10000 });
    }

    private static (double X, double Y, double Zoom) Parse(string transform)
    {
        var m = System.Text.RegularExpressions.Regex.Match(transform, @"translate\((-?[\d.e+-]+)px, (-?[\d.e+-]+)px\) scale\(([\d.e+-]+)\)");
        Assert.True(m.Success, $"transform: {transform}");
        return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    private static async Task<(double Zoom, double X, double Y)> UrlViewportAsync(IPage page, Func<double, double, double, bool> expected)
    {
        for (int i = 0; i < 60; i++)
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(page.Url).Query);
            if (query.TryGetValue("zoom", out var z) && query.TryGetValue("pan", out var p))
            {
                double zoom = double.Parse(z!, CultureInfo.InvariantCulture);
                var xy = p.ToString().Split(',');
                double x = double.Parse(xy[0], CultureInfo.InvariantCulture), y = double.Parse(xy[1], CultureInfo.InvariantCulture);
                if (expected(zoom, x, y))
                {
                    return (zoom, x, y);
                }
            }
            await page.WaitForTimeoutAsync(100);
        }
        Assert.Fail($"the viewport in the URL never matched: {page.Url}");
        return default;
    }

    /// <summary>Counts the WebSocket (SignalR) frames the page sends: a round trip per pointer move would show here.</summary>
    private static Func<int> CountSentFrames(IPage page)
    {
        int sent = 0;
        page.WebSocket += (_, ws) => ws.FrameSent += (_, _) => Interlocked.Increment(ref sent);
        return () => Volatile.Read(ref sent);
    }

    [Fact]
    public async Task WheelTenNotches_ZoomsAroundThePointerInTheBrowser_ThenTheServerLearnsTheZoom()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        var sent = CountSentFrames(page);
        await OpenAsync(page, $"topology?site={SiteId("DC2")}&zoom=0.3&pan=40,40");
        var canvas = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        float px = 400, py = 300; // canvas coordinates of the pointer
        var before = Parse(await page.EvaluateAsync<string>(LayerTransform));
        Assert.True(before.Zoom < 0.5, $"opened at zoom {before.Zoom}");
        // The drawing point under the pointer, which zooming around the pointer keeps there.
        double wx = (px - before.X) / before.Zoom, wy = (py - before.Y) / before.Zoom;
        await page.Mouse.MoveAsync(canvas.X + px, canvas.Y + py);
        await page.WaitForTimeoutAsync(300);
        // When the machine is loaded, Playwright may deliver two notches more than the 150 ms debounce apart: the page then
        // rightly reports the viewport in that rest. The times of the notches as the page saw them say how many rests there were.
        await page.EvaluateAsync("() => { window.__wheelAt = []; document.addEventListener('wheel', () => window.__wheelAt.push(performance.now()), { capture: true, passive: true }); }");
        int framesBefore = sent();

        for (int i = 0; i < 10; i++)
        {
            await page.Mouse.WheelAsync(0, -100);
        }
        var after = Parse(await page.EvaluateAsync<string>(LayerTransform));
        int framesDuring = sent() - framesBefore;
        var wheelAt = await page.EvaluateAsync<double[]>("() => window.__wheelAt");
        Assert.Equal(10, wheelAt.Length);
        int rests = wheelAt.Zip(wheelAt.Skip(1), (a, b) => b - a).Count(gap => gap >= 140);

        Assert.InRange(after.Zoom, before.Zoom * Math.Pow(1.15, 10) * 0.99, before.Zoom * Math.Pow(1.15, 10) * 1.01);
        Assert.InRange((wx * after.Zoom) + after.X, px - 1, px + 1);
        Assert.InRange((wy * after.Zoom) + after.Y, py - 1, py + 1);
        // At most the viewport report after each rest (a report and its render acknowledgement), never one per notch.
        Assert.True(framesDuring <= 2 + (2 * rests), $"{framesDuring} frames sent to the server during 10 wheel notches with {rests} rests of 140 ms or more between them");
        var url = await UrlViewportAsync(page, (z, _, _) => Math.Abs(z - after.Zoom) < 0.002);
        Assert.InRange(url.X, after.X - 1, after.X + 1);
        // The server took the browser's viewport: its own render carries the same transform.
        var rendered = Parse(await page.Locator(".diagram-canvas > .diagram-svg-layer").EvaluateAsync<string>("e => e.style.transform"));
        Assert.InRange(rendered.Zoom, after.Zoom - 0.001, after.Zoom + 0.001);
        Assert.Empty(errors);
    }

    // A fast wheel on a busy page: the notches are sent without waiting for each, and Chromium merges the wheel events
    // still queued into one with their deltas summed. The zoom follows the total distance, so 10 notches give 1.15^10
    // however they were batched; merged events (pixels) and Firefox's line mode are dispatched as such to pin it down.
    [Fact]
    public async Task WheelNotchesSentWithoutWaiting_ZoomByTheirTotal_HoweverTheBrowserBatchesThem()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC2")}&zoom=0.3&pan=40,40");
        var canvas = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(canvas.X + 400, canvas.Y + 300);
        await page.EvaluateAsync("() => { window.__wheel = []; document.addEventListener('wheel', e => window.__wheel.push(e.deltaY), { capture: true, passive: true }); }");
        var start = Parse(await page.EvaluateAsync<string>(LayerTransform));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => page.Mouse.WheelAsync(0, -100)));
        await page.WaitForFunctionAsync("() => window.__wheel.reduce((a, b) => a + b, 0) <= -1000", null, new() { Timeout = 10000 });
        var deltas = await page.EvaluateAsync<double[]>("() => window.__wheel");
        var real = Parse(await page.EvaluateAsync<string>(LayerTransform));
        TestContext.Current.SendDiagnosticMessage($"10 notches arrived as {deltas.Length} wheel events: {string.Join(", ", deltas)}");
        AssertZoomed(start.Zoom, real.Zoom, 10, $"10 notches sent without waiting, seen as {deltas.Length} events ({string.Join(", ", deltas)})");

        // Back out in Firefox's line mode (3 lines a notch, merged in pairs), then in again with pixel events merged in pairs.
        var steps = await page.EvaluateAsync<string[]>("""
            () => {
              const c = document.querySelector('.diagram-canvas'), r = c.getBoundingClientRect();
              const at = document.elementFromPoint(r.left + 400, r.top + 300);
              const layer = () => document.querySelector('.diagram-canvas > .diagram-html-layer').style.transform;
              const wheel = (deltaY, deltaMode) => at.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY, deltaMode, clientX: r.left + 400, clientY: r.top + 300 }));
              const before = layer();
              for (let i = 0; i < 5; i++) wheel(6, WheelEvent.DOM_DELTA_LINE);
              const lines = layer();
              for (let i = 0; i < 5; i++) wheel(-200, WheelEvent.DOM_DELTA_PIXEL);
              return [before, lines, layer()];
            }
            """);
        var (before, lines, merged) = (Parse(steps[0]), Parse(steps[1]), Parse(steps[2]));
        AssertZoomed(before.Zoom, lines.Zoom, -10, "5 events of 6 lines");
        AssertZoomed(lines.Zoom, merged.Zoom, 10, "5 merged events of deltaY -200 px");
        Assert.Empty(errors);
    }

    private static void AssertZoomed(double from, double to, int notches, string what)
    {
        double expected = from * Math.Pow(1.15, notches);
        Assert.True(Math.Abs(to - expected) <= expected * 0.01, $"{what}: zoom {from:0.####} → {to:0.####}, expected {expected:0.####} (1.15^{notches})");
    }

    // A wheel notch only moves the two canvas layers: the tiles' label scale (--pm-zoom, inherited by every element, so a
    // change restyles and lays out the whole diagram) and the level of detail follow once the gesture has rested. Counted
    // with Chromium's layout counter over 10 notches, each in its own frame as a hand on a wheel gives them.
    [Fact]
    public async Task WheelNotches_LayOutNothing_UntilTheGestureRests_ThenTheLabelsFollowTheZoom()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC2")}&zoom=0.08&pan=40,40"); // 10 notches in: 0.32, tiles all along
        var diagram = page.Locator("#topology-diagram");
        await Expect(diagram).ToHaveAttributeAsync("data-lod", "tile");
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        await page.WaitForTimeoutAsync(500);

        double layoutsBefore = await LayoutCountAsync(cdp);
        var zoomLabel = await page.EvaluateAsync<string[]>("""
            async () => {
              const c = document.querySelector('.diagram-canvas'), r = c.getBoundingClientRect();
              const at = document.elementFromPoint(r.left + 400, r.top + 300);
              const frame = () => new Promise(res => requestAnimationFrame(res));
              const d = document.getElementById('topology-diagram');
              const seen = new Set();
              for (let i = 0; i < 10; i++) {
                at.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: -100, clientX: r.left + 400, clientY: r.top + 300 }));
                await frame();
                seen.add(d.style.getPropertyValue('--pm-zoom'));
              }
              await frame(); // the last notch's frame is drawn
              return [...seen];
            }
            """);
        double layoutsDuring = await LayoutCountAsync(cdp) - layoutsBefore;

        // At most one: the rest (120 ms after the last notch) may come before the count when the machine is loaded.
        Assert.True(layoutsDuring <= 1, $"{layoutsDuring} layouts during 10 wheel notches (label zooms seen: {string.Join(", ", zoomLabel)})");
        var after = Parse(await page.EvaluateAsync<string>(LayerTransform));
        Assert.InRange(after.Zoom, 0.08 * Math.Pow(1.15, 10) * 0.99, 0.08 * Math.Pow(1.15, 10) * 1.01);
        await Expect(diagram).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex(
            "--pm-zoom: *" + after.Zoom.ToString("0.0000", CultureInfo.InvariantCulture).Replace(".", "\\.", StringComparison.Ordinal)));
        await Expect(diagram).ToHaveAttributeAsync("data-lod", "tile");
        Assert.Empty(errors);
    }

    private static async Task<double> LayoutCountAsync(ICDPSession cdp)
    {
        var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics");
        return metrics.EnumerateArray().First(m => m.GetProperty("name").GetString() == "LayoutCount").GetProperty("value").GetDouble();
    }

    [Fact]
    public async Task DragTwentySteps_PansInTheBrowser_ThenTheServerLearnsThePan_AndANodeClickStillSelects()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        var sent = CountSentFrames(page);
        await OpenAsync(page, $"topology?site={SiteId("DC1")}&zoom=0.8&pan=60,40");
        var canvas = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        var before = Parse(await page.EvaluateAsync<string>(LayerTransform));
        await page.Mouse.MoveAsync(canvas.X + 20, canvas.Y + (canvas.Height / 2)); // left of the drawing: background
        await page.Mouse.DownAsync();
        int framesBefore = sent();

        await page.Mouse.MoveAsync(canvas.X + 220, canvas.Y + (canvas.Height / 2) + 60, new() { Steps = 20 });
        int framesDuring = sent() - framesBefore;
        await page.Mouse.UpAsync();
        var after = Parse(await page.EvaluateAsync<string>(LayerTransform));

        Assert.InRange(after.X - before.X, 199, 201);
        Assert.InRange(after.Y - before.Y, 59, 61);
        Assert.Equal(before.Zoom, after.Zoom);
        Assert.True(framesDuring <= 2, $"{framesDuring} frames sent to the server during a 20-step drag");
        await UrlViewportAsync(page, (_, x, y) => Math.Abs(x - after.X) < 1 && Math.Abs(y - after.Y) < 1);

        // A node still takes a click (the press is not a pan): it is selected and traced.
        var server = page.Locator(".diagram-node[data-node-id='device:" + Inst.DeviceByName[(SiteId("DC1"), "Server")].Id + "']");
        await server.ClickAsync();
        await Expect(page.Locator("#node-panel-title")).ToHaveTextAsync("Server");
        Assert.Empty(errors);
    }

    // A deep link to a PDU of the real-size site: the PDU and its whole trace (feed, panel, devices' aggregates) are in
    // view, clear of the side panel (a bottom sheet on a phone), at a desktop and a phone size.
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task DeepLinkToANode_OpensWithTheNodeAndItsTraceInView(int width, int height)
    {
        var (context, page, errors) = await app.NewPageAsync(width, height);
        await using var _ = context;
        int site = SiteId("DC2");
        var pdu = PowerMap.Core.Layout.TopologyView.Build(Inst, new PowerMap.Core.Layout.TopologyViewOptions { SiteId = site }, app.Topology.Current.Report).Nodes
            .Where(n => n.Kind == PowerMap.Core.Layout.NodeKind.Distribution).OrderBy(n => n.Id, StringComparer.Ordinal).Skip(30).First();

        await OpenAsync(page, $"topology?site={site}&node={pdu.Id}");
        await Expect(page.Locator("#node-panel-title")).ToHaveTextAsync(pdu.Label);
        await page.WaitForTimeoutAsync(1000); // the side panel slides in; the trace is fitted again to the resized canvas

        var visible = await VisibleAreaAsync(page);
        var traced = page.Locator(".diagram-node:has(.pm-node.pm-selected), .diagram-node:has(.pm-node[class*='pm-trace-'])");
        int count = await traced.CountAsync();
        Assert.True(count >= 3, $"{count} traced nodes"); // the PDU, its feed and its panel at least
        for (int i = 0; i < count; i++)
        {
            var box = (await traced.Nth(i).BoundingBoxAsync())!;
            string id = await traced.Nth(i).GetAttributeAsync("data-node-id") ?? "?";
            Assert.True(box.X >= visible.Left - 1 && box.X + box.Width <= visible.Right + 1 && box.Y >= visible.Top - 1 && box.Y + box.Height <= visible.Bottom + 1,
                $"{id} at ({box.X:N0}, {box.Y:N0}, {box.Width:N0} × {box.Height:N0}) is outside the visible area {visible} at {width} × {height}");
        }
        await AppServerFixture.ScreenshotAsync(page, $"topology-deep-link-{width}x{height}");

        // The toolbar's "fit selection" centres the PDU itself.
        await page.Locator("#fit-selection").ClickAsync();
        var node = page.Locator($".diagram-node[data-node-id='{pdu.Id}']");
        await Expect(node).ToBeVisibleAsync();
        var canvas = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        await page.WaitForTimeoutAsync(300);
        var nodeBox = (await node.BoundingBoxAsync())!;
        Assert.InRange(nodeBox.X + (nodeBox.Width / 2), canvas.X, canvas.X + canvas.Width);
        Assert.True(nodeBox.Width > 100, $"fit selection drew the PDU {nodeBox.Width:N0} px wide"); // about 100 %
        Assert.Empty(errors);
    }

    /// <summary>The canvas' rectangle on screen, less what the side panel covers when it lies over it (the phone's bottom sheet).</summary>
    private static async Task<(double Left, double Top, double Right, double Bottom)> VisibleAreaAsync(IPage page)
    {
        var c = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        double left = c.X, top = c.Y, right = c.X + c.Width, bottom = c.Y + c.Height;
        var side = await page.Locator("#topology-side").BoundingBoxAsync();
        if (side is not null && side.Width > 0)
        {
            if (side.X <= left + 1 && side.Y > top && side.Y < bottom)
            {
                bottom = side.Y; // a bottom sheet over the lower part
            }
            else if (side.X > left && side.X < right)
            {
                right = side.X; // a side panel over the right edge
            }
        }
        return (left, top, right, bottom);
    }

    // "Current view" export: the PNG is the canvas' viewport of the drawing (canvas size / zoom, drawn at 2×), not the whole site.
    [Fact]
    public async Task CurrentViewPng_IsTheCanvasViewport_NotTheWholeSite()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC2")}&zoom=0.8&pan=-300,-200");
        var canvas = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        var layer = Parse(await page.EvaluateAsync<string>(LayerTransform));
        Assert.InRange(layer.Zoom, 0.79, 0.81);

        var view = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-view-png").ClickAsync());
        var whole = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-png").ClickAsync());
        byte[] viewPng = await File.ReadAllBytesAsync(await view.PathAsync()), wholePng = await File.ReadAllBytesAsync(await whole.PathAsync());

        Assert.EndsWith("-view.png", view.SuggestedFilename, StringComparison.Ordinal);
        var (w, h) = PngSize(viewPng);
        Assert.InRange(w, (2 * canvas.Width / 0.8) - 3, (2 * canvas.Width / 0.8) + 3);
        Assert.InRange(h, (2 * canvas.Height / 0.8) - 3, (2 * canvas.Height / 0.8) + 3);
        var (ww, wh) = PngSize(wholePng);
        Assert.True(ww > w && wh > h, $"whole site {ww}×{wh} px, view {w}×{h} px");
        File.Copy(await view.PathAsync(), Path.Combine(AppServerFixture.ScreenshotDirectory, "topology-export-current-view.png"), overwrite: true);
        Assert.Empty(errors);
    }

    /// <summary>Width and height from a PNG's IHDR chunk (big-endian, bytes 16–23).</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    // While a node is traced: the toolbar's SVG is a clean drawing (no dimming), the side panel's "SVG with trace" keeps the
    // trace; printing fits the whole site under a header with the site, the date and the trace list.
    [Fact]
    public async Task TracedNode_ExportsWithoutDimmingUnlessAsked_AndPrintFitsTheSiteUnderAHeader()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        int site = SiteId("DC2");
        var pdu = PowerMap.Core.Layout.TopologyView.Build(Inst, new PowerMap.Core.Layout.TopologyViewOptions { SiteId = site }, app.Topology.Current.Report).Nodes
            .Where(n => n.Kind == PowerMap.Core.Layout.NodeKind.Distribution).OrderBy(n => n.Id, StringComparer.Ordinal).Skip(30).First();
        await OpenAsync(page, $"topology?site={site}&node={pdu.Id}");
        await Expect(page.Locator("#node-panel-title")).ToHaveTextAsync(pdu.Label);

        var clean = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-svg").ClickAsync());
        string cleanSvg = await File.ReadAllTextAsync(await clean.PathAsync());
        var traced = await page.RunAndWaitForDownloadAsync(() => page.Locator("#node-panel-export-trace").ClickAsync());
        string tracedSvg = await File.ReadAllTextAsync(await traced.PathAsync());
        Assert.DoesNotContain("class=\"dim\"", cleanSvg, StringComparison.Ordinal);
        Assert.DoesNotContain(" sel\"", cleanSvg, StringComparison.Ordinal);
        Assert.Contains("class=\"dim\"", tracedSvg, StringComparison.Ordinal);
        // The PNGs: the side panel's keeps the trace (so it differs from the toolbar's clean one), both named alike.
        var cleanPng = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-png").ClickAsync());
        var tracedPng = await page.RunAndWaitForDownloadAsync(() => page.Locator("#node-panel-export-trace-png").ClickAsync());
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal($"powermap-dc2-{today}.png", tracedPng.SuggestedFilename);
        byte[] cleanBytes = await File.ReadAllBytesAsync(await cleanPng.PathAsync()), tracedBytes = await File.ReadAllBytesAsync(await tracedPng.PathAsync());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], tracedBytes[..4]);
        Assert.NotEqual(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(cleanBytes)), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(tracedBytes)));
        File.Copy(await tracedPng.PathAsync(), Path.Combine(AppServerFixture.ScreenshotDirectory, "topology-export-with-trace.png"), overwrite: true);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var header = page.Locator("#topology-print-header");
        await Expect(header).ToBeVisibleAsync();
        await Expect(header.Locator("h1")).ToContainTextAsync("DC2");
        await Expect(header.Locator("h1")).ToContainTextAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(header).ToContainTextAsync("Trace of " + pdu.Label);
        await Expect(page.Locator("#topology-diagram")).ToHaveAttributeAsync("data-print-zoom", new System.Text.RegularExpressions.Regex(@"^0\.\d+$"));
        await page.WaitForTimeoutAsync(1000); // the printed canvas' size reaches the server, which re-renders the layers
        // Every node of the site is inside the printed canvas.
        var canvas = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        var outside = await page.EvaluateAsync<int>("""
            ([l, t, r, b]) => [...document.querySelectorAll('.diagram-html-layer > .diagram-node')]
              .map(n => n.getBoundingClientRect()).filter(x => x.left < l - 1 || x.top < t - 1 || x.right > r + 1 || x.bottom > b + 1).length
            """, new[] { canvas.X, canvas.Y, canvas.X + canvas.Width, canvas.Y + canvas.Height });
        Assert.Equal(0, outside);
        await AppServerFixture.ScreenshotAsync(page, "topology-print-fitted");

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(page.Locator("#topology-diagram")).Not.ToHaveAttributeAsync("data-print-zoom", new System.Text.RegularExpressions.Regex(".*"));
        Assert.Empty(errors);
    }

    // Level of detail: DC2 fitted at 1280 × 800 (zoom ≈ 0.26) shows compact tiles whose names read at about 10 px on screen
    // and fit their tile; at 0.6 the full cards (numbers and bar) are back. The DOM stays within its budget either way.
    [Fact]
    public async Task FittedDc2_ShowsNamedTilesReadableOnScreen_CardsAtHigherZoom()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        int site = SiteId("DC2");
        await OpenAsync(page, $"topology?site={site}");
        await page.Locator("#zoom-fit").ClickAsync();
        var diagram = page.Locator("#topology-diagram");
        await Expect(diagram).ToHaveAttributeAsync("data-lod", "tile");

        // On-screen size of each tile's name (its font × the zoom) and whether it fits its tile without an ellipsis.
        var tiles = await page.EvaluateAsync<double[][]>("""
            () => {
              const zoom = parseFloat(getComputedStyle(document.getElementById('topology-diagram')).getPropertyValue('--pm-zoom'));
              const ctx = document.createElement('canvas').getContext('2d');
              return [...document.querySelectorAll('.diagram-html-layer .pm-node > .pm-node-name')].map(n => {
                const cs = getComputedStyle(n, '::before');
                ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
                const text = n.dataset.tile || '';
                return [parseFloat(cs.fontSize) * zoom, ctx.measureText(text).width <= n.clientWidth + 0.5 ? 1 : 0, text.length, zoom];
              });
            }
            """);
        Assert.True(tiles.Length > 300, $"{tiles.Length} tiles");
        Assert.InRange(tiles[0][3], 0.25, 0.4);
        Assert.All(tiles, t => Assert.InRange(t[0], 9, 12));
        double fitting = tiles.Count(t => t[1] == 1) / (double)tiles.Length;
        Assert.True(fitting >= 0.95, $"only {fitting:P0} of the tile names fit their tile");
        Assert.True(await page.Locator(".pm-node-nums").First.IsHiddenAsync(), "numbers are hidden on tiles");
        int elements = await page.EvaluateAsync<int>("() => document.querySelectorAll('#topology-diagram *').length"); // the benchmark's measure
        Assert.True(elements <= 3000, $"{elements} DOM elements");
        await AppServerFixture.ScreenshotAsync(page, "topology-dc2-tiles-fit");

        await OpenAsync(page, $"topology?site={site}&zoom=0.6&pan=20,20");
        await Expect(diagram).ToHaveAttributeAsync("data-lod", "card");
        await Expect(page.Locator(".diagram-html-layer .pm-node-nums").First).ToBeVisibleAsync();
        await AppServerFixture.ScreenshotAsync(page, "topology-dc2-cards-0.6");

        // The wheel crosses the threshold in the browser: tiles again without waiting for the server.
        var box = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 400, box.Y + 300);
        for (int i = 0; i < 4; i++)
        {
            await page.Mouse.WheelAsync(0, 100);
        }
        await Expect(diagram).ToHaveAttributeAsync("data-lod", "tile");
        Assert.Empty(errors);
    }

    // Two fingers moving apart zoom in around their midpoint (touch pointers as the browser sends them).
    [Fact]
    public async Task PinchOut_ZoomsInAroundTheFingers_ThenTheServerLearnsTheZoom()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC2")}&zoom=0.3&pan=40,40");
        var before = Parse(await page.EvaluateAsync<string>(LayerTransform));

        await page.EvaluateAsync("""
            () => {
              const c = document.querySelector('.diagram-canvas');
              const r = c.getBoundingClientRect();
              const at = (id, type, x) => c.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: id, pointerType: 'touch', isPrimary: id === 1, clientX: r.left + x, clientY: r.top + 300 }));
              at(1, 'pointerdown', 350); at(2, 'pointerdown', 450);            // 100 px apart around x = 400
              for (let i = 1; i <= 10; i++) { at(1, 'pointermove', 350 - i * 5); at(2, 'pointermove', 450 + i * 5); } // 200 px apart
              at(1, 'pointerup', 300); at(2, 'pointerup', 500);
            }
            """);
        var after = Parse(await page.EvaluateAsync<string>(LayerTransform));

        Assert.InRange(after.Zoom, (before.Zoom * 2) - 0.01, (before.Zoom * 2) + 0.01);
        double wx = (400 - before.X) / before.Zoom; // the drawing point between the fingers stays between them
        Assert.InRange((wx * after.Zoom) + after.X, 399, 401);
        await UrlViewportAsync(page, (z, _, _) => Math.Abs(z - after.Zoom) < 0.002);
        Assert.Empty(errors);
    }
}

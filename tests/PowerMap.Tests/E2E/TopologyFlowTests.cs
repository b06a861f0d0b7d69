using Microsoft.Playwright;
using PowerMap.Core.Dcim;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// /topology in a real Chromium on the demo data: the seed diagram with its numbers, a trace, a live edit from
// elsewhere, semantic zoom on the generated site, search and export. Data changed here is put back.
[Collection(BrowserCollection.Name)]
public class TopologyFlowTests(AppServerFixture app)
{
    private Installation Inst => app.Topology.Current.Installation;

    private int SiteId(string name) => Inst.SiteByName[name].Id;

    private Device SeedDevice(string name) => Inst.DeviceByName[(SiteId("DC1"), name)];

    private string FeedNode(string name) =>
        "feed:" + Inst.FeedByName[(Inst.PanelByName[(SiteId("DC1"), "Panel 1")].Id, name)].Id;

    private string DeviceNode(string name) => "device:" + SeedDevice(name).Id;

    private static ILocator Node(IPage page, string nodeId) => page.Locator($".diagram-node[data-node-id='{nodeId}']");

    /// <summary>Opens /topology and waits until the diagram is interactive and every link is drawn.</summary>
    private async Task OpenAsync(IPage page, string relativeUrl = "topology")
    {
        await app.GotoAsync(page, relativeUrl);
        var diagram = page.Locator("#topology-diagram");
        await Expect(diagram).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 20000 });
        int links = int.Parse(await diagram.GetAttributeAsync("data-link-count") ?? "0");
        await Expect(page.Locator("#topology-diagram g.diagram-link")).ToHaveCountAsync(links);
    }

    [Fact]
    public async Task Topology_SeedSite_ShowsTheSeedNodesWithTheirNumbers()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;

        await OpenAsync(page);

        await Expect(page.Locator("#topology-diagram .diagram-node .pm-node")).ToHaveCountAsync(7);
        await Expect(page.Locator("#topology-diagram g.diagram-link")).ToHaveCountAsync(8);
        foreach (var feed in new[] { "Feed 1", "Feed 2" })
        {
            await Expect(Node(page, FeedNode(feed)).Locator(".pm-node-nums")).ToHaveTextAsync("470 VA / 2944 VA");
            await Expect(Node(page, FeedNode(feed)).Locator(".pm-node-bar")).ToHaveTextAsync("16.0 %");
        }
        await Expect(Node(page, DeviceNode("Server")).Locator(".pm-node-nums")).ToHaveTextAsync("700 W total");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Site" })).ToContainTextAsync("DC1");
        await AppServerFixture.ScreenshotAsync(page, "topology-1-seed");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ClickingTheServer_HighlightsBothPathsAndListsThemHopByHop()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page);

        await Node(page, DeviceNode("Server")).ClickAsync();

        await Expect(page.Locator("#node-panel-title")).ToHaveTextAsync("Server");
        await Expect(Node(page, DeviceNode("Server")).Locator(".pm-node")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pm-selected"));
        await Expect(Node(page, FeedNode("Feed 1")).Locator(".pm-node")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pm-trace-a"));
        await Expect(Node(page, DeviceNode("PDU1")).Locator(".pm-node")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pm-trace-a"));
        await Expect(Node(page, FeedNode("Feed 2")).Locator(".pm-node")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pm-trace-b"));
        await Expect(Node(page, DeviceNode("PDU2")).Locator(".pm-node")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pm-trace-b"));
        await Expect(page.Locator("path.pm-link.pm-trace-a")).ToHaveCountAsync(3);
        await Expect(page.Locator("path.pm-link.pm-trace-b")).ToHaveCountAsync(3);
        await Expect(Node(page, DeviceNode("Router")).Locator(".pm-node")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pm-on-trace"));
        // The two paths are drawn in different colours.
        string a = await page.Locator("path.pm-link.pm-trace-a").First.EvaluateAsync<string>("e => getComputedStyle(e).stroke");
        string b = await page.Locator("path.pm-link.pm-trace-b").First.EvaluateAsync<string>("e => getComputedStyle(e).stroke");
        Assert.NotEqual(a, b);
        var chains = page.Locator(".pm-chain");
        await Expect(chains).ToHaveCountAsync(2);
        await Expect(chains.Nth(0)).ToContainTextAsync("PDU1 · Outlet 1");
        await Expect(chains.Nth(0)).ToContainTextAsync("headroom 2474 VA");
        await Expect(chains.Nth(1)).ToContainTextAsync("PDU2 · Outlet 1");
        Assert.Contains("node=" + DeviceNode("Server"), page.Url, StringComparison.Ordinal);

        await Expect(page.Locator("#node-panel-close")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500); // the side panel slides in
        await AppServerFixture.ScreenshotAsync(page, "topology-2-trace-server");
        if (Environment.GetEnvironmentVariable("POWERMAP_DOCS_SCREENSHOTS") == "1")
        {
            // The README's screenshot; written on request only, so that test runs leave docs/ alone.
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot(), "docs", "topology-trace.png") });
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task DrawEditElsewhere_UpdatesPdu1AndFeed1WithoutReloadOrViewportReset()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        var (otherContext, other, otherErrors) = await app.NewPageAsync();
        await using var __ = otherContext;
        await OpenAsync(page, $"topology?site={SiteId("DC1")}&zoom=0.8&pan=60,40");
        await OpenAsync(other);
        await page.EvaluateAsync("() => window.__powermapNoReload = true");
        string transform = await page.Locator(".diagram-html-layer").GetAttributeAsync("style") ?? "";
        Assert.Contains("translate(60px, 40px) scale(0.8)", transform, StringComparison.Ordinal);

        const string Positions = "() => [...document.querySelectorAll('.diagram-node')].map(n => n.getAttribute('data-node-id') + '@' + n.getAttribute('style')).sort().join('|')";
        string positions = await page.EvaluateAsync<string>(Positions);
        var psu1 = Inst.PortByName[(SeedDevice("Server").Id, "PSU1")];
        var original = (psu1.AllocatedDrawWatts, psu1.MaximumDrawWatts);
        try
        {
            var result = await app.Store.SaveAsync(CopyOf(psu1, allocated: 500), psu1.Version);
            Assert.True(result.IsOk, result.Message);

            foreach (var p in new[] { page, other })
            {
                await Expect(Node(p, FeedNode("Feed 1")).Locator(".pm-node-nums")).ToHaveTextAsync("620 VA / 2944 VA");
                await Expect(Node(p, DeviceNode("PDU1")).Locator(".pm-node-nums")).ToHaveTextAsync("620 VA / 2944 VA");
                await Expect(Node(p, FeedNode("Feed 2")).Locator(".pm-node-nums")).ToHaveTextAsync("470 VA / 2944 VA");
            }
            await Expect(Node(page, FeedNode("Feed 1")).Locator(".pm-node-bar")).ToHaveTextAsync("21.1 %");
            Assert.True(await page.EvaluateAsync<bool>("() => window.__powermapNoReload === true"));
            Assert.Equal(transform, await page.Locator(".diagram-html-layer").GetAttributeAsync("style"));
            Assert.Equal(positions, await page.EvaluateAsync<string>(Positions)); // new numbers move no node
            await AppServerFixture.ScreenshotAsync(page, "topology-3-live-edit");
        }
        finally
        {
            var now = Inst.PortById[psu1.Id];
            await app.Store.SaveAsync(CopyOf(now, original.AllocatedDrawWatts, original.MaximumDrawWatts));
        }
        await Expect(Node(page, FeedNode("Feed 1")).Locator(".pm-node-nums")).ToHaveTextAsync("470 VA / 2944 VA");
        Assert.Empty(errors);
        Assert.Empty(otherErrors);
    }

    [Fact]
    public async Task GeneratedSite_ExpandAndCollapseAPdu()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page);

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Site" }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "DC2" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"site={SiteId("DC2")}"));
        var diagram = page.Locator("#topology-diagram");
        await Expect(Node(page, FeedNode("Feed 1"))).ToHaveCountAsync(0);
        await Expect(diagram).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("#topology-diagram g.diagram-link")).ToHaveCountAsync(int.Parse(await diagram.GetAttributeAsync("data-link-count") ?? "0"));
        int overview = int.Parse(await diagram.GetAttributeAsync("data-node-count") ?? "0");
        Assert.InRange(overview, 20, 400);
        await AppServerFixture.ScreenshotAsync(page, "topology-4-dc2-overview");

        // A PDU on screen with hidden devices, the lowest one (its devices go below it): select it, then use its expand toggle.
        var collapsedPdus = PowerMap.Core.Layout.TopologyView.Build(Inst, new() { SiteId = SiteId("DC2") })
            .Nodes.Where(n => n.Kind == PowerMap.Core.Layout.NodeKind.Distribution && !n.IsExpanded).Select(n => n.Id).ToArray();
        string pdu = await page.EvaluateAsync<string>(@"ids => {
            const frame = document.querySelector('#topology-diagram').getBoundingClientRect();
            const inside = [...document.querySelectorAll('.diagram-node')].filter(n => {
                const r = n.getBoundingClientRect();
                return ids.includes(n.getAttribute('data-node-id')) && r.left > frame.left + 20 && r.right < frame.right - 420 && r.top > frame.top + 20 && r.bottom < frame.bottom - 60;
            });
            inside.sort((a, b) => b.getBoundingClientRect().bottom - a.getBoundingClientRect().bottom);
            return inside[0].getAttribute('data-node-id');
        }", collapsedPdus);
        var shownBefore = await NodeIdsAsync(page);
        await Node(page, pdu).ClickAsync();
        await Expect(page.Locator("#node-panel")).ToHaveAttributeAsync("data-node-id", pdu);
        await StableBoxAsync(Node(page, pdu));
        // The whole site is fitted (far zoom: the node's own toggle is hidden with its texts): the side panel expands.
        await page.Locator("#node-panel-expand").ClickAsync();

        await Expect(diagram).Not.ToHaveAttributeAsync("data-node-count", overview.ToString());
        int expanded = int.Parse(await diagram.GetAttributeAsync("data-node-count") ?? "0");
        Assert.True(expanded > overview, $"{expanded} nodes after expanding, {overview} before");
        Assert.Contains("expand=" + pdu, page.Url, StringComparison.Ordinal);
        await Expect(Node(page, pdu).Locator(".pm-node-toggle")).ToHaveAttributeAsync("data-toggle", "collapse");
        // Its devices are brought into view (panned, zoomed out only if they do not fit), the PDU stays on screen.
        await StableBoxAsync(Node(page, pdu));
        var added = (await NodeIdsAsync(page)).Except(shownBefore).ToList();
        Assert.NotEmpty(added);
        var area = await VisibleAreaAsync(page);
        foreach (string id in added.Append(pdu))
        {
            var box = (await Node(page, id).BoundingBoxAsync())!;
            Assert.True(box.X >= area.Left - 1 && box.X + box.Width <= area.Right + 1 && box.Y >= area.Top - 1 && box.Y + box.Height <= area.Bottom + 1,
                $"{id} at ({box.X:N0}, {box.Y:N0}, {box.Width:N0} × {box.Height:N0}) is outside the visible canvas {area} after expanding {pdu}");
        }
        await AppServerFixture.ScreenshotAsync(page, "topology-5-dc2-pdu-expanded");

        await page.Locator("#node-panel-collapse").ClickAsync();

        await Expect(diagram).ToHaveAttributeAsync("data-node-count", overview.ToString());
        await Expect(Node(page, pdu).Locator(".pm-node-toggle")).ToHaveAttributeAsync("data-toggle", "expand");
        await AppServerFixture.ScreenshotAsync(page, "topology-6-dc2-pdu-collapsed");
        Assert.Empty(errors);
    }

    // DC2 (78 racks, 341 nodes in the overview) at 1280 × 800: "zoom to fit" shows the whole site at zoom ≥ 0.25, racks
    // framed and labelled, every node inside the canvas.
    [Fact]
    public async Task GeneratedSite_FitsOneScreenAtAQuarterZoomOrMore()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC2")}");

        await page.Locator("#zoom-fit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("zoom="), new() { Timeout = 10000 });
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        double zoom = double.Parse(query["zoom"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(zoom >= 0.25, $"fit zoom {zoom}");
        var canvas = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        var outside = await page.EvaluateAsync<int>(@"c => [...document.querySelectorAll('.diagram-node .pm-node')].filter(n => {
            const r = n.getBoundingClientRect();
            return r.left < c.x - 1 || r.right > c.x + c.width + 1 || r.top < c.y - 1 || r.bottom > c.y + c.height + 1;
        }).length", new { x = canvas.X, y = canvas.Y, width = canvas.Width, height = canvas.Height });
        Assert.Equal(0, outside);
        await Expect(page.Locator(".pm-group-rack")).ToHaveCountAsync(78);
        await Expect(page.Locator("#topology-diagram")).ToHaveAttributeAsync("data-lod", "tile"); // named tiles at this zoom
        await page.Mouse.MoveAsync(640, 790); // off the toolbar: the "Zoom to fit" tooltip fades
        await Expect(page.Locator(".mud-tooltip.mud-popover-open")).ToHaveCountAsync(0);
        await AppServerFixture.ScreenshotAsync(page, "topology-dc2-fit");
        if (Environment.GetEnvironmentVariable("POWERMAP_DOCS_SCREENSHOTS") == "1")
        {
            // The README's "DC2 on one screen"; written on request only, so that test runs leave docs/ alone.
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot(), "docs", "img", "topology-dc2-fit.png") });
        }
        Assert.Empty(errors);
    }

    // DC2 has one feed over 100 %: "jump to worst" selects it in one click and centres it; a second click moves on.
    [Fact]
    public async Task GeneratedSite_JumpToWorst_FindsTheOverloadedFeedInOneClick()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC2")}");
        var report = app.Topology.Current.Report;
        var overloaded = Inst.PowerFeeds.Where(f => Inst.PanelById[f.PowerPanelId].SiteId == SiteId("DC2"))
            .Single(f => report.Feed(f.Id)?.Utilization?.Percent > 100);

        await page.Locator("#jump-worst").ClickAsync();

        await Expect(page.Locator("#node-panel-title")).ToHaveTextAsync(overloaded.Name);
        var node = Node(page, "feed:" + overloaded.Id);
        var box = await node.BoundingBoxAsync();
        var canvas = await page.Locator(".diagram-canvas").BoundingBoxAsync();
        Assert.InRange(box!.X + (box.Width / 2), canvas!.X + (canvas.Width / 2) - 60, canvas.X + (canvas.Width / 2) + 60);
        await AppServerFixture.ScreenshotAsync(page, "topology-dc2-worst");

        await page.Locator("#jump-worst").ClickAsync();

        await Expect(page.Locator("#node-panel-title")).Not.ToHaveTextAsync(overloaded.Name);
        Assert.Empty(errors);
    }

    // Keyboard only: Tab moves from node to node (focus ring), Enter traces the focused node.
    [Fact]
    public async Task TabReachesANode_EnterTracesIt()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC1")}");
        await page.Locator(".pm-toolbar .pm-search input").FocusAsync();

        // From the toolbar's search box, Tab goes through the toolbar's buttons into the diagram: the first node is Panel 1.
        var path = new List<string>();
        for (int i = 0; i < 25 && !await page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('.diagram-node')"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            path.Add(await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? (e.id || e.getAttribute('aria-label') || e.tagName) : 'none'; }"));
        }
        string? first = await page.EvaluateAsync<string?>("() => document.activeElement?.closest('.diagram-node')?.getAttribute('data-node-id')");
        Assert.True(first == "panel:" + Inst.PanelByName[(SiteId("DC1"), "Panel 1")].Id, $"Tab went {string.Join(" → ", path)}");
        // The focus ring is drawn (keyboard focus: :focus-visible).
        var ring = await page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }");
        Assert.Equal("solid", ring[0]);
        Assert.True(double.Parse(ring[1].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 2, $"outline {string.Join(" ", ring)}");
        await AppServerFixture.ScreenshotAsync(page, "topology-keyboard-focus");

        await page.Keyboard.PressAsync("Tab");

        string? focused = await page.EvaluateAsync<string?>("() => document.activeElement?.closest('.diagram-node')?.getAttribute('data-node-id')");
        Assert.NotNull(focused);
        Assert.StartsWith("feed:", focused, StringComparison.Ordinal);
        string name = (await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"))!;
        Assert.Matches(@"^Feed Feed \d, \d+ of \d+ VA, \d+\.\d %, normal$", name);

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#node-panel")).ToHaveAttributeAsync("data-node-id", focused);
        await Expect(Node(page, focused).Locator(".pm-node")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pm-selected"));
        await AppServerFixture.ScreenshotAsync(page, "topology-keyboard");
        Assert.Empty(errors);
    }

    // Arrow keys on a focused node move the focus to the node beside, above or below it, and do not pan the diagram.
    [Fact]
    public async Task ArrowKeysOnAFocusedNode_MoveTheFocusBetweenNodes_WithoutPanning()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC1")}");
        string panel = "panel:" + Inst.PanelByName[(SiteId("DC1"), "Panel 1")].Id;
        await Node(page, panel).Locator(".pm-node").FocusAsync();
        const string Focused = "() => document.activeElement?.closest('.diagram-node')?.getAttribute('data-node-id')";
        const string Transform = "() => document.querySelector('.diagram-canvas > .diagram-html-layer').style.transform";
        string before = await page.EvaluateAsync<string>(Transform);

        await page.Keyboard.PressAsync("ArrowDown");
        string? below = await page.EvaluateAsync<string?>(Focused);
        Assert.StartsWith("feed:", below, StringComparison.Ordinal);

        await page.Keyboard.PressAsync("ArrowRight");
        string? beside = await page.EvaluateAsync<string?>(Focused);
        Assert.StartsWith("feed:", beside, StringComparison.Ordinal);
        Assert.NotEqual(below, beside);

        await page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal(below, await page.EvaluateAsync<string?>(Focused));
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.Equal(panel, await page.EvaluateAsync<string?>(Focused));
        await page.WaitForTimeoutAsync(300);
        Assert.Equal(before, await page.EvaluateAsync<string>(Transform));
        Assert.Empty(errors);
    }

    // A phone (390 × 844): selecting a node opens the side panel as a bottom sheet, whole width, nothing cut off.
    [Fact]
    public async Task Phone_SidePanelIsAFullWidthBottomSheet()
    {
        var (context, page, errors) = await app.NewPageAsync(390, 844);
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC1")}&node={DeviceNode("Server")}");

        var panel = page.Locator("#topology-side");
        await Expect(page.Locator("#node-panel-title")).ToHaveTextAsync("Server");
        var box = (await panel.BoundingBoxAsync())!;
        Assert.InRange(box.X, -1, 1);
        Assert.InRange(box.Width, 388, 391);
        Assert.InRange(box.Y + box.Height, 843, 845);
        Assert.True(box.Y > 300, $"sheet top at {box.Y}");
        int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"page is {scrollWidth} px wide");
        await AppServerFixture.ScreenshotAsync(page, "topology-phone");
        Assert.Empty(errors);
    }

    // The wheel zooms the standard way: up (negative deltaY) zooms in, down zooms out, about 15 % a notch.
    [Fact]
    public async Task WheelUp_ZoomsIn_WheelDown_ZoomsOut()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC1")}&zoom=0.8&pan=60,40");
        var canvas = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(canvas.X + (canvas.Width / 2), canvas.Y + (canvas.Height / 2));

        await page.Mouse.WheelAsync(0, -100);

        double zoomedIn = await ZoomInUrlAsync(page, z => z > 0.8);
        Assert.InRange(zoomedIn, 0.8 * 1.1, 0.8 * 1.2);

        await page.Mouse.WheelAsync(0, 100);
        await page.Mouse.WheelAsync(0, 100);

        double zoomedOut = await ZoomInUrlAsync(page, z => z < 0.8);
        Assert.InRange(zoomedOut, 0.8 / 1.2, 0.8 / 1.1);
        Assert.Empty(errors);
    }

    /// <summary>The box once it stopped moving (the side panel slides in and the canvas re-centres meanwhile).</summary>
    private static async Task<string[]> NodeIdsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.diagram-html-layer > .diagram-node[data-node-id]')].map(n => n.getAttribute('data-node-id'))");

    /// <summary>The canvas on screen less the legend's band at the bottom (what the legend covers is not in view).</summary>
    private static async Task<(double Left, double Top, double Right, double Bottom)> VisibleAreaAsync(IPage page)
    {
        var c = (await page.Locator(".diagram-canvas").BoundingBoxAsync())!;
        var legend = await page.Locator(".pm-legend").BoundingBoxAsync();
        double bottom = legend is null ? c.Y + c.Height : Math.Min(c.Y + c.Height, legend.Y);
        return (c.X, c.Y, c.X + c.Width, bottom);
    }

    private static async Task<LocatorBoundingBoxResult?> StableBoxAsync(ILocator locator)
    {
        var last = await locator.BoundingBoxAsync();
        for (int i = 0; i < 30; i++)
        {
            await locator.Page.WaitForTimeoutAsync(150);
            var now = await locator.BoundingBoxAsync();
            if (now is not null && last is not null && Math.Abs(now.X - last.X) < 0.5 && Math.Abs(now.Y - last.Y) < 0.5)
            {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static async Task<double> ZoomInUrlAsync(IPage page, Func<double, bool> expected)
    {
        for (int i = 0; i < 50; i++)
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(page.Url).Query);
            if (query.TryGetValue("zoom", out var z) && double.Parse(z!, System.Globalization.CultureInfo.InvariantCulture) is var zoom && expected(zoom))
            {
                return zoom;
            }
            await page.WaitForTimeoutAsync(100);
        }
        Assert.Fail($"zoom in the URL never matched: {page.Url}");
        return 0;
    }

    [Fact]
    public async Task Search_JumpsToAHiddenDeviceAndSelectsIt()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page, $"topology?site={SiteId("DC2")}");
        var target = Inst.Devices.Where(d => d.SiteId == SiteId("DC2") && d.Name.Contains("-SRV-", StringComparison.Ordinal))
            .OrderBy(d => d.Id).Skip(25).First();
        await Expect(Node(page, "device:" + target.Id)).ToHaveCountAsync(0);

        await page.Locator(".pm-search input").FillAsync(target.Name);
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = target.Name }).First.ClickAsync();

        await Expect(page.Locator("#node-panel-title")).ToHaveTextAsync(target.Name);
        var node = Node(page, "device:" + target.Id);
        await Expect(node).ToHaveCountAsync(1);
        await Expect(node.Locator(".pm-node")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pm-selected"));
        // Centred: the node's middle is near the canvas' middle.
        var box = await node.BoundingBoxAsync();
        var canvas = await page.Locator(".diagram-canvas").BoundingBoxAsync();
        Assert.InRange(box!.X + (box.Width / 2), canvas!.X + (canvas.Width / 2) - 60, canvas.X + (canvas.Width / 2) + 60);
        Assert.Contains("expand=device:" + target.Id, page.Url, StringComparison.Ordinal);
        await AppServerFixture.ScreenshotAsync(page, "topology-7-search");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Export_DownloadsTheViewAsSvgAndPng()
    {
        var (context, page, errors) = await app.NewPageAsync();
        await using var _ = context;
        await OpenAsync(page);

        var svg = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-svg").ClickAsync());
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"powermap-dc1-{today}.svg", svg.SuggestedFilename);
        string text = await File.ReadAllTextAsync(await svg.PathAsync());
        Assert.StartsWith("<svg", text, StringComparison.Ordinal);
        Assert.Contains("Feed 1", text, StringComparison.Ordinal);
        Assert.Contains("470 VA / 2944 VA", text, StringComparison.Ordinal);

        var png = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-png").ClickAsync());
        Assert.Equal($"powermap-dc1-{today}.png", png.SuggestedFilename);
        Assert.Contains("class=\"grp\"", text, StringComparison.Ordinal); // rack and site frames are drawn
        var bytes = await File.ReadAllBytesAsync(await png.PathAsync());
        Assert.True(bytes.Length > 1000, $"PNG of {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        File.Copy(await png.PathAsync(), Path.Combine(AppServerFixture.ScreenshotDirectory, "topology-8-export.png"), overwrite: true);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(page.Locator(".pm-toolbar")).ToBeHiddenAsync();
        await Expect(page.Locator("#topology-legend")).ToBeVisibleAsync();
        await AppServerFixture.ScreenshotAsync(page, "topology-9-print");
        Assert.Empty(errors);
    }

    private static PowerPort CopyOf(PowerPort p, int? allocated, int? maximum = null) => new()
    {
        Id = p.Id,
        Version = p.Version,
        DeviceId = p.DeviceId,
        Name = p.Name,
        Label = p.Label,
        Type = p.Type,
        AllocatedDrawWatts = allocated,
        MaximumDrawWatts = maximum ?? p.MaximumDrawWatts,
        MarkConnected = p.MarkConnected,
        Description = p.Description,
    };

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

// axe-core on the main pages and an open form: no serious or critical violations.
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(AppServerFixture app)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>WCAG 2.x A/AA rules; only violations come back (passes would be serialized for nothing).</summary>
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    private static IEnumerable<string> Describe(AxeResult result) =>
        result.Violations.Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html + " " + string.Join(" ", n.Any.Select(c => c.Message))))}");

    [Fact]
    public Task ListPages_HaveNoSeriousViolations() => ScanAsync(PageTour.Lists);

    [Fact]
    public Task FeedAndDevicePages_HaveNoSeriousViolations() =>
        ScanAsync(PageTour.Details(app).Where(p => p.Name is "feed-page" or "device-page-legs" or "rack-page").ToList());

    private async Task ScanAsync(IReadOnlyList<(string Name, string Url)> pages)
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var __ = context;
        var problems = new List<string>();

        foreach (var (name, url) in pages)
        {
            await app.GotoAsync(page, url);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            problems.AddRange(Describe(await page.RunAxe(Options)).Select(p => $"{name}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task FeedForm_HasNoSeriousViolations()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var __ = context;
        var feed = app.Topology.Current.Installation.PowerFeeds.First();

        await app.GotoAsync(page, $"/power-feeds/{feed.Id}");
        await Ui.OpenDialogAsync(page, "#edit-feed");

        var problems = Describe(await page.RunAxe(Options)).Select(p => "form: " + p).ToList();

        // With server errors on fields and in the alert, and the conflict notice.
        await Ui.FillAsync(page, "feed-name", "");
        await Ui.FillAsync(page, "feed-voltage", "0");
        await page.Locator("#form-save").ClickAsync();
        await Expect(page.Locator("#feed-voltage")).ToHaveAttributeAsync("aria-invalid", "true");
        problems.AddRange(Describe(await page.RunAxe(Options)).Select(p => "errors: " + p));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}

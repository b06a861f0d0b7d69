using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PowerMap.Tests.E2E;

/// <summary>How a user drives PowerMap's MudBlazor forms: open a dialog, type, pick options, save.</summary>
internal static class Ui
{
    public static ILocator Dialog(IPage page) => page.Locator(".mud-dialog");

    public static async Task OpenDialogAsync(IPage page, string buttonSelector)
    {
        await page.Locator(buttonSelector).ClickAsync();
        await Expect(Dialog(page)).ToBeVisibleAsync();
    }

    public static Task FillAsync(IPage page, string inputId, string value) => page.Locator("#" + inputId).FillAsync(value);

    private static ILocator Option(IPage page, string text) =>
        page.Locator(".mud-popover-open [role=option]").Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(text) + "\\s*$") });

    /// <summary>Opens a MudSelect and clicks the option with exactly this text.</summary>
    public static async Task SelectAsync(IPage page, string inputId, string option)
    {
        await page.Locator("#" + inputId).ClickAsync();
        await Option(page, option).ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Types into a MudAutocomplete and clicks the suggestion with exactly this text. It waits until the list shows only
    /// matches of the typed text (the debounced search has run): a click on an option of the previous list is undone
    /// when the search lands. A user who clicks that fast sees the same; one retry covers a search landing mid-click.
    /// </summary>
    public static async Task AutocompleteAsync(IPage page, string inputId, string text, string option)
    {
        var input = page.Locator("#" + inputId);
        var options = page.Locator(".mud-popover-open [role=option]");
        for (int attempt = 1; ; attempt++)
        {
            await input.FillAsync(text);
            await Expect(options.Filter(new() { HasNotTextRegex = new Regex(Regex.Escape(text), RegexOptions.IgnoreCase) })).ToHaveCountAsync(0);
            await Option(page, option).ClickAsync();
            try
            {
                await Expect(input).ToHaveValueAsync(option, new() { Timeout = 3000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // The search for the typed text landed after the click and put the text back: pick again.
            }
        }
    }

    /// <summary>A screenshot of the viewport (a full-page capture of a long page loses the fixed-position dialog).</summary>
    public static Task ViewportScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(AppServerFixture.ScreenshotDirectory, name + ".png") });

    /// <summary>Clicks Save and waits until the dialog is gone (the save was accepted).</summary>
    public static async Task SaveAsync(IPage page)
    {
        await page.Locator("#form-save").ClickAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);
    }

    /// <summary>Follows a link by its exact text (a client-side navigation keeps the circuit).</summary>
    public static async Task FollowAsync(IPage page, string text)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = text, Exact = true }).First.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(text);
    }
}

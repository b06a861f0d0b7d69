using Microsoft.JSInterop;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// The browser side of exports and printing: the ES module <c>/assets/diagram-export.js</c> (wwwroot-assets), imported
/// on first use. Every call returns false instead of throwing when the circuit or the page is gone.
/// </summary>
public sealed class DiagramExportInterop(IJSRuntime js) : IAsyncDisposable
{
    private const string ModulePath = "./assets/diagram-export.js";

    private Task<IJSObjectReference>? _module;

    /// <summary>Triggers the download of a text file (the SVG).</summary>
    public Task<bool> DownloadTextAsync(string fileName, string text, string mimeType) =>
        CallAsync("downloadText", fileName, text, mimeType);

    /// <summary>Draws <paramref name="svg"/> on a canvas (at most <paramref name="maxSide"/> pixels a side) and downloads it as PNG.</summary>
    public Task<bool> DownloadPngAsync(string fileName, string svg, double width, double height, int maxSide = 8000) =>
        CallAsync("downloadPng", fileName, svg, width, height, maxSide);

    /// <summary>Opens the print view at <paramref name="url"/> (relative to the app) in a new tab and the browser's print
    /// dialog for it; false when the browser blocked the tab or the circuit is gone.</summary>
    public async Task<bool> PrintAsync(string url)
    {
        try
        {
            _module ??= js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();
            return await (await _module).InvokeAsync<bool>("printPage", url);
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException or JSException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is { IsCompletedSuccessfully: true })
        {
            try
            {
                await _module.Result.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone: the browser dropped the module with the page.
            }
        }
    }

    private async Task<bool> CallAsync(string function, params object?[] args)
    {
        try
        {
            _module ??= js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();
            var module = await _module;
            await module.InvokeVoidAsync(function, args);
            return true;
        }
        catch (JSDisconnectedException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
        catch (JSException)
        {
            _module = null;
            return false;
        }
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// Browser-side pan, wheel zoom and pinch on the diagram: the ES module <c>/assets/diagram-viewport.js</c>
/// (wwwroot-assets) moves the canvas layers itself and reports the final viewport, debounced, through
/// <see cref="OnBrowserViewport"/>; the server then sets it on the diagram, so fit, minimap, URL and exports agree.
/// Blazor.Diagrams' own pan and zoom are off (<see cref="TopologyDiagram"/>). Tolerates a gone circuit.
/// </summary>
public sealed class DiagramViewportInterop(IJSRuntime js, Action<double, double, double> onViewport, Action<double> onLegendBand) : IAsyncDisposable
{
    private const string ModulePath = "./assets/diagram-viewport.js";

    private DotNetObjectReference<DiagramViewportInterop>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;

    /// <summary>Attaches the handlers to the diagram container once; false when the browser or the circuit is gone.</summary>
    public Task<bool> AttachAsync(ElementReference container) =>
        // One attach even when renders overlap while the first is still awaiting the import.
        _attaching is { IsCompleted: false } or { Result: true } ? _attaching : _attaching = DoAttachAsync(container);

    private Task<bool>? _attaching;

    private async Task<bool> DoAttachAsync(ElementReference container)
    {
        try
        {
            _self ??= DotNetObjectReference.Create(this);
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            _handle = await _module.InvokeAsync<IJSObjectReference>("attach", container, _self, TopologyDiagram.MinimumZoom, TopologyDiagram.MaximumZoom);
            return true;
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException or JSException)
        {
            return false;
        }
    }

    /// <summary>Pixels at the bottom of the canvas covered by the side panel (the phone's bottom sheet); 0 when none or unknown.</summary>
    public async Task<double> CoveredBottomAsync(ElementReference container)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            return await _module.InvokeAsync<double>("coveredBottom", container);
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException or JSException)
        {
            return 0;
        }
    }

    /// <summary>The viewport the browser shows after a pan, wheel zoom or pinch came to rest (zoom, screen px).</summary>
    [JSInvokable]
    public void OnBrowserViewport(double zoom, double panX, double panY)
    {
        if (double.IsFinite(zoom) && zoom > 0 && double.IsFinite(panX) && double.IsFinite(panY))
        {
            onViewport(zoom, panX, panY);
        }
    }

    /// <summary>The height of the band at the bottom of the canvas the legend covers (screen px), when it changes.</summary>
    [JSInvokable]
    public void OnLegendBand(double pixels)
    {
        if (double.IsFinite(pixels) && pixels >= 0)
        {
            onLegendBand(pixels);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_handle is not null)
            {
                await _handle.InvokeVoidAsync("dispose");
                await _handle.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException or JSException)
        {
            // The circuit or the page is gone: the browser dropped the handlers with it.
        }
        _self?.Dispose();
    }
}

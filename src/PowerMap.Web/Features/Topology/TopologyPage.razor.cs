using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;
using PowerMap.Core.Data;
using PowerMap.Core.Layout;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// /topology: the interactive power diagram of one site. The glue between <see cref="TopologyViewState"/> (site,
/// expansions, selection, trace, what-if, filter: a plain class), the drawn <see cref="TopologyDiagram"/>, the browser
/// (viewport, exports, print) and the URL. Every write anywhere (a form, the API, an import, another browser) arrives
/// through <see cref="TopologyService.Changed"/> and updates the numbers in place, or the structure when it changed,
/// without resetting pan and zoom.
/// </summary>
public sealed partial class TopologyPage : IAsyncDisposable
{
    private static readonly TimeSpan UrlDebounce = TimeSpan.FromMilliseconds(600);

    [Inject] private TopologyService Topology { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "site")] public string? SiteQuery { get; set; }
    [SupplyParameterFromQuery(Name = "expand")] public string? ExpandQuery { get; set; }
    [SupplyParameterFromQuery(Name = "collapse")] public string? CollapseQuery { get; set; }
    [SupplyParameterFromQuery(Name = "all")] public string? AllQuery { get; set; }
    [SupplyParameterFromQuery(Name = "node")] public string? NodeQuery { get; set; }
    [SupplyParameterFromQuery(Name = "zoom")] public string? ZoomQuery { get; set; }
    [SupplyParameterFromQuery(Name = "pan")] public string? PanQuery { get; set; }
    [SupplyParameterFromQuery(Name = "whatif")] public string? WhatIfQuery { get; set; }
    [SupplyParameterFromQuery(Name = "fail")] public string? FailQuery { get; set; }

    private TopologyViewState _s = null!;
    private TopologyDiagram _diagram = null!;
    private DiagramExportInterop _export = null!;
    private TopologyExports _exports = null!;
    private DiagramViewportInterop _viewport = null!;
    private ElementReference _diagramElement;
    private bool _viewportAttached;
    private TopologyUrlState? _pendingViewport;
    private IReadOnlyList<TopologySearchItem>? _searchItems;
    private TopologySearchItem? _searchValue;
    private bool _viewportApplied;
    private bool _disposed;
    private CancellationTokenSource? _urlDebounce;

    /// <summary>A view that only fits below this zoom opens at this zoom on its top-left part (the minimap shows the rest); the
    /// grouped layout makes a whole site fit above it (DC2: about 0.25 at 1280 × 800).</summary>
    private const double InitialMinimumZoom = 0.2;

    private (double Width, double Height) _containerSize;

    private string DiagramClass => "pm-diagram" + (_s.Highlight is { Nodes.Count: > 0 } ? " pm-tracing" : "") + (_s.WhatIf is not null ? " pm-whatif" : "") + (_s.OnlyHot ? " pm-only-hot" : "");

    protected override void OnInitialized()
    {
        _diagram = new TopologyDiagram { ReservedCorner = MinimapCorner };
        _diagram.NodeClicked += node => _ = InvokeAsync(() => OnNodeClicked(node));
        _diagram.ToggleRequested += node => _ = InvokeAsync(() => ToggleAsync(node.Id));
        _diagram.BackgroundClicked += () => _ = InvokeAsync(ClearSelectionAsync);
        _diagram.Diagram.ContainerChanged += OnContainerChanged;
        _diagram.Diagram.PanChanged += OnViewportChanged;
        _diagram.Diagram.ZoomChanged += OnViewportChanged;
        _export = new DiagramExportInterop(JS);
        _viewport = new DiagramViewportInterop(JS, (zoom, x, y) => _ = InvokeAsync(() => OnBrowserViewport(zoom, x, y)),
            band => _ = InvokeAsync(() => _diagram.LegendBand = band));
        _s = new TopologyViewState(Topology.Current);
        _exports = new TopologyExports(_s, _diagram, _export, Snackbar);
        Topology.Changed += OnTopologyChanged;
    }

    protected override void OnParametersSet()
    {
        var url = TopologyUrlState.Parse(SiteQuery, ExpandQuery, CollapseQuery, AllQuery, NodeQuery, ZoomQuery, PanQuery, WhatIfQuery, FailQuery);
        if (_s.View is null && _s.Layout is null)
        {
            _pendingViewport = url;
        }
        Apply(_s.ApplyUrl(url));
    }

    /// <summary>Shows a change of the view state on the drawn diagram: the new structure (in place), new numbers, the
    /// trace and the what-if marks; a new site is fitted.</summary>
    private void Apply(ViewChange change)
    {
        bool structure = change.HasFlag(ViewChange.Structure), figures = change.HasFlag(ViewChange.Figures);
        if (structure && _s.View is { } view && _s.Layout is { } layout)
        {
            _diagram.Show(view, layout, _s.Figures);
        }
        else if (figures && _s.View is { } same)
        {
            _diagram.UpdateFigures(same, _s.Figures);
        }
        if (structure || figures)
        {
            _searchItems = null;
        }
        if (structure || figures || change.HasFlag(ViewChange.Selection))
        {
            _diagram.ApplyTrace(_s.Highlight);
            if (_s.Selected is null)
            {
                _diagram.Diagram.UnselectAll();
            }
        }
        if (structure || figures || change.HasFlag(ViewChange.WhatIf))
        {
            _diagram.ApplyWhatIf(_s.WhatIf);
        }
        if (change.HasFlag(ViewChange.Site))
        {
            _searchValue = null;
            FitAll();
        }
    }

    /// <summary>A write somewhere: new numbers in place when the structure is the same, else the new structure; pan and zoom stay.</summary>
    private void OnTopologyChanged(TopologySnapshot snapshot)
    {
        _ = InvokeAsync(() =>
        {
            if (_disposed)
            {
                return;
            }
            var change = _s.ApplySnapshot(Topology.Current);
            if (change != ViewChange.None)
            {
                Apply(change & ~ViewChange.Site);
                StateHasChanged();
            }
        });
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_viewportAttached && _s.View is not null && RendererInfo.IsInteractive && !_disposed)
        {
            _viewportAttached = await _viewport.AttachAsync(_diagramElement);
        }
    }

    /// <summary>A pan, wheel zoom or pinch done in the browser came to rest: the diagram takes that viewport (which
    /// publishes it to the URL and the minimap through <see cref="OnViewportChanged"/>).</summary>
    private void OnBrowserViewport(double zoom, double panX, double panY)
    {
        if (!_disposed)
        {
            _fitTraceOnResize = false;
            _diagram.SetView(zoom, panX, panY);
        }
    }

    private void OnContainerChanged()
    {
        if (!_diagram.HasContainer || _s.Layout is null)
        {
            return;
        }
        var container = _diagram.Diagram.Container!;
        var (oldWidth, oldHeight) = _containerSize;
        _containerSize = (container.Width, container.Height);
        if (_viewportApplied)
        {
            if (oldWidth != container.Width || oldHeight != container.Height)
            {
                if (_fitTraceOnResize && _s.Selected is not null)
                {
                    _ = InvokeAsync(ZoomToTraceAsync);
                    return;
                }
                _diagram.KeepCentre(oldWidth, oldHeight);
                if (_s.Selected is { } selected)
                {
                    _diagram.EnsureVisible(selected.Id);
                }
            }
            return;
        }
        _viewportApplied = true;
        var pending = _pendingViewport;
        _pendingViewport = null;
        if (pending?.Zoom is { } zoom && pending.PanX is { } x && pending.PanY is { } y)
        {
            _diagram.SetView(zoom, x, y);
        }
        else if (_s.Selected is not null && _s.TraceBox() is not null)
        {
            // A deep link (?node=…): the node and its trace in view, whatever the window size; again when the side
            // panel's opening resizes the canvas, until the user moves the view.
            _fitTraceOnResize = true;
            _ = InvokeAsync(ZoomToTraceAsync);
        }
        else
        {
            FitAll();
        }
        StateHasChanged();
    }

    private void OnViewportChanged()
    {
        if (!_viewportApplied || _disposed)
        {
            return;
        }
        _urlDebounce?.Cancel();
        _urlDebounce?.Dispose();
        var cts = _urlDebounce = new CancellationTokenSource();
        _ = Task.Delay(UrlDebounce, cts.Token).ContinueWith(t =>
        {
            if (!t.IsCanceled && !_disposed)
            {
                _ = InvokeAsync(PublishUrl);
            }
        }, TaskScheduler.Default);
    }

    /// <summary>A new view (site, expand/collapse all): fit, but a very wide view opens readable on its top-left part.</summary>
    private void FitAll()
    {
        if (_s.Layout is not null)
        {
            _diagram.Fit(_s.Layout.Bounds, minimumZoom: InitialMinimumZoom);
        }
    }

    /// <summary>Set by a deep link's first fit of the trace; cleared when the user moves the view.</summary>
    private bool _fitTraceOnResize;

    /// <summary>"Fit selection": the selected node centred at up to 100 %.</summary>
    private async Task FitSelectionAsync()
    {
        if (_s.Selected is null || _s.Box(_s.Selected.Id) is null)
        {
            return;
        }
        _fitTraceOnResize = false;
        double covered = await _viewport.CoveredBottomAsync(_diagramElement);
        if (_s.Selected is { } selected && _s.Box(selected.Id) is { } box)
        {
            _diagram.Fit(box, coveredBottom: covered);
        }
    }

    /// <summary>"Zoom to trace": the selected node and its whole trace (up to 100 %), the node itself kept clear of the minimap.</summary>
    private async Task ZoomToTraceAsync()
    {
        if (_s.TraceBox() is null || _disposed)
        {
            return;
        }
        double covered = RendererInfo.IsInteractive ? await _viewport.CoveredBottomAsync(_diagramElement) : 0;
        if (_s.TraceBox() is { } box && _s.Selected is { } selected)
        {
            _diagram.Fit(box, coveredBottom: covered);
            if (covered == 0)
            {
                _diagram.EnsureVisible(selected.Id);
            }
        }
    }

    /// <summary>The toolbar's "zoom to fit": everything, however small (nodes become named tiles below zoom 0.4).</summary>
    private void ZoomToFit()
    {
        if (_s.Layout is not null)
        {
            _diagram.Fit(_s.Layout.Bounds);
        }
    }

    /// <summary>In what-if mode a click on a panel, feed or PDU/UPS fails or restores it; otherwise (and on devices) it selects.</summary>
    private void OnNodeClicked(PowerNodeModel node)
    {
        if (_s.Url.WhatIf && node.Topology.Kind is NodeKind.Panel or NodeKind.Feed or NodeKind.Distribution)
        {
            Change(_s.ToggleFailed(node.Id));
            return;
        }
        Change(_s.Select(node.Id));
    }

    /// <summary>A change made on this page: shown on the diagram, written to the URL, rendered.</summary>
    private void Change(ViewChange change)
    {
        Apply(change);
        PublishUrl();
        StateHasChanged();
    }

    private Task ToggleWhatIfAsync()
    {
        Change(_s.ToggleWhatIf());
        return Task.CompletedTask;
    }

    private Task ExitWhatIfAsync() => _s.Url.WhatIf ? ToggleWhatIfAsync() : Task.CompletedTask;

    private Task ClearFailedAsync()
    {
        Change(_s.SetFailed([]));
        return Task.CompletedTask;
    }

    private Task FailSideAsync(string side)
    {
        Change(_s.FailSide(side));
        return Task.CompletedTask;
    }

    private Task ClearSelectionAsync()
    {
        if (_s.Selected is not null)
        {
            _s.ClearSelection();
            Change(ViewChange.Selection);
        }
        return Task.CompletedTask;
    }

    private Task ToggleSelectedAsync() => _s.Selected is null ? Task.CompletedTask : ToggleAsync(_s.Selected.Id);

    /// <summary>Expands a node with hidden children (an aggregate expands its parent) or collapses an expanded one;
    /// the node keeps its place on the screen, and the children it shows are brought into view.</summary>
    private async Task ToggleAsync(string nodeId)
    {
        if (_s.ToggleTarget(nodeId) is not var (_, expanding))
        {
            return;
        }
        double covered = expanding && RendererInfo.IsInteractive ? await _viewport.CoveredBottomAsync(_diagramElement) : 0;
        if (_s.ToggleTarget(nodeId) is not var (key, expand))
        {
            return;
        }
        var anchor = _diagram.ScreenPosition(key);
        var shown = expand ? _s.View?.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal) : null;
        var (change, blocked) = _s.Toggle(nodeId);
        Apply(change);
        if (blocked)
        {
            string label = _s.View?.Nodes.FirstOrDefault(n => n.Id == key)?.Label ?? key;
            Snackbar.Add($"The diagram is limited to {_s.MaxNodes} nodes: collapse something to expand {label}.", Severity.Warning);
        }
        if (anchor is not null)
        {
            _diagram.KeepOnScreen(key, anchor);
        }
        if (shown is not null && !blocked && _s.Box(key) is { } box && _s.Layout is { } layout
            && Rect.Around(layout.Nodes.Where(b => !shown.Contains(b.Id)).Select(b => b.Box)) is { } children)
        {
            _diagram.BringIntoView(box, children, covered);
        }
        PublishUrl();
        StateHasChanged();
    }

    private Task ExpandAllAsync() => SetExpandAllAsync(true);

    private Task CollapseAllAsync() => SetExpandAllAsync(false);

    private Task SetExpandAllAsync(bool expandAll)
    {
        Apply(_s.SetExpandAll(expandAll));
        FitAll();
        PublishUrl();
        return Task.CompletedTask;
    }

    private Task OnSiteChangedAsync(int siteId)
    {
        var change = _s.ChangeSite(siteId);
        if (change != ViewChange.None)
        {
            Apply(change);
            PublishUrl();
        }
        return Task.CompletedTask;
    }

    private Task<IEnumerable<TopologySearchItem>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        _searchItems ??= TopologySearch.Items(_s.Snapshot.Installation, _s.Url.SiteId);
        return Task.FromResult(TopologySearch.Find(_searchItems, text));
    }

    /// <summary>Shows the search result: expands what hides it, centres on it and selects it (a rack: its nodes).</summary>
    private Task OnSearchSelectedAsync(TopologySearchItem? item)
    {
        _searchValue = item;
        if (item is null)
        {
            return Task.CompletedTask;
        }
        Focus(item);
        PublishUrl();
        return Task.CompletedTask;
    }

    private void Focus(TopologySearchItem item)
    {
        if (item.IsRack || !_diagram.Nodes.ContainsKey(item.Key))
        {
            Apply(_s.Reveal(item.Key));
        }
        if (_s.Layout is null)
        {
            return;
        }
        if (item.IsRack)
        {
            int rackId = int.Parse(item.Key.AsSpan("rack:".Length), CultureInfo.InvariantCulture);
            if (_s.RackBox(rackId) is not { } rack)
            {
                Snackbar.Add($"Nothing of rack {item.Name} can be shown.", Severity.Info);
                return;
            }
            _diagram.Fit(rack, minimumZoom: 0.5);
            return;
        }
        if (_s.Box(item.Key) is not { } box)
        {
            Snackbar.Add($"{item.Name} cannot be shown: the diagram is limited to {_s.MaxNodes} nodes. Collapse something first.", Severity.Warning);
            return;
        }
        Apply(_s.Select(item.Key));
        _diagram.CenterOn(box, Math.Max(_diagram.Diagram.Zoom, 0.9));
    }

    private bool _minimapShown = true;

    /// <summary>The minimap's corner (toggle 34 px + minimap 200 × 120 + margins), kept free of the selection.</summary>
    private static readonly PowerMap.Core.Layout.Size MinimapCorner = new(224, 176);

    private void ToggleMinimap()
    {
        _minimapShown = !_minimapShown;
        _diagram.ReservedCorner = _minimapShown ? MinimapCorner : null;
    }

    /// <summary>Keyboard on the diagram: + / − zoom 15 % around the centre, arrows pan (<see cref="TopologyDiagram.HandleKey"/>), 0 fits the whole view.</summary>
    private void OnDiagramKeyDown(KeyboardEventArgs e)
    {
        if (e.CtrlKey || e.AltKey || e.MetaKey)
        {
            return;
        }
        _fitTraceOnResize = false;
        if (e.Key == "0")
        {
            ZoomToFit();
        }
        else
        {
            _diagram.HandleKey(e.Key);
        }
    }

    /// <summary>"Jump to worst": each click selects and centres the next node ≥ 90 %, then ≥ 75 % (<see cref="WorstNodes"/>).</summary>
    private Task JumpToWorstAsync()
    {
        if (_s.View is null)
        {
            return Task.CompletedTask;
        }
        if (_s.NextWorst() is not { } next || _s.Box(next) is not { } box)
        {
            Snackbar.Add("Nothing shown is at or above 75 %.", Severity.Info);
            return Task.CompletedTask;
        }
        Apply(_s.Select(next));
        _diagram.CenterOn(box, Math.Max(_diagram.Diagram.Zoom, 0.9));
        PublishUrl();
        return Task.CompletedTask;
    }

    /// <summary>Writes the current state (and viewport) into the URL without a new history entry.</summary>
    private void PublishUrl()
    {
        if (_disposed || !RendererInfo.IsInteractive)
        {
            return;
        }
        var state = _s.Url;
        if (_viewportApplied)
        {
            var d = _diagram.Diagram;
            state = state with { Zoom = Math.Round(d.Zoom, 3), PanX = Math.Round(d.Pan.X), PanY = Math.Round(d.Pan.Y) };
        }
        string url = state.ToRelativeUrl();
        if (!string.Equals(Navigation.ToBaseRelativePath(Navigation.Uri), url, StringComparison.Ordinal))
        {
            Navigation.NavigateTo(url, new NavigationOptions { ReplaceHistoryEntry = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        Topology.Changed -= OnTopologyChanged;
        _diagram.Diagram.ContainerChanged -= OnContainerChanged;
        _diagram.Diagram.PanChanged -= OnViewportChanged;
        _diagram.Diagram.ZoomChanged -= OnViewportChanged;
        _diagram.Dispose();
        _urlDebounce?.Cancel();
        _urlDebounce?.Dispose();
        await _export.DisposeAsync();
        await _viewport.DisposeAsync();
    }
}

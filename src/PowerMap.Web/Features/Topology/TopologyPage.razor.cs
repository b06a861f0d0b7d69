using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// /topology: the interactive power diagram of one site. The view state (site, expansions, selection, zoom) lives in
/// the URL; every write anywhere (a form, the API, an import, another browser) arrives through
/// <see cref="TopologyService.Changed"/> and updates the numbers in place, or the structure when it changed, without
/// resetting pan and zoom.
/// </summary>
public sealed partial class TopologyPage : IAsyncDisposable
{
    private const string SeedSiteName = "DC1";
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

    private readonly int _maxNodes = TopologyViewOptions.Default.MaxNodes;
    private TopologyDiagram _diagram = null!;
    private DiagramExportInterop _export = null!;
    private DiagramViewportInterop _viewport = null!;
    private ElementReference _diagramElement;
    private bool _viewportAttached;
    private TopologySnapshot _snapshot = null!;
    private TopologyUrlState _state = TopologyUrlState.Empty;
    private TopologyUrlState? _pendingViewport;
    private TopologyView? _view;
    private LayoutResult? _layout;
    private IReadOnlyDictionary<string, NodeFigures> _figures = new Dictionary<string, NodeFigures>();
    private PowerNodeModel? _selected;
    private PathTraceResult? _trace;
    private TraceHighlight? _highlight;
    private NodeDetails? _details;
    private WhatIfOverlay? _whatIf;
    private IReadOnlyList<Site> _sites = [];
    private IReadOnlyList<TopologySearchItem>? _searchItems;
    private TopologySearchItem? _searchValue;
    private bool _viewportApplied;
    private bool _disposed;
    private CancellationTokenSource? _urlDebounce;

    /// <summary>A view that only fits below this zoom opens at this zoom on its top-left part (the minimap shows the rest); the
    /// grouped layout makes a whole site fit above it (DC2: about 0.25 at 1280 × 800).</summary>
    private const double InitialMinimumZoom = 0.2;

    private (double Width, double Height) _containerSize;

    private string DiagramClass => "pm-diagram" + (_highlight is { Nodes.Count: > 0 } ? " pm-tracing" : "") + (_whatIf is not null ? " pm-whatif" : "") + (_onlyHot ? " pm-only-hot" : "");

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
        _viewport = new DiagramViewportInterop(JS, (zoom, x, y) => _ = InvokeAsync(() => OnBrowserViewport(zoom, x, y)));
        _snapshot = Topology.Current;
        _sites = SortedSites(_snapshot.Installation);
        Topology.Changed += OnTopologyChanged;
    }

    protected override void OnParametersSet()
    {
        var url = TopologyUrlState.Parse(SiteQuery, ExpandQuery, CollapseQuery, AllQuery, NodeQuery, ZoomQuery, PanQuery, WhatIfQuery, FailQuery);
        url = url with { SiteId = ResolveSite(url.SiteId) };
        bool first = _view is null && _layout is null;
        if (first)
        {
            _pendingViewport = url;
        }
        if (first || !url.SameView(_state))
        {
            bool siteChanged = !first && url.SiteId != _state.SiteId;
            _state = url;
            _searchItems = null;
            Rebuild();
            if (siteChanged)
            {
                ClearSelection();
                FitAll();
            }
        }
        if (url.NodeId != _state.NodeId || (url.NodeId is not null && _selected is null))
        {
            _state = _state with { NodeId = url.NodeId };
            Select(url.NodeId);
        }
        if (url.WhatIf != _state.WhatIf || !url.Failed.SequenceEqual(_state.Failed) || (url.WhatIf && _whatIf is null))
        {
            _state = _state with { WhatIf = url.WhatIf, Failed = url.Failed };
            RefreshWhatIf();
        }
    }

    /// <summary>Builds the view, lays it out and shows it (in place), then re-applies the trace.</summary>
    private void Rebuild()
    {
        if (_state.SiteId is null)
        {
            _view = null;
            _layout = null;
            return;
        }
        var view = TopologyView.Build(_snapshot.Installation, ViewOptions(), _snapshot.Report);
        Show(view);
    }

    private void Show(TopologyView view)
    {
        _view = view;
        _layout = TopologyLayout.Compute(view);
        _figures = TopologyFigures.Compute(view, _snapshot.Report);
        _diagram.Show(view, _layout, _figures);
        RefreshTrace();
        RefreshWhatIf();
    }

    private TopologyViewOptions ViewOptions() => new()
    {
        SiteId = _state.SiteId,
        ExpandAll = _state.ExpandAll,
        Expanded = _state.Expanded,
        Collapsed = _state.Collapsed,
        MaxNodes = _maxNodes,
    };

    /// <summary>A write somewhere: new numbers in place when the structure is the same, else the new structure; pan and zoom stay.</summary>
    private void OnTopologyChanged(TopologySnapshot snapshot)
    {
        _ = InvokeAsync(() =>
        {
            if (_disposed)
            {
                return;
            }
            var latest = Topology.Current;
            if (latest.Revision <= _snapshot.Revision)
            {
                return;
            }
            _snapshot = latest;
            _sites = SortedSites(latest.Installation);
            _searchItems = null;
            if (_state.SiteId is { } site && !latest.Installation.SiteById.ContainsKey(site))
            {
                _state = _state with { SiteId = ResolveSite(null), Expanded = [], Collapsed = [], NodeId = null };
                ClearSelection();
            }
            if (_state.SiteId is null)
            {
                Rebuild();
            }
            else
            {
                var view = TopologyView.Build(latest.Installation, ViewOptions(), latest.Report);
                if (_view is not null && TopologyDiagram.SameStructure(_view, view))
                {
                    _view = view;
                    _figures = TopologyFigures.Compute(view, latest.Report);
                    _diagram.UpdateFigures(view, _figures);
                    RefreshTrace();
                    RefreshWhatIf();
                }
                else
                {
                    // Objects were added or removed: "expand all" may fit or stop fitting.
                    Show(view);
                }
            }
            StateHasChanged();
        });
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_viewportAttached && _view is not null && RendererInfo.IsInteractive && !_disposed)
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
        if (!_diagram.HasContainer || _layout is null)
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
                if (_fitTraceOnResize && _selected is not null)
                {
                    _ = InvokeAsync(ZoomToTraceAsync);
                    return;
                }
                _diagram.KeepCentre(oldWidth, oldHeight);
                if (_selected is not null)
                {
                    _diagram.EnsureVisible(_selected.Id);
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
        else if (_selected is not null && TraceBox() is not null)
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
        if (_layout is not null)
        {
            _diagram.Fit(_layout.Bounds, minimumZoom: InitialMinimumZoom);
        }
    }

    /// <summary>Set by a deep link's first fit of the trace; cleared when the user moves the view.</summary>
    private bool _fitTraceOnResize;

    /// <summary>The selected node's box (null without a selection or when it is not drawn).</summary>
    private Rect? SelectionBox() =>
        _selected is null || _layout is null ? null : Rect.Around(_layout.Nodes.Where(b => b.Id == _selected.Id).Select(b => b.Box));

    /// <summary>The box around the selected node and every node of its trace.</summary>
    private Rect? TraceBox()
    {
        if (_selected is null || _layout is null)
        {
            return null;
        }
        var ids = _highlight?.Nodes.Keys.ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>(StringComparer.Ordinal);
        ids.Add(_selected.Id);
        return Rect.Around(_layout.Nodes.Where(b => ids.Contains(b.Id)).Select(b => b.Box));
    }

    /// <summary>"Fit selection": the selected node centred at up to 100 %.</summary>
    private async Task FitSelectionAsync()
    {
        if (SelectionBox() is null)
        {
            return;
        }
        _fitTraceOnResize = false;
        double covered = await _viewport.CoveredBottomAsync(_diagramElement);
        if (SelectionBox() is { } box)
        {
            _diagram.Fit(box, coveredBottom: covered);
        }
    }

    /// <summary>"Zoom to trace": the selected node and its whole trace (up to 100 %), the node itself kept clear of the minimap.</summary>
    private async Task ZoomToTraceAsync()
    {
        if (TraceBox() is null || _disposed)
        {
            return;
        }
        double covered = RendererInfo.IsInteractive ? await _viewport.CoveredBottomAsync(_diagramElement) : 0;
        if (TraceBox() is { } box && _selected is not null)
        {
            _diagram.Fit(box, coveredBottom: covered);
            if (covered == 0)
            {
                _diagram.EnsureVisible(_selected.Id);
            }
        }
    }

    /// <summary>The toolbar's "zoom to fit": everything, however small (boxes become status-coloured blocks).</summary>
    private void ZoomToFit()
    {
        if (_layout is not null)
        {
            _diagram.Fit(_layout.Bounds);
        }
    }

    /// <summary>In what-if mode a click on a panel, feed or PDU/UPS fails or restores it; otherwise (and on devices) it selects.</summary>
    private void OnNodeClicked(PowerNodeModel node)
    {
        if (_state.WhatIf && node.Topology.Kind is NodeKind.Panel or NodeKind.Feed or NodeKind.Distribution)
        {
            var failed = _state.Failed.ToList();
            if (!failed.Remove(node.Id))
            {
                failed.Add(node.Id);
            }
            SetFailed(failed);
            return;
        }
        SelectAndPublish(node.Id);
    }

    /// <summary>Recomputes the what-if of the failed elements against the current snapshot and marks the nodes.</summary>
    private void RefreshWhatIf()
    {
        _whatIf = _state.WhatIf ? WhatIfOverlay.Build(_snapshot, _state.Failed) : null;
        _diagram.ApplyWhatIf(_whatIf);
    }

    private void SetFailed(IReadOnlyList<string> failed)
    {
        _state = _state with { WhatIf = true, Failed = failed };
        RefreshWhatIf();
        PublishUrl();
        StateHasChanged();
    }

    private Task ToggleWhatIfAsync()
    {
        _state = _state with { WhatIf = !_state.WhatIf, Failed = [] };
        RefreshWhatIf();
        PublishUrl();
        return Task.CompletedTask;
    }

    private Task ExitWhatIfAsync() => _state.WhatIf ? ToggleWhatIfAsync() : Task.CompletedTask;

    private Task ClearFailedAsync()
    {
        SetFailed([]);
        return Task.CompletedTask;
    }

    /// <summary>"All of side A" of the site: every feed whose type gives that side.</summary>
    private Task FailSideAsync(string side)
    {
        if (_state.SiteId is { } site)
        {
            var keys = WhatIfOverlay.SideKeys(_snapshot.Installation, site, side);
            SetFailed(_state.Failed.Where(k => !keys.Contains(k)).Concat(keys).ToList());
        }
        return Task.CompletedTask;
    }

    private void SelectAndPublish(string nodeId)
    {
        Select(nodeId);
        PublishUrl();
        StateHasChanged();
    }

    /// <summary>Selects a node (not an aggregate) and traces it; an unknown id clears the selection.</summary>
    private void Select(string? nodeId)
    {
        if (nodeId is null || !_diagram.Nodes.TryGetValue(nodeId, out var model) || model is AggregateNodeModel)
        {
            ClearSelection();
            return;
        }
        _selected = model;
        _state = _state with { NodeId = nodeId };
        RefreshTrace();
    }

    private void ClearSelection()
    {
        _selected = null;
        _trace = null;
        _highlight = null;
        _details = null;
        _state = _state with { NodeId = null };
        _diagram.ApplyTrace(null);
        _diagram.Diagram.UnselectAll();
    }

    private Task ClearSelectionAsync()
    {
        if (_selected is null)
        {
            return Task.CompletedTask;
        }
        ClearSelection();
        PublishUrl();
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>Recomputes the selected node's trace and details against the current snapshot and view.</summary>
    private void RefreshTrace()
    {
        if (_selected is null || _view is null)
        {
            return;
        }
        if (!_diagram.Nodes.TryGetValue(_selected.Id, out var model) || model is AggregateNodeModel)
        {
            ClearSelection();
            return;
        }
        _selected = model;
        (_trace, _highlight) = TopologyTrace.Of(_snapshot, _view, model.Topology);
        _details = NodeDetails.For(_snapshot, model.Topology, model.Figures);
        _diagram.ApplyTrace(_highlight);
    }

    private Task ToggleSelectedAsync() => _selected is null ? Task.CompletedTask : ToggleAsync(_selected.Id);

    /// <summary>Expands a node with hidden children (an aggregate expands its parent) or collapses an expanded one;
    /// the node keeps its place on the screen.</summary>
    private Task ToggleAsync(string nodeId)
    {
        if (!_diagram.Nodes.TryGetValue(nodeId, out var model))
        {
            return Task.CompletedTask;
        }
        string key = model is AggregateNodeModel ? model.Topology.ParentId ?? nodeId : nodeId;
        var target = _diagram.Nodes.GetValueOrDefault(key) ?? model;
        bool expand = model is AggregateNodeModel || target.CanExpand;
        var anchor = _diagram.ScreenPosition(key);
        var expanded = _state.Expanded.ToList();
        var collapsed = _state.Collapsed.ToList();
        if (expand)
        {
            collapsed.Remove(key);
            if (!expanded.Contains(key))
            {
                expanded.Add(key);
            }
        }
        else
        {
            expanded.Remove(key);
        }
        _state = _state with { Expanded = expanded, Collapsed = collapsed };
        Rebuild();
        if (!expand && _diagram.Nodes.TryGetValue(key, out var after) && after.CanCollapse)
        {
            // Still open: it was opened by the overview or "expand all", so keep it closed explicitly.
            collapsed.Add(key);
            _state = _state with { Collapsed = collapsed };
            Rebuild();
        }
        if (expand && _view?.Truncated == true && _diagram.Nodes.TryGetValue(key, out var still) && still.CanExpand)
        {
            Snackbar.Add($"The diagram is limited to {_maxNodes} nodes: collapse something to expand {target.Topology.Label}.", Severity.Warning);
        }
        if (anchor is not null)
        {
            _diagram.KeepOnScreen(key, anchor);
        }
        PublishUrl();
        StateHasChanged();
        return Task.CompletedTask;
    }

    private Task ExpandAllAsync()
    {
        _state = _state with { ExpandAll = true, Expanded = [], Collapsed = [] };
        Rebuild();
        FitAll();
        PublishUrl();
        return Task.CompletedTask;
    }

    private Task CollapseAllAsync()
    {
        _state = _state with { ExpandAll = false, Expanded = [], Collapsed = [] };
        Rebuild();
        FitAll();
        PublishUrl();
        return Task.CompletedTask;
    }

    private Task OnSiteChangedAsync(int siteId)
    {
        if (siteId == _state.SiteId)
        {
            return Task.CompletedTask;
        }
        ClearSelection();
        _state = TopologyUrlState.Empty with { SiteId = siteId, WhatIf = _state.WhatIf };
        _searchItems = null;
        _searchValue = null;
        Rebuild();
        FitAll();
        PublishUrl();
        return Task.CompletedTask;
    }

    private Task<IEnumerable<TopologySearchItem>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        _searchItems ??= TopologySearch.Items(_snapshot.Installation, _state.SiteId);
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
            if (!_state.Expanded.Contains(item.Key))
            {
                _state = _state with { Expanded = [.. _state.Expanded, item.Key], Collapsed = _state.Collapsed.Where(k => k != item.Key).ToList() };
                Rebuild();
            }
        }
        if (_layout is null)
        {
            return;
        }
        if (item.IsRack)
        {
            int rackId = int.Parse(item.Key.AsSpan("rack:".Length), CultureInfo.InvariantCulture);
            var inRack = _view!.Nodes.Where(n => n.RackId == rackId && n.Kind != NodeKind.Aggregate).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            var boxes = _layout.Nodes.Where(b => inRack.Contains(b.Id)).Select(b => b.Box).ToList();
            if (boxes.Count == 0)
            {
                Snackbar.Add($"Nothing of rack {item.Name} can be shown.", Severity.Info);
                return;
            }
            double left = boxes.Min(b => b.Left), top = boxes.Min(b => b.Top);
            _diagram.Fit(new Rect(left, top, boxes.Max(b => b.Right) - left, boxes.Max(b => b.Bottom) - top), minimumZoom: 0.5);
            return;
        }
        if (_layout.Nodes.FirstOrDefault(b => b.Id == item.Key) is not { } box)
        {
            Snackbar.Add($"{item.Name} cannot be shown: the diagram is limited to {_maxNodes} nodes. Collapse something first.", Severity.Warning);
            return;
        }
        Select(item.Key);
        _diagram.CenterOn(box.Box, Math.Max(_diagram.Diagram.Zoom, 0.9));
    }

    private bool _minimapShown = true;

    /// <summary>"Show only ≥ 75 %": nodes below the warning threshold (and the links) are faded, not removed.</summary>
    private bool _onlyHot;

    /// <summary>The minimap's corner (toggle 34 px + minimap 200 × 120 + margins), kept free of the selection.</summary>
    private static readonly PowerMap.Core.Layout.Size MinimapCorner = new(224, 176);

    private void ToggleMinimap()
    {
        _minimapShown = !_minimapShown;
        _diagram.ReservedCorner = _minimapShown ? MinimapCorner : null;
    }

    /// <summary>Screen step of an arrow key, px.</summary>
    private const double KeyPanStep = 80;

    /// <summary>Keyboard on the diagram: + / − zoom 15 % around the centre, arrows pan, 0 fits the whole view.</summary>
    private void OnDiagramKeyDown(KeyboardEventArgs e)
    {
        if (e.CtrlKey || e.AltKey || e.MetaKey)
        {
            return;
        }
        _fitTraceOnResize = false;
        switch (e.Key)
        {
            case "+" or "=":
                _diagram.ZoomBy(1.15);
                break;
            case "-" or "_":
                _diagram.ZoomBy(1 / 1.15);
                break;
            case "0":
                ZoomToFit();
                break;
            case "ArrowLeft":
                _diagram.PanBy(KeyPanStep, 0);
                break;
            case "ArrowRight":
                _diagram.PanBy(-KeyPanStep, 0);
                break;
            case "ArrowUp":
                _diagram.PanBy(0, KeyPanStep);
                break;
            case "ArrowDown":
                _diagram.PanBy(0, -KeyPanStep);
                break;
        }
    }

    /// <summary>"Jump to worst": each click selects and centres the next node ≥ 90 %, then ≥ 75 % (<see cref="WorstNodes"/>).</summary>
    private Task JumpToWorstAsync()
    {
        if (_view is null || _layout is null)
        {
            return Task.CompletedTask;
        }
        var worst = WorstNodes.Order(_view, _figures);
        if (worst.Count == 0)
        {
            Snackbar.Add("Nothing shown is at or above 75 %.", Severity.Info);
            return Task.CompletedTask;
        }
        int at = _selected is null ? -1 : worst.ToList().IndexOf(_selected.Id);
        int next = at >= 0 ? (at + 1) % worst.Count : 0;
        var box = _layout.Nodes.First(b => b.Id == worst[next]);
        Select(worst[next]);
        _diagram.CenterOn(box.Box, Math.Max(_diagram.Diagram.Zoom, 0.9));
        PublishUrl();
        return Task.CompletedTask;
    }

    /// <summary>SVG of the whole view; the trace's highlight and dimming only when asked (<paramref name="withTrace"/>),
    /// so the toolbar's export is a clean drawing of the site even while a node is traced.</summary>
    private async Task ExportSvgAsync(bool withTrace)
    {
        if (_view is null || _layout is null)
        {
            return;
        }
        var (svg, _, _) = DiagramSvgWriter.Write(_view, _layout, _figures, withTrace ? _highlight : null, ExportTitle());
        if (!await _export.DownloadTextAsync(ExportFileName("svg"), svg, "image/svg+xml"))
        {
            Snackbar.Add("The export could not be started in this browser.", Severity.Error);
        }
    }

    private async Task ExportPngAsync(bool withTrace)
    {
        if (_view is null || _layout is null)
        {
            return;
        }
        var (svg, width, height) = DiagramSvgWriter.Write(_view, _layout, _figures, withTrace ? _highlight : null, ExportTitle());
        if (!await _export.DownloadPngAsync(ExportFileName("png"), svg, width, height))
        {
            Snackbar.Add("The PNG could not be drawn in this browser.", Severity.Error);
        }
    }

    /// <summary>Prints the print view of this view and trace (<see cref="TopologyPrintPage"/>: tiled over pages for a large site).</summary>
    private async Task PrintAsync()
    {
        if (!await _export.PrintAsync(_state.ToPrintUrl()))
        {
            Snackbar.Add("The print view could not be opened: allow this site to open a new tab (pop-ups), then print again.", Severity.Warning);
        }
    }

    /// <summary>"powermap-dc2-2026-11-26.svg": the site's slug and today's date (UTC), so exports of several sites and days sort.</summary>
    private string ExportFileName(string extension)
    {
        string site = _state.SiteId is { } id && _snapshot.Installation.SiteById.TryGetValue(id, out var s) ? PowerMap.Core.Dcim.Slugs.FromName(s.Name) : "all";
        return $"powermap-{site}-{DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}.{extension}";
    }

    /// <summary>The printed page's title: "PowerMap · DC2 · 2026-11-26 17:05 UTC · revision 12".</summary>
    private string PrintTitle()
    {
        string site = _state.SiteId is { } id && _snapshot.Installation.SiteById.TryGetValue(id, out var s) ? s.Name : "";
        return TopologyPrintPage.Title(site, DateTime.UtcNow, _snapshot.Revision);
    }

    /// <summary>The names of the traced nodes in the view's order (the printed trace list).</summary>
    private IReadOnlyList<string> TracedLabels() => TopologyTrace.Labels(_view, _highlight, _selected?.Id);

    private string ExportTitle()
    {
        string site = _state.SiteId is { } id && _snapshot.Installation.SiteById.TryGetValue(id, out var s) ? s.Name : "";
        return $"PowerMap · {site} · revision {_snapshot.Revision}";
    }

    /// <summary>Writes the current state (and viewport) into the URL without a new history entry.</summary>
    private void PublishUrl()
    {
        if (_disposed || !RendererInfo.IsInteractive)
        {
            return;
        }
        var state = _state;
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

    private int? ResolveSite(int? requested)
    {
        var inst = _snapshot.Installation;
        if (requested is { } id && inst.SiteById.ContainsKey(id))
        {
            return id;
        }
        return inst.SiteByName.TryGetValue(SeedSiteName, out var seed) ? seed.Id : _sites.FirstOrDefault()?.Id;
    }

    private static IReadOnlyList<Site> SortedSites(Installation inst) =>
        inst.Sites.OrderBy(s => s.Name, NaturalComparer.Instance).ThenBy(s => s.Id).ToList();

    /// <summary>Panels, feeds and powered devices of a site: the node count of "expand all" (without aggregates).</summary>
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

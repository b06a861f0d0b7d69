using Blazor.Diagrams;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using PowerMap.Core.Layout;
using DPoint = Blazor.Diagrams.Core.Geometry.Point;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// The Blazor.Diagrams side of the topology diagram: maps a Core <see cref="LayoutResult"/> onto one long-lived
/// <see cref="BlazorDiagram"/> of <see cref="PowerNodeModel"/>s and <see cref="PowerLinkModel"/>s. Updates are made in
/// place: new numbers refresh only the nodes whose figures changed; a new structure adds, moves and removes models by
/// id. The diagram itself (and so pan and zoom) is never replaced.
/// </summary>
public sealed class TopologyDiagram : IDisposable
{
    private readonly Dictionary<string, PowerNodeModel> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PowerLinkModel> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupFrameModel> _frames = new(StringComparer.Ordinal);

    public TopologyDiagram()
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = false,
            // Pan, wheel zoom and pinch run in the browser (DiagramViewportInterop): Blazor.Diagrams' own handlers would make
            // every pointer move and wheel notch a server round trip. The browser reports the final viewport, set with SetView.
            AllowPanning = false,
            Zoom = { Enabled = false, Minimum = MinimumZoom, Maximum = MaximumZoom },
            // Routes are the layout's orthogonal polylines (anchors + vertices): straight segments, no smoothing.
            Links = { DefaultRouter = new NormalRouter(), DefaultPathGenerator = new StraightPathGenerator() },
            Constraints =
            {
                ShouldDeleteNode = _ => ValueTask.FromResult(false),
                ShouldDeleteLink = _ => ValueTask.FromResult(false),
                ShouldDeleteGroup = _ => ValueTask.FromResult(false),
            },
        };
        Diagram = new BlazorDiagram(options);
        Diagram.UnregisterBehavior<KeyboardShortcutsBehavior>();
        Diagram.RegisterComponent<PanelNodeModel, PanelNodeWidget>();
        Diagram.RegisterComponent<FeedNodeModel, FeedNodeWidget>();
        Diagram.RegisterComponent<DistributionNodeModel, DistributionNodeWidget>();
        Diagram.RegisterComponent<DeviceNodeModel, DeviceNodeWidget>();
        Diagram.RegisterComponent<AggregateNodeModel, AggregateNodeWidget>();
        Diagram.RegisterComponent<PowerLinkModel, PowerLinkWidget>();
        Diagram.RegisterComponent<GroupFrameModel, GroupFrameWidget>();
        Diagram.PointerClick += OnPointerClick;
        Diagram.PointerDoubleClick += OnPointerDoubleClick;
    }

    public const double MinimumZoom = 0.02;
    public const double MaximumZoom = 2.5;

    public BlazorDiagram Diagram { get; }

    /// <summary>A node (not an aggregate) was clicked.</summary>
    public event Action<PowerNodeModel>? NodeClicked;

    /// <summary>An aggregate was clicked, a node double-clicked, or a widget's toggle used: expand or collapse it.</summary>
    public event Action<PowerNodeModel>? ToggleRequested;

    /// <summary>The empty canvas was clicked (not dragged).</summary>
    public event Action? BackgroundClicked;

    public IReadOnlyDictionary<string, PowerNodeModel> Nodes => _nodes;

    public IReadOnlyDictionary<string, PowerLinkModel> Links => _links;

    public LayoutResult? Layout { get; private set; }

    public TopologyView? View { get; private set; }

    /// <summary>True when the nodes and the drawn edges of both views are the same (ids, in order): only numbers differ.</summary>
    public static bool SameStructure(TopologyView a, TopologyView b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Nodes.Count != b.Nodes.Count || a.Edges.Count != b.Edges.Count)
        {
            return false;
        }
        for (int i = 0; i < a.Nodes.Count; i++)
        {
            var x = a.Nodes[i];
            var y = b.Nodes[i];
            if (x.Id != y.Id || x.Kind != y.Kind || x.Tier != y.Tier)
            {
                return false;
            }
        }
        for (int i = 0; i < a.Edges.Count; i++)
        {
            var x = a.Edges[i];
            var y = b.Edges[i];
            if (x.From != y.From || x.To != y.To || x.PortId != y.PortId)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Shows a new structure: models are matched by id, kept ones move to their new box and take the new data, new ones
    /// are added, gone ones removed. Pan, zoom and the diagram instance stay. Returns the number of models touched.
    /// </summary>
    public int Show(TopologyView view, LayoutResult layout, IReadOnlyDictionary<string, NodeFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(figures);
        int touched = 0;
        var boxes = layout.Nodes.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var paths = new Dictionary<string, EdgePath>(StringComparer.Ordinal);
        for (int i = 0; i < view.Edges.Count; i++)
        {
            paths[TraceHighlight.EdgeKey(view.Edges[i])] = layout.Edges[i];
        }
        var refresh = new List<Model>();
        Diagram.Batch(() =>
        {
            var wanted = view.Nodes.ToDictionary(n => n.Id, n => n.Kind, StringComparer.Ordinal);
            foreach (var gone in _nodes.Values.Where(m => !wanted.TryGetValue(m.Id, out var kind) || m.Topology.Kind != kind).ToList())
            {
                Diagram.Nodes.Remove(gone);
                _nodes.Remove(gone.Id);
                touched++;
            }
            var wantedLinks = new HashSet<string>(paths.Keys, StringComparer.Ordinal);
            foreach (var gone in _links.Values.Where(l => !wantedLinks.Contains(l.Id)).ToList())
            {
                Diagram.Links.Remove(gone);
                _links.Remove(gone.Id);
                touched++;
            }

            var added = new List<PowerNodeModel>();
            var withAggregate = view.Nodes.Where(n => n.ParentId is not null).Select(n => n.ParentId!).ToHashSet(StringComparer.Ordinal);
            foreach (var node in view.Nodes)
            {
                var box = boxes[node.Id].Box;
                var f = figures.GetValueOrDefault(node.Id) ?? NodeFigures.None;
                if (_nodes.TryGetValue(node.Id, out var model))
                {
                    bool moved = model.Place(box);
                    if (model.Update(node, f) | moved | model.SetHasAggregate(withAggregate.Contains(node.Id)))
                    {
                        refresh.Add(model);
                        touched++;
                    }
                }
                else
                {
                    model = PowerNodeModel.Create(node, f, box);
                    model.SetHasAggregate(withAggregate.Contains(node.Id));
                    model.OnToggle = m => ToggleRequested?.Invoke(m);
                    model.OnActivate = m => OnPointerClick(m, null!);
                    _nodes[node.Id] = model;
                    added.Add(model);
                    touched++;
                }
            }
            Diagram.Nodes.Add(added);

            var addedLinks = new List<PowerLinkModel>();
            foreach (var edge in view.Edges)
            {
                string key = TraceHighlight.EdgeKey(edge);
                var path = paths[key];
                bool planned = TopologyFigures.PlannedLink(edge, figures);
                if (_links.TryGetValue(key, out var link))
                {
                    if (link.Update(edge, path) | link.SetPlanned(planned))
                    {
                        refresh.Add(link);
                        touched++;
                    }
                }
                else
                {
                    link = new PowerLinkModel(edge, path);
                    link.SetPlanned(planned);
                    _links[key] = link;
                    addedLinks.Add(link);
                    touched++;
                }
            }
            Diagram.Links.Add(addedLinks);
            touched += ShowFrames(layout.Groups, refresh);
        });
        foreach (var model in refresh)
        {
            model.Refresh();
        }
        View = view;
        Layout = layout;
        return touched;
    }

    /// <summary>Group frames by key: moved ones refresh, new ones go behind every node, gone ones are removed.</summary>
    private int ShowFrames(IReadOnlyList<GroupFrame> groups, List<Model> refresh)
    {
        int touched = 0;
        var wanted = groups.ToDictionary(g => g.Key, StringComparer.Ordinal);
        foreach (var gone in _frames.Values.Where(f => !wanted.ContainsKey(f.Frame.Key)).ToList())
        {
            Diagram.Nodes.Remove(gone);
            _frames.Remove(gone.Frame.Key);
            touched++;
        }
        var added = new List<GroupFrameModel>();
        foreach (var group in groups)
        {
            if (_frames.TryGetValue(group.Key, out var frame))
            {
                if (frame.Update(group))
                {
                    refresh.Add(frame);
                    touched++;
                }
            }
            else
            {
                frame = new GroupFrameModel(group);
                _frames[group.Key] = frame;
                added.Add(frame);
                touched++;
            }
        }
        Diagram.Nodes.Add(added);
        // Outermost last so that it ends furthest back: racks over locations over sites, all behind the nodes.
        for (int i = added.Count - 1; i >= 0; i--)
        {
            Diagram.SendToBack(added[i]);
        }
        return touched;
    }

    /// <summary>The group frames drawn behind the nodes, by key.</summary>
    public IReadOnlyDictionary<string, GroupFrameModel> Frames => _frames;

    /// <summary>
    /// Same structure, new numbers: each node takes its new data and only the nodes whose figures (or names) changed
    /// are refreshed. No layout, no pan or zoom change. Returns the ids of the refreshed nodes.
    /// </summary>
    public IReadOnlyList<string> UpdateFigures(TopologyView view, IReadOnlyDictionary<string, NodeFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(figures);
        var changed = new List<string>();
        foreach (var node in view.Nodes)
        {
            if (_nodes.TryGetValue(node.Id, out var model) && model.Update(node, figures.GetValueOrDefault(node.Id) ?? NodeFigures.None))
            {
                model.Refresh();
                changed.Add(node.Id);
            }
        }
        foreach (var edge in view.Edges)
        {
            // Loads on edges are not drawn: the edge data is kept current without a redraw; a link whose cable or device
            // became (or stopped being) planned is redrawn.
            if (_links.TryGetValue(TraceHighlight.EdgeKey(edge), out var link))
            {
                link.SetEdge(edge);
                if (link.SetPlanned(TopologyFigures.PlannedLink(edge, figures)))
                {
                    link.Refresh();
                }
            }
        }
        View = view;
        return changed;
    }

    /// <summary>Marks the traced nodes and links (null clears the trace); refreshes only models whose role changed.</summary>
    public void ApplyTrace(TraceHighlight? highlight)
    {
        foreach (var node in _nodes.Values)
        {
            if (node.SetTrace(highlight?.NodeRole(node.Id) ?? TraceRole.None))
            {
                node.Refresh();
            }
        }
        foreach (var link in _links.Values)
        {
            if (link.SetTrace(highlight?.EdgeRole(link.Edge) ?? TraceRole.None))
            {
                link.Refresh();
            }
        }
    }

    /// <summary>Marks every node with its part in a what-if (null: none); only the nodes whose role changed re-render.</summary>
    public void ApplyWhatIf(WhatIfOverlay? overlay)
    {
        foreach (var node in _nodes.Values)
        {
            if (node.SetWhatIf(overlay?.RoleOf(node.Id) ?? WhatIfRole.None, overlay?.NoteOf(node.Id),
                    node is DeviceNodeModel ? overlay?.RedundancyOf(node.Topology.EntityId) : null))
            {
                node.Refresh();
            }
        }
    }

    /// <summary>True once the browser has reported the canvas size (needed to fit and centre).</summary>
    public bool HasContainer => Diagram.Container is { Width: > 0, Height: > 0 };

    /// <summary>Fits <paramref name="bounds"/> into the canvas (never zooming in past 100 %), leaving room for the legend at
    /// the bottom. A diagram that only fits below <paramref name="minimumZoom"/> keeps that zoom and shows its top-left part.</summary>
    /// <remarks><paramref name="coveredBottom"/>: pixels at the bottom covered by something over the canvas (the phone's
    /// bottom sheet); the bounds are fitted above it.</remarks>
    public void Fit(Rect bounds, double margin = 24, double minimumZoom = MinimumZoom, double coveredBottom = 0)
    {
        if (!HasContainer)
        {
            return;
        }
        var container = Diagram.Container!;
        double width = container.Width - (2 * margin);
        double height = container.Height - margin - (coveredBottom > 0 ? coveredBottom + margin : LegendMargin);
        double zoom = Math.Min(width / Math.Max(bounds.Width, 1), height / Math.Max(bounds.Height, 1));
        zoom = Math.Clamp(zoom, Math.Max(MinimumZoom, minimumZoom), 1);
        double x = bounds.Width * zoom <= width ? margin + ((width - (bounds.Width * zoom)) / 2) : margin;
        double y = bounds.Height * zoom <= height ? margin + ((height - (bounds.Height * zoom)) / 2) : margin;
        SetView(zoom, x - (bounds.X * zoom), y - (bounds.Y * zoom));
    }

    /// <summary>Space kept free under the diagram for the legend, px: what the browser reports it covers (it wraps onto
    /// more lines in a narrow canvas) plus a gap, at least 40.</summary>
    private double LegendMargin => Math.Max(40, LegendBand + 4);

    /// <summary>The band at the bottom of the canvas the legend covers (screen px), as the browser last reported it.</summary>
    public double LegendBand { get; set; }

    /// <summary>Centres the canvas on <paramref name="box"/> at <paramref name="zoom"/> (the current zoom when null).</summary>
    public void CenterOn(Rect box, double? zoom = null)
    {
        if (!HasContainer)
        {
            return;
        }
        var container = Diagram.Container!;
        double z = Math.Clamp(zoom ?? Diagram.Zoom, MinimumZoom, MaximumZoom);
        SetView(z, (container.Width / 2) - (box.Center.X * z), (container.Height / 2) - (box.Center.Y * z));
    }

    /// <summary>Moves the pan so that <paramref name="nodeId"/> sits where <paramref name="screenBefore"/> says (after a re-layout).</summary>
    public void KeepOnScreen(string nodeId, DPoint screenBefore)
    {
        if (_nodes.TryGetValue(nodeId, out var node))
        {
            SetView(Diagram.Zoom, screenBefore.X - (node.Position.X * Diagram.Zoom), screenBefore.Y - (node.Position.Y * Diagram.Zoom));
        }
    }

    /// <summary>
    /// After an expansion: pans as little as possible, and zooms out only when they do not fit, so that the new children
    /// (<paramref name="children"/>) and the expanded node (<paramref name="expanded"/>, which keeps its place on screen
    /// when no pan is needed) are both in the canvas, clear of the legend or of <paramref name="coveredBottom"/> pixels
    /// covered at the bottom (the phone's bottom sheet).
    /// </summary>
    public void BringIntoView(Rect expanded, Rect children, double coveredBottom = 0, double margin = 24)
    {
        if (!HasContainer || Rect.Around([expanded, children]) is not { } all)
        {
            return;
        }
        var c = Diagram.Container!;
        double width = c.Width - (2 * margin);
        double height = c.Height - margin - (coveredBottom > 0 ? coveredBottom + margin : LegendMargin);
        double z = Diagram.Zoom;
        double next = Math.Clamp(Math.Min(width / Math.Max(all.Width, 1), height / Math.Max(all.Height, 1)), MinimumZoom, z);
        // The expanded node's corner stays where it is on screen across the zoom change; then the least pan.
        double panX = (expanded.X * z) + Diagram.Pan.X - (expanded.X * next);
        double panY = (expanded.Y * z) + Diagram.Pan.Y - (expanded.Y * next);
        double dx = ShiftInto((all.Left * next) + panX, (all.Right * next) + panX, margin, margin + width);
        double dy = ShiftInto((all.Top * next) + panY, (all.Bottom * next) + panY, margin, margin + height);
        if (next != z || dx != 0 || dy != 0)
        {
            SetView(next, panX + dx, panY + dy);
        }
    }

    /// <summary>How far to move the span [<paramref name="from"/>, <paramref name="to"/>] so it lies inside [<paramref name="min"/>,
    /// <paramref name="max"/>]; one longer than that is aligned on its start.</summary>
    private static double ShiftInto(double from, double to, double min, double max) =>
        to - from > max - min || from < min ? min - from : to > max ? max - to : 0;

    /// <summary>Screen area at the top-right corner taken by the minimap (null when hidden): a selection is kept out of it.</summary>
    public Size? ReservedCorner { get; set; }

    /// <summary>Pans as little as possible so that the node's box is inside the canvas (with a margin) and not under the minimap.</summary>
    public void EnsureVisible(string nodeId, double margin = 24)
    {
        if (!HasContainer || !_nodes.TryGetValue(nodeId, out var node) || node.Size is null)
        {
            return;
        }
        var c = Diagram.Container!;
        double z = Diagram.Zoom;
        double left = (node.Position.X * z) + Diagram.Pan.X, top = (node.Position.Y * z) + Diagram.Pan.Y;
        double right = left + (node.Size.Width * z), bottom = top + (node.Size.Height * z);
        double dx = right > c.Width - margin ? c.Width - margin - right : 0;
        dx = left + dx < margin ? margin - left : dx;
        double dy = bottom > c.Height - LegendMargin ? c.Height - LegendMargin - bottom : 0;
        dy = top + dy < margin ? margin - top : dy;
        if (ReservedCorner is { } corner && right + dx > c.Width - corner.Width && top + dy < corner.Height)
        {
            // Under the minimap: move it left of the minimap rather than hide the selection behind it.
            dx = c.Width - corner.Width - right;
        }
        if (dx != 0 || dy != 0)
        {
            SetView(z, Diagram.Pan.X + dx, Diagram.Pan.Y + dy);
        }
    }

    /// <summary>After the canvas was resized (the side panel opened or closed): keeps the point at its centre in place.</summary>
    public void KeepCentre(double oldWidth, double oldHeight)
    {
        if (HasContainer && oldWidth > 0 && oldHeight > 0)
        {
            var c = Diagram.Container!;
            SetView(Diagram.Zoom, Diagram.Pan.X + ((c.Width - oldWidth) / 2), Diagram.Pan.Y + ((c.Height - oldHeight) / 2));
        }
    }

    /// <summary>Where a node's top-left corner is on the canvas now.</summary>
    public DPoint? ScreenPosition(string nodeId) =>
        _nodes.TryGetValue(nodeId, out var node)
            ? new DPoint((node.Position.X * Diagram.Zoom) + Diagram.Pan.X, (node.Position.Y * Diagram.Zoom) + Diagram.Pan.Y)
            : null;

    /// <summary>Zooms by <paramref name="factor"/> around the canvas centre (keyboard + and −); the centre point stays put.</summary>
    public void ZoomBy(double factor)
    {
        if (!HasContainer)
        {
            return;
        }
        var c = Diagram.Container!;
        double z = Diagram.Zoom;
        double next = Math.Clamp(z * factor, MinimumZoom, MaximumZoom);
        double cx = c.Width / 2, cy = c.Height / 2;
        SetView(next, cx - ((cx - Diagram.Pan.X) * next / z), cy - ((cy - Diagram.Pan.Y) * next / z));
    }

    /// <summary>Moves the drawing by (<paramref name="dx"/>, <paramref name="dy"/>) screen pixels (keyboard arrows).</summary>
    public void PanBy(double dx, double dy) => SetView(Diagram.Zoom, Diagram.Pan.X + dx, Diagram.Pan.Y + dy);

    /// <summary>Screen step of an arrow key, px.</summary>
    public const double KeyPanStep = 80;

    /// <summary>A key on the diagram: + / = and − / _ zoom 15 % around the centre, arrows pan by <see cref="KeyPanStep"/>; false for any other key.</summary>
    public bool HandleKey(string key)
    {
        switch (key)
        {
            case "+" or "=":
                ZoomBy(1.15);
                return true;
            case "-" or "_":
                ZoomBy(1 / 1.15);
                return true;
            case "ArrowLeft":
                PanBy(KeyPanStep, 0);
                return true;
            case "ArrowRight":
                PanBy(-KeyPanStep, 0);
                return true;
            case "ArrowUp":
                PanBy(0, KeyPanStep);
                return true;
            case "ArrowDown":
                PanBy(0, -KeyPanStep);
                return true;
            default:
                return false;
        }
    }

    public void SetView(double zoom, double panX, double panY)
    {
        Diagram.Batch(() =>
        {
            Diagram.SetZoom(Math.Clamp(zoom, MinimumZoom, MaximumZoom));
            Diagram.SetPan(panX, panY);
        });
    }

    public void Dispose()
    {
        Diagram.PointerClick -= OnPointerClick;
        Diagram.PointerDoubleClick -= OnPointerDoubleClick;
        foreach (var node in _nodes.Values)
        {
            node.OnToggle = null;
            node.OnActivate = null;
        }
    }

    private void OnPointerClick(Model? model, Blazor.Diagrams.Core.Events.PointerEventArgs e)
    {
        switch (model)
        {
            case AggregateNodeModel aggregate:
                ToggleRequested?.Invoke(aggregate);
                break;
            case PowerNodeModel node:
                NodeClicked?.Invoke(node);
                break;
            case null:
                BackgroundClicked?.Invoke();
                break;
        }
    }

    private void OnPointerDoubleClick(Model? model, Blazor.Diagrams.Core.Events.PointerEventArgs e)
    {
        if (model is PowerNodeModel node and not AggregateNodeModel && (node.CanExpand || node.CanCollapse))
        {
            ToggleRequested?.Invoke(node);
        }
    }
}

using System.Globalization;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;

namespace PowerMap.Web.Features.Topology;

/// <summary>What a change to <see cref="TopologyViewState"/> asks of the drawn diagram.</summary>
[Flags]
public enum ViewChange
{
    None = 0,

    /// <summary>Other nodes or links (site, expansions, an edit that added or removed objects): show the new view.</summary>
    Structure = 1,

    /// <summary>Same nodes, new numbers: update them in place.</summary>
    Figures = 2,

    /// <summary>The selected node or its trace changed.</summary>
    Selection = 4,

    /// <summary>What-if mode or its failed elements changed.</summary>
    WhatIf = 8,

    /// <summary>Another site: fit the new view.</summary>
    Site = 16,
}

/// <summary>
/// The state of /topology without Blazor: the site, expansions, selection and trace, what-if failures, the filter, and
/// the view and layout they give over a snapshot. Every change returns a <see cref="ViewChange"/> that the page applies
/// to the drawn diagram; the URL is <see cref="Url"/> plus the viewport.
/// </summary>
public sealed class TopologyViewState(TopologySnapshot snapshot)
{
    /// <summary>The site a view without a (known) site opens on.</summary>
    public const string SeedSiteName = "DC1";

    public int MaxNodes { get; } = TopologyViewOptions.Default.MaxNodes;

    public TopologySnapshot Snapshot { get; private set; } = snapshot;

    /// <summary>Site, expansions, selection and what-if as written in the URL (without the viewport).</summary>
    public TopologyUrlState Url { get; private set; } = TopologyUrlState.Empty;

    public IReadOnlyList<Site> Sites { get; private set; } = SortedSites(snapshot.Installation);

    public TopologyView? View { get; private set; }

    public LayoutResult? Layout { get; private set; }

    public IReadOnlyDictionary<string, NodeFigures> Figures { get; private set; } = new Dictionary<string, NodeFigures>();

    /// <summary>The selected (traced) node of the view; never an aggregate.</summary>
    public TopologyNode? Selected { get; private set; }

    public PathTraceResult? Trace { get; private set; }

    public TraceHighlight? Highlight { get; private set; }

    public NodeDetails? Details { get; private set; }

    public WhatIfOverlay? WhatIf { get; private set; }

    /// <summary>"Show only ≥ 75 %": nodes below the warning threshold (and the links) are faded, not removed.</summary>
    public bool OnlyHot { get; set; }

    /// <summary>Some children of <paramref name="node"/> are hidden (in an aggregate, or only counted): it can be expanded.</summary>
    public static bool CanExpand(TopologyNode node) =>
        node.Kind is not (NodeKind.Aggregate or NodeKind.Device) && !node.IsExpanded;

    /// <summary>Every child of <paramref name="node"/> is drawn and there is at least one: it can be collapsed.</summary>
    public static bool CanCollapse(TopologyNode node) =>
        node.Kind is not (NodeKind.Aggregate or NodeKind.Device) && node.IsExpanded && node.DeviceCount + node.DistributionCount + node.FeedCount > 0;

    /// <summary>The state the URL asks for (on open, and on back/forward or a pasted link).</summary>
    public ViewChange ApplyUrl(TopologyUrlState url)
    {
        ArgumentNullException.ThrowIfNull(url);
        url = url with { SiteId = ResolveSite(url.SiteId), Zoom = null, PanX = null, PanY = null };
        bool first = View is null && Layout is null;
        var change = ViewChange.None;
        if (first || !url.SameView(Url))
        {
            bool siteChanged = !first && url.SiteId != Url.SiteId;
            Url = url with { NodeId = Url.NodeId, WhatIf = Url.WhatIf, Failed = Url.Failed };
            change |= Rebuild();
            if (siteChanged)
            {
                ClearSelection();
                change |= ViewChange.Site | ViewChange.Selection;
            }
        }
        if (url.NodeId != Url.NodeId || (url.NodeId is not null && Selected is null))
        {
            change |= Select(url.NodeId);
        }
        if (url.WhatIf != Url.WhatIf || !url.Failed.SequenceEqual(Url.Failed) || (url.WhatIf && WhatIf is null))
        {
            Url = Url with { WhatIf = url.WhatIf, Failed = url.Failed };
            RefreshWhatIf();
            change |= ViewChange.WhatIf;
        }
        return change;
    }

    /// <summary>A write somewhere: new numbers in place when the structure is the same, else the new structure. An older or
    /// equal revision changes nothing.</summary>
    public ViewChange ApplySnapshot(TopologySnapshot latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        if (latest.Revision <= Snapshot.Revision)
        {
            return ViewChange.None;
        }
        Snapshot = latest;
        Sites = SortedSites(latest.Installation);
        var change = ViewChange.None;
        if (Url.SiteId is { } site && !latest.Installation.SiteById.ContainsKey(site))
        {
            Url = Url with { SiteId = ResolveSite(null), Expanded = [], Collapsed = [] };
            ClearSelection();
            change |= ViewChange.Site | ViewChange.Selection;
        }
        if (Url.SiteId is null || View is null)
        {
            return change | Rebuild();
        }
        var view = TopologyView.Build(latest.Installation, ViewOptions(), latest.Report);
        if (!TopologyDiagram.SameStructure(View, view))
        {
            // Objects were added or removed: "expand all" may fit or stop fitting.
            return change | Show(view);
        }
        View = view;
        Figures = TopologyFigures.Compute(view, latest.Report);
        RefreshTrace();
        RefreshWhatIf();
        return change | ViewChange.Figures | ViewChange.Selection | ViewChange.WhatIf;
    }

    /// <summary>Selects a node of the view (not an aggregate) and traces it; an unknown id clears the selection.</summary>
    public ViewChange Select(string? nodeId)
    {
        var node = nodeId is null || View is null ? null : View.Nodes.FirstOrDefault(n => n.Id == nodeId && n.Kind != NodeKind.Aggregate);
        if (node is null)
        {
            ClearSelection();
            return ViewChange.Selection;
        }
        Selected = node;
        Url = Url with { NodeId = node.Id };
        RefreshTrace();
        return ViewChange.Selection;
    }

    public void ClearSelection()
    {
        Selected = null;
        Trace = null;
        Highlight = null;
        Details = null;
        Url = Url with { NodeId = null };
    }

    /// <summary>The node a toggle of <paramref name="nodeId"/> expands or collapses (an aggregate stands for its parent),
    /// and whether it expands; null when the node is not in the view.</summary>
    public (string Key, bool Expand)? ToggleTarget(string nodeId)
    {
        var node = View?.Nodes.FirstOrDefault(n => n.Id == nodeId);
        if (node is null)
        {
            return null;
        }
        bool aggregate = node.Kind == NodeKind.Aggregate;
        string key = aggregate ? node.ParentId ?? nodeId : nodeId;
        var target = View!.Nodes.FirstOrDefault(n => n.Id == key) ?? node;
        return (key, aggregate || CanExpand(target));
    }

    /// <summary>Expands a node with hidden children (an aggregate expands its parent) or collapses an expanded one. The
    /// result's <c>Blocked</c> is true when the node limit kept it closed.</summary>
    public (ViewChange Change, bool Blocked) Toggle(string nodeId)
    {
        if (ToggleTarget(nodeId) is not var (key, expand))
        {
            return (ViewChange.None, false);
        }
        var expanded = Url.Expanded.ToList();
        var collapsed = Url.Collapsed.ToList();
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
        Url = Url with { Expanded = expanded, Collapsed = collapsed };
        var change = Rebuild();
        if (!expand && Node(key) is { } after && CanCollapse(after))
        {
            // Still open: it was opened by the overview or "expand all", so keep it closed explicitly.
            collapsed.Add(key);
            Url = Url with { Collapsed = collapsed };
            change |= Rebuild();
        }
        bool blocked = expand && View?.Truncated == true && Node(key) is { } still && CanExpand(still);
        return (change, blocked);
    }

    /// <summary>"Expand all" (true) or "Collapse all" (false): the explicit expansions are dropped.</summary>
    public ViewChange SetExpandAll(bool expandAll)
    {
        Url = Url with { ExpandAll = expandAll, Expanded = [], Collapsed = [] };
        return Rebuild();
    }

    /// <summary>Another site: a fresh view of it (what-if mode stays on, its failures are cleared).</summary>
    public ViewChange ChangeSite(int siteId)
    {
        if (siteId == Url.SiteId)
        {
            return ViewChange.None;
        }
        ClearSelection();
        Url = TopologyUrlState.Empty with { SiteId = siteId, WhatIf = Url.WhatIf };
        return Rebuild() | ViewChange.Site | ViewChange.Selection | WhatIfChange();
    }

    /// <summary>Expands <paramref name="key"/> (a rack, or a node hidden under a collapsed one) unless it already is.</summary>
    public ViewChange Reveal(string key)
    {
        if (Url.Expanded.Contains(key))
        {
            return ViewChange.None;
        }
        Url = Url with { Expanded = [.. Url.Expanded, key], Collapsed = Url.Collapsed.Where(k => k != key).ToList() };
        return Rebuild();
    }

    /// <summary>"Jump to worst": the node after the selected one in <see cref="WorstNodes"/> order (the first without a
    /// selection, wrapping round); null when nothing shown is at or above 75 %.</summary>
    public string? NextWorst()
    {
        if (View is null)
        {
            return null;
        }
        var worst = WorstNodes.Order(View, Figures);
        if (worst.Count == 0)
        {
            return null;
        }
        int at = Selected is null ? -1 : worst.ToList().IndexOf(Selected.Id);
        return worst[at >= 0 ? (at + 1) % worst.Count : 0];
    }

    public ViewChange ToggleWhatIf()
    {
        Url = Url with { WhatIf = !Url.WhatIf, Failed = [] };
        return WhatIfChange();
    }

    /// <summary>Fails or restores a panel, feed or PDU/UPS (what-if mode on).</summary>
    public ViewChange ToggleFailed(string nodeId)
    {
        var failed = Url.Failed.ToList();
        if (!failed.Remove(nodeId))
        {
            failed.Add(nodeId);
        }
        return SetFailed(failed);
    }

    public ViewChange SetFailed(IReadOnlyList<string> failed)
    {
        Url = Url with { WhatIf = true, Failed = failed };
        return WhatIfChange();
    }

    /// <summary>"All of side A" of the site: every feed whose type gives that side.</summary>
    public ViewChange FailSide(string side)
    {
        if (Url.SiteId is not { } site)
        {
            return ViewChange.None;
        }
        var keys = WhatIfOverlay.SideKeys(Snapshot.Installation, site, side);
        return SetFailed(Url.Failed.Where(k => !keys.Contains(k)).Concat(keys).ToList());
    }

    /// <summary>The box of a node of the layout; null when it is not drawn.</summary>
    public Rect? Box(string nodeId) => Layout is null ? null : Rect.Around(Layout.Nodes.Where(b => b.Id == nodeId).Select(b => b.Box));

    /// <summary>The box around the selected node and every node of its trace.</summary>
    public Rect? TraceBox()
    {
        if (Selected is null || Layout is null)
        {
            return null;
        }
        var ids = Highlight?.Nodes.Keys.ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>(StringComparer.Ordinal);
        ids.Add(Selected.Id);
        return Rect.Around(Layout.Nodes.Where(b => ids.Contains(b.Id)).Select(b => b.Box));
    }

    /// <summary>The box around the drawn nodes of a rack (not its aggregates); null when none is drawn.</summary>
    public Rect? RackBox(int rackId)
    {
        if (View is null || Layout is null)
        {
            return null;
        }
        var inRack = View.Nodes.Where(n => n.RackId == rackId && n.Kind != NodeKind.Aggregate).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return Rect.Around(Layout.Nodes.Where(b => inRack.Contains(b.Id)).Select(b => b.Box));
    }

    /// <summary>The names of the traced nodes in the view's order (the printed trace list).</summary>
    public IReadOnlyList<string> TracedLabels() => TopologyTrace.Labels(View, Highlight, Selected?.Id);

    /// <summary>"powermap-dc2-2026-11-26.svg": the site's slug and the date (UTC), so exports of several sites and days sort.</summary>
    public string ExportFileName(string extension, DateTime utcNow)
    {
        string site = SiteName() is { } name ? Slugs.FromName(name) : "all";
        return $"powermap-{site}-{utcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";
    }

    /// <summary>The printed header: "PowerMap · DC2 · 2026-11-26 17:05 UTC · revision 12".</summary>
    public string PrintTitle(DateTime utcNow) => TopologyPrintPage.Title(SiteName() ?? "", utcNow, Snapshot.DataRevision);

    /// <summary>The export's title: "PowerMap · DC2 · revision 12".</summary>
    public string ExportTitle() => $"PowerMap · {SiteName() ?? ""} · revision {Snapshot.DataRevision}";

    private string? SiteName() =>
        Url.SiteId is { } id && Snapshot.Installation.SiteById.TryGetValue(id, out var s) ? s.Name : null;

    private TopologyNode? Node(string id) => View?.Nodes.FirstOrDefault(n => n.Id == id);

    private ViewChange WhatIfChange()
    {
        RefreshWhatIf();
        return ViewChange.WhatIf;
    }

    /// <summary>Builds the view of <see cref="Url"/>, lays it out, and re-applies the trace and the what-if.</summary>
    private ViewChange Rebuild()
    {
        if (Url.SiteId is null)
        {
            View = null;
            Layout = null;
            return ViewChange.Structure;
        }
        return Show(TopologyView.Build(Snapshot.Installation, ViewOptions(), Snapshot.Report));
    }

    private ViewChange Show(TopologyView view)
    {
        View = view;
        Layout = TopologyLayout.Compute(view);
        Figures = TopologyFigures.Compute(view, Snapshot.Report);
        RefreshTrace();
        RefreshWhatIf();
        return ViewChange.Structure | ViewChange.Selection | ViewChange.WhatIf;
    }

    /// <summary>Recomputes the selected node's trace and details against the current snapshot and view (the node may
    /// have gone, or become an aggregate's content: then nothing is selected).</summary>
    private void RefreshTrace()
    {
        if (Selected is null || View is null)
        {
            return;
        }
        var node = View.Nodes.FirstOrDefault(n => n.Id == Selected.Id && n.Kind != NodeKind.Aggregate);
        if (node is null)
        {
            ClearSelection();
            return;
        }
        Selected = node;
        (Trace, Highlight) = TopologyTrace.Of(Snapshot, View, node);
        Details = NodeDetails.For(Snapshot, node, Figures.GetValueOrDefault(node.Id) ?? NodeFigures.None);
    }

    private void RefreshWhatIf() => WhatIf = Url.WhatIf ? WhatIfOverlay.Build(Snapshot, Url.Failed) : null;

    private TopologyViewOptions ViewOptions() => new()
    {
        SiteId = Url.SiteId,
        ExpandAll = Url.ExpandAll,
        Expanded = Url.Expanded,
        Collapsed = Url.Collapsed,
        MaxNodes = MaxNodes,
    };

    private int? ResolveSite(int? requested)
    {
        var inst = Snapshot.Installation;
        if (requested is { } id && inst.SiteById.ContainsKey(id))
        {
            return id;
        }
        return inst.SiteByName.TryGetValue(SeedSiteName, out var seed) ? seed.Id : Sites.FirstOrDefault()?.Id;
    }

    private static IReadOnlyList<Site> SortedSites(Installation inst) =>
        inst.Sites.OrderBy(s => s.Name, NaturalComparer.Instance).ThenBy(s => s.Id).ToList();
}

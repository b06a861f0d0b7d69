namespace PowerMap.Core.Layout;

/// <summary>
/// The semantic-zoom state of a <see cref="ScopeGraph"/>: which nodes are pinned (always visible) and how far each
/// node is open, and the visible set that follows. Each step (expand all, one more structural tier, one user
/// expansion) is tried on the whole state and kept only when the view still fits in the node budget: the automatic
/// overview (roots, structural tiers) within <see cref="TopologyViewOptions.MaxNodes"/> minus the expansion
/// reserve, expand-all and user expansions within <see cref="TopologyViewOptions.MaxNodes"/>.
/// </summary>
internal sealed class Disclosure
{
    private const byte Closed = 0;
    private const byte Structural = 1;
    private const byte Open = 2;

    private readonly ScopeGraph _g;
    private readonly TopologyViewOptions _options;
    private readonly bool[] _collapsed;
    private readonly bool[] _unpowered;
    private readonly int[] _queue;
    private byte[] _open;
    private bool[] _pinned;
    private bool[] _visible;
    private bool _aggregates = true;

    public Disclosure(ScopeGraph graph, TopologyViewOptions options)
    {
        _g = graph;
        _options = options;
        int n = graph.Count;
        _open = new byte[n];
        _pinned = new bool[n];
        _visible = new bool[n];
        _queue = new int[n];
        _collapsed = new bool[n];
        _unpowered = new bool[n];
        foreach (var key in options.Collapsed)
        {
            if (Resolve(key) is { Kind: not "rack" } node)
            {
                _collapsed[node.Value] = true;
            }
        }
    }

    public bool[] Visible => _visible;

    /// <summary>False when the overview only fitted without aggregate boxes: hidden children are then only counted on their parent.</summary>
    public bool AggregatesShown => _aggregates;
    public bool Truncated { get; private set; }
    public bool FullyExpanded { get; private set; }
    public int UnpoweredCount { get; private set; }

    public void Run()
    {
        int n = _g.Count;
        int devices = 0;
        var roots = new List<int>();
        for (int v = 0; v < n; v++)
        {
            bool hasParent = _g.ParentStart[v] < _g.ParentStart[v + 1];
            if (_g.Kind[v] == NodeKind.Device)
            {
                devices++;
                if (!hasParent)
                {
                    _unpowered[v] = true;
                    UnpoweredCount++;
                }
            }
            else if (!hasParent)
            {
                roots.Add(v);
            }
        }

        // The overview leaves room for the user's expansions.
        int overview = _options.MaxNodes - Math.Min(_options.ExpansionReserve, _options.MaxNodes / 4);

        // Roots, collapsed: each costs itself plus its aggregate, or only itself when that is too much.
        roots.Sort((a, b) => _g.SeedRank[a].CompareTo(_g.SeedRank[b]));
        int withAggregates = 0;
        foreach (var r in roots)
        {
            withAggregates += _g.ChildStart[r] < _g.ChildStart[r + 1] ? 2 : 1;
        }
        _aggregates = withAggregates <= overview;
        int cost = 0;
        foreach (var r in roots)
        {
            int rootCost = _aggregates && _g.ChildStart[r] < _g.ChildStart[r + 1] ? 2 : 1;
            if (cost + rootCost > overview)
            {
                Truncated = true;
                break;
            }
            _pinned[r] = true;
            cost += rootCost;
        }
        Evaluate();

        if (_options.ExpandAll ?? devices <= _options.ExpandAllDeviceThreshold)
        {
            bool fits = Try(_options.MaxNodes, () =>
            {
                for (int v = 0; v < n; v++)
                {
                    _open[v] = _collapsed[v] ? Closed : Open;
                    _pinned[v] |= _g.ParentStart[v] == _g.ParentStart[v + 1]; // every root, unpowered devices included
                }
            });
            if (fits)
            {
                FullyExpanded = !Truncated && !AnyHidden();
            }
            else
            {
                Truncated = true;
            }
        }

        // "Collapse all" (ExpandAll = false) stops at the roots with their aggregates; automatic and "expand all" add the overview.
        if (!FullyExpanded && _options.ExpandAll != false)
        {
            // One more tier of the overview; if it only fits without the aggregate boxes, drop them for good.
            for (int tier = 0; tier < _g.DeviceTier; tier++)
            {
                void OpenTier()
                {
                    for (int v = 0; v < n; v++)
                    {
                        if (_g.Tier[v] == tier && !_collapsed[v] && _open[v] < Structural)
                        {
                            _open[v] = Structural;
                        }
                    }
                }
                if (!Try(overview, OpenTier) && !(_aggregates && Try(overview, () => { _aggregates = false; OpenTier(); })))
                {
                    break;
                }
            }
        }

        if (_options.ExpandAll == true && !FullyExpanded)
        {
            // "Expand all" that does not fit whole: open rack after rack (natural order) while the budget allows.
            foreach (int rack in RacksInSeedOrder())
            {
                if (!Try(_options.MaxNodes, () => Expand(TopologyNodeId.Rack(rack))))
                {
                    break;
                }
            }
        }

        foreach (var key in _options.Expanded)
        {
            if (!Try(_options.MaxNodes, () => Expand(key)))
            {
                Truncated = true;
                break;
            }
        }
        Evaluate();
    }

    /// <summary>
    /// The edge u → c is drawn: both shown, and a device child only from an expanded parent (or from the first
    /// parent of a device revealed on its own).
    /// </summary>
    public bool Drawn(int u, int c) =>
        _visible[u] && _visible[c] &&
        (_g.Kind[c] != NodeKind.Device || _open[u] == Open || (_pinned[c] && _g.FirstParent(c) == u));

    /// <summary>A shown node has an aggregate when one of its children is not drawn from it.</summary>
    public bool HasHidden(int u)
    {
        if (!_visible[u] || _open[u] == Open)
        {
            return false;
        }
        for (int k = _g.ChildStart[u]; k < _g.ChildStart[u + 1]; k++)
        {
            if (!Drawn(u, _g.Child[k]))
            {
                return true;
            }
        }
        return false;
    }

    private bool AnyHidden()
    {
        for (int v = 0; v < _g.Count; v++)
        {
            if (!_visible[v] || HasHidden(v))
            {
                return true;
            }
        }
        return false;
    }

    private void Expand(string key)
    {
        if (Resolve(key) is not { } target)
        {
            return;
        }
        if (target.Kind != "rack")
        {
            Reveal(target.Value);
            if (!_collapsed[target.Value])
            {
                _open[target.Value] = Open;
            }
            return;
        }
        for (int v = 0; v < _g.Count; v++)
        {
            if (_g.RackId[v] != target.Value || _collapsed[v])
            {
                continue;
            }
            if (_g.Kind[v] is NodeKind.Feed or NodeKind.Distribution)
            {
                Reveal(v);
                _open[v] = Open;
            }
            else if (_unpowered[v])
            {
                _pinned[v] = true;
            }
        }
    }

    private List<int> RacksInSeedOrder()
    {
        var first = new Dictionary<int, int>();
        for (int v = 0; v < _g.Count; v++)
        {
            if (_g.RackId[v] is { } rack && (!first.TryGetValue(rack, out var rank) || _g.SeedRank[v] < rank))
            {
                first[rack] = _g.SeedRank[v];
            }
        }
        return [.. first.OrderBy(kv => kv.Value).Select(kv => kv.Key)];
    }

    /// <summary>Pins the node and its first-parent chain up to a pinned node or a root.</summary>
    private void Reveal(int v)
    {
        while (v >= 0 && !_pinned[v])
        {
            _pinned[v] = true;
            v = _g.FirstParent(v);
        }
    }

    /// <summary>Applies a step; keeps it when the view fits in <paramref name="budget"/> nodes, else restores the previous state.</summary>
    private bool Try(int budget, Action step)
    {
        var open = (byte[])_open.Clone();
        var pinned = (bool[])_pinned.Clone();
        bool aggregates = _aggregates;
        step();
        if (Evaluate() <= budget)
        {
            return true;
        }
        _open = open;
        _pinned = pinned;
        _aggregates = aggregates;
        Evaluate();
        return false;
    }

    /// <summary>Recomputes the visible set (breadth-first from the pinned nodes) and returns nodes + aggregates.</summary>
    private int Evaluate()
    {
        int n = _g.Count;
        Array.Clear(_visible);
        int head = 0, tail = 0;
        for (int v = 0; v < n; v++)
        {
            if (_pinned[v])
            {
                _visible[v] = true;
                _queue[tail++] = v;
            }
        }
        while (head < tail)
        {
            int u = _queue[head++];
            byte open = _open[u];
            if (open == Closed)
            {
                continue;
            }
            for (int k = _g.ChildStart[u]; k < _g.ChildStart[u + 1]; k++)
            {
                int c = _g.Child[k];
                if (!_visible[c] && (open == Open || _g.Kind[c] != NodeKind.Device))
                {
                    _visible[c] = true;
                    _queue[tail++] = c;
                }
            }
        }
        int count = tail;
        for (int i = 0; i < tail; i++)
        {
            if (_aggregates && HasHidden(_queue[i]))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>An expansion key as its kind and the node index (for a rack: the rack id); null when unknown.</summary>
    private (string Kind, int Value)? Resolve(string key)
    {
        if (!TopologyNodeId.TryParse(key, out var kind, out var id))
        {
            return null;
        }
        return kind switch
        {
            "panel" when _g.PanelNode.TryGetValue(id, out var p) => (kind, p),
            "feed" when _g.FeedNode.TryGetValue(id, out var f) => (kind, f),
            "device" when _g.DeviceNode.TryGetValue(id, out var d) => (kind, d),
            "rack" => (kind, id),
            _ => null,
        };
    }
}

using PowerMap.Core.Dcim;

namespace PowerMap.Core.Layout;

/// <summary>
/// The grouping half of <see cref="TopologyLayout"/>: splits a view into the groups staff recognise and packs them so
/// a whole site fits a screen.
/// <list type="number">
/// <item>Cells: the panels of a location (with their aggregates) form its header; every rack is a cell of its own
/// (feeds, PDUs/UPSs, devices and aggregates of that rack, so its A and B chains sit side by side); objects without a
/// rack form one last cell. Each cell is a layered layout of its own (<see cref="TopologyLayout.Engine"/>: seed order,
/// barycentre sweeps, placement), so the layered order and the crossing minimisation hold within it.</item>
/// <item>Locations: the header on top, the rack cells below in natural name order, wrapped into grid rows so the
/// location comes out near <see cref="LayoutOptions.TargetAspectRatio"/>; the cells of one grid row share their tier
/// bands (all feeds of the row on one line, all PDUs on the next).</item>
/// <item>Sites, then the whole view: blocks (locations, then sites) packed on shelves in natural name order, a shelf
/// being about √(area × aspect) wide.</item>
/// <item>Edges between groups (panel → feed, a cable to another rack) leave below their source's group, run along
/// the gaps between groups and enter the target from above; edges inside a group are the layered routes.</item>
/// </list>
/// Positions depend only on the structure (ids, kinds, tiers, edges, names), never on loads, so a change of numbers
/// moves nothing; a new node changes the layout of its own cell and shifts what comes after it, never the order.
/// </summary>
internal sealed class SiteGrid(TopologyView view, LayoutOptions options)
{
    private const int HeaderRack = -2;
    private const int NoRack = -1;

    private sealed class Cell(string? site, string? location, int rackId, string label)
    {
        public string? Site { get; } = site;
        public string? Location { get; } = location;
        public int RackId { get; } = rackId;
        public string Label { get; } = label;
        public List<int> Nodes { get; } = [];
        public List<int> Edges { get; } = [];
        public TopologyLayout.Engine Engine { get; set; } = null!;
        public SortedDictionary<int, double> TierHeights { get; } = [];

        /// <summary>Frame relative to its location block (label band included for rack cells).</summary>
        public Rect Frame { get; set; }

        /// <summary>Tier → band (top relative to the block, height), shared with the cells of its grid row.</summary>
        public Dictionary<int, (double Top, double Height)> Bands { get; set; } = [];
    }

    private sealed class Block(string? site, string? location)
    {
        public string? Site { get; } = site;
        public string? Location { get; } = location;
        public Cell? Header { get; set; }
        public List<Cell> Racks { get; } = [];
        public Size Size { get; set; }
        public Point Origin { get; set; }
    }

    public LayoutResult Run()
    {
        var nodes = view.Nodes;
        var edges = view.Edges;
        var index = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        for (int v = 0; v < nodes.Count; v++)
        {
            if (!index.TryAdd(nodes[v].Id, v))
            {
                throw new ArgumentException($"Duplicate node id '{nodes[v].Id}'.", nameof(view));
            }
        }
        var source = new int[edges.Count];
        var target = new int[edges.Count];
        for (int e = 0; e < edges.Count; e++)
        {
            if (!index.TryGetValue(edges[e].From, out source[e]) || !index.TryGetValue(edges[e].To, out target[e]))
            {
                throw new ArgumentException($"Edge {edges[e].From} → {edges[e].To} names an unknown node.", nameof(view));
            }
        }
        if (nodes.Count == 0)
        {
            return new LayoutResult([], [], new Rect(0, 0, 0, 0), 0);
        }

        // 1. Cells.
        var cells = new Dictionary<(string?, string?, int), Cell>();
        var cellOf = new Cell[nodes.Count];
        for (int v = 0; v < nodes.Count; v++)
        {
            var node = nodes[v];
            int rack = IsHeader(node) ? HeaderRack : node.RackId ?? NoRack;
            var key = (node.SiteName, node.LocationName, rack);
            if (!cells.TryGetValue(key, out var cell))
            {
                string label = rack switch
                {
                    HeaderRack => node.LocationName ?? node.SiteName ?? "",
                    NoRack => "No rack",
                    _ => node.RackName ?? "",
                };
                cells[key] = cell = new Cell(node.SiteName, node.LocationName, rack, label);
            }
            cell.Nodes.Add(v);
            cellOf[v] = cell;
        }
        var between = new List<int>();
        for (int e = 0; e < edges.Count; e++)
        {
            if (cellOf[source[e]] == cellOf[target[e]])
            {
                cellOf[source[e]].Edges.Add(e);
            }
            else
            {
                between.Add(e);
            }
        }
        foreach (var cell in cells.Values)
        {
            var sub = new TopologyView([.. cell.Nodes.Select(v => nodes[v])], [.. cell.Edges.Select(e => edges[e])]);
            cell.Engine = new TopologyLayout.Engine(sub, options);
            cell.Engine.Prepare();
            cell.Engine.CollectTierHeights(cell.TierHeights);
        }

        // 2. Location blocks, laid out locally.
        var blocks = new Dictionary<(string?, string?), Block>();
        foreach (var cell in cells.Values)
        {
            var key = (cell.Site, cell.Location);
            if (!blocks.TryGetValue(key, out var block))
            {
                blocks[key] = block = new Block(cell.Site, cell.Location);
            }
            if (cell.RackId == HeaderRack)
            {
                block.Header = cell;
            }
            else
            {
                block.Racks.Add(cell);
            }
        }
        foreach (var block in blocks.Values)
        {
            block.Racks.Sort(CompareRacks);
            LayOutBlock(block);
        }

        // 3. Sites from locations, the view from sites.
        var siteFrames = new List<GroupFrame>();
        var bySite = blocks.Values.GroupBy(b => b.Site).OrderBy(g => g.Key, NullLastNatural.Instance).ToList();
        var siteSizes = new List<Size>();
        var siteBlocks = new List<List<Block>>();
        foreach (var site in bySite)
        {
            var ordered = site.OrderBy(b => b.Location, NullLastNatural.Instance).ToList();
            var (positions, total) = Pack([.. ordered.Select(b => b.Size)]);
            for (int i = 0; i < ordered.Count; i++)
            {
                ordered[i].Origin = new Point(positions[i].X, positions[i].Y + options.LabelHeight);
            }
            siteBlocks.Add(ordered);
            siteSizes.Add(new Size(total.Width, total.Height + options.LabelHeight));
        }
        var (siteOrigins, _) = Pack(siteSizes);
        var frames = new List<GroupFrame>();
        for (int s = 0; s < siteBlocks.Count; s++)
        {
            var origin = siteOrigins[s];
            string siteName = bySite[s].Key ?? "No site";
            frames.Add(new GroupFrame("site:" + siteName, GroupKind.Site, siteName, new Rect(origin.X, origin.Y, siteSizes[s].Width, siteSizes[s].Height)));
            foreach (var block in siteBlocks[s])
            {
                block.Origin = new Point(block.Origin.X + origin.X, block.Origin.Y + origin.Y);
            }
        }

        // 4. Finish every cell in place.
        var boxes = new NodeBox[nodes.Count];
        var paths = new EdgePath[edges.Count];
        var frameOf = new Dictionary<Cell, Rect>();
        long crossings = 0;
        foreach (var block in siteBlocks.SelectMany(b => b))
        {
            if (block.Location is { } location)
            {
                frames.Add(new GroupFrame($"location:{block.Site}/{location}", GroupKind.Location, location,
                    new Rect(block.Origin.X, block.Origin.Y, block.Size.Width, block.Size.Height)));
            }
            foreach (var cell in block.Racks.Prepend(block.Header))
            {
                if (cell is null)
                {
                    continue;
                }
                var frame = cell.Frame with { X = cell.Frame.X + block.Origin.X, Y = cell.Frame.Y + block.Origin.Y };
                frameOf[cell] = frame;
                if (cell.RackId != HeaderRack)
                {
                    string key = cell.RackId == NoRack ? $"rack:none:{block.Site}/{block.Location}" : TopologyNodeId.Rack(cell.RackId);
                    frames.Add(new GroupFrame(key, GroupKind.Rack, cell.Label, frame));
                }
                var bands = cell.Bands.ToDictionary(kv => kv.Key, kv => (kv.Value.Top + block.Origin.Y, kv.Value.Height));
                var (cellBoxes, cellPaths, cellCrossings) = cell.Engine.Finish(bands, frame.X, 0);
                crossings += cellCrossings;
                for (int i = 0; i < cellBoxes.Length; i++)
                {
                    boxes[cell.Nodes[i]] = cellBoxes[i];
                }
                for (int i = 0; i < cellPaths.Length; i++)
                {
                    paths[cell.Edges[i]] = cellPaths[i];
                }
            }
        }

        // 5. Edges between groups, along the gaps.
        foreach (int e in between)
        {
            paths[e] = RouteBetween(edges[e], boxes[source[e]], boxes[target[e]], frameOf[cellOf[source[e]]], frameOf[cellOf[target[e]]]);
        }

        var bounds = Bounds(boxes, paths, frames);
        if (bounds.X != 0 || bounds.Y != 0)
        {
            double dx = -bounds.X, dy = -bounds.Y;
            Point Move(Point p) => new(p.X + dx, p.Y + dy);
            Rect MoveRect(Rect r) => r with { X = r.X + dx, Y = r.Y + dy };
            for (int v = 0; v < boxes.Length; v++)
            {
                boxes[v] = boxes[v] with { Box = MoveRect(boxes[v].Box) };
            }
            for (int e = 0; e < paths.Length; e++)
            {
                paths[e] = paths[e] with { Points = [.. paths[e].Points.Select(Move)] };
            }
            for (int f = 0; f < frames.Count; f++)
            {
                frames[f] = frames[f] with { Box = MoveRect(frames[f].Box) };
            }
            bounds = bounds with { X = 0, Y = 0 };
        }
        return new LayoutResult(boxes, paths, bounds, crossings) { Groups = frames };
    }

    private static bool IsHeader(TopologyNode node) =>
        node.Kind == NodeKind.Panel ||
        (node.Kind == NodeKind.Aggregate && node.ParentId is { } parent && parent.StartsWith("panel:", StringComparison.Ordinal));

    private static int CompareRacks(Cell a, Cell b)
    {
        int c = (a.RackId == NoRack).CompareTo(b.RackId == NoRack);
        if (c == 0) c = NaturalComparer.Instance.Compare(a.Label, b.Label);
        return c != 0 ? c : a.RackId.CompareTo(b.RackId);
    }

    /// <summary>Header on top, rack cells wrapped into grid rows below; frames and bands relative to the block.</summary>
    private void LayOutBlock(Block block)
    {
        double gap = options.GroupGap;
        double label = options.LabelHeight;
        double y = label;
        double width = 0;
        if (block.Header is { } header)
        {
            var bands = Bands(header.TierHeights, y, out double height);
            header.Bands = bands;
            header.Frame = new Rect(0, y, header.Engine.Width, height);
            width = header.Engine.Width;
            y += height + gap;
        }
        int n = block.Racks.Count;
        if (n > 0)
        {
            // The column count depends on the rack count only (a nominal cell: A and B PDU side by side under their
            // feeds, one cascade level), never on what is expanded or added: a new node never re-wraps the grid.
            double nominalWidth = (2 * options.DistributionSize.Width) + options.NodeGap + gap;
            double nominalHeight = label + options.FeedSize.Height + (2 * options.DistributionSize.Height) + (2 * options.TierGap) + gap;
            int cols = Math.Clamp((int)Math.Round(Math.Sqrt(n * options.TargetAspectRatio * nominalHeight / nominalWidth)), 1, n);
            var colWidth = new double[cols];
            for (int i = 0; i < n; i++)
            {
                colWidth[i % cols] = Math.Max(colWidth[i % cols], block.Racks[i].Engine.Width);
            }
            var colX = new double[cols];
            for (int c = 1; c < cols; c++)
            {
                colX[c] = colX[c - 1] + colWidth[c - 1] + gap;
            }
            width = Math.Max(width, colX[cols - 1] + colWidth[cols - 1]);
            for (int start = 0; start < n; start += cols)
            {
                var heights = new SortedDictionary<int, double>();
                for (int i = start; i < Math.Min(n, start + cols); i++)
                {
                    foreach (var (tier, h) in block.Racks[i].TierHeights)
                    {
                        heights[tier] = Math.Max(heights.GetValueOrDefault(tier), h);
                    }
                }
                var bands = Bands(heights, y + label, out double height);
                for (int i = start; i < Math.Min(n, start + cols); i++)
                {
                    var cell = block.Racks[i];
                    cell.Bands = bands;
                    cell.Frame = new Rect(colX[i - start], y, cell.Engine.Width, label + height);
                }
                y += label + height + gap;
            }
        }
        else
        {
            y += gap;
        }
        block.Size = new Size(width, y - gap);
    }

    private Dictionary<int, (double Top, double Height)> Bands(SortedDictionary<int, double> heights, double top, out double total)
    {
        var bands = new Dictionary<int, (double Top, double Height)>(heights.Count);
        double y = top;
        foreach (var (tier, h) in heights)
        {
            bands[tier] = (y, h);
            y += h + options.TierGap;
        }
        total = heights.Count == 0 ? 0 : y - options.TierGap - top;
        return bands;
    }

    /// <summary>Shelf packing in the given order: a shelf is about √(area × aspect) wide (never narrower than the widest block).</summary>
    private (Point[] Positions, Size Total) Pack(IReadOnlyList<Size> sizes)
    {
        double gap = options.GroupGap;
        double area = 0, widest = 0;
        foreach (var s in sizes)
        {
            area += (s.Width + gap) * (s.Height + gap);
            widest = Math.Max(widest, s.Width);
        }
        // 10 % slack so that k equal blocks of the target shape fit √k to a shelf despite the gaps.
        double limit = Math.Max(widest, Math.Sqrt(area * options.TargetAspectRatio) * 1.1);
        var positions = new Point[sizes.Count];
        double x = 0, y = 0, shelf = 0, totalWidth = 0;
        for (int i = 0; i < sizes.Count; i++)
        {
            if (x > 0 && x + sizes[i].Width > limit)
            {
                y += shelf + gap;
                x = 0;
                shelf = 0;
            }
            positions[i] = new Point(x, y);
            totalWidth = Math.Max(totalWidth, x + sizes[i].Width);
            x += sizes[i].Width + gap;
            shelf = Math.Max(shelf, sizes[i].Height);
        }
        return (positions, new Size(totalWidth, y + shelf));
    }

    /// <summary>
    /// Down from the source into the gap below its group, along that gap to the gap left of the target's group, along
    /// it to the gap above the target's group, then across and down onto the target's top border.
    /// </summary>
    private EdgePath RouteBetween(TopologyEdge edge, NodeBox from, NodeBox to, Rect fromGroup, Rect toGroup)
    {
        double half = options.GroupGap / 2;
        var s = from.Box;
        var t = to.Box;
        double below = fromGroup.Bottom + half;
        double above = toGroup.Top - half;
        var points = new List<Point> { new(s.Center.X, s.Bottom), new(s.Center.X, below) };
        if (Math.Abs(below - above) > 1e-6)
        {
            double aside = toGroup.Left - half;
            points.Add(new Point(aside, below));
            points.Add(new Point(aside, above));
        }
        points.Add(new Point(t.Center.X, above));
        points.Add(new Point(t.Center.X, t.Top));
        var distinct = new List<Point>(points.Count);
        foreach (var p in points)
        {
            if (distinct.Count == 0 || distinct[^1] != p)
            {
                distinct.Add(p);
            }
        }
        return new EdgePath(edge.From, edge.To, distinct, edge.PortId, edge.Side, to.Tier <= from.Tier);
    }

    private static Rect Bounds(NodeBox[] boxes, EdgePath[] paths, List<GroupFrame> frames)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        void Add(double x, double y)
        {
            minX = Math.Min(minX, x);
            minY = Math.Min(minY, y);
            maxX = Math.Max(maxX, x);
            maxY = Math.Max(maxY, y);
        }
        foreach (var b in boxes)
        {
            Add(b.Box.Left, b.Box.Top);
            Add(b.Box.Right, b.Box.Bottom);
        }
        foreach (var p in paths.SelectMany(p => p.Points))
        {
            Add(p.X, p.Y);
        }
        foreach (var f in frames)
        {
            Add(f.Box.Left, f.Box.Top);
            Add(f.Box.Right, f.Box.Bottom);
        }
        return new Rect(minX, minY, maxX - minX, maxY - minY);
    }

    private sealed class NullLastNatural : IComparer<string?>
    {
        public static NullLastNatural Instance { get; } = new();

        public int Compare(string? x, string? y) =>
            x is null ? (y is null ? 0 : 1) : y is null ? -1 : NaturalComparer.Instance.Compare(x, y);
    }
}

namespace PowerMap.Core.Layout;

/// <summary>
/// Layout of a <see cref="TopologyView"/>: grouped by site → location → rack and packed to a screen's shape (see
/// <see cref="SiteGrid"/>); inside each group (a rack's cell, a location's panels) a layered (Sugiyama-style) layout,
/// top to bottom: one row per tier (panels, feeds, one row per cascade level of PDUs/UPSs, devices; empty tiers take
/// no space). Within a group:
/// <list type="number">
/// <item>Order: each row starts in the seed order (site, rack, side A before B, name, id), then barycentre sweeps
/// down and up reorder it (ties by seed order); the order with the fewest crossings seen is kept.</item>
/// <item>Placement: rows packed and centred, then alternating down and up passes pull every box towards the mean x
/// of its neighbours above (down) or below (up), projected back to non-overlapping positions in the same order
/// with at least <see cref="LayoutOptions.NodeGap"/> between boxes (least squares: isotonic regression by
/// pool-adjacent-violators, O(row)).</item>
/// <item>Routing: from the bottom border of the source to the top border of the target, ports spread along the
/// border in the order of the other end; one horizontal jog in the gap below the source row, on a track of its
/// own for each source among a few (neighbouring fan-outs do not share a line). Edges spanning
/// several tiers need no dummy nodes: they run vertically through the rows in between.</item>
/// </list>
/// Pure and deterministic: no randomness, no hash order, every sort has a total key. O(E log E) per sweep.
/// </summary>
public static class TopologyLayout
{
    /// <summary>Positions the nodes and routes the edges of <paramref name="view"/>.</summary>
    /// <exception cref="ArgumentException">Two nodes share an id, or an edge names an unknown node.</exception>
    public static LayoutResult Compute(TopologyView view, LayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new SiteGrid(view, options ?? LayoutOptions.Default).Run();
    }

    private readonly record struct OrderKey(double Key, int Rank, int Node) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey other)
        {
            int c = Key.CompareTo(other.Key);
            return c != 0 ? c : Rank.CompareTo(other.Rank);
        }
    }

    private readonly record struct Segment(double Top, double Bottom) : IComparable<Segment>
    {
        public int CompareTo(Segment other)
        {
            int c = Top.CompareTo(other.Top);
            return c != 0 ? c : Bottom.CompareTo(other.Bottom);
        }
    }

    private readonly record struct PortKey(double X, int Node, int Edge) : IComparable<PortKey>
    {
        public int CompareTo(PortKey other)
        {
            int c = X.CompareTo(other.X);
            if (c == 0) c = Node.CompareTo(other.Node);
            return c != 0 ? c : Edge.CompareTo(other.Edge);
        }
    }

    internal sealed class Engine
    {
        private readonly TopologyView _view;
        private readonly LayoutOptions _options;
        private readonly int _n;
        private readonly int _m;
        private readonly int _rowCount;
        private readonly int[] _row;
        private readonly int[] _seedRank;
        private readonly int[] _source;
        private readonly int[] _target;
        private readonly bool[] _back;

        // Forward edges only: upper neighbours (sources) and lower neighbours (targets) of each node, multi-edges kept.
        private readonly int[] _upStart;
        private readonly int[] _up;
        private readonly int[] _downStart;
        private readonly int[] _down;
        private readonly int[] _outStart;
        private readonly int[] _outEdge;
        private readonly int[] _inStart;
        private readonly int[] _inEdge;

        // Bands between adjacent rows: the forward edges crossing each, and whether the band is the edge's first.
        private readonly int[] _bandStart;
        private readonly int[] _bandEdge;
        private readonly bool[] _bandFirst;
        private readonly Segment[] _segments;
        private readonly double[] _bottoms;
        private readonly double[] _scratch;

        private int[][] _rows;
        private readonly double[] _pos;

        public Engine(TopologyView view, LayoutOptions options)
        {
            _view = view;
            _options = options;
            var nodes = view.Nodes;
            var edges = view.Edges;
            _n = nodes.Count;
            _m = edges.Count;

            var index = new Dictionary<string, int>(_n, StringComparer.Ordinal);
            for (int v = 0; v < _n; v++)
            {
                if (!index.TryAdd(nodes[v].Id, v))
                {
                    throw new ArgumentException($"Duplicate node id '{nodes[v].Id}'.", nameof(view));
                }
            }

            // Rows: the distinct tiers in ascending order.
            var tiers = new SortedSet<int>();
            foreach (var node in nodes)
            {
                tiers.Add(node.Tier);
            }
            var rowOfTier = new Dictionary<int, int>(tiers.Count);
            foreach (var t in tiers)
            {
                rowOfTier[t] = rowOfTier.Count;
            }
            _rowCount = tiers.Count;
            _row = new int[_n];
            var keys = new SeedKey[_n];
            for (int v = 0; v < _n; v++)
            {
                _row[v] = rowOfTier[nodes[v].Tier];
                keys[v] = SeedKey.Of(nodes[v]);
            }
            _seedRank = SeedOrder.Ranks(keys);

            _source = new int[_m];
            _target = new int[_m];
            _back = new bool[_m];
            var upCount = new int[_n + 1];
            var downCount = new int[_n + 1];
            int bandTotal = 0;
            var bandCount = new int[Math.Max(_rowCount, 1) + 1];
            for (int e = 0; e < _m; e++)
            {
                if (!index.TryGetValue(edges[e].From, out var s) || !index.TryGetValue(edges[e].To, out var t))
                {
                    throw new ArgumentException($"Edge {edges[e].From} → {edges[e].To} names an unknown node.", nameof(view));
                }
                _source[e] = s;
                _target[e] = t;
                _back[e] = _row[t] <= _row[s];
                if (_back[e])
                {
                    continue;
                }
                upCount[t + 1]++;
                downCount[s + 1]++;
                for (int b = _row[s]; b < _row[t]; b++)
                {
                    bandCount[b + 1]++;
                    bandTotal++;
                }
            }
            for (int v = 0; v < _n; v++)
            {
                upCount[v + 1] += upCount[v];
                downCount[v + 1] += downCount[v];
            }
            for (int b = 0; b < _rowCount; b++)
            {
                bandCount[b + 1] += bandCount[b];
            }
            _upStart = upCount;
            _downStart = downCount;
            _inStart = upCount;
            _outStart = downCount;
            _bandStart = bandCount;
            int forward = _upStart[_n];
            _up = new int[forward];
            _down = new int[forward];
            _inEdge = new int[forward];
            _outEdge = new int[forward];
            _bandEdge = new int[bandTotal];
            _bandFirst = new bool[bandTotal];
            var upFill = (int[])_upStart.Clone();
            var downFill = (int[])_downStart.Clone();
            var bandFill = (int[])_bandStart.Clone();
            for (int e = 0; e < _m; e++)
            {
                if (_back[e])
                {
                    continue;
                }
                int s = _source[e], t = _target[e];
                _inEdge[upFill[t]] = e;
                _up[upFill[t]++] = s;
                _outEdge[downFill[s]] = e;
                _down[downFill[s]++] = t;
                for (int b = _row[s]; b < _row[t]; b++)
                {
                    _bandFirst[bandFill[b]] = b == _row[s];
                    _bandEdge[bandFill[b]++] = e;
                }
            }
            int widestBand = 0;
            for (int b = 0; b < _rowCount; b++)
            {
                widestBand = Math.Max(widestBand, _bandStart[b + 1] - _bandStart[b]);
            }
            _segments = new Segment[widestBand];
            _bottoms = new double[widestBand];
            _scratch = new double[widestBand];

            // Seed order per row.
            var rowLists = new List<int>[_rowCount];
            for (int r = 0; r < _rowCount; r++)
            {
                rowLists[r] = [];
            }
            var bySeed = new int[_n];
            for (int v = 0; v < _n; v++)
            {
                bySeed[_seedRank[v]] = v;
            }
            foreach (var v in bySeed)
            {
                rowLists[_row[v]].Add(v);
            }
            _rows = new int[_rowCount][];
            for (int r = 0; r < _rowCount; r++)
            {
                _rows[r] = [.. rowLists[r]];
            }
            _pos = new double[_n];
        }

        private double[] _x = [];
        private double[] _width = [];
        private double[] _height = [];

        /// <summary>Width of the group once placed (boxes start at x = 0).</summary>
        public double Width { get; private set; }

        /// <summary>Orders the rows and places the boxes horizontally; y comes later from the tier bands.</summary>
        public void Prepare()
        {
            Order();
            _x = Place(out _width, out _height);
            for (int v = 0; v < _n; v++)
            {
                Width = Math.Max(Width, _x[v] + (_width[v] / 2));
            }
        }

        /// <summary>Raises <paramref name="heights"/>[tier] to the tallest box of each tier of this group.</summary>
        public void CollectTierHeights(SortedDictionary<int, double> heights)
        {
            for (int v = 0; v < _n; v++)
            {
                int tier = _view.Nodes[v].Tier;
                heights[tier] = Math.Max(heights.GetValueOrDefault(tier), _height[v]);
            }
        }

        /// <summary>
        /// Boxes and routes with every tier in its band (<paramref name="bands"/>: tier → top and height, shared with
        /// the other groups of a grid row), moved by (<paramref name="dx"/>, <paramref name="dy"/>).
        /// </summary>
        public (NodeBox[] Boxes, EdgePath[] Paths, long Crossings) Finish(IReadOnlyDictionary<int, (double Top, double Height)> bands, double dx, double dy)
        {
            var rowTop = new double[_rowCount + 1];
            var rowHeight = new double[_rowCount];
            var x = (double[])_x.Clone();
            for (int v = 0; v < _n; v++)
            {
                var band = bands[_view.Nodes[v].Tier];
                rowTop[_row[v]] = band.Top;
                rowHeight[_row[v]] = band.Height;
                x[v] += dx;
            }
            var boxes = new Rect[_n];
            var nodeBoxes = new NodeBox[_n];
            for (int v = 0; v < _n; v++)
            {
                int r = _row[v];
                boxes[v] = new Rect(x[v] - (_width[v] / 2), rowTop[r] + ((rowHeight[r] - _height[v]) / 2), _width[v], _height[v]);
                var node = _view.Nodes[v];
                nodeBoxes[v] = new NodeBox(node.Id, node.Kind, node.Tier, boxes[v]);
            }
            var paths = Route(boxes, x, rowTop, rowHeight);
            if (dy != 0)
            {
                for (int v = 0; v < _n; v++)
                {
                    nodeBoxes[v] = nodeBoxes[v] with { Box = boxes[v] with { Y = boxes[v].Y + dy } };
                }
                for (int e = 0; e < paths.Length; e++)
                {
                    paths[e] = paths[e] with { Points = [.. paths[e].Points.Select(p => p with { Y = p.Y + dy })] };
                }
            }
            return (nodeBoxes, paths, CountCrossings(_x));
        }

        private void Order()
        {
            UpdatePositions();
            long best = CountCrossings(_pos);
            var bestRows = CloneRows();
            int stall = 0;
            for (int it = 0; it < _options.OrderingIterations && best > 0; it++)
            {
                bool improved = false;
                foreach (bool down in (ReadOnlySpan<bool>)[true, false])
                {
                    Sweep(down);
                    long crossings = CountCrossings(_pos);
                    if (crossings < best)
                    {
                        best = crossings;
                        bestRows = CloneRows();
                        improved = true;
                    }
                }
                if (!improved && ++stall >= 2)
                {
                    break;
                }
            }
            _rows = bestRows;
            UpdatePositions();
        }

        /// <summary>Reorders each row by the mean normalized position of its neighbours in the rows already swept.</summary>
        private void Sweep(bool down)
        {
            OrderKey[] keys = [];
            for (int i = 1; i < _rowCount; i++)
            {
                int r = down ? i : _rowCount - 1 - i;
                var row = _rows[r];
                if (keys.Length < row.Length)
                {
                    keys = new OrderKey[row.Length];
                }
                var start = down ? _upStart : _downStart;
                var neighbours = down ? _up : _down;
                for (int k = 0; k < row.Length; k++)
                {
                    int v = row[k];
                    double sum = 0;
                    int count = start[v + 1] - start[v];
                    for (int j = start[v]; j < start[v + 1]; j++)
                    {
                        sum += _pos[neighbours[j]];
                    }
                    keys[k] = new OrderKey(count > 0 ? sum / count : _pos[v], _seedRank[v], v);
                }
                Array.Sort(keys, 0, row.Length);
                for (int k = 0; k < row.Length; k++)
                {
                    row[k] = keys[k].Node;
                    _pos[row[k]] = (k + 0.5) / row.Length;
                }
            }
        }

        private void UpdatePositions()
        {
            foreach (var row in _rows)
            {
                for (int k = 0; k < row.Length; k++)
                {
                    _pos[row[k]] = (k + 0.5) / row.Length;
                }
            }
        }

        private int[][] CloneRows()
        {
            var copy = new int[_rowCount][];
            for (int r = 0; r < _rowCount; r++)
            {
                copy[r] = (int[])_rows[r].Clone();
            }
            return copy;
        }

        /// <summary>
        /// Crossings of straight segments between adjacent rows, x taken from <paramref name="x"/>: per band, the
        /// segments sorted by top x, then the strict inversions of their bottom x (merge sort, O(S log S)).
        /// </summary>
        private long CountCrossings(double[] x)
        {
            long total = 0;
            for (int b = 0; b + 1 < _rowCount; b++)
            {
                int count = _bandStart[b + 1] - _bandStart[b];
                if (count < 2)
                {
                    continue;
                }
                for (int i = 0; i < count; i++)
                {
                    int k = _bandStart[b] + i;
                    int e = _bandEdge[k];
                    double bottom = x[_target[e]];
                    _segments[i] = new Segment(_bandFirst[k] ? x[_source[e]] : bottom, bottom);
                }
                Array.Sort(_segments, 0, count);
                for (int i = 0; i < count; i++)
                {
                    _bottoms[i] = _segments[i].Bottom;
                }
                total += Inversions(_bottoms, _scratch, 0, count);
            }
            return total;
        }

        private static long Inversions(double[] a, double[] tmp, int lo, int hi)
        {
            if (hi - lo < 2)
            {
                return 0;
            }
            int mid = (lo + hi) >>> 1;
            long count = Inversions(a, tmp, lo, mid) + Inversions(a, tmp, mid, hi);
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
            {
                if (a[i] <= a[j])
                {
                    tmp[k++] = a[i++];
                }
                else
                {
                    tmp[k++] = a[j++];
                    count += mid - i;
                }
            }
            while (i < mid)
            {
                tmp[k++] = a[i++];
            }
            while (j < hi)
            {
                tmp[k++] = a[j++];
            }
            Array.Copy(tmp, lo, a, lo, hi - lo);
            return count;
        }

        /// <summary>Centre x of every box: rows packed and centred, then pulled towards their neighbours without overlap.</summary>
        private double[] Place(out double[] width, out double[] height)
        {
            width = new double[_n];
            height = new double[_n];
            for (int v = 0; v < _n; v++)
            {
                var size = _options.SizeOf(_view.Nodes[v].Kind);
                width[v] = size.Width;
                height[v] = size.Height;
            }
            double gap = _options.NodeGap;
            var x = new double[_n];
            var rowWidth = new double[_rowCount];
            double widest = 0;
            for (int r = 0; r < _rowCount; r++)
            {
                foreach (var v in _rows[r])
                {
                    rowWidth[r] += width[v];
                }
                rowWidth[r] += gap * Math.Max(0, _rows[r].Length - 1);
                widest = Math.Max(widest, rowWidth[r]);
            }
            for (int r = 0; r < _rowCount; r++)
            {
                double cursor = (widest - rowWidth[r]) / 2;
                foreach (var v in _rows[r])
                {
                    x[v] = cursor + (width[v] / 2);
                    cursor += width[v] + gap;
                }
            }

            int longest = 0;
            foreach (var row in _rows)
            {
                longest = Math.Max(longest, row.Length);
            }
            var desired = new double[longest];
            var projector = new Projector(longest);
            for (int it = 0; it < _options.PlacementIterations; it++)
            {
                for (int r = 1; r < _rowCount; r++)
                {
                    Pull(_rows[r], _upStart, _up, x, desired);
                    projector.Project(_rows[r], desired, width, gap, x);
                }
                for (int r = _rowCount - 2; r >= 0; r--)
                {
                    Pull(_rows[r], _downStart, _down, x, desired);
                    projector.Project(_rows[r], desired, width, gap, x);
                }
            }

            double minLeft = double.MaxValue;
            for (int v = 0; v < _n; v++)
            {
                minLeft = Math.Min(minLeft, x[v] - (width[v] / 2));
            }
            if (_n > 0)
            {
                for (int v = 0; v < _n; v++)
                {
                    x[v] -= minLeft;
                }
            }
            return x;
        }

        private static void Pull(int[] row, int[] start, int[] neighbours, double[] x, double[] desired)
        {
            for (int k = 0; k < row.Length; k++)
            {
                int v = row[k];
                int count = start[v + 1] - start[v];
                if (count == 0)
                {
                    desired[k] = x[v];
                    continue;
                }
                double sum = 0;
                for (int j = start[v]; j < start[v + 1]; j++)
                {
                    sum += x[neighbours[j]];
                }
                desired[k] = sum / count;
            }
        }

        private EdgePath[] Route(Rect[] boxes, double[] centre, double[] rowTop, double[] rowHeight)
        {
            var startX = new double[_m];
            var endX = new double[_m];
            PortKey[] ports = [];
            for (int v = 0; v < _n; v++)
            {
                Spread(v, _outStart, _outEdge, _target, centre, boxes[v], startX, ref ports);
                Spread(v, _inStart, _inEdge, _source, centre, boxes[v], endX, ref ports);
            }

            var jogY = JogLevels(rowTop, rowHeight);
            var paths = new EdgePath[_m];
            double half = _options.TierGap / 2;
            for (int e = 0; e < _m; e++)
            {
                var edge = _view.Edges[e];
                int s = _source[e], t = _target[e];
                var sb = boxes[s];
                var tb = boxes[t];
                Point[] points;
                if (!_back[e])
                {
                    var start = new Point(startX[e], sb.Bottom);
                    var end = new Point(endX[e], tb.Top);
                    points = start.X == end.X
                        ? [start, end]
                        : [start, new Point(start.X, jogY[s]), new Point(end.X, jogY[s]), end];
                }
                else
                {
                    // A loop in the cabling: leave below the source, climb on the right of both boxes, enter from above.
                    var start = new Point(sb.Center.X, sb.Bottom);
                    var end = new Point(tb.Center.X, tb.Top);
                    double belowY = rowTop[_row[s]] + rowHeight[_row[s]] + half;
                    double aboveY = tb.Top - half;
                    double rightX = Math.Max(sb.Right, tb.Right) + (_options.NodeGap / 2);
                    points = [start, new Point(start.X, belowY), new Point(rightX, belowY), new Point(rightX, aboveY), new Point(end.X, aboveY), end];
                }
                paths[e] = new EdgePath(edge.From, edge.To, points, edge.PortId, edge.Side, _back[e]);
            }
            return paths;
        }

        /// <summary>
        /// The y of the horizontal jog of each source's edges: the sources of a row, left to right, take turns over a
        /// few tracks in the middle of the gap below the row, so neighbouring fan-outs do not share one line.
        /// </summary>
        private double[] JogLevels(double[] rowTop, double[] rowHeight)
        {
            const double MinTrackSpacing = 8;
            double band = _options.TierGap * 0.6;
            int maxTracks = Math.Max(1, (int)(band / MinTrackSpacing));
            var level = new double[_n];
            for (int r = 0; r < _rowCount; r++)
            {
                int sources = 0;
                foreach (var v in _rows[r])
                {
                    if (_downStart[v + 1] > _downStart[v])
                    {
                        sources++;
                    }
                }
                int tracks = Math.Clamp(sources, 1, maxTracks);
                double top = rowTop[r] + rowHeight[r] + ((_options.TierGap - band) / 2);
                int k = 0;
                foreach (var v in _rows[r])
                {
                    if (_downStart[v + 1] > _downStart[v])
                    {
                        level[v] = top + (band * ((k % tracks) + 0.5) / tracks);
                        k++;
                    }
                }
            }
            return level;
        }

        /// <summary>Spreads the edges attached to one border of a box evenly along it, in the x order of their other ends.</summary>
        private static void Spread(int v, int[] start, int[] edgeIds, int[] otherEnd, double[] centre, Rect box, double[] result, ref PortKey[] ports)
        {
            int count = start[v + 1] - start[v];
            if (count == 0)
            {
                return;
            }
            if (ports.Length < count)
            {
                ports = new PortKey[count];
            }
            for (int j = 0; j < count; j++)
            {
                int e = edgeIds[start[v] + j];
                ports[j] = new PortKey(centre[otherEnd[e]], otherEnd[e], e);
            }
            Array.Sort(ports, 0, count);
            for (int j = 0; j < count; j++)
            {
                result[ports[j].Edge] = box.Left + (box.Width * (j + 1) / (count + 1));
            }
        }
    }

    /// <summary>
    /// Least-squares placement of one row in a fixed order: minimise Σ (x_k − desired_k)² subject to
    /// x_(k+1) − x_k ≥ (w_k + w_(k+1)) / 2 + gap. Subtracting the packed offsets turns it into an isotonic
    /// regression, solved by pool-adjacent-violators in O(row).
    /// </summary>
    private sealed class Projector(int capacity)
    {
        private readonly double[] _offset = new double[capacity];
        private readonly double[] _blockSum = new double[capacity];
        private readonly int[] _blockCount = new int[capacity];

        public void Project(int[] row, double[] desired, double[] width, double gap, double[] x)
        {
            int n = row.Length;
            if (n == 0)
            {
                return;
            }
            _offset[0] = 0;
            for (int k = 1; k < n; k++)
            {
                _offset[k] = _offset[k - 1] + ((width[row[k - 1]] + width[row[k]]) / 2) + gap;
            }
            int blocks = 0;
            for (int k = 0; k < n; k++)
            {
                _blockSum[blocks] = desired[k] - _offset[k];
                _blockCount[blocks] = 1;
                blocks++;
                while (blocks > 1 && _blockSum[blocks - 2] * _blockCount[blocks - 1] > _blockSum[blocks - 1] * _blockCount[blocks - 2])
                {
                    _blockSum[blocks - 2] += _blockSum[blocks - 1];
                    _blockCount[blocks - 2] += _blockCount[blocks - 1];
                    blocks--;
                }
            }
            int index = 0;
            for (int b = 0; b < blocks; b++)
            {
                double value = _blockSum[b] / _blockCount[b];
                for (int j = 0; j < _blockCount[b]; j++, index++)
                {
                    x[row[index]] = value + _offset[index];
                }
            }
        }
    }
}

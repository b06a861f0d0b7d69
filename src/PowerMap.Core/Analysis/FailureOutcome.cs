using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Analysis;

/// <summary>
/// The graph after one set of failures (analysis.md §2): which ports are live, which load devices are down or degraded,
/// and every port's draw on the changed graph. Only what lies below the failed elements is looked at: liveness is
/// recomputed for the ports downstream of them, and draws for the ports whose manual values change and their ancestors.
/// Where such an ancestor's subtree is not a tree (a loop or a port reached twice), NetBox's walk with its visited sets
/// is global, so the draws come from <see cref="PowerReport.Compute(Installation, UtilizationOptions?)"/> on the changed
/// installation instead — the same engine either way; the property tests hold the local path to the full one.
/// </summary>
internal sealed class FailureOutcome
{
    private readonly FailureIndex _ix;
    private readonly Dictionary<int, bool> _liveAfter = [];
    private readonly Dictionary<int, (long Allocated, long Maximum)> _manualAfter = [];
    private readonly Dictionary<int, (long Allocated, long Maximum)> _drawAfter = [];
    private PowerReport? _exact;

    public readonly HashSet<int> FailedFeeds = [];
    public readonly HashSet<int> FailedPorts = [];
    public readonly HashSet<int> FailedOutlets = [];
    public readonly HashSet<int> RemovedCables = [];

    /// <summary>Load devices down or degraded, with their live manual ports after.</summary>
    public readonly List<(int Device, DeviceFailureState State, int LiveAfter)> Devices = [];

    /// <summary>Ports whose draw may differ from now (all ports when the exact path ran).</summary>
    public readonly List<int> ChangedPorts = [];

    /// <summary>Feeds whose load or state may differ from now.</summary>
    public readonly HashSet<int> ChangedFeeds = [];

    public bool UsedExactPath => _exact is not null;

    public FailureOutcome(FailureIndex index, IEnumerable<FailureElement> failed, TransferRule transfer, bool forceExact = false)
    {
        _ix = index;
        Expand(failed);
        var below = Downstream();
        Relive(below);
        ClassifyDevices(below, transfer);
        if (forceExact || !RollUpLocally())
        {
            RollUpExactly();
        }
        foreach (var f in FailedFeeds)
        {
            ChangedFeeds.Add(f);
        }
        foreach (var c in RemovedCables)
        {
            ChangedFeeds.UnionWith(_ix.CableFeeds[c]);
        }
    }

    public bool LiveAfter(int p) => _liveAfter.TryGetValue(p, out var live) ? live : _ix.LiveBefore[p];

    /// <summary>The port's draw on the changed graph, W.</summary>
    public (long Allocated, long Maximum) DrawAfter(int p)
    {
        if (_exact is not null)
        {
            var d = _exact.PortDrawAt(p);
            return (d.AllocatedWatts, d.MaximumWatts);
        }
        return _drawAfter.TryGetValue(p, out var v) ? v : _ix.DrawNow(p);
    }

    /// <summary>True when the feed's cable was removed (a failed termination on it).</summary>
    public bool FeedDetached(int f) => _ix.FeedCable[f] is var c && c >= 0 && RemovedCables.Contains(c);

    /// <summary>A feed's allocated VA after: null when failed, 0 when its cable was removed or it has none.</summary>
    public long? FeedAllocatedAfter(int f)
    {
        if (FailedFeeds.Contains(f))
        {
            return null;
        }
        var peers = _ix.Graph.FeedPeerPorts[f];
        return peers.Length == 0 || FeedDetached(f) ? 0 : DrawAfter(peers[0]).Allocated;
    }

    /// <summary>Rack utilization after, percent: failed feeds out of both sums; null when every feed of the rack failed.</summary>
    public double? RackAfter(int r)
    {
        long available = 0, allocated = 0;
        bool any = false;
        foreach (var f in _ix.Graph.RackFeeds[r])
        {
            if (FailedFeeds.Contains(f))
            {
                continue;
            }
            any = true;
            available += _ix.Graph.FeedAvailable[f];
            if (!FeedDetached(f))
            {
                foreach (var p in _ix.Graph.FeedPeerPorts[f])
                {
                    allocated += DrawAfter(p).Allocated;
                }
            }
        }
        if (!any && _ix.Graph.RackFeeds[r].Length > 0)
        {
            return null;
        }
        return available == 0 ? 0 : Utilization.Percent(allocated, available)!.Value;
    }

    /// <summary>Σ over down devices of the allocated draw of their ports live before, W.</summary>
    public long WattsLost()
    {
        long lost = 0;
        foreach (var (d, state, _) in Devices)
        {
            if (state == DeviceFailureState.Down)
            {
                foreach (var p in _ix.Before[d])
                {
                    lost += _ix.Graph.PortAllocated[p] ?? 0;
                }
            }
        }
        return lost;
    }

    private void Expand(IEnumerable<FailureElement> failed)
    {
        var g = _ix.Graph;
        var inst = g.Installation;
        foreach (var e in failed)
        {
            switch (e.Kind)
            {
                case FailureElementKind.PowerPanel when _ix.PanelFeeds.TryGetValue(e.Id, out var feeds):
                    FailedFeeds.UnionWith(feeds);
                    break;
                case FailureElementKind.PowerFeed when g.FeedIndex.TryGetValue(e.Id, out var f):
                    FailedFeeds.Add(f);
                    break;
                case FailureElementKind.Device when g.DeviceIndex.TryGetValue(e.Id, out var d):
                    FailedPorts.UnionWith(_ix.DevicePorts[d]);
                    FailedOutlets.UnionWith(_ix.DeviceOutlets[d]);
                    break;
                case FailureElementKind.PowerPort when g.PortIndex.TryGetValue(e.Id, out var p):
                    FailedPorts.Add(p);
                    break;
                case FailureElementKind.PowerOutlet when inst.OutletById.TryGetValue(e.Id, out var outlet):
                    FailedOutlets.Add(BinarySearchOutlet(inst, outlet.Id));
                    break;
            }
        }
        foreach (var f in FailedFeeds)
        {
            AddCable(_ix.FeedCable[f]);
        }
        foreach (var p in FailedPorts)
        {
            AddCable(_ix.PortCable[p]);
        }
        foreach (var o in FailedOutlets)
        {
            AddCable(_ix.OutletCable[o]);
        }
    }

    private void AddCable(int c)
    {
        if (c >= 0)
        {
            RemovedCables.Add(c);
        }
    }

    private static int BinarySearchOutlet(Installation inst, int id)
    {
        int lo = 0, hi = inst.PowerOutlets.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int cmp = inst.PowerOutlets[mid].Id.CompareTo(id);
            if (cmp == 0)
            {
                return mid;
            }
            if (cmp < 0) lo = mid + 1; else hi = mid - 1;
        }
        throw new InvalidOperationException($"Outlet {id} is not in the installation.");
    }

    /// <summary>Every port whose liveness may change: the failed ports, the ports on removed cables, and all below them.</summary>
    private HashSet<int> Downstream()
    {
        var g = _ix.Graph;
        var below = new HashSet<int>(FailedPorts);
        foreach (var c in RemovedCables)
        {
            below.UnionWith(_ix.CablePorts[c]);
        }
        var stack = new Stack<int>(below);
        while (stack.Count > 0)
        {
            int p = stack.Pop();
            foreach (var o in g.PortOutlets[p])
            {
                foreach (var q in g.OutletDownstream[o])
                {
                    if (below.Add(q))
                    {
                        stack.Push(q);
                    }
                }
            }
        }
        return below;
    }

    /// <summary>analysis.md §1 "live", recomputed inside <paramref name="below"/>; outside it nothing can have changed.</summary>
    private void Relive(HashSet<int> below)
    {
        var g = _ix.Graph;
        var queue = new Queue<int>();
        foreach (var p in below)
        {
            _liveAfter[p] = false;
        }
        foreach (var p in below)
        {
            if (!CableIntact(p))
            {
                continue;
            }
            bool fed = _ix.PortSourceFeeds[p].Length > 0;
            if (!fed)
            {
                foreach (var o in _ix.PortSourceOutlets[p])
                {
                    int owner = _ix.OutletPort[o];
                    if (owner >= 0 && !below.Contains(owner) && _ix.LiveBefore[owner])
                    {
                        fed = true;
                        break;
                    }
                }
            }
            if (fed)
            {
                _liveAfter[p] = true;
                queue.Enqueue(p);
            }
        }
        while (queue.Count > 0)
        {
            int p = queue.Dequeue();
            foreach (var o in g.PortOutlets[p])
            {
                if (_ix.OutletCable[o] is var c && (c < 0 || RemovedCables.Contains(c)))
                {
                    continue;
                }
                foreach (var q in g.OutletDownstream[o])
                {
                    if (below.Contains(q) && !_liveAfter[q] && CableIntact(q))
                    {
                        _liveAfter[q] = true;
                        queue.Enqueue(q);
                    }
                }
            }
        }
    }

    private bool CableIntact(int p) => !FailedPorts.Contains(p) && _ix.PortCable[p] is var c && c >= 0 && !RemovedCables.Contains(c);

    private void ClassifyDevices(HashSet<int> below, TransferRule transfer)
    {
        var g = _ix.Graph;
        var seen = new HashSet<int>();
        foreach (var p in below)
        {
            int d = _ix.PortDevice[p];
            if (d < 0 || !_ix.Manual[p] || !seen.Add(d) || _ix.Before[d].Length == 0)
            {
                continue;
            }
            var before = _ix.Before[d];
            int n = 0;
            foreach (var q in before)
            {
                if (LiveAfter(q))
                {
                    n++;
                }
            }
            if (n == before.Length)
            {
                continue;
            }
            Devices.Add((d, n == 0 ? DeviceFailureState.Down : DeviceFailureState.Degraded, n));
            long a = 0, m = 0;
            foreach (var q in before)
            {
                a += g.PortAllocated[q] ?? 0;
                m += g.PortMaximum[q] ?? 0;
            }
            foreach (var q in before)
            {
                if (!LiveAfter(q))
                {
                    _manualAfter[q] = (0, 0);
                }
                else if (transfer == TransferRule.Split)
                {
                    _manualAfter[q] = (PythonRound.ToInteger((double)a / n), PythonRound.ToInteger((double)m / n));
                }
            }
        }
        Devices.Sort((x, y) => x.Device.CompareTo(y.Device));
    }

    /// <summary>
    /// Bottom-up recompute of the ports whose manual values change or lose a child, and of their ancestors. False when one
    /// of them is not tree-like (then only the global walk is exact).
    /// </summary>
    private bool RollUpLocally()
    {
        var g = _ix.Graph;
        var detached = new HashSet<(int Parent, int Child)>();
        var seeds = new List<int>(_manualAfter.Keys);
        foreach (var c in RemovedCables)
        {
            foreach (var o in _ix.CableOutlets[c])
            {
                int parent = _ix.OutletPort[o];
                if (parent < 0)
                {
                    continue;
                }
                foreach (var child in g.OutletDownstream[o])
                {
                    if (!StillLinked(parent, child) && detached.Add((parent, child)))
                    {
                        seeds.Add(parent);
                    }
                }
            }
        }
        var affected = new HashSet<int>();
        var stack = new Stack<int>();
        foreach (var s in seeds)
        {
            if (affected.Add(s))
            {
                stack.Push(s);
            }
        }
        while (stack.Count > 0)
        {
            int p = stack.Pop();
            if (!g.PortTreeLike[p])
            {
                return false;
            }
            foreach (var parent in g.PortParents[p])
            {
                // A manual parent's draw is its own value: the change stops there.
                if (!_ix.Manual[parent] && affected.Add(parent))
                {
                    stack.Push(parent);
                }
            }
        }
        var order = affected.ToArray();
        Array.Sort(order, (a, b) => g.PostOrderPosition[a].CompareTo(g.PostOrderPosition[b]));
        foreach (var p in order)
        {
            (long, long) draw;
            if (_ix.Manual[p])
            {
                draw = _manualAfter.TryGetValue(p, out var v) ? v : (g.PortAllocated[p] ?? 0, g.PortMaximum[p] ?? 0);
            }
            else
            {
                long a = 0, m = 0;
                foreach (var child in g.PortDownstream[p])
                {
                    if (detached.Count > 0 && detached.Contains((p, child)))
                    {
                        continue;
                    }
                    var (ca, cm) = DrawAfter(child);
                    a += ca;
                    m += cm;
                }
                draw = (a, m);
            }
            _drawAfter[p] = draw;
            ChangedPorts.Add(p);
            foreach (var f in _ix.PortFeeds[p])
            {
                ChangedFeeds.Add(f);
            }
        }
        return true;

        bool StillLinked(int parent, int child)
        {
            foreach (var o in g.PortOutlets[parent])
            {
                if (g.OutletCabled[o] && !RemovedCables.Contains(_ix.OutletCable[o]) && Array.IndexOf(g.OutletDownstream[o], child) >= 0)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>The parity engine on the changed installation: failed cables removed, changed manual ports replaced.</summary>
    private void RollUpExactly()
    {
        var g = _ix.Graph;
        var inst = g.Installation;
        var ports = new List<PowerPort>(inst.PowerPorts);
        foreach (var (p, (a, m)) in _manualAfter)
        {
            var old = ports[p];
            ports[p] = new PowerPort
            {
                Id = old.Id, Version = old.Version, DeviceId = old.DeviceId, Name = old.Name, Label = old.Label, Type = old.Type,
                AllocatedDrawWatts = checked((int)a), MaximumDrawWatts = checked((int)m), MarkConnected = old.MarkConnected, Description = old.Description,
            };
        }
        var cables = inst.Cables.Where((_, c) => !RemovedCables.Contains(c));
        _exact = PowerReport.Compute(inst.With(powerPorts: ports, cables: cables), _ix.Options);
        _drawAfter.Clear();
        ChangedPorts.Clear();
        ChangedPorts.AddRange(Enumerable.Range(0, g.PortCount));
        ChangedFeeds.UnionWith(Enumerable.Range(0, g.FeedCount));
    }
}

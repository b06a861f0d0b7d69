using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Topology;

/// <summary>
/// The power chain of an <see cref="Installation"/> as an immutable adjacency structure over dense indices:
/// which outlets each port feeds, which ports sit at the far end of each outlet's cable, which port each feed
/// supplies. Built once per snapshot in O(n); every power number is computed from it without any query.
/// </summary>
public sealed partial class PowerGraph
{
    internal const int None = -1;

    public Installation Installation { get; }

    internal readonly int[] PortIds;
    /// <summary>Port id → index (a patch that appends ports adds to a shared base instead of copying it).</summary>
    internal readonly OverlayMap<int, int> PortIndex;
    /// <summary>Each port's own draws (chunked: a draw edit copies one chunk, not the array).</summary>
    internal readonly ChunkedList<int?> PortAllocated;
    internal readonly ChunkedList<int?> PortMaximum;
    internal readonly int[] PortDevice;

    /// <summary>Outlet indices whose <c>power_port</c> is this port, by outlet id.</summary>
    internal readonly int[][] PortOutlets;

    /// <summary>Distinct ports at the far end of the cables of this port's cabled outlets (NetBox <c>get_downstream_powerports</c>).</summary>
    internal readonly int[][] PortDownstream;

    /// <summary>Ports whose downstream list contains this port.</summary>
    internal readonly int[][] PortParents;

    /// <summary>The feed index when the port's cable peers are exactly one three-phase feed (legs are shown), else <see cref="None"/>.</summary>
    internal readonly int[] PortLegFeed;

    /// <summary>The feed index when the port's first cable peer is a feed (the device panel's "available"), else <see cref="None"/>.</summary>
    internal readonly int[] PortFeed;

    /// <summary>True when nothing below the port can be reached twice (no cycle, every descendant has one parent): its draw can be memoised.</summary>
    internal readonly bool[] PortTreeLike;

    /// <summary>Ports in post-order (children before parents); position of each port in it.</summary>
    internal readonly int[] PostOrder;
    internal readonly int[] PostOrderPosition;

    internal readonly byte[] OutletLeg;
    internal readonly bool[] OutletCabled;
    internal readonly int[][] OutletDownstream;

    internal readonly int[] FeedIds;
    internal readonly Dictionary<int, int> FeedIndex;
    internal readonly long[] FeedAvailable;
    internal readonly bool[] FeedThreePhase;

    /// <summary>All ports at the far end of the feed's cable (rack utilization sums them all).</summary>
    internal readonly int[][] FeedPeerPorts;

    internal readonly int[] RackIds;
    internal readonly Dictionary<int, int> RackIndex;
    internal readonly int[][] RackFeeds;

    internal readonly int[] DeviceIds;
    internal readonly Dictionary<int, int> DeviceIndex;

    /// <summary>Ports of a device with at least one port and one outlet, by natural name; null otherwise.</summary>
    internal readonly int[]?[] DevicePanelPorts;

    /// <summary>Every port of a device, by natural name (then id); kept so a structural patch can rebuild one device's panel.</summary>
    internal readonly int[][] DevicePorts;

    /// <summary>How many outlets each device has.</summary>
    internal readonly int[] DeviceOutletCount;

    private readonly Lazy<int[]> _portRank;

    public int PortCount => PortIds.Length;
    public int FeedCount => FeedIds.Length;

    private PowerGraph(PowerGraph source, Installation installation, ChunkedList<int?> allocated, ChunkedList<int?> maximum)
    {
        Installation = installation;
        PortIds = source.PortIds;
        PortIndex = source.PortIndex;
        PortAllocated = allocated;
        PortMaximum = maximum;
        PortDevice = source.PortDevice;
        PortOutlets = source.PortOutlets;
        PortDownstream = source.PortDownstream;
        PortParents = source.PortParents;
        PortLegFeed = source.PortLegFeed;
        PortFeed = source.PortFeed;
        PortTreeLike = source.PortTreeLike;
        PostOrder = source.PostOrder;
        PostOrderPosition = source.PostOrderPosition;
        OutletLeg = source.OutletLeg;
        OutletCabled = source.OutletCabled;
        OutletDownstream = source.OutletDownstream;
        FeedIds = source.FeedIds;
        FeedIndex = source.FeedIndex;
        FeedAvailable = source.FeedAvailable;
        FeedThreePhase = source.FeedThreePhase;
        FeedPeerPorts = source.FeedPeerPorts;
        RackIds = source.RackIds;
        RackIndex = source.RackIndex;
        RackFeeds = source.RackFeeds;
        DeviceIds = source.DeviceIds;
        DeviceIndex = source.DeviceIndex;
        DevicePanelPorts = source.DevicePanelPorts;
        DevicePorts = source.DevicePorts;
        DeviceOutletCount = source.DeviceOutletCount;
        _portRank = source._portRank;
    }

    private PowerGraph(Installation inst)
    {
        Installation = inst;
        var ports = inst.PowerPorts;
        var outlets = inst.PowerOutlets;
        int np = ports.Count, no = outlets.Count;

        PortIds = new int[np];
        PortIndex = new OverlayMap<int, int>(np);
        PortAllocated = ChunkedList<int?>.From([]);
        PortMaximum = ChunkedList<int?>.From([]);
        PortDevice = new int[np];
        for (int i = 0; i < np; i++)
        {
            var p = ports[i];
            PortIds[i] = p.Id;
            PortIndex.SetInPlace(p.Id, i);
            PortAllocated.Add(p.AllocatedDrawWatts);
            PortMaximum.Add(p.MaximumDrawWatts);
            PortDevice[i] = p.DeviceId;
        }

        FeedIds = new int[inst.PowerFeeds.Count];
        FeedIndex = new Dictionary<int, int>(FeedIds.Length);
        FeedAvailable = new long[FeedIds.Length];
        FeedThreePhase = new bool[FeedIds.Length];
        for (int i = 0; i < FeedIds.Length; i++)
        {
            var f = inst.PowerFeeds[i];
            FeedIds[i] = f.Id;
            FeedIndex[f.Id] = i;
            FeedAvailable[i] = FeedCapacity.AvailableVoltAmps(f);
            FeedThreePhase[i] = f.Phase == Choices.ThreePhase;
        }

        // Outlets: leg, cable, far-end ports.
        OutletLeg = new byte[no];
        OutletCabled = new bool[no];
        OutletDownstream = new int[no][];
        var portOutletLists = new List<int>?[np];
        for (int i = 0; i < no; i++)
        {
            var o = outlets[i];
            OutletLeg[i] = o.FeedLeg switch { "A" => 1, "B" => 2, "C" => 3, _ => 0 };
            OutletDownstream[i] = [];
            if (inst.CableOf.TryGetValue((TerminationKind.PowerOutlet, o.Id), out var link))
            {
                OutletCabled[i] = true;
                OutletDownstream[i] = FarEndPorts(link.Cable, link.End);
            }
            if (o.PowerPortId is { } pid && PortIndex.TryGetValue(pid, out var pi))
            {
                (portOutletLists[pi] ??= []).Add(i);
            }
        }

        PortOutlets = new int[np][];
        PortDownstream = new int[np][];
        PortLegFeed = new int[np];
        PortFeed = new int[np];
        var indegree = new int[np];
        var parentLists = new List<int>?[np];
        for (int i = 0; i < np; i++)
        {
            var outletList = portOutletLists[i];
            PortOutlets[i] = outletList is null ? [] : [.. outletList];
            PortDownstream[i] = outletList is null ? [] : Downstream(PortOutlets[i], 0);
            foreach (var child in PortDownstream[i])
            {
                indegree[child]++;
                (parentLists[child] ??= []).Add(i);
            }

            PortLegFeed[i] = None;
            PortFeed[i] = None;
            if (inst.CableOf.TryGetValue((TerminationKind.PowerPort, PortIds[i]), out var link))
            {
                var peers = link.Cable.Terminations.Where(t => t.End != link.End).OrderBy(t => t.Position).ToList();
                if (peers.Count > 0 && peers[0].Kind == TerminationKind.PowerFeed && FeedIndex.TryGetValue(peers[0].ObjectId, out var fi))
                {
                    PortFeed[i] = fi;
                    if (peers.Count == 1 && FeedThreePhase[fi])
                    {
                        PortLegFeed[i] = fi;
                    }
                }
            }
        }
        PortParents = new int[np][];
        for (int i = 0; i < np; i++)
        {
            PortParents[i] = parentLists[i] is { } pl ? [.. pl] : [];
        }

        (PortTreeLike, PostOrder) = Classify(PortDownstream, indegree);
        PostOrderPosition = new int[np];
        for (int k = 0; k < PostOrder.Length; k++)
        {
            PostOrderPosition[PostOrder[k]] = k;
        }

        FeedPeerPorts = new int[FeedIds.Length][];
        for (int i = 0; i < FeedIds.Length; i++)
        {
            FeedPeerPorts[i] = inst.CableOf.TryGetValue((TerminationKind.PowerFeed, FeedIds[i]), out var link)
                ? FarEndPorts(link.Cable, link.End)
                : [];
        }

        RackIds = inst.Racks.Select(r => r.Id).ToArray();
        RackIndex = new Dictionary<int, int>(RackIds.Length);
        for (int i = 0; i < RackIds.Length; i++)
        {
            RackIndex[RackIds[i]] = i;
        }
        var rackFeedLists = new List<int>?[RackIds.Length];
        for (int i = 0; i < FeedIds.Length; i++)
        {
            if (inst.PowerFeeds[i].RackId is { } rid && RackIndex.TryGetValue(rid, out var ri))
            {
                (rackFeedLists[ri] ??= []).Add(i);
            }
        }
        RackFeeds = rackFeedLists.Select(l => l is null ? Array.Empty<int>() : l.ToArray()).ToArray();

        DeviceIds = inst.Devices.Select(d => d.Id).ToArray();
        DeviceIndex = new Dictionary<int, int>(DeviceIds.Length);
        for (int i = 0; i < DeviceIds.Length; i++)
        {
            DeviceIndex[DeviceIds[i]] = i;
        }
        var devicePorts = new List<int>?[DeviceIds.Length];
        DeviceOutletCount = new int[DeviceIds.Length];
        for (int i = 0; i < np; i++)
        {
            if (DeviceIndex.TryGetValue(PortDevice[i], out var di))
            {
                (devicePorts[di] ??= []).Add(i);
            }
        }
        foreach (var o in outlets)
        {
            if (DeviceIndex.TryGetValue(o.DeviceId, out var di))
            {
                DeviceOutletCount[di]++;
            }
        }
        DevicePorts = new int[DeviceIds.Length][];
        DevicePanelPorts = new int[DeviceIds.Length][];
        for (int d = 0; d < DeviceIds.Length; d++)
        {
            if (devicePorts[d] is { } list)
            {
                list.Sort(PanelOrder);
                DevicePorts[d] = [.. list];
            }
            else
            {
                DevicePorts[d] = [];
            }
            DevicePanelPorts[d] = PanelPortsOf(d);
        }

        _portRank = new Lazy<int[]>(ComputePortRank);
    }

    /// <summary>A device's panel order: natural port name, then id.</summary>
    private int PanelOrder(int a, int b)
    {
        var ports = Installation.PowerPorts;
        int c = NaturalComparer.Instance.Compare(ports[a].Name, ports[b].Name);
        return c != 0 ? c : PortIds[a].CompareTo(PortIds[b]);
    }

    private int[]? PanelPortsOf(int d) => DeviceOutletCount[d] > 0 && DevicePorts[d].Length > 0 ? DevicePorts[d] : null;

    /// <summary>Builds the graph of an installation. Dangling references (a deleted port, an unknown feed) are ignored.</summary>
    public static PowerGraph Build(Installation installation) => new(installation);

    /// <summary>
    /// The same graph with one port's draws replaced: an edit that changes no structure. <paramref name="installation"/>
    /// is the installation after the edit (same objects but that port).
    /// </summary>
    public PowerGraph WithPortDraw(Installation installation, int portIndex, int? allocatedWatts, int? maximumWatts)
    {
        return new PowerGraph(this, installation, PortAllocated.SetItem(portIndex, allocatedWatts), PortMaximum.SetItem(portIndex, maximumWatts));
    }

    /// <summary>
    /// The same graph over another installation whose power structure and draws are the same (a change to names,
    /// sites, device types, templates or interfaces): every array is shared.
    /// </summary>
    public PowerGraph WithInstallation(Installation installation) => new(this, installation, PortAllocated, PortMaximum);

    /// <summary>Distinct ports downstream of the given outlets, filtered to one feed leg (1–3) or all (0).</summary>
    internal int[] Downstream(int[] outletIndices, byte leg)
    {
        List<int>? result = null;
        foreach (var o in outletIndices)
        {
            if (!OutletCabled[o] || (leg != 0 && OutletLeg[o] != leg))
            {
                continue;
            }
            foreach (var port in OutletDownstream[o])
            {
                result ??= [];
                if (!result.Contains(port))
                {
                    result.Add(port);
                }
            }
        }
        if (result is null)
        {
            return [];
        }
        result.Sort();
        return [.. result];
    }

    /// <summary>NetBox's order of a downstream queryset (device, then natural name); used where a visited set makes order matter.</summary>
    internal int[] PortRank => _portRank.Value;

    private int[] FarEndPorts(Cable cable, CableEnd end)
    {
        List<int>? list = null;
        foreach (var t in cable.Terminations)
        {
            if (t.End != end && t.Kind == TerminationKind.PowerPort && PortIndex.TryGetValue(t.ObjectId, out var pi))
            {
                (list ??= []).Add(pi);
            }
        }
        return list is null ? [] : [.. list];
    }

    private int[] ComputePortRank()
    {
        var inst = Installation;
        var order = Enumerable.Range(0, PortIds.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = NaturalComparer.Instance.Compare(inst.DeviceName(PortDevice[a]), inst.DeviceName(PortDevice[b]));
            if (c == 0) c = PortDevice[a].CompareTo(PortDevice[b]);
            if (c == 0) c = NaturalComparer.Instance.Compare(inst.PowerPorts[a].Name, inst.PowerPorts[b].Name);
            return c != 0 ? c : PortIds[a].CompareTo(PortIds[b]);
        });
        var rank = new int[order.Length];
        for (int k = 0; k < order.Length; k++)
        {
            rank[order[k]] = k;
        }
        return rank;
    }

    /// <summary>Iterative DFS: post-order of all ports and whether each one's descendants form a tree.</summary>
    private static (bool[] TreeLike, int[] PostOrder) Classify(int[][] children, int[] indegree)
    {
        int n = children.Length;
        var treeLike = new bool[n];
        Array.Fill(treeLike, true);
        var state = new byte[n];
        var post = new int[n];
        int postCount = 0;
        var stack = new Stack<(int Node, int Next)>();
        for (int root = 0; root < n; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }
            state[root] = 1;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (u, next) = stack.Pop();
                if (next < children[u].Length)
                {
                    stack.Push((u, next + 1));
                    int c = children[u][next];
                    if (state[c] == 1)
                    {
                        treeLike[u] = false; // a cycle through u
                    }
                    else if (state[c] == 2)
                    {
                        if (!treeLike[c] || indegree[c] != 1)
                        {
                            treeLike[u] = false;
                        }
                    }
                    else
                    {
                        state[c] = 1;
                        stack.Push((c, 0));
                    }
                    continue;
                }
                state[u] = 2;
                post[postCount++] = u;
                if (stack.Count > 0)
                {
                    var parent = stack.Peek().Node;
                    if (!treeLike[u] || indegree[u] != 1)
                    {
                        treeLike[parent] = false;
                    }
                }
            }
        }
        return (treeLike, post);
    }
}

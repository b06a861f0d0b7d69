using PowerMap.Core.Dcim;

namespace PowerMap.Core.Topology;

/// <summary>
/// What a structural patch of the graph touched (<see cref="PowerGraph.TryPatch"/>), in the new graph's indices: the
/// report recomputes exactly these ports (and their ancestors), feeds and devices, and carries the rest over by
/// <see cref="PortMap"/>.
/// </summary>
internal sealed class GraphDelta
{
    /// <summary>Old port index → new port index, or -1 for a removed port.</summary>
    public required int[] PortMap { get; init; }

    /// <summary>Ports whose own inputs changed: added, edited, their outlets or cable changed, or a child removed.</summary>
    public required HashSet<int> Ports { get; init; }

    /// <summary>Feeds whose cable changed.</summary>
    public required HashSet<int> Feeds { get; init; }

    /// <summary>Devices whose ports or outlets changed (their panel is rebuilt).</summary>
    public required HashSet<int> Devices { get; init; }
}

public sealed partial class PowerGraph
{
    /// <summary>
    /// The graph of <paramref name="next"/> (this graph's installation with <paramref name="change"/> applied) built by
    /// patching this one where the change touches only power ports, outlets and cables (and kinds the engine does not
    /// read): only the touched ports, outlets and feeds are recomputed; every other entry is carried over (its indices
    /// shifted where a port or outlet before it was removed). Null when the change touches anything else (devices,
    /// feeds, racks): build the graph again then.
    /// </summary>
    internal static (PowerGraph Graph, GraphDelta Delta)? TryPatch(PowerGraph old, Installation next, Change change)
    {
        var prev = old.Installation;
        if (!ReferenceEquals(prev.Devices, next.Devices) || !ReferenceEquals(prev.PowerFeeds, next.PowerFeeds) || !ReferenceEquals(prev.Racks, next.Racks))
        {
            return null;
        }
        foreach (var e in change.Added.Concat(change.Removed).Concat(change.Updated.SelectMany(u => new[] { u.Before, u.After })))
        {
            if (e is not (PowerPort or PowerOutlet or Cable or Site or Location or PowerPanel or DeviceType or PowerPortTemplate
                or PowerOutletTemplate or Interface))
            {
                return null;
            }
        }
        var graph = new PowerGraph(old, next, change, out var delta);
        return (graph, delta);
    }

    private PowerGraph(PowerGraph old, Installation next, Change change, out GraphDelta delta)
    {
        Installation = next;
        var prev = old.Installation;
        var ports = next.PowerPorts;
        var outlets = next.PowerOutlets;
        int np = ports.Count, no = outlets.Count;

        // Shared: feeds, racks and devices are the same objects (TryPatch checked).
        FeedIds = old.FeedIds;
        FeedIndex = old.FeedIndex;
        FeedAvailable = old.FeedAvailable;
        FeedThreePhase = old.FeedThreePhase;
        RackIds = old.RackIds;
        RackIndex = old.RackIndex;
        RackFeeds = old.RackFeeds;
        DeviceIds = old.DeviceIds;
        DeviceIndex = old.DeviceIndex;

        // Old → new positions (both lists are sorted by id).
        var portMap = PositionMap(old.PortIds, ports);
        var portIdentity = IsIdentity(portMap);
        var oldOutletIds = new int[prev.PowerOutlets.Count];
        for (int i = 0; i < oldOutletIds.Length; i++)
        {
            oldOutletIds[i] = prev.PowerOutlets[i].Id;
        }
        var outletMap = PositionMap(oldOutletIds, outlets);
        var outletIdentity = IsIdentity(outletMap);
        var portFrom = Inverse(portMap, np);
        var outletFrom = Inverse(outletMap, no);

        PortIds = new int[np];
        PortAllocated = new int?[np];
        PortMaximum = new int?[np];
        PortDevice = new int[np];
        for (int i = 0; i < np; i++)
        {
            var p = ports[i];
            PortIds[i] = p.Id;
            PortAllocated[i] = p.AllocatedDrawWatts;
            PortMaximum[i] = p.MaximumDrawWatts;
            PortDevice[i] = p.DeviceId;
        }
        if (portIdentity)
        {
            PortIndex = new Dictionary<int, int>(old.PortIndex);
            for (int i = old.PortIds.Length; i < np; i++)
            {
                PortIndex[PortIds[i]] = i;
            }
        }
        else
        {
            PortIndex = new Dictionary<int, int>(np);
            for (int i = 0; i < np; i++)
            {
                PortIndex[PortIds[i]] = i;
            }
        }

        // What the change touches, by id; then by new index.
        var touchedPortIds = new HashSet<int>();
        var touchedOutletIds = new HashSet<int>();
        var touchedFeeds = new HashSet<int>();
        var touchedDevices = new HashSet<int>();
        void Terminations(Cable cable)
        {
            foreach (var t in cable.Terminations)
            {
                switch (t.Kind)
                {
                    case TerminationKind.PowerPort: touchedPortIds.Add(t.ObjectId); break;
                    case TerminationKind.PowerOutlet: touchedOutletIds.Add(t.ObjectId); break;
                    case TerminationKind.PowerFeed when FeedIndex.TryGetValue(t.ObjectId, out var f): touchedFeeds.Add(f); break;
                }
            }
        }
        foreach (var e in change.Added.Concat(change.Removed).Concat(change.Updated.Select(u => u.After)))
        {
            switch (e)
            {
                case PowerPort p: touchedPortIds.Add(p.Id); break;
                case PowerOutlet o: touchedOutletIds.Add(o.Id); break;
                case Cable c:
                    Terminations(c);
                    if (prev.CableById.TryGetValue(c.Id, out var before))
                    {
                        Terminations(before);
                    }
                    if (next.CableById.TryGetValue(c.Id, out var after))
                    {
                        Terminations(after);
                    }
                    break;
            }
        }
        // Outlets: their old and new port; their old and new device (outlet count).
        var outletCountDelta = new Dictionary<int, int>();
        foreach (var id in touchedOutletIds)
        {
            if (prev.OutletById.TryGetValue(id, out var before))
            {
                if (before.PowerPortId is { } pid) touchedPortIds.Add(pid);
                outletCountDelta[before.DeviceId] = outletCountDelta.GetValueOrDefault(before.DeviceId) - 1;
                touchedDevices.Add(before.DeviceId);
            }
            if (next.OutletById.TryGetValue(id, out var after))
            {
                if (after.PowerPortId is { } pid) touchedPortIds.Add(pid);
                outletCountDelta[after.DeviceId] = outletCountDelta.GetValueOrDefault(after.DeviceId) + 1;
                touchedDevices.Add(after.DeviceId);
            }
        }
        var touched = new HashSet<int>();
        foreach (var id in touchedPortIds)
        {
            if (prev.PortById.TryGetValue(id, out var before))
            {
                touchedDevices.Add(before.DeviceId);
            }
            if (next.PortById.TryGetValue(id, out var after))
            {
                touchedDevices.Add(after.DeviceId);
            }
            if (PortIndex.TryGetValue(id, out var pi))
            {
                touched.Add(pi);
            }
        }
        // A removed port's parents lose a child.
        for (int q = 0; q < portMap.Length; q++)
        {
            if (portMap[q] < 0)
            {
                foreach (var parent in old.PortParents[q])
                {
                    if (portMap[parent] >= 0)
                    {
                        touched.Add(portMap[parent]);
                    }
                }
            }
        }
        for (int i = 0; i < np; i++)
        {
            if (portFrom[i] < 0)
            {
                touched.Add(i); // new (also when the change did not say so)
            }
        }
        var touchedOutlets = new HashSet<int>();
        for (int i = 0; i < no; i++)
        {
            if (outletFrom[i] < 0 || touchedOutletIds.Contains(outlets[i].Id))
            {
                touchedOutlets.Add(i);
            }
        }

        // Outlets.
        OutletLeg = new byte[no];
        OutletCabled = new bool[no];
        OutletDownstream = new int[no][];
        for (int i = 0; i < no; i++)
        {
            var o = outlets[i];
            OutletLeg[i] = o.FeedLeg switch { "A" => 1, "B" => 2, "C" => 3, _ => 0 };
            if (touchedOutlets.Contains(i))
            {
                OutletDownstream[i] = [];
                if (next.CableOf.TryGetValue((TerminationKind.PowerOutlet, o.Id), out var link))
                {
                    OutletCabled[i] = true;
                    OutletDownstream[i] = FarEndPorts(link.Cable, link.End);
                }
            }
            else
            {
                OutletCabled[i] = old.OutletCabled[outletFrom[i]];
                OutletDownstream[i] = Remap(old.OutletDownstream[outletFrom[i]], portMap, portIdentity);
            }
        }

        // Ports: outlets, downstream, feed; untouched ones carried over.
        var touchedOutletsByPort = new Dictionary<int, List<int>>();
        foreach (var oi in touchedOutlets)
        {
            if (outlets[oi].PowerPortId is { } pid && PortIndex.TryGetValue(pid, out var pi))
            {
                Bucket(touchedOutletsByPort, pi).Add(oi);
            }
        }
        PortOutlets = new int[np][];
        PortDownstream = new int[np][];
        PortLegFeed = new int[np];
        PortFeed = new int[np];
        for (int i = 0; i < np; i++)
        {
            int from = portFrom[i];
            if (!touched.Contains(i))
            {
                PortOutlets[i] = Remap(old.PortOutlets[from], outletMap, outletIdentity);
                PortDownstream[i] = Remap(old.PortDownstream[from], portMap, portIdentity);
                PortLegFeed[i] = old.PortLegFeed[from];
                PortFeed[i] = old.PortFeed[from];
                continue;
            }
            var list = new List<int>();
            if (from >= 0)
            {
                foreach (var oi in Remap(old.PortOutlets[from], outletMap, outletIdentity))
                {
                    if (!touchedOutlets.Contains(oi))
                    {
                        list.Add(oi);
                    }
                }
            }
            if (touchedOutletsByPort.TryGetValue(i, out var mine))
            {
                list.AddRange(mine);
            }
            list.Sort();
            PortOutlets[i] = [.. list];
            PortDownstream[i] = list.Count == 0 ? [] : Downstream(PortOutlets[i], 0);
            PortLegFeed[i] = None;
            PortFeed[i] = None;
            if (next.CableOf.TryGetValue((TerminationKind.PowerPort, PortIds[i]), out var link))
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

        // Parents: a child of a touched port (before or after) or of a removed port is rebuilt, the rest carried over.
        var dirtyChildren = new HashSet<int>();
        foreach (var t in touched)
        {
            if (portFrom[t] >= 0)
            {
                foreach (var c in old.PortDownstream[portFrom[t]])
                {
                    if (portMap[c] >= 0) dirtyChildren.Add(portMap[c]);
                }
            }
            foreach (var c in PortDownstream[t])
            {
                dirtyChildren.Add(c);
            }
        }
        for (int i = 0; i < np; i++)
        {
            if (portFrom[i] < 0)
            {
                dirtyChildren.Add(i);
            }
        }
        var touchedParents = new Dictionary<int, List<int>>();
        foreach (var t in touched)
        {
            foreach (var c in PortDownstream[t])
            {
                Bucket(touchedParents, c).Add(t);
            }
        }
        PortParents = new int[np][];
        var indegree = new int[np];
        for (int i = 0; i < np; i++)
        {
            int from = portFrom[i];
            if (!dirtyChildren.Contains(i))
            {
                PortParents[i] = Remap(old.PortParents[from], portMap, portIdentity);
            }
            else
            {
                var parents = new List<int>();
                if (from >= 0)
                {
                    foreach (var parent in Remap(old.PortParents[from], portMap, portIdentity))
                    {
                        if (!touched.Contains(parent))
                        {
                            parents.Add(parent);
                        }
                    }
                }
                if (touchedParents.TryGetValue(i, out var mine))
                {
                    parents.AddRange(mine);
                }
                parents.Sort();
                PortParents[i] = [.. parents];
            }
            indegree[i] = PortParents[i].Length;
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
            FeedPeerPorts[i] = !touchedFeeds.Contains(i)
                ? Remap(old.FeedPeerPorts[i], portMap, portIdentity)
                : next.CableOf.TryGetValue((TerminationKind.PowerFeed, FeedIds[i]), out var link) ? FarEndPorts(link.Cable, link.End) : [];
        }

        // Devices: the touched ones' port lists and outlet counts; the rest carried over.
        var deviceIndices = new HashSet<int>();
        foreach (var id in touchedDevices)
        {
            if (DeviceIndex.TryGetValue(id, out var di))
            {
                deviceIndices.Add(di);
            }
        }
        DeviceOutletCount = old.DeviceOutletCount;
        if (outletCountDelta.Any(kv => kv.Value != 0))
        {
            DeviceOutletCount = (int[])old.DeviceOutletCount.Clone();
            foreach (var (id, d) in outletCountDelta)
            {
                if (DeviceIndex.TryGetValue(id, out var di))
                {
                    DeviceOutletCount[di] += d;
                }
            }
        }
        var touchedPortsByDevice = new Dictionary<int, List<int>>();
        foreach (var t in touched)
        {
            if (DeviceIndex.TryGetValue(PortDevice[t], out var di))
            {
                Bucket(touchedPortsByDevice, di).Add(t);
                deviceIndices.Add(di);
            }
        }
        DevicePorts = new int[DeviceIds.Length][];
        DevicePanelPorts = new int[DeviceIds.Length][];
        for (int d = 0; d < DeviceIds.Length; d++)
        {
            if (!deviceIndices.Contains(d))
            {
                DevicePorts[d] = Remap(old.DevicePorts[d], portMap, portIdentity);
                DevicePanelPorts[d] = old.DevicePanelPorts[d] is null ? null : DevicePorts[d];
                continue;
            }
            var list = new List<int>();
            foreach (var p in Remap(old.DevicePorts[d], portMap, portIdentity))
            {
                if (!touched.Contains(p) && PortDevice[p] == DeviceIds[d])
                {
                    list.Add(p);
                }
            }
            if (touchedPortsByDevice.TryGetValue(d, out var mine))
            {
                list.AddRange(mine);
            }
            list.Sort(PanelOrder);
            DevicePorts[d] = [.. list];
            DevicePanelPorts[d] = PanelPortsOf(d);
        }

        _portRank = new Lazy<int[]>(ComputePortRank);
        delta = new GraphDelta { PortMap = portMap, Ports = touched, Feeds = touchedFeeds, Devices = deviceIndices };
    }

    private static List<int> Bucket(Dictionary<int, List<int>> buckets, int key)
    {
        if (!buckets.TryGetValue(key, out var list))
        {
            buckets[key] = list = [];
        }
        return list;
    }

    /// <summary>For each old id (sorted), its position in the new id-sorted list, or -1.</summary>
    private static int[] PositionMap<T>(int[] oldIds, IReadOnlyList<T> next) where T : Entity
    {
        var map = new int[oldIds.Length];
        int j = 0;
        for (int i = 0; i < oldIds.Length; i++)
        {
            while (j < next.Count && next[j].Id < oldIds[i])
            {
                j++;
            }
            map[i] = j < next.Count && next[j].Id == oldIds[i] ? j : -1;
        }
        return map;
    }

    /// <summary>True when every old position is kept (new entries only appended).</summary>
    private static bool IsIdentity(int[] map)
    {
        for (int i = 0; i < map.Length; i++)
        {
            if (map[i] != i)
            {
                return false;
            }
        }
        return true;
    }

    private static int[] Inverse(int[] map, int count)
    {
        var from = new int[count];
        Array.Fill(from, -1);
        for (int i = 0; i < map.Length; i++)
        {
            if (map[i] >= 0)
            {
                from[map[i]] = i;
            }
        }
        return from;
    }

    /// <summary>The indices mapped to their new positions (removed ones dropped; order kept, the map is monotone); the same array when nothing moves.</summary>
    private static int[] Remap(int[] indices, int[] map, bool identity)
    {
        if (identity || indices.Length == 0)
        {
            return indices;
        }
        bool same = true;
        foreach (var x in indices)
        {
            if (map[x] != x)
            {
                same = false;
                break;
            }
        }
        if (same)
        {
            return indices;
        }
        var result = new List<int>(indices.Length);
        foreach (var x in indices)
        {
            if (map[x] >= 0)
            {
                result.Add(map[x]);
            }
        }
        return [.. result];
    }
}

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

    /// <summary>New port index → old port index, or -1 for an added port.</summary>
    public required int[] PortFrom { get; init; }

    /// <summary>True when no kept port moved (ports were only appended, or removed at the end).</summary>
    public required bool PortIdentity { get; init; }

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
        var portMap = PortPositions(old, ports, change) ?? PositionMap(old.PortIds, ports);
        // Every kept port keeps its index (ports were only appended, or removed at the end: a delete of the newest
        // port). Then nothing is remapped: the only entries that name a removed port are rebuilt below (its parents,
        // its children, its device, its cable's outlets and feed).
        var portIdentity = KeptInPlace(portMap);
        var portFrom = Inverse(portMap, np);
        // Outlets: when the change leaves the list as it was (a cable change), nothing moves and no id is read.
        int[]? outletMap = null;
        int[] outletFrom;
        bool outletIdentity = true;
        if (ReferenceEquals(prev.PowerOutlets, outlets))
        {
            outletFrom = [];
        }
        else
        {
            var oldOutletIds = new int[prev.PowerOutlets.Count];
            for (int i = 0; i < oldOutletIds.Length; i++)
            {
                oldOutletIds[i] = prev.PowerOutlets[i].Id;
            }
            outletMap = PositionMap(oldOutletIds, outlets);
            outletIdentity = IsIdentity(outletMap);
            outletFrom = Inverse(outletMap, no);
        }

        // Port values carried over by position; the touched ports' are read from their objects below.
        PortIds = Carry(old.PortIds, portFrom, portIdentity, np);
        for (int i = 0; i < np; i++)
        {
            if (portFrom[i] < 0)
            {
                PortIds[i] = ports[i].Id;
            }
        }
        PortAllocated = ChunkedList<int?>.Carry(old.PortAllocated, portFrom, portIdentity, np);
        PortMaximum = ChunkedList<int?>.Carry(old.PortMaximum, portFrom, portIdentity, np);
        PortDevice = Carry(old.PortDevice, portFrom, portIdentity, np);
        if (portIdentity)
        {
            // Only removed or appended ports (a delete of the newest port, a create): the shared index, patched.
            PortIndex = old.PortIndex;
            for (int q = 0; q < portMap.Length; q++)
            {
                if (portMap[q] < 0)
                {
                    PortIndex = PortIndex.Remove(old.PortIds[q]);
                }
            }
            for (int i = 0; i < np; i++)
            {
                if (portFrom[i] < 0)
                {
                    PortIndex = PortIndex.SetItem(PortIds[i], i);
                }
            }
        }
        else if (FirstMoved(portMap) is var firstMoved && np - firstMoved <= 256)
        {
            // A delete near the end (a port made recently): the shared index, patched for the ports after it.
            PortIndex = old.PortIndex;
            for (int q = firstMoved; q < portMap.Length; q++)
            {
                if (portMap[q] < 0)
                {
                    PortIndex = PortIndex.Remove(old.PortIds[q]);
                }
            }
            for (int i = firstMoved; i < np; i++)
            {
                PortIndex = PortIndex.SetItem(PortIds[i], i);
            }
        }
        else
        {
            PortIndex = new OverlayMap<int, int>(np);
            for (int i = 0; i < np; i++)
            {
                PortIndex.SetInPlace(PortIds[i], i);
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
        var touchedMask = new bool[np];
        foreach (var t in touched)
        {
            touchedMask[t] = true;
            var p = ports[t];
            PortAllocated = PortAllocated.SetItem(t, p.AllocatedDrawWatts);
            PortMaximum = PortMaximum.SetItem(t, p.MaximumDrawWatts);
            PortDevice[t] = p.DeviceId;
        }
        var touchedOutlets = new HashSet<int>();
        foreach (var id in touchedOutletIds)
        {
            if (IndexOfId(outlets, id) is var at && at >= 0)
            {
                touchedOutlets.Add(at);
            }
        }
        for (int i = 0; i < outletFrom.Length; i++)
        {
            if (outletFrom[i] < 0)
            {
                touchedOutlets.Add(i); // new
            }
        }

        // Outlets: carried over (their far-end ports shifted), the touched ones rebuilt.
        var outletSource = outletMap is null ? null : outletFrom;
        OutletLeg = Carry(old.OutletLeg, outletSource, outletIdentity, no);
        OutletCabled = Carry(old.OutletCabled, outletSource, outletIdentity, no);
        OutletDownstream = Carry(old.OutletDownstream, outletSource, outletIdentity, no);
        if (!portIdentity)
        {
            for (int i = 0; i < no; i++)
            {
                if (OutletDownstream[i] is { } down)
                {
                    OutletDownstream[i] = Remap(down, portMap, portIdentity);
                }
            }
        }
        foreach (var i in touchedOutlets)
        {
            var o = outlets[i];
            OutletLeg[i] = o.FeedLeg switch { "A" => 1, "B" => 2, "C" => 3, _ => 0 };
            OutletCabled[i] = false;
            OutletDownstream[i] = [];
            if (next.CableOf.TryGetValue((TerminationKind.PowerOutlet, o.Id), out var link))
            {
                OutletCabled[i] = true;
                OutletDownstream[i] = FarEndPorts(link.Cable, link.End);
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
        PortOutlets = Carry(old.PortOutlets, portFrom, portIdentity, np);
        PortDownstream = Carry(old.PortDownstream, portFrom, portIdentity, np);
        PortLegFeed = Carry(old.PortLegFeed, portFrom, portIdentity, np);
        PortFeed = Carry(old.PortFeed, portFrom, portIdentity, np);
        if (!portIdentity || !outletIdentity)
        {
            for (int i = 0; i < np; i++)
            {
                if (!touchedMask[i])
                {
                    PortOutlets[i] = Remap(PortOutlets[i], outletMap!, outletIdentity);
                    PortDownstream[i] = Remap(PortDownstream[i], portMap, portIdentity);
                }
            }
        }
        foreach (var i in touched)
        {
            int from = portFrom[i];
            var list = new List<int>();
            if (from >= 0)
            {
                foreach (var oi in Remap(old.PortOutlets[from], outletMap!, outletIdentity))
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
        // A removed port's children lose a parent.
        for (int q = 0; q < portMap.Length; q++)
        {
            if (portMap[q] < 0)
            {
                foreach (var c in old.PortDownstream[q])
                {
                    if (portMap[c] >= 0) dirtyChildren.Add(portMap[c]);
                }
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
        PortParents = Carry(old.PortParents, portFrom, portIdentity, np);
        if (!portIdentity)
        {
            for (int i = 0; i < np; i++)
            {
                if (PortParents[i] is { } parents)
                {
                    PortParents[i] = Remap(parents, portMap, portIdentity);
                }
            }
        }
        var indegree = new int[np];
        foreach (var i in dirtyChildren)
        {
            int from = portFrom[i];
            var parents = new List<int>();
            if (from >= 0)
            {
                foreach (var parent in Remap(old.PortParents[from], portMap, identity: false))
                {
                    if (!touchedMask[parent])
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
        for (int i = 0; i < np; i++)
        {
            indegree[i] = PortParents[i].Length;
        }

        (PortTreeLike, PostOrder) = Classify(PortDownstream, indegree);
        PostOrderPosition = new int[np];
        for (int k = 0; k < PostOrder.Length; k++)
        {
            PostOrderPosition[PostOrder[k]] = k;
        }

        FeedPeerPorts = portIdentity && touchedFeeds.Count == 0 ? old.FeedPeerPorts : new int[FeedIds.Length][];
        for (int i = 0; i < FeedIds.Length && !ReferenceEquals(FeedPeerPorts, old.FeedPeerPorts); i++)
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
        DevicePorts = (int[][])old.DevicePorts.Clone();
        DevicePanelPorts = (int[]?[])old.DevicePanelPorts.Clone();
        if (!portIdentity)
        {
            for (int d = 0; d < DeviceIds.Length; d++)
            {
                DevicePorts[d] = Remap(DevicePorts[d], portMap, portIdentity);
                DevicePanelPorts[d] = old.DevicePanelPorts[d] is null ? null : DevicePorts[d];
            }
        }
        foreach (var d in deviceIndices)
        {
            var list = new List<int>();
            foreach (var p in Remap(old.DevicePorts[d], portMap, identity: false))
            {
                if (!touchedMask[p] && PortDevice[p] == DeviceIds[d])
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
        delta = new GraphDelta { PortMap = portMap, PortFrom = portFrom, PortIdentity = portIdentity, Ports = touched, Feeds = touchedFeeds, Devices = deviceIndices };
    }

    /// <summary>A copy of <paramref name="old"/> at the new positions (<paramref name="from"/>: new → old, -1 new); new entries default.</summary>
    private static T[] Carry<T>(T[] old, int[]? from, bool identity, int count)
    {
        var result = new T[count];
        if (identity || from is null)
        {
            Array.Copy(old, result, Math.Min(old.Length, count));
            return result;
        }
        for (int i = 0; i < count; i++)
        {
            if (from[i] >= 0)
            {
                result[i] = old[from[i]];
            }
        }
        return result;
    }

    /// <summary>The position of <paramref name="id"/> in an id-sorted list, or -1.</summary>
    private static int IndexOfId<T>(IReadOnlyList<T> list, int id) where T : Entity
    {
        int lo = 0, hi = list.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = list[mid].Id.CompareTo(id);
            if (c == 0)
            {
                return mid;
            }
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
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

    /// <summary>
    /// For each old port, its new position, worked out from the change's added and removed ports and the old positions
    /// (no port object is read: at XL that walk of every port was most of a small write); null when the change is not
    /// one this can follow (a port added and removed in the same change, or counts that do not add up).
    /// </summary>
    private static int[]? PortPositions(PowerGraph old, IReadOnlyList<PowerPort> next, Change change)
    {
        var removed = new List<int>();
        var inserted = new List<int>();
        foreach (var e in change.Removed)
        {
            if (e is PowerPort p && old.PortIndex.TryGetValue(p.Id, out var at))
            {
                removed.Add(at);
            }
        }
        foreach (var e in change.Added)
        {
            if (e is PowerPort p && !old.PortIndex.ContainsKey(p.Id))
            {
                inserted.Add(p.Id);
            }
        }
        if (old.PortIds.Length - removed.Count + inserted.Count != next.Count || change.Removed.Any(e => e is PowerPort p && inserted.Contains(p.Id)))
        {
            return null;
        }
        removed.Sort();
        inserted.Sort();
        var map = new int[old.PortIds.Length];
        int r = 0, k = 0;
        for (int i = 0; i < map.Length; i++)
        {
            while (k < inserted.Count && inserted[k] < old.PortIds[i])
            {
                k++;
            }
            if (r < removed.Count && removed[r] == i)
            {
                map[i] = -1;
                r++;
            }
            else
            {
                map[i] = i - r + k;
            }
        }
        return map;
    }

    /// <summary>True when no kept port moved (ports were only removed at the end or appended).</summary>
    private static bool KeptInPlace(int[] map)
    {
        for (int i = 0; i < map.Length; i++)
        {
            if (map[i] >= 0 && map[i] != i)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The first old position that is removed or moved (the length when none is).</summary>
    private static int FirstMoved(int[] map)
    {
        int i = 0;
        while (i < map.Length && map[i] == i)
        {
            i++;
        }
        return i;
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

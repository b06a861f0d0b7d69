using PowerMap.Core.Dcim;

namespace PowerMap.Core.Layout;

/// <summary>
/// Every panel, feed and powered device of one scope (a site or all sites) as dense arrays, with the supply edges
/// parent → child (panel → feed, feed → port's device, outlet's device → port's device), cascade depths, tiers and
/// sides. Built once per <see cref="TopologyView.Build"/> in O(objects + cables).
/// </summary>
internal sealed class ScopeGraph
{
    public const int NoPort = -1;

    public int Count => Kind.Length;
    public readonly NodeKind[] Kind;
    public readonly int[] EntityId;
    public readonly string[] Id;
    public readonly string[] Label;
    public readonly string?[] SiteName;
    public readonly int?[] RackId;
    public readonly string?[] RackName;

    /// <summary>Location (room) of the node: the panel's, else the rack's, else the device's; null when none.</summary>
    public readonly string?[] LocationName;

    /// <summary>0 = A, 1 = B, -1 = none.</summary>
    public readonly int[] Side;
    public readonly int[] Tier;
    public readonly int[] SeedRank;

    /// <summary>Power port ids of a device node, by natural name; empty for panels and feeds.</summary>
    public readonly int[][] Ports;

    /// <summary>Children of node u: <c>Child[ChildStart[u]..ChildStart[u+1]]</c>, with the child's port (or <see cref="NoPort"/>).</summary>
    public readonly int[] ChildStart;
    public readonly int[] Child;
    public readonly int[] ChildPort;

    /// <summary>Parents of node v in the order of v's ports (the first is the one a reveal follows).</summary>
    public readonly int[] ParentStart;
    public readonly int[] Parent;

    public readonly int DeviceTier;
    public readonly Dictionary<int, int> PanelNode = [];
    public readonly Dictionary<int, int> FeedNode = [];
    public readonly Dictionary<int, int> DeviceNode = [];

    private ScopeGraph(Installation inst, int? siteId)
    {
        var kind = new List<NodeKind>();
        var entity = new List<int>();
        var label = new List<string>();
        var site = new List<string?>();
        var rack = new List<int?>();
        var ports = new List<int[]>();
        var location = new List<string?>();

        int Add(NodeKind k, int id, string name, int siteOf, int? rackId, int[] portIds, int? locationId = null)
        {
            int? where = rackId is { } rk && inst.RackById.TryGetValue(rk, out var rackOf) && rackOf.LocationId is { } rl ? rl : locationId;
            location.Add(where is { } l && inst.LocationById.TryGetValue(l, out var loc) ? loc.Name : null);
            kind.Add(k);
            entity.Add(id);
            label.Add(name);
            site.Add(inst.SiteById.TryGetValue(siteOf, out var s) ? s.Name : null);
            rack.Add(rackId is { } r && inst.RackById.ContainsKey(r) ? r : null);
            ports.Add(portIds);
            return kind.Count - 1;
        }

        foreach (var p in inst.PowerPanels)
        {
            if (siteId is null || p.SiteId == siteId)
            {
                PanelNode[p.Id] = Add(NodeKind.Panel, p.Id, p.Name, p.SiteId, null, [], p.LocationId);
            }
        }
        foreach (var f in inst.PowerFeeds)
        {
            if (PanelNode.ContainsKey(f.PowerPanelId))
            {
                FeedNode[f.Id] = Add(NodeKind.Feed, f.Id, f.Name, inst.PanelById[f.PowerPanelId].SiteId, f.RackId, [], inst.PanelById[f.PowerPanelId].LocationId);
            }
        }

        var portsByDevice = new Dictionary<int, List<PowerPort>>();
        foreach (var port in inst.PowerPorts)
        {
            if (!portsByDevice.TryGetValue(port.DeviceId, out var list))
            {
                portsByDevice[port.DeviceId] = list = [];
            }
            list.Add(port);
        }
        var hasOutlets = new HashSet<int>();
        foreach (var outlet in inst.PowerOutlets)
        {
            hasOutlets.Add(outlet.DeviceId);
        }
        foreach (var d in inst.Devices)
        {
            if (siteId is not null && d.SiteId != siteId)
            {
                continue;
            }
            bool outlets = hasOutlets.Contains(d.Id);
            portsByDevice.TryGetValue(d.Id, out var devicePorts);
            if (!outlets && devicePorts is null)
            {
                continue;
            }
            int[] portIds = [];
            if (devicePorts is not null)
            {
                devicePorts.Sort((a, b) => NaturalComparer.Instance.Compare(a.Name, b.Name) is var c && c != 0 ? c : a.Id.CompareTo(b.Id));
                portIds = new int[devicePorts.Count];
                for (int i = 0; i < portIds.Length; i++)
                {
                    portIds[i] = devicePorts[i].Id;
                }
            }
            DeviceNode[d.Id] = Add(outlets ? NodeKind.Distribution : NodeKind.Device, d.Id, inst.DeviceDisplay(d), d.SiteId, d.RackId, portIds, d.LocationId);
        }

        Kind = [.. kind];
        EntityId = [.. entity];
        Label = [.. label];
        SiteName = [.. site];
        RackId = [.. rack];
        Ports = [.. ports];
        LocationName = [.. location];
        int n = Kind.Length;
        Id = new string[n];
        RackName = new string?[n];
        for (int v = 0; v < n; v++)
        {
            Id[v] = Kind[v] switch
            {
                NodeKind.Panel => TopologyNodeId.Panel(EntityId[v]),
                NodeKind.Feed => TopologyNodeId.Feed(EntityId[v]),
                _ => TopologyNodeId.Device(EntityId[v]),
            };
            RackName[v] = RackId[v] is { } r ? inst.RackById[r].Name : null;
        }

        // Edges, grouped by child in port order; a far end with several terminations gives one edge per parent.
        var edges = new List<(int Parent, int Child, int Port)>();
        foreach (var f in inst.PowerFeeds)
        {
            if (FeedNode.TryGetValue(f.Id, out var fn))
            {
                edges.Add((PanelNode[f.PowerPanelId], fn, NoPort));
            }
        }
        for (int v = 0; v < n; v++)
        {
            foreach (var portId in Ports[v])
            {
                if (!inst.CableOf.TryGetValue((TerminationKind.PowerPort, portId), out var link))
                {
                    continue;
                }
                int first = edges.Count;
                foreach (var t in link.Cable.Terminations)
                {
                    if (t.End == link.End)
                    {
                        continue;
                    }
                    int parent = -1;
                    if (t.Kind == TerminationKind.PowerFeed && FeedNode.TryGetValue(t.ObjectId, out var fn))
                    {
                        parent = fn;
                    }
                    else if (t.Kind == TerminationKind.PowerOutlet && inst.OutletById.TryGetValue(t.ObjectId, out var o) &&
                             DeviceNode.TryGetValue(o.DeviceId, out var dn) && dn != v)
                    {
                        parent = dn;
                    }
                    if (parent >= 0 && !Contains(edges, first, parent))
                    {
                        edges.Add((parent, v, portId));
                    }
                }
            }
        }

        ParentStart = new int[n + 1];
        ChildStart = new int[n + 1];
        foreach (var (p, c, _) in edges)
        {
            ParentStart[c + 1]++;
            ChildStart[p + 1]++;
        }
        for (int v = 0; v < n; v++)
        {
            ParentStart[v + 1] += ParentStart[v];
            ChildStart[v + 1] += ChildStart[v];
        }
        Parent = new int[edges.Count];
        Child = new int[edges.Count];
        ChildPort = new int[edges.Count];
        var parentFill = (int[])ParentStart.Clone();
        var childFill = (int[])ChildStart.Clone();
        foreach (var (p, c, port) in edges)
        {
            Parent[parentFill[c]++] = p;
            int k = childFill[p]++;
            Child[k] = c;
            ChildPort[k] = port;
        }

        var depth = CascadeDepths();
        int maxDepth = -1;
        for (int v = 0; v < n; v++)
        {
            maxDepth = Math.Max(maxDepth, depth[v]);
        }
        DeviceTier = 2 + (maxDepth + 1);
        Tier = new int[n];
        for (int v = 0; v < n; v++)
        {
            Tier[v] = Kind[v] switch
            {
                NodeKind.Panel => 0,
                NodeKind.Feed => 1,
                NodeKind.Distribution => 2 + depth[v],
                _ => DeviceTier,
            };
        }

        Side = Sides(inst);
        var keys = new SeedKey[n];
        for (int v = 0; v < n; v++)
        {
            keys[v] = new SeedKey(SiteName[v], RackName[v], RackId[v].GetValueOrDefault(), SideName(Side[v]), Label[v], Kind[v], Id[v]);
        }
        SeedRank = SeedOrder.Ranks(keys);
    }

    public static ScopeGraph Create(Installation installation, int? siteId) => new(installation, siteId);

    public static string? SideName(int side) => side switch { 0 => "A", 1 => "B", _ => null };

    public ReadOnlySpan<int> ParentsOf(int v) => Parent.AsSpan(ParentStart[v], ParentStart[v + 1] - ParentStart[v]);

    public int FirstParent(int v) => ParentStart[v] < ParentStart[v + 1] ? Parent[ParentStart[v]] : -1;

    /// <summary>
    /// Cascade depth of each distribution device (-1 for other kinds): 0 when no distribution device feeds it,
    /// else 1 + the deepest distribution parent (longest path). A cable loop is cut where a depth-first search
    /// down the outlets, started from the devices no other distribution device feeds, then from those whose
    /// first inlet is on a feed, then from any left,, meets a device still on its
    /// stack; so the device nearest the feed stays on top and depths are finite and deterministic.
    /// </summary>
    private int[] CascadeDepths()
    {
        int n = Count;
        var depth = new int[n];
        var state = new byte[n];
        var back = new bool[Child.Length];
        var post = new List<int>();
        var stack = new Stack<(int Node, int Next)>();
        var starts = new List<int>();
        for (int v = 0; v < n; v++)
        {
            depth[v] = Kind[v] == NodeKind.Distribution ? 0 : -1;
            if (Kind[v] == NodeKind.Distribution && !HasDistributionParent(v))
            {
                starts.Add(v);
            }
        }
        for (int v = 0; v < n; v++)
        {
            if (Kind[v] == NodeKind.Distribution && FirstParent(v) is var p && p >= 0 && Kind[p] == NodeKind.Feed)
            {
                starts.Add(v);
            }
        }
        for (int v = 0; v < n; v++)
        {
            if (Kind[v] == NodeKind.Distribution)
            {
                starts.Add(v);
            }
        }
        foreach (var root in starts)
        {
            if (state[root] != 0)
            {
                continue;
            }
            state[root] = 1;
            stack.Push((root, ChildStart[root]));
            while (stack.Count > 0)
            {
                var (u, next) = stack.Pop();
                if (next < ChildStart[u + 1])
                {
                    stack.Push((u, next + 1));
                    int c = Child[next];
                    if (Kind[c] != NodeKind.Distribution)
                    {
                        continue;
                    }
                    if (state[c] == 1)
                    {
                        back[next] = true;
                    }
                    else if (state[c] == 0)
                    {
                        state[c] = 1;
                        stack.Push((c, ChildStart[c]));
                    }
                    continue;
                }
                state[u] = 2;
                post.Add(u);
            }
        }
        for (int i = post.Count - 1; i >= 0; i--)
        {
            int u = post[i];
            for (int k = ChildStart[u]; k < ChildStart[u + 1]; k++)
            {
                int c = Child[k];
                if (Kind[c] == NodeKind.Distribution && !back[k])
                {
                    depth[c] = Math.Max(depth[c], depth[u] + 1);
                }
            }
        }
        return depth;
    }

    private bool HasDistributionParent(int v)
    {
        foreach (var p in ParentsOf(v))
        {
            if (Kind[p] == NodeKind.Distribution)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A feed's side is data: its NetBox <c>type</c> (<see cref="FeedSide"/>: primary = A, redundant = B). Any other
    /// node takes the side of the feed reached through its first power port's parent chain.
    /// </summary>
    private int[] Sides(Installation inst)
    {
        int n = Count;
        var side = new int[n];
        for (int v = 0; v < n; v++)
        {
            side[v] = Kind[v] switch
            {
                NodeKind.Panel => -1,
                NodeKind.Feed => FeedSide.Of(inst.FeedById[EntityId[v]]) == FeedSide.B ? 1 : 0,
                _ => -2,
            };
        }

        var onChain = new bool[n];
        var chain = new List<int>();
        for (int v = 0; v < n; v++)
        {
            if (side[v] != -2)
            {
                continue;
            }
            chain.Clear();
            int u = v;
            int value = -1;
            while (u >= 0)
            {
                if (side[u] != -2)
                {
                    value = side[u];
                    break;
                }
                if (onChain[u])
                {
                    break; // a loop of first parents: no side
                }
                onChain[u] = true;
                chain.Add(u);
                u = FirstParent(u);
            }
            foreach (var c in chain)
            {
                side[c] = value;
                onChain[c] = false;
            }
        }
        return side;
    }

    private static bool Contains(List<(int Parent, int Child, int Port)> edges, int from, int parent)
    {
        for (int k = from; k < edges.Count; k++)
        {
            if (edges[k].Parent == parent)
            {
                return true;
            }
        }
        return false;
    }
}

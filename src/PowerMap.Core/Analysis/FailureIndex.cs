using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Core.Topology;

namespace PowerMap.Core.Analysis;

/// <summary>
/// The lookups the failure analyses need beside <see cref="PowerGraph"/>: which cable each termination is on, which feeds
/// and outlets supply each port, each device's ports and outlets, and which ports are live with nothing failed.
/// Built once per report in O(n).
/// </summary>
internal sealed class FailureIndex
{
    public readonly PowerReport Report;
    public readonly PowerGraph Graph;

    public readonly int[] PortCable;
    public readonly int[] OutletCable;
    public readonly int[] FeedCable;

    /// <summary>Per cable: the ports, outlets and feeds among its terminations (indices).</summary>
    public readonly int[][] CablePorts;
    public readonly int[][] CableOutlets;
    public readonly int[][] CableFeeds;

    /// <summary>Feeds and outlets on the other end of the port's cable.</summary>
    public readonly int[][] PortSourceFeeds;
    public readonly int[][] PortSourceOutlets;

    /// <summary>Feeds whose cable ends on this port (their load or their rack's sum reads it).</summary>
    public readonly int[][] PortFeeds;

    public readonly int[] OutletPort;
    public readonly int[] OutletDevice;
    public readonly int[] PortDevice;
    public readonly int[][] DevicePorts;
    public readonly int[][] DeviceOutlets;
    public readonly Dictionary<int, int[]> PanelFeeds;
    public readonly int[] FeedSite;
    public readonly int[] FeedRack;

    public readonly bool[] Manual;
    public readonly bool[] LiveBefore;

    /// <summary>Per device: its manual ports live with nothing failed (<c>before(d)</c>), empty for other devices.</summary>
    public readonly int[][] Before;

    /// <summary>Devices with at least one manual port, in id order.</summary>
    public readonly int[] LoadDevices;

    public FailureIndex(PowerReport report)
    {
        Report = report;
        Graph = report.Graph;
        var g = Graph;
        var inst = g.Installation;
        int np = g.PortCount, no = inst.PowerOutlets.Count, nf = g.FeedCount, nd = g.DeviceIds.Length;

        var cableIndex = new Dictionary<int, int>(inst.Cables.Count);
        for (int c = 0; c < inst.Cables.Count; c++)
        {
            cableIndex[inst.Cables[c].Id] = c;
        }
        var outletIndex = new Dictionary<int, int>(no);
        for (int o = 0; o < no; o++)
        {
            outletIndex[inst.PowerOutlets[o].Id] = o;
        }

        CablePorts = new int[inst.Cables.Count][];
        CableOutlets = new int[inst.Cables.Count][];
        CableFeeds = new int[inst.Cables.Count][];
        PortCable = Filled(np, -1);
        OutletCable = Filled(no, -1);
        FeedCable = Filled(nf, -1);
        PortSourceFeeds = new int[np][];
        PortSourceOutlets = new int[np][];
        Array.Fill(PortSourceFeeds, []);
        Array.Fill(PortSourceOutlets, []);
        for (int c = 0; c < inst.Cables.Count; c++)
        {
            List<int> ports = [], outlets = [], feeds = [];
            foreach (var t in inst.Cables[c].Terminations)
            {
                switch (t.Kind)
                {
                    case TerminationKind.PowerPort when g.PortIndex.TryGetValue(t.ObjectId, out var p):
                        ports.Add(p);
                        PortCable[p] = c;
                        break;
                    case TerminationKind.PowerOutlet when outletIndex.TryGetValue(t.ObjectId, out var o):
                        outlets.Add(o);
                        OutletCable[o] = c;
                        break;
                    case TerminationKind.PowerFeed when g.FeedIndex.TryGetValue(t.ObjectId, out var f):
                        feeds.Add(f);
                        FeedCable[f] = c;
                        break;
                }
            }
            CablePorts[c] = [.. ports];
            CableOutlets[c] = [.. outlets];
            CableFeeds[c] = [.. feeds];
            if (ports.Count == 0 || (outlets.Count == 0 && feeds.Count == 0))
            {
                continue;
            }
            var cable = inst.Cables[c];
            foreach (var p in ports)
            {
                var end = cable.Terminations.First(t => t.Kind == TerminationKind.PowerPort && t.ObjectId == g.PortIds[p]).End;
                PortSourceFeeds[p] = [.. cable.Terminations.Where(t => t.End != end && t.Kind == TerminationKind.PowerFeed && g.FeedIndex.ContainsKey(t.ObjectId)).Select(t => g.FeedIndex[t.ObjectId])];
                PortSourceOutlets[p] = [.. cable.Terminations.Where(t => t.End != end && t.Kind == TerminationKind.PowerOutlet && outletIndex.ContainsKey(t.ObjectId)).Select(t => outletIndex[t.ObjectId])];
            }
        }

        var portFeeds = new List<int>?[np];
        for (int f = 0; f < nf; f++)
        {
            foreach (var p in g.FeedPeerPorts[f])
            {
                (portFeeds[p] ??= []).Add(f);
            }
        }
        PortFeeds = portFeeds.Select(l => l is null ? Array.Empty<int>() : [.. l]).ToArray();

        PortDevice = new int[np];
        var devicePorts = new List<int>?[nd];
        var deviceOutlets = new List<int>?[nd];
        Manual = new bool[np];
        for (int p = 0; p < np; p++)
        {
            PortDevice[p] = g.DeviceIndex.TryGetValue(g.PortDevice[p], out var d) ? d : -1;
            if (PortDevice[p] >= 0)
            {
                (devicePorts[PortDevice[p]] ??= []).Add(p);
            }
            Manual[p] = g.PortAllocated[p] is not null || g.PortMaximum[p] is not null;
        }
        OutletPort = new int[no];
        OutletDevice = new int[no];
        for (int o = 0; o < no; o++)
        {
            var outlet = inst.PowerOutlets[o];
            OutletPort[o] = outlet.PowerPortId is { } pid && g.PortIndex.TryGetValue(pid, out var pi) ? pi : -1;
            OutletDevice[o] = g.DeviceIndex.TryGetValue(outlet.DeviceId, out var d) ? d : -1;
            if (OutletDevice[o] >= 0)
            {
                (deviceOutlets[OutletDevice[o]] ??= []).Add(o);
            }
        }
        DevicePorts = devicePorts.Select(l => l is null ? Array.Empty<int>() : [.. l]).ToArray();
        DeviceOutlets = deviceOutlets.Select(l => l is null ? Array.Empty<int>() : [.. l]).ToArray();

        PanelFeeds = inst.PowerFeeds.Select((f, i) => (f.PowerPanelId, i)).GroupBy(x => x.PowerPanelId).ToDictionary(x => x.Key, x => x.Select(y => y.i).ToArray());
        FeedSite = new int[nf];
        FeedRack = new int[nf];
        for (int f = 0; f < nf; f++)
        {
            var feed = inst.PowerFeeds[f];
            FeedSite[f] = inst.PanelById.TryGetValue(feed.PowerPanelId, out var panel) ? panel.SiteId : 0;
            FeedRack[f] = feed.RackId is { } rid && g.RackIndex.TryGetValue(rid, out var ri) ? ri : -1;
        }

        LiveBefore = new bool[np];
        var queue = new Queue<int>();
        for (int p = 0; p < np; p++)
        {
            if (PortCable[p] >= 0 && PortSourceFeeds[p].Length > 0)
            {
                LiveBefore[p] = true;
                queue.Enqueue(p);
            }
        }
        while (queue.Count > 0)
        {
            int p = queue.Dequeue();
            foreach (var o in g.PortOutlets[p])
            {
                foreach (var q in g.OutletDownstream[o])
                {
                    if (!LiveBefore[q])
                    {
                        LiveBefore[q] = true;
                        queue.Enqueue(q);
                    }
                }
            }
        }

        Before = new int[nd][];
        var loadDevices = new List<int>();
        for (int d = 0; d < nd; d++)
        {
            Before[d] = [.. DevicePorts[d].Where(p => Manual[p] && LiveBefore[p])];
            if (DevicePorts[d].Any(p => Manual[p]))
            {
                loadDevices.Add(d);
            }
        }
        LoadDevices = [.. loadDevices];
    }

    public UtilizationOptions Options => Report.Options;

    /// <summary>The current draw of a port (W): allocated, maximum.</summary>
    public (long Allocated, long Maximum) DrawNow(int p)
    {
        var draw = Report.PortDrawAt(p);
        return (draw.AllocatedWatts, draw.MaximumWatts);
    }

    private static int[] Filled(int n, int value)
    {
        var a = new int[n];
        Array.Fill(a, value);
        return a;
    }
}

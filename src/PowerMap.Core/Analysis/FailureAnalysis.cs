using System.Runtime.CompilerServices;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Analysis;

/// <summary>
/// The failure analyses of analysis.md over one <see cref="PowerReport"/>: what-if (§2), redundancy and single points of
/// failure (§3), N−1 headroom (§4). Every number after a failure is the parity engine's number on the changed graph.
/// One instance per report (<see cref="For"/>), so the lookups and the single-failure sweep are built once per data revision.
/// </summary>
public sealed class FailureAnalysis
{
    private static readonly ConditionalWeakTable<PowerReport, FailureAnalysis> Cache = new();

    private readonly FailureIndex _ix;
    private readonly Lazy<ResilienceReport> _resilience;

    private FailureAnalysis(PowerReport report)
    {
        _ix = new FailureIndex(report);
        _resilience = new Lazy<ResilienceReport>(Sweep);
    }

    public PowerReport Report => _ix.Report;

    /// <summary>The analysis of a report, built on first use and kept as long as the report lives.</summary>
    public static FailureAnalysis For(PowerReport report) => Cache.GetValue(report, r => new FailureAnalysis(r));

    /// <summary>A fresh analysis, not cached (benchmarks measure the index and the sweep with it).</summary>
    internal static FailureAnalysis CreateUncached(PowerReport report) => new(report);

    /// <summary>
    /// What happens when <paramref name="failed"/> fail together (analysis.md §2). Unknown ids are ignored.
    /// <paramref name="forceExact"/> computes the draws with the full engine on the changed installation (tests compare both paths).
    /// </summary>
    public WhatIfResult WhatIf(IEnumerable<FailureElement> failed, TransferRule transfer = TransferRule.Split, bool forceExact = false)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var outcome = new FailureOutcome(_ix, failed, transfer, forceExact);
        var g = _ix.Graph;

        var devices = outcome.Devices.Select(x => new DeviceImpact(g.DeviceIds[x.Device], x.State, _ix.Before[x.Device].Length, x.LiveAfter)).ToList();

        var ports = new List<PortImpact>();
        foreach (var p in outcome.ChangedPorts)
        {
            var (ba, bm) = _ix.DrawNow(p);
            var (aa, am) = outcome.DrawAfter(p);
            if (ba != aa || bm != am)
            {
                ports.Add(new PortImpact(g.PortIds[p], ba, bm, aa, am));
            }
        }
        ports.Sort((a, b) => a.PortId.CompareTo(b.PortId));

        var feeds = new List<FeedImpact>();
        var racks = new HashSet<int>();
        foreach (var f in outcome.ChangedFeeds.Order())
        {
            var before = CapacityLoad.Of(FeedAllocatedNow(f), g.FeedAvailable[f], _ix.Options);
            bool failedFeed = outcome.FailedFeeds.Contains(f);
            var after = outcome.FeedAllocatedAfter(f) is { } allocated ? CapacityLoad.Of(allocated, g.FeedAvailable[f], _ix.Options) : null;
            if (failedFeed || after != before)
            {
                feeds.Add(new FeedImpact(g.FeedIds[f], failedFeed, before, after));
            }
            if (_ix.FeedRack[f] >= 0)
            {
                racks.Add(_ix.FeedRack[f]);
            }
        }

        var rackImpacts = new List<RackImpact>();
        foreach (var r in racks.Order())
        {
            double before = _ix.Report.RackUtilization(g.RackIds[r]);
            var after = outcome.RackAfter(r);
            if (after != before)
            {
                rackImpacts.Add(new RackImpact(g.RackIds[r], before, after));
            }
        }
        var overRating = new List<RatingImpact>();
        var ratings = RatingReport.For(_ix.Report);
        foreach (var (element, before, after) in RatedAfter(outcome, ratings))
        {
            if (after.Exceeded && after.AllocatedVoltAmps > before.AllocatedVoltAmps)
            {
                overRating.Add(new RatingImpact(element, before, after));
            }
        }
        return new WhatIfResult(transfer,
            devices.Count(d => d.State == DeviceFailureState.Down),
            devices.Count(d => d.State == DeviceFailureState.Degraded),
            outcome.WattsLost(),
            feeds.Count(f => f.OverloadedAfter),
            devices, feeds, ports, rackImpacts, overRating);
    }

    /// <summary>
    /// The rated panels and devices whose load may change in <paramref name="outcome"/>, with their load now and after:
    /// a panel sums its live feeds' allocated VA after, a device its ports' allocated draw after. Failed panels (every feed
    /// failed) and failed devices are left out. Panels first, then devices, each in id order.
    /// </summary>
    private IEnumerable<(FailureElement Element, CapacityLoad Before, CapacityLoad After)> RatedAfter(FailureOutcome outcome, RatingReport ratings)
    {
        var g = _ix.Graph;
        var inst = g.Installation;
        if (ratings.Panels.Count > 0)
        {
            var panels = new SortedSet<int>();
            foreach (var f in outcome.ChangedFeeds)
            {
                int panelId = inst.PowerFeeds[f].PowerPanelId;
                if (ratings.Panels.ContainsKey(panelId))
                {
                    panels.Add(panelId);
                }
            }
            foreach (var panelId in panels)
            {
                var before = ratings.Panels[panelId];
                long allocated = 0;
                bool live = false;
                foreach (var f in _ix.PanelFeeds[panelId])
                {
                    if (outcome.FeedAllocatedAfter(f) is { } a)
                    {
                        allocated += a;
                        live = true;
                    }
                }
                if (live)
                {
                    yield return (new FailureElement(FailureElementKind.PowerPanel, panelId), before, CapacityLoad.Of(allocated, before.AvailableVoltAmps, _ix.Options));
                }
            }
        }
        if (ratings.Devices.Count > 0)
        {
            var devices = new SortedSet<int>();
            foreach (var p in outcome.ChangedPorts)
            {
                int d = _ix.PortDevice[p];
                if (d >= 0 && ratings.Devices.ContainsKey(g.DeviceIds[d]))
                {
                    devices.Add(g.DeviceIds[d]);
                }
            }
            foreach (var deviceId in devices)
            {
                var before = ratings.Devices[deviceId];
                var ports = _ix.DevicePorts[g.DeviceIndex[deviceId]];
                if (ports.All(outcome.FailedPorts.Contains))
                {
                    continue;
                }
                long allocated = 0;
                foreach (var p in ports)
                {
                    allocated += outcome.DrawAfter(p).Allocated;
                }
                yield return (new FailureElement(FailureElementKind.Device, deviceId), before, CapacityLoad.Of(allocated, before.AvailableVoltAmps, _ix.Options));
            }
        }
    }

    /// <summary>Redundancy of every load device, the single points of failure and N−1 headroom of every feed and rack (cached).</summary>
    public ResilienceReport Resilience() => _resilience.Value;

    /// <summary>Whether <see cref="Resilience"/> has been computed for this report (it is computed once, on first use).</summary>
    public bool IsSwept => _resilience.IsValueCreated;

    /// <summary>The redundancy of one load device; null for a device without a manual port (or an unknown id).</summary>
    public DeviceRedundancy? RedundancyOf(int deviceId)
    {
        var byDevice = Volatile.Read(ref _byDevice);
        if (byDevice is null)
        {
            byDevice = Resilience().Devices.ToDictionary(d => d.DeviceId);
            Volatile.Write(ref _byDevice, byDevice);
        }
        return byDevice.GetValueOrDefault(deviceId);
    }

    private Dictionary<int, DeviceRedundancy>? _byDevice;

    /// <summary>
    /// "If side A fails" for one rack: every feed of the rack on that side (<see cref="FeedSide"/>) fails together (split
    /// rule). Null when the rack has no feed on that side.
    /// </summary>
    public RackSideFailure? RackIfSideFails(int rackId, string side) =>
        _rackSides.GetOrAdd((rackId, side), key => ComputeRackIfSideFails(key.RackId, key.Side));

    /// <summary>Per rack and side, computed once per analysis (the overview asks for every rack at risk on each render).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int RackId, string Side), RackSideFailure?> _rackSides = new();

    private RackSideFailure? ComputeRackIfSideFails(int rackId, string side)
    {
        var inst = _ix.Graph.Installation;
        var feeds = inst.PowerFeeds.Where(f => f.RackId == rackId && FeedSide.Of(f) == side).Select(f => f.Id).ToList();
        if (feeds.Count == 0)
        {
            return null;
        }
        var result = WhatIf(feeds.Select(id => new FailureElement(FailureElementKind.PowerFeed, id)));
        double? after = result.Racks.FirstOrDefault(r => r.RackId == rackId) is { } changed ? changed.After : _ix.Report.RackUtilization(rackId);
        return new RackSideFailure(side, feeds, after, result);
    }

    /// <summary>A feed's allocated VA now: the draw of the port at the far end of its cable, 0 without a cable.</summary>
    private long FeedAllocatedNow(int f) => _ix.Report.Feeds[f].Utilization?.AllocatedVoltAmps ?? 0;

    /// <summary>
    /// Fails every panel, feed and distribution device alone (the split rule) and keeps, per load device, the elements
    /// that take it down, and per feed and rack the largest load after a failure in its own site. Each failure only
    /// looks below the failed element (see <see cref="FailureOutcome"/>).
    /// </summary>
    private ResilienceReport Sweep()
    {
        var g = _ix.Graph;
        var inst = g.Installation;
        int nf = g.FeedCount, nr = g.RackIds.Length;

        var feedN1 = new long[nf];
        var feedCause = new FailureElement?[nf];
        for (int f = 0; f < nf; f++)
        {
            feedN1[f] = FeedAllocatedNow(f);
        }
        var rackN1 = new double[nr];
        var rackCause = new FailureElement?[nr];
        for (int r = 0; r < nr; r++)
        {
            rackN1[r] = _ix.Report.RackUtilization(g.RackIds[r]);
        }
        var spofsOfDevice = new Dictionary<int, List<FailureElement>>();
        var spofs = new List<SinglePointOfFailure>();
        var ratings = RatingReport.For(_ix.Report);
        var ratedN1 = new Dictionary<FailureElement, (CapacityLoad Load, FailureElement? Cause)>();
        foreach (var (id, load) in ratings.Panels)
        {
            ratedN1[new FailureElement(FailureElementKind.PowerPanel, id)] = (load, null);
        }
        foreach (var (id, load) in ratings.Devices)
        {
            ratedN1[new FailureElement(FailureElementKind.Device, id)] = (load, null);
        }

        foreach (var (element, site) in Elements())
        {
            var outcome = new FailureOutcome(_ix, [element], TransferRule.Split);
            int down = 0;
            foreach (var (d, state, _) in outcome.Devices)
            {
                if (state == DeviceFailureState.Down && !(element.Kind == FailureElementKind.Device && g.DeviceIds[d] == element.Id))
                {
                    down++;
                    if (!spofsOfDevice.TryGetValue(d, out var list))
                    {
                        spofsOfDevice[d] = list = [];
                    }
                    list.Add(element);
                }
            }
            if (down > 0)
            {
                spofs.Add(new SinglePointOfFailure(element, down, outcome.WattsLost()));
            }
            var racks = new HashSet<int>();
            foreach (var f in outcome.ChangedFeeds)
            {
                if (_ix.FeedSite[f] != site)
                {
                    continue;
                }
                if (outcome.FeedAllocatedAfter(f) is { } after && after > feedN1[f])
                {
                    feedN1[f] = after;
                    feedCause[f] = element;
                }
                if (_ix.FeedRack[f] >= 0)
                {
                    racks.Add(_ix.FeedRack[f]);
                }
            }
            foreach (var r in racks)
            {
                if (inst.Racks[r].SiteId == site && outcome.RackAfter(r) is { } after && after > rackN1[r])
                {
                    rackN1[r] = after;
                    rackCause[r] = element;
                }
            }
            if (ratedN1.Count > 0)
            {
                foreach (var (rated, _, after) in RatedAfter(outcome, ratings))
                {
                    if (rated != element && SiteOf(rated) == site && after.AllocatedVoltAmps > ratedN1[rated].Load.AllocatedVoltAmps)
                    {
                        ratedN1[rated] = (after, element);
                    }
                }
            }
        }

        var devices = _ix.LoadDevices.Select(d =>
        {
            var list = spofsOfDevice.TryGetValue(d, out var l) ? (IReadOnlyList<FailureElement>)l : [];
            int live = _ix.Before[d].Length;
            var level = live <= 1 ? RedundancyLevel.None : list.Count > 0 ? RedundancyLevel.Partial : RedundancyLevel.Full;
            return new DeviceRedundancy(g.DeviceIds[d], level, live, list);
        }).ToList();
        spofs.Sort((a, b) => b.WattsLost != a.WattsLost ? b.WattsLost.CompareTo(a.WattsLost) : b.DevicesDown.CompareTo(a.DevicesDown));
        var feeds = Enumerable.Range(0, nf).Select(f => new FeedHeadroom(g.FeedIds[f], g.FeedAvailable[f], FeedAllocatedNow(f),
            CapacityLoad.Of(feedN1[f], g.FeedAvailable[f], _ix.Options), feedCause[f])).ToList();
        var rackList = Enumerable.Range(0, nr).Select(r => new RackHeadroom(g.RackIds[r], _ix.Report.RackUtilization(g.RackIds[r]), rackN1[r], rackCause[r])).ToList();
        var ratingList = ratedN1
            .OrderBy(x => x.Key.Kind).ThenBy(x => x.Key.Id)
            .Select(x => new RatingHeadroom(x.Key, x.Key.Kind == FailureElementKind.PowerPanel ? ratings.Panels[x.Key.Id] : ratings.Devices[x.Key.Id], x.Value.Load, x.Value.Cause))
            .ToList();
        return new ResilienceReport(devices, spofs, feeds, rackList, ratingList);
    }

    private int SiteOf(FailureElement element)
    {
        var inst = _ix.Graph.Installation;
        return element.Kind == FailureElementKind.PowerPanel ? inst.PanelById[element.Id].SiteId : inst.DeviceById[element.Id].SiteId;
    }

    /// <summary>Every panel, feed and distribution device (a device with outlets), with its site id; in id order per kind.</summary>
    private IEnumerable<(FailureElement Element, int Site)> Elements()
    {
        var inst = _ix.Graph.Installation;
        foreach (var panel in inst.PowerPanels)
        {
            yield return (new FailureElement(FailureElementKind.PowerPanel, panel.Id), panel.SiteId);
        }
        for (int f = 0; f < inst.PowerFeeds.Count; f++)
        {
            yield return (new FailureElement(FailureElementKind.PowerFeed, inst.PowerFeeds[f].Id), _ix.FeedSite[f]);
        }
        for (int d = 0; d < inst.Devices.Count; d++)
        {
            if (_ix.DeviceOutlets[d].Length > 0)
            {
                yield return (new FailureElement(FailureElementKind.Device, inst.Devices[d].Id), inst.Devices[d].SiteId);
            }
        }
    }
}

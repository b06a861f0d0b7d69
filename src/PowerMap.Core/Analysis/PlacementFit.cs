using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Analysis;

/// <summary>A new device to place: its draw in W (power factor 1) and its number of PSUs.</summary>
/// <param name="AllocatedWatts">The device's allocated (typical) draw, W: the "now" numbers after the placement.</param>
/// <param name="MaximumWatts">The device's maximum (peak) draw, W: its share of the N−1 bound (after a failover the surviving
/// PSU may carry the peak). Below <paramref name="AllocatedWatts"/> (or 0, not given) counts as the allocated draw.</param>
public sealed record FitRequest(long AllocatedWatts, long MaximumWatts, int PowerSupplyCount, int? SiteId = null, int? RackId = null)
{
    /// <summary>The whole device's draw in the N−1 bound, W: the maximum draw, at least the allocated one.</summary>
    public long FailoverWatts => Math.Max(MaximumWatts, AllocatedWatts);
}

/// <summary>One PSU's place: a free outlet of a PDU fed by a feed on a side.</summary>
public sealed record FitOutlet(int OutletId, int PduId, int FeedId, string Side);

/// <summary>A feed's utilization before → after the placement, now and N−1 (percent).</summary>
public sealed record FitFeedChange(int FeedId, double? PercentBefore, double? PercentAfter, double? N1PercentBefore, double? N1PercentAfter);

/// <summary>A placement that keeps every feed below the warning threshold now and after a single failure.</summary>
/// <param name="Proximity">0 = the requested rack, 1 = its location (row), 2 = elsewhere in the site.</param>
public sealed record Placement(int RackId, int Proximity, IReadOnlyList<FitOutlet> Outlets, IReadOnlyList<FitFeedChange> Feeds, double WorstPercentAfter);

/// <summary>
/// "Where does it fit?": every rack with PDUs fed directly by feeds and free outlets, one outlet per PSU on alternating
/// sides (A = primary feed, B = redundant), the least loaded feed of each side. Now, each PSU draws allocated ÷ PSUs;
/// the N−1 after is the upper bound "the feed's N−1 now + the whole device at its maximum draw"
/// (<see cref="FitRequest.FailoverWatts"/>: a failure of the other side moves the device onto this feed, and the surviving
/// PSU may then carry the device's peak). A placement fits when every feed it uses, and every rated PDU/UPS and panel, stays below the
/// warning threshold now and N−1. Ranked: requested rack, then its location, then the rest; then by the worst N−1 after; then rack name.
/// </summary>
public static class PlacementFit
{
    public static IReadOnlyList<Placement> Find(PowerReport report, FitRequest request)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(request);
        var inst = report.Installation;
        var options = report.Options;
        var resilience = FailureAnalysis.For(report).Resilience();
        var n1 = resilience.Feeds.ToDictionary(h => h.FeedId);
        var ratingN1 = resilience.Ratings.ToDictionary(r => r.Element, r => r.N1.AllocatedVoltAmps);
        int? wantedLocation = request.RackId is { } rid && inst.RackById.TryGetValue(rid, out var wantedRack) ? wantedRack.LocationId : null;
        int psus = Math.Max(1, request.PowerSupplyCount);
        long perPsu = request.AllocatedWatts / psus;

        // Per rack and side: the PDUs fed straight from a feed, with their free outlets in name order. One pass over the
        // outlets (free ones by inlet) and one over the ports: linear in the installation, not devices × ports.
        var freeByInlet = new Dictionary<int, List<PowerOutlet>>();
        foreach (var o in inst.PowerOutlets)
        {
            if (o.PowerPortId is { } inletId && !o.MarkConnected && !inst.CableOf.ContainsKey((TerminationKind.PowerOutlet, o.Id)))
            {
                if (!freeByInlet.TryGetValue(inletId, out var list))
                {
                    freeByInlet[inletId] = list = [];
                }
                list.Add(o);
            }
        }
        var sides = new Dictionary<int, Dictionary<string, List<(PowerFeed Feed, Device Pdu, List<PowerOutlet> Free)>>>();
        foreach (var inlet in inst.PowerPorts)
        {
            if (!freeByInlet.TryGetValue(inlet.Id, out var outletsOfInlet) || !inst.DeviceById.TryGetValue(inlet.DeviceId, out var pdu)
                || pdu.RackId is not { } rackId || !inst.RackById.TryGetValue(rackId, out var rack)
                || (request.SiteId is { } site && rack.SiteId != site))
            {
                continue;
            }
            if (FeedOf(inst, inlet.Id) is not { } feed || report.Feed(feed.Id)?.Utilization is null)
            {
                continue;
            }
            var free = outletsOfInlet.Where(o => o.DeviceId == pdu.Id).OrderBy(o => o.Name, NaturalComparer.Instance).ToList();
            if (free.Count == 0)
            {
                continue;
            }
            if (!sides.TryGetValue(rackId, out var bySide))
            {
                sides[rackId] = bySide = [];
            }
            var side = FeedSide.Of(feed);
            if (!bySide.TryGetValue(side, out var list))
            {
                bySide[side] = list = [];
            }
            list.Add((feed, pdu, free));
        }

        var result = new List<Placement>();
        foreach (var (rackId, bySide) in sides)
        {
            string[] order = [FeedSide.A, FeedSide.B];
            if (psus > 1 && !(bySide.ContainsKey(FeedSide.A) && bySide.ContainsKey(FeedSide.B)))
            {
                continue;
            }
            // The least loaded PDU feed of each side.
            var pick = bySide.ToDictionary(kv => kv.Key, kv => kv.Value.OrderBy(x => report.Feed(x.Feed.Id)!.Utilization!.Percent ?? 0).ThenBy(x => x.Feed.Id).First());
            var outlets = new List<FitOutlet>();
            var used = new Dictionary<string, int>();
            bool enough = true;
            for (int i = 0; i < psus; i++)
            {
                string side = psus == 1 ? (pick.ContainsKey(FeedSide.A) ? FeedSide.A : FeedSide.B) : order[i % 2];
                var p = pick[side];
                int k = used.GetValueOrDefault(side);
                if (k >= p.Free.Count)
                {
                    enough = false;
                    break;
                }
                used[side] = k + 1;
                outlets.Add(new FitOutlet(p.Free[k].Id, p.Pdu.Id, p.Feed.Id, side));
            }
            if (!enough)
            {
                continue;
            }
            var changes = new List<FitFeedChange>();
            bool fits = true;
            double worst = 0;
            foreach (var group in outlets.GroupBy(o => o.FeedId))
            {
                var fr = report.Feed(group.Key)!;
                long now = fr.Utilization!.AllocatedVoltAmps, available = fr.AvailableVoltAmps;
                long n1Now = n1.TryGetValue(group.Key, out var h) ? h.N1.AllocatedVoltAmps : now;
                long after = now + perPsu * group.Count();
                long n1After = Math.Max(after, n1Now + request.FailoverWatts);
                var change = new FitFeedChange(group.Key, Utilization.Percent(now, available), Utilization.Percent(after, available),
                    Utilization.Percent(n1Now, available), Utilization.Percent(n1After, available));
                changes.Add(change);
                if (!WithinThreshold(change.PercentAfter, options) || !WithinThreshold(change.N1PercentAfter, options))
                {
                    fits = false;
                }
                worst = Math.Max(worst, change.N1PercentAfter ?? 0);
            }
            if (fits && WithinRatings(report, request, outlets, ratingN1))
            {
                var rack = inst.RackById[rackId];
                int proximity = rackId == request.RackId ? 0 : wantedLocation is not null && rack.LocationId == wantedLocation ? 1 : 2;
                result.Add(new Placement(rackId, proximity, outlets, changes, worst));
            }
        }
        return result
            .OrderBy(p => p.Proximity).ThenBy(p => p.WorstPercentAfter)
            .ThenBy(p => inst.RackById[p.RackId].Name, NaturalComparer.Instance).ThenBy(p => p.RackId)
            .ToList();
    }

    private static bool WithinThreshold(double? percent, UtilizationOptions options) => percent is null || percent < options.WarningPercent;

    /// <summary>
    /// The rated PDUs/UPSs and panels the placement loads stay below the warning threshold of their rating, now (their load
    /// plus the PSUs placed on them) and N−1 (their worst single-failure load now plus the whole device at its maximum draw,
    /// the same upper bound as the feeds'). Unrated ones (rating unknown) do not limit.
    /// </summary>
    private static bool WithinRatings(PowerReport report, FitRequest request, IReadOnlyList<FitOutlet> outlets, IReadOnlyDictionary<FailureElement, long> ratingN1)
    {
        var ratings = RatingReport.For(report);
        long perPsu = request.AllocatedWatts / Math.Max(1, request.PowerSupplyCount);
        var loaded = outlets.GroupBy(o => new FailureElement(FailureElementKind.Device, o.PduId))
            .Concat(outlets.GroupBy(o => new FailureElement(FailureElementKind.PowerPanel, report.Installation.FeedById[o.FeedId].PowerPanelId)));
        foreach (var group in loaded)
        {
            var rated = group.Key.Kind == FailureElementKind.Device ? ratings.Device(group.Key.Id) : ratings.Panel(group.Key.Id);
            if (rated is null || rated.AvailableVoltAmps <= 0)
            {
                continue;
            }
            long after = rated.AllocatedVoltAmps + perPsu * group.Count();
            long n1After = Math.Max(after, ratingN1.GetValueOrDefault(group.Key, rated.AllocatedVoltAmps) + request.FailoverWatts);
            if (!WithinThreshold(Utilization.Percent(after, rated.AvailableVoltAmps), report.Options)
                || !WithinThreshold(Utilization.Percent(n1After, rated.AvailableVoltAmps), report.Options))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The feed at the far end of a port's cable, or null.</summary>
    private static PowerFeed? FeedOf(Installation inst, int portId)
    {
        if (!inst.CableOf.TryGetValue((TerminationKind.PowerPort, portId), out var c))
        {
            return null;
        }
        foreach (var t in c.Cable.Terminations)
        {
            if (t.End != c.End && t.Kind == TerminationKind.PowerFeed && inst.FeedById.TryGetValue(t.ObjectId, out var feed))
            {
                return feed;
            }
        }
        return null;
    }
}

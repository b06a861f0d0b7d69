using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Analysis;

/// <summary>A rack's allocated load per side (A = primary feeds, B = redundant), VA.</summary>
public sealed record RackSides(int RackId, long SideAVoltAmps, long SideBVoltAmps);

/// <summary>A three-phase feed's allocated load per leg (the legs of the PDU inlet it feeds), W.</summary>
public sealed record FeedLegs(int FeedId, IReadOnlyList<LegDraw> Legs);

/// <summary>A band of the rack utilization distribution: racks with <c>From ≤ percent &lt; To</c>.</summary>
public sealed record UtilizationBand(string Label, double FromPercent, double ToPercent, int RackCount);

/// <summary>The data of the capacity charts, from the report and the overview (pure; no number computed twice).</summary>
public static class CapacityCharts
{
    /// <summary>
    /// Racks by utilization band: below the warning threshold in two halves, warning, critical up to 100 %, and over
    /// 100 %; the bands follow <see cref="UtilizationOptions"/>.
    /// </summary>
    public static IReadOnlyList<UtilizationBand> RackDistribution(IEnumerable<RackHeadroom> racks, UtilizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(racks);
        ArgumentNullException.ThrowIfNull(options);
        double w = options.WarningPercent, d = options.DangerPercent, half = Math.Round(w / 2, 1);
        var bands = new (string Label, double From, double To)[]
        {
            ($"< {half:0.#} %", double.NegativeInfinity, half),
            ($"{half:0.#}–{w:0.#} %", half, w),
            ($"{w:0.#}–{d:0.#} %", w, d),
            ($"{d:0.#}–100 %", d, 100.0000001),
            ("> 100 %", 100.0000001, double.PositiveInfinity),
        };
        var counts = new int[bands.Length];
        foreach (var r in racks)
        {
            for (int i = 0; i < bands.Length; i++)
            {
                if (r.Utilization >= bands[i].From && r.Utilization < bands[i].To)
                {
                    counts[i]++;
                    break;
                }
            }
        }
        return bands.Select((b, i) => new UtilizationBand(b.Label, b.From, b.To, counts[i])).ToList();
    }

    /// <summary>The allocated VA of each rack's A-side and B-side feeds (<see cref="FeedSide"/>), in the order given.</summary>
    public static IReadOnlyList<RackSides> Sides(PowerReport report, IEnumerable<int> rackIds)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(rackIds);
        var ids = rackIds.ToList();
        var wanted = ids.ToHashSet();
        var acc = ids.ToDictionary(id => id, _ => (A: 0L, B: 0L));
        foreach (var f in report.Installation.PowerFeeds)
        {
            if (f.RackId is not { } rack || !wanted.Contains(rack))
            {
                continue;
            }
            long allocated = report.Feed(f.Id)?.Utilization?.AllocatedVoltAmps ?? 0;
            var a = acc[rack];
            acc[rack] = FeedSide.Of(f) == FeedSide.B ? (a.A, a.B + allocated) : (a.A + allocated, a.B);
        }
        return ids.Select(id => new RackSides(id, acc[id].A, acc[id].B)).ToList();
    }

    /// <summary>Per-leg draw of the cabled three-phase feeds among <paramref name="feedIds"/> (those with legs), in the order given.</summary>
    public static IReadOnlyList<FeedLegs> LegBalance(PowerReport report, IEnumerable<int> feedIds)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(feedIds);
        var result = new List<FeedLegs>();
        foreach (var id in feedIds)
        {
            if (report.Installation.FeedById.TryGetValue(id, out var f) && f.Phase == Choices.ThreePhase
                && report.Feed(id)?.ConnectedPortId is { } port && report.PortDraw(port).Legs is { Count: > 0 } legs)
            {
                result.Add(new FeedLegs(id, legs));
            }
        }
        return result;
    }
}

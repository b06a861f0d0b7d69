namespace PowerMap.Core.Power;

/// <summary>
/// The numbers of the overview page, from one <see cref="PowerReport"/>: feed counts by status, total capacity and
/// allocation (VA), the feeds at or above the warning threshold, and the most utilized feeds and racks.
/// Rankings are by rounded percent, highest first, ties by id; only feeds with a utilization are ranked.
/// </summary>
public sealed record PowerOverview(
    int FeedCount,
    int LoadedFeedCount,
    int WarningFeedCount,
    int DangerFeedCount,
    int OverCapacityFeedCount,
    long AvailableVoltAmps,
    long AllocatedVoltAmps,
    IReadOnlyList<FeedLoad> NearCapacity,
    IReadOnlyList<FeedLoad> TopFeeds,
    IReadOnlyList<RackLoad> TopRacks)
{
    /// <summary>Feeds at or above the warning threshold (warning + danger).</summary>
    public int NearCapacityFeedCount => WarningFeedCount + DangerFeedCount;

    /// <param name="report">The computed report.</param>
    /// <param name="top">How many feeds and racks to rank.</param>
    /// <param name="nearCapacityLimit">At most this many near-capacity feeds are listed (all are counted).</param>
    public static PowerOverview Compute(PowerReport report, int top = 10, int nearCapacityLimit = 50)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var loads = PowerSummary.FeedLoads(report).ToList();
        long available = 0;
        foreach (var f in report.Feeds)
        {
            available += f.AvailableVoltAmps;
        }
        long allocated = loads.Sum(l => l.AllocatedVoltAmps);
        var ranked = loads.OrderByDescending(l => l.Percent).ThenBy(l => l.FeedId).ToList();
        var racks = PowerSummary.Racks(report).Values
            .Where(r => r.AvailableVoltAmps > 0)
            .OrderByDescending(r => r.Percent).ThenBy(r => r.RackId)
            .Take(top)
            .ToList();
        return new PowerOverview(
            report.Feeds.Count,
            loads.Count,
            loads.Count(l => l.Status == UtilizationStatus.Warning),
            loads.Count(l => l.Status == UtilizationStatus.Danger),
            loads.Count(l => l.Percent > 100),
            available,
            allocated,
            ranked.Where(l => l.Status != UtilizationStatus.Normal).Take(nearCapacityLimit).ToList(),
            ranked.Take(top).ToList(),
            racks);
    }
}

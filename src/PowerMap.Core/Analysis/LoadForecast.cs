using PowerMap.Core.Power;

namespace PowerMap.Core.Analysis;

/// <summary>One object's load on one day, VA.</summary>
public sealed record LoadPoint(DateOnly Day, long AllocatedVoltAmps, long AvailableVoltAmps)
{
    /// <summary>Utilization in percent, NetBox's rounding; null without capacity.</summary>
    public double? Percent => Utilization.Percent(AllocatedVoltAmps, AvailableVoltAmps);
}

/// <summary>How an object's trend meets a threshold.</summary>
public enum CrossingState
{
    /// <summary>No crossing ahead: fewer than 2 samples, no capacity, or a trend that is flat or falling.</summary>
    None,

    /// <summary>The latest sample is already at or above the threshold.</summary>
    AlreadyOver,

    /// <summary>The trend line reaches the threshold on <see cref="ThresholdCrossing.Day"/>.</summary>
    Crosses,
}

/// <summary>When the trend reaches <see cref="Percent"/> of the latest capacity.</summary>
public sealed record ThresholdCrossing(double Percent, CrossingState State, DateOnly? Day);

/// <summary>
/// A least-squares linear trend of one object's allocated load over its daily samples, and the days it reaches the
/// warning threshold and 100 % of its capacity. Pure: the samples in, the forecast out.
/// </summary>
/// <param name="Origin">The first sample's day: x = 0 of the trend line.</param>
/// <param name="SlopeVoltAmpsPerDay">b in y = a + b·x (x in days since <paramref name="Origin"/>); null with fewer than 2 samples.</param>
/// <param name="InterceptVoltAmps">a in y = a + b·x; null with fewer than 2 samples.</param>
/// <param name="CapacityVoltAmps">The latest sample's available VA: the thresholds are percentages of it.</param>
public sealed record LoadForecast(
    int SampleCount,
    DateOnly? Origin,
    double? SlopeVoltAmpsPerDay,
    double? InterceptVoltAmps,
    long CapacityVoltAmps,
    ThresholdCrossing Warning,
    ThresholdCrossing Full)
{
    /// <summary>The trend line's allocated VA on a day; null without a trend.</summary>
    public double? TrendAt(DateOnly day) =>
        Origin is { } o && SlopeVoltAmpsPerDay is { } b && InterceptVoltAmps is { } a ? a + b * (day.DayNumber - o.DayNumber) : null;

    /// <summary>
    /// The trend of <paramref name="samples"/> (any order, one per day). Least squares over x = days since the first
    /// sample, y = allocated VA: b = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)², a = ȳ − b·x̄. A threshold t % of the latest capacity C is
    /// <see cref="CrossingState.AlreadyOver"/> when the latest sample's percent is ≥ t; otherwise it is crossed on the
    /// first whole day x ≥ (t/100·C − a) / b when b &gt; 0 (not before the latest sample's day); otherwise none.
    /// </summary>
    public static LoadForecast Compute(IEnumerable<LoadPoint> samples, double warningPercent)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var points = samples.OrderBy(s => s.Day).ToList();
        if (points.Count == 0)
        {
            return new LoadForecast(0, null, null, null, 0, new(warningPercent, CrossingState.None, null), new(100, CrossingState.None, null));
        }
        var origin = points[0].Day;
        var last = points[^1];
        double? slope = null, intercept = null;
        if (points.Count >= 2)
        {
            double meanX = points.Average(p => (double)(p.Day.DayNumber - origin.DayNumber));
            double meanY = points.Average(p => (double)p.AllocatedVoltAmps);
            double sxy = 0, sxx = 0;
            foreach (var p in points)
            {
                double dx = p.Day.DayNumber - origin.DayNumber - meanX;
                sxy += dx * (p.AllocatedVoltAmps - meanY);
                sxx += dx * dx;
            }
            if (sxx > 0)
            {
                slope = sxy / sxx;
                intercept = meanY - slope.Value * meanX;
            }
        }
        ThresholdCrossing Crossing(double percent)
        {
            if (last.Percent is { } now && now >= percent)
            {
                return new(percent, CrossingState.AlreadyOver, null);
            }
            if (slope is not { } b || b <= 0 || intercept is not { } a || last.AvailableVoltAmps <= 0)
            {
                return new(percent, CrossingState.None, null);
            }
            double x = (percent / 100 * last.AvailableVoltAmps - a) / b;
            int lastX = last.Day.DayNumber - origin.DayNumber;
            int day = Math.Max((int)Math.Ceiling(Math.Min(x, int.MaxValue / 2.0)), lastX);
            return day > DateOnly.MaxValue.DayNumber - origin.DayNumber
                ? new(percent, CrossingState.None, null)
                : new(percent, CrossingState.Crosses, origin.AddDays(day));
        }
        return new LoadForecast(points.Count, origin, slope, intercept, last.AvailableVoltAmps, Crossing(warningPercent), Crossing(100));
    }
}

/// <summary>An object whose trend crosses a threshold soon (the overview's list).</summary>
public sealed record UpcomingCrossing(CapacitySubject Subject, int Id, LoadPoint Latest, LoadForecast Forecast)
{
    /// <summary>The earlier crossing ahead (warning before 100 %).</summary>
    public ThresholdCrossing Next => Forecast.Warning.State == CrossingState.Crosses ? Forecast.Warning : Forecast.Full;
}

/// <summary>What a daily snapshot records, and which trends cross soon. Pure.</summary>
public static class LoadHistory
{
    /// <summary>
    /// Every feed's, rack's and panel's allocated and available VA from one report: a feed's NetBox utilization numerator
    /// (0 when not cabled) against its available power; a rack's Σ over its feeds (NetBox <c>get_power_utilization</c>);
    /// a panel's <see cref="PowerSummary.Panels"/>.
    /// </summary>
    public static IEnumerable<(CapacitySubject Subject, int Id, long AllocatedVoltAmps, long AvailableVoltAmps)> Loads(PowerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var f in report.Feeds)
        {
            yield return (CapacitySubject.PowerFeed, f.FeedId, f.Utilization?.AllocatedVoltAmps ?? 0, f.AvailableVoltAmps);
        }
        foreach (var r in report.Installation.Racks)
        {
            var (allocated, available) = report.RackLoad(r.Id);
            yield return (CapacitySubject.Rack, r.Id, allocated, available);
        }
        foreach (var (id, p) in PowerSummary.Panels(report))
        {
            yield return (CapacitySubject.PowerPanel, id, p.AllocatedVoltAmps, p.AvailableVoltAmps);
        }
    }

    /// <summary>
    /// The objects whose trend crosses the warning threshold or 100 % on a day from <paramref name="today"/> to
    /// <paramref name="today"/> + <paramref name="horizonDays"/>, earliest first.
    /// </summary>
    public static IReadOnlyList<UpcomingCrossing> Upcoming(
        IEnumerable<(CapacitySubject Subject, int Id, LoadPoint Point)> samples, DateOnly today, int horizonDays, double warningPercent)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var last = today.AddDays(horizonDays);
        var result = new List<UpcomingCrossing>();
        foreach (var group in samples.GroupBy(s => (s.Subject, s.Id)))
        {
            var points = group.Select(g => g.Point).ToList();
            var forecast = LoadForecast.Compute(points, warningPercent);
            bool Soon(ThresholdCrossing c) => c.State == CrossingState.Crosses && c.Day <= last;
            if (Soon(forecast.Warning) || Soon(forecast.Full))
            {
                result.Add(new UpcomingCrossing(group.Key.Subject, group.Key.Id, points.MaxBy(p => p.Day)!, forecast));
            }
        }
        result.Sort((a, b) => Nullable.Compare(a.Next.Day, b.Next.Day) is var c && c != 0 ? c
            : a.Subject.CompareTo(b.Subject) is var s && s != 0 ? s : a.Id.CompareTo(b.Id));
        return result;
    }
}

using System.Globalization;
using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Features.History;

/// <summary>
/// One row of the history export (CSV and XLSX); units in the column names, days as yyyy-MM-dd (UTC). The forecast
/// columns are the object's (the same on each of its rows): the trend in VA per day and the days the trend crosses the
/// warning threshold and 100 % (<see cref="HistoryRows.CrossingText"/>).
/// </summary>
[CsvHelper.CsvRecord]
public sealed partial record SampleRow(string Day, string Kind, int Id, string Name, string Site, long AllocatedVoltAmps, long AvailableVoltAmps, double? Percent,
    double? TrendVoltAmpsPerDay, string WarningCrossing, string FullCrossing);

/// <summary>A row of the overview's "crosses in the next 90 days" list and of its export.</summary>
[CsvHelper.CsvRecord]
public sealed partial record CrossingRow(string Kind, int Id, string Name, string Site, string LatestDay, double? LatestPercent, double? TrendVoltAmpsPerDay,
    string WarningCrossing, string FullCrossing);

/// <summary>The history's rows (the export) and the overview's crossings (list and export), built in one place.</summary>
public static class HistoryRows
{
    /// <summary>"2099-03-10" when the trend crosses, "already over", or empty when it does not cross.</summary>
    public static string CrossingText(ThresholdCrossing crossing)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        return crossing.State switch
        {
            CrossingState.AlreadyOver => "already over",
            CrossingState.Crosses => Iso(crossing.Day!.Value),
            _ => "",
        };
    }

    /// <summary>The site of a feed (its panel's), rack or panel; null when the object is gone.</summary>
    public static int? SiteOf(Installation inst, CapacitySubject subject, int id)
    {
        ArgumentNullException.ThrowIfNull(inst);
        return subject switch
        {
            CapacitySubject.PowerFeed => inst.FeedById.TryGetValue(id, out var f) ? inst.PanelById.GetValueOrDefault(f.PowerPanelId)?.SiteId : null,
            CapacitySubject.Rack => inst.RackById.GetValueOrDefault(id)?.SiteId,
            _ => inst.PanelById.GetValueOrDefault(id)?.SiteId,
        };
    }

    /// <summary>
    /// The export rows of <paramref name="samples"/> (kept in their order), of the objects of <paramref name="siteId"/>
    /// (null: every object, gone ones too), each with its object's forecast from <paramref name="forecast"/> (given the
    /// object's samples in day order).
    /// </summary>
    public static List<SampleRow> Samples(Installation inst, IReadOnlyList<(CapacitySubject Subject, int Id, LoadPoint Point)> samples, int? siteId,
        Func<IReadOnlyList<LoadPoint>, LoadForecast> forecast)
    {
        ArgumentNullException.ThrowIfNull(inst);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(forecast);
        var kept = samples.Where(s => siteId is null || SiteOf(inst, s.Subject, s.Id) == siteId).ToList();
        var forecasts = kept.GroupBy(s => (s.Subject, s.Id))
            .ToDictionary(g => g.Key, g => forecast(g.Select(s => s.Point).OrderBy(p => p.Day).ToList()));
        return kept.Select(s =>
        {
            var f = forecasts[(s.Subject, s.Id)];
            return new SampleRow(Iso(s.Point.Day), HistoryApi.KindName(s.Subject), s.Id, HistoryApi.NameOf(inst, s.Subject, s.Id) ?? "",
                SiteName(inst, SiteOf(inst, s.Subject, s.Id)), s.Point.AllocatedVoltAmps, s.Point.AvailableVoltAmps, s.Point.Percent,
                f.SlopeVoltAmpsPerDay, CrossingText(f.Warning), CrossingText(f.Full));
        }).ToList();
    }

    /// <summary>The upcoming crossings of the objects of <paramref name="siteId"/> (null: all sites) that still exist, in the store's order.</summary>
    public static List<CrossingRow> Crossings(Installation inst, IReadOnlyList<UpcomingCrossing> upcoming, int? siteId)
    {
        ArgumentNullException.ThrowIfNull(inst);
        ArgumentNullException.ThrowIfNull(upcoming);
        var rows = new List<CrossingRow>();
        foreach (var u in upcoming)
        {
            int? site = SiteOf(inst, u.Subject, u.Id);
            if (HistoryApi.NameOf(inst, u.Subject, u.Id) is { } name && (siteId is null || site == siteId))
            {
                rows.Add(new CrossingRow(HistoryApi.KindName(u.Subject), u.Id, name, SiteName(inst, site), Iso(u.Latest.Day), u.Latest.Percent,
                    u.Forecast.SlopeVoltAmpsPerDay, CrossingText(u.Forecast.Warning), CrossingText(u.Forecast.Full)));
            }
        }
        return rows;
    }

    private static string SiteName(Installation inst, int? siteId) => siteId is { } id && inst.SiteById.TryGetValue(id, out var s) ? s.Name : "";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

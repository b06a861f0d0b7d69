using Microsoft.AspNetCore.Http.HttpResults;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Data.History;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;
using PowerMap.Web.Features.Capacity;

namespace PowerMap.Web.Features.History;

/// <summary>
/// The load history over HTTP: <c>GET /api/power/history?kind=feed|rack|panel&amp;id=N</c> (samples + forecast),
/// <c>GET /api/power/history.csv|.xlsx[?kind=&amp;id=][&amp;site=]</c> (one object's samples, or every sample of a site or of all,
/// with each object's forecast), <c>GET /api/power/crossings.csv|.xlsx[?site=]</c> (the overview's crossings in the next
/// 90 days) and <c>POST /api/power/history/snapshot</c> (takes today's snapshot now; a write: an editor's write-enabled token).
/// File names carry the site (or <c>all-sites</c>) and the date, as the capacity exports (<see cref="CapacityExport.FileName"/>).
/// </summary>
public static class HistoryApi
{
    public sealed record SampleJson(DateOnly Day, long AllocatedVoltAmps, long AvailableVoltAmps, double? Percent);
    public sealed record CrossingJson(double Percent, string State, DateOnly? Day);
    public sealed record ForecastJson(int SampleCount, DateOnly? Origin, double? SlopeVoltAmpsPerDay, double? InterceptVoltAmps, long CapacityVoltAmps, int TrendDays, CrossingJson Warning, CrossingJson Full);
    public sealed record HistoryJson(string Kind, int Id, string Name, IReadOnlyList<SampleJson> Samples, ForecastJson Forecast);
    public sealed record SnapshotJson(DateOnly Day, int Count);

    /// <summary>The <c>kind=</c> values and what they name.</summary>
    public static readonly IReadOnlyDictionary<string, CapacitySubject> Kinds = new Dictionary<string, CapacitySubject>(StringComparer.OrdinalIgnoreCase)
    {
        ["feed"] = CapacitySubject.PowerFeed,
        ["rack"] = CapacitySubject.Rack,
        ["panel"] = CapacitySubject.PowerPanel,
    };

    public static string KindName(CapacitySubject subject) => subject switch
    {
        CapacitySubject.PowerFeed => "feed",
        CapacitySubject.Rack => "rack",
        _ => "panel",
    };

    /// <summary>The object's display name, or null when it does not exist (any more).</summary>
    public static string? NameOf(Installation inst, CapacitySubject subject, int id) => subject switch
    {
        CapacitySubject.PowerFeed => inst.FeedById.GetValueOrDefault(id)?.Name,
        CapacitySubject.Rack => inst.RackById.GetValueOrDefault(id)?.ToString(),
        _ => inst.PanelById.GetValueOrDefault(id)?.Name,
    };

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/power").WithTags("Power");
        group.MapGet("/history", async Task<Results<Ok<HistoryJson>, ProblemHttpResult>> (LoadHistoryStore store, TopologyService topology, string? kind, string? id, CancellationToken ct) =>
            {
                var inst = topology.Current.Installation;
                if (Resolve(inst, kind, id, required: true) is { } problem)
                {
                    return problem;
                }
                var subject = Kinds[kind!];
                int objectId = int.Parse(id!, System.Globalization.CultureInfo.InvariantCulture);
                var samples = await store.SamplesAsync(subject, objectId, ct: ct);
                var forecast = Forecast(store, samples, topology.Current.Report.Options.WarningPercent);
                return TypedResults.Ok(new HistoryJson(KindName(subject), objectId, NameOf(inst, subject, objectId)!,
                    samples.Select(s => new SampleJson(s.Day, s.AllocatedVoltAmps, s.AvailableVoltAmps, s.Percent)).ToList(),
                    new ForecastJson(forecast.SampleCount, forecast.Origin, forecast.SlopeVoltAmpsPerDay, forecast.InterceptVoltAmps, forecast.CapacityVoltAmps, store.TrendDays,
                        Crossing(forecast.Warning), Crossing(forecast.Full))));
            })
            .WithSummary("One feed's, rack's or panel's daily load samples and its forecast: the least-squares trend and the days it crosses the warning threshold and 100 %.");
        group.MapGet("/history.csv", (LoadHistoryStore store, TopologyService topology, string? kind, string? id, string? site, CancellationToken ct) =>
                FileAsync(store, topology, kind, id, site, "csv", rows => CapacityExport.Csv(rows), CapacityExport.CsvType + "; charset=utf-8", ct))
            .WithSummary("The load history as CSV with each object's forecast (trend VA/day, days crossing the warning threshold and 100 %): one object's samples (kind=feed|rack|panel&id=N) or every sample (optional ?site=slug).");
        group.MapGet("/history.xlsx", (LoadHistoryStore store, TopologyService topology, string? kind, string? id, string? site, CancellationToken ct) =>
                FileAsync(store, topology, kind, id, site, "xlsx", rows => CapacityExport.Xlsx("History", rows), CapacityExport.XlsxType, ct))
            .WithSummary("The load history as a workbook (sheet History), with each object's forecast: one object's samples (kind=feed|rack|panel&id=N) or every sample (optional ?site=slug).");
        group.MapGet("/crossings.csv", (LoadHistoryStore store, TopologyService topology, string? site) =>
                CrossingsFile(store, topology, site, "csv", rows => CapacityExport.Csv(rows), CapacityExport.CsvType + "; charset=utf-8"))
            .WithSummary("The overview's feeds, racks and panels whose trend crosses the warning threshold or 100 % in the next 90 days, as CSV (optional ?site=slug).");
        group.MapGet("/crossings.xlsx", (LoadHistoryStore store, TopologyService topology, string? site) =>
                CrossingsFile(store, topology, site, "xlsx", rows => CapacityExport.Xlsx("Crossings", rows), CapacityExport.XlsxType))
            .WithSummary("As /api/power/crossings.csv, as a workbook (sheet Crossings).");
        group.MapPost("/history/snapshot", async (LoadHistoryStore store, TopologyService topology, CancellationToken ct) =>
            {
                var day = LoadHistoryStore.Today();
                int count = await store.TakeNowAsync(topology.Current.Report, day, ct);
                return TypedResults.Ok(new SnapshotJson(day, count));
            })
            .WithSummary("Takes today's (UTC) load snapshot of every feed, rack and panel now, replacing today's if taken already.");
        return app;
    }

    /// <summary>One object's samples or every sample (of a site) as a file (400 naming <c>kind</c>/<c>id</c>/<c>site</c> when they are wrong).</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FileAsync(LoadHistoryStore store, TopologyService topology,
        string? kind, string? id, string? site, string extension, Func<List<SampleRow>, byte[]> write, string contentType, CancellationToken ct)
    {
        var snapshot = topology.Current;
        var inst = snapshot.Installation;
        if (Resolve(inst, kind, id, required: false) is { } problem)
        {
            return problem;
        }
        var s = SiteQuery.Resolve(inst, site, out bool unknown);
        if (unknown)
        {
            return ApiProblems.Invalid("site", $"No site with slug, name or id '{site}'.");
        }
        var rows = await RowsAsync(store, inst, kind, id, s?.Id, snapshot.Report.Options.WarningPercent, ct);
        string what = "history" + (string.IsNullOrEmpty(kind) ? "" : $"-{kind.ToLowerInvariant()}-{id}");
        return TypedResults.File(write(rows), contentType, CapacityExport.FileName(what, s, DateTime.UtcNow, extension));
    }

    /// <summary>The overview's upcoming crossings (of a site) as a file; 400 naming <c>site</c> when it is unknown.</summary>
    private static Results<FileContentHttpResult, ProblemHttpResult> CrossingsFile(LoadHistoryStore store, TopologyService topology, string? site,
        string extension, Func<List<CrossingRow>, byte[]> write, string contentType)
    {
        var inst = topology.Current.Installation;
        var s = SiteQuery.Resolve(inst, site, out bool unknown);
        if (unknown)
        {
            return ApiProblems.Invalid("site", $"No site with slug, name or id '{site}'.");
        }
        var rows = HistoryRows.Crossings(inst, store.Upcoming, s?.Id);
        return TypedResults.File(write(rows), contentType, CapacityExport.FileName("crossings", s, DateTime.UtcNow, extension));
    }

    /// <summary>The forecast over the samples of the last <see cref="LoadHistoryStore.TrendDays"/> days before the latest.</summary>
    public static LoadForecast Forecast(LoadHistoryStore store, IReadOnlyList<LoadPoint> samples, double warningPercent)
    {
        var from = samples.Count == 0 ? default : samples[^1].Day.AddDays(-store.TrendDays);
        return LoadForecast.Compute(samples.Where(s => s.Day >= from), warningPercent);
    }

    private static CrossingJson Crossing(ThresholdCrossing c) => new(c.Percent, c.State switch
    {
        CrossingState.AlreadyOver => "already_over",
        CrossingState.Crosses => "crosses",
        _ => "none",
    }, c.Day);

    /// <summary>400 naming <c>kind</c> or <c>id</c> when they are missing (if required), unknown or not an object of the installation.</summary>
    private static ProblemHttpResult? Resolve(Installation inst, string? kind, string? id, bool required)
    {
        if (!required && string.IsNullOrEmpty(kind) && string.IsNullOrEmpty(id))
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(kind) || !Kinds.TryGetValue(kind, out var subject))
        {
            return ApiProblems.Invalid("kind", $"kind must be one of {string.Join(", ", Kinds.Keys)}; got '{kind}'.");
        }
        if (!int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int objectId) || objectId <= 0)
        {
            return ApiProblems.Invalid("id", $"id must be a positive whole number (the {kind}'s id); got '{id}'.");
        }
        return NameOf(inst, subject, objectId) is null ? ApiProblems.Invalid("id", $"No {kind} with id {objectId}.") : null;
    }

    private static async Task<List<SampleRow>> RowsAsync(LoadHistoryStore store, Installation inst, string? kind, string? id, int? siteId,
        double warningPercent, CancellationToken ct)
    {
        List<(CapacitySubject, int, LoadPoint)> samples;
        if (!string.IsNullOrEmpty(kind))
        {
            var subject = Kinds[kind];
            int objectId = int.Parse(id!, System.Globalization.CultureInfo.InvariantCulture);
            samples = (await store.SamplesAsync(subject, objectId, ct: ct)).Select(p => (subject, objectId, p)).ToList();
        }
        else
        {
            samples = (await store.AllAsync(ct)).Select(s => (s.Subject, s.ObjectId, new LoadPoint(s.Day, s.AllocatedVoltAmps, s.AvailableVoltAmps))).ToList();
        }
        return HistoryRows.Samples(inst, samples, siteId, points => Forecast(store, points, warningPercent));
    }
}

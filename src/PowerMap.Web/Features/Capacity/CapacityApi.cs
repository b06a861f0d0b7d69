using Microsoft.AspNetCore.Http.HttpResults;
using PowerMap.Core.Data;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Capacity;

/// <summary>The capacity report as files: <c>GET /api/power/report.xlsx</c> and <c>GET /api/power/report.csv?kind=</c>.</summary>
public static class CapacityApi
{
    public static IEndpointRouteBuilder MapCapacityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/power").WithTags("Power");
        group.MapGet("/report.xlsx", Results<FileContentHttpResult, ProblemHttpResult> (TopologyService topology, string? kind, string? site, string? planned) =>
            {
                if (kind is not null && !CapacityExport.Kinds.Contains(kind))
                {
                    return ApiProblems.Invalid("kind", $"kind must be one of {string.Join(", ", CapacityExport.Kinds)}, or left out for every sheet; got '{kind}'.");
                }
                bool withPlanned = PlannedQuery.WithPlanned(planned, out bool unknownPlanned);
                if (unknownPlanned)
                {
                    return ApiProblems.Invalid("planned", $"planned must be {PlannedQuery.Include} (with planned devices and cables, NetBox's numbers; the default) or {PlannedQuery.Exclude} (without them); got '{planned}'.");
                }
                var snapshot = PlannedQuery.View(topology.Current, withPlanned);
                var s = SiteQuery.Resolve(snapshot.Installation, site, out bool unknown);
                if (unknown)
                {
                    return ApiProblems.Invalid("site", $"No site with slug, name or id '{site}'.");
                }
                return TypedResults.File(CapacityExport.Xlsx(snapshot, s?.Id, kind), CapacityExport.XlsxType,
                    CapacityExport.FileName((kind ?? "report") + (withPlanned ? "" : "-now"), s, DateTime.UtcNow, "xlsx"));
            })
            .WithSummary("The capacity report as a workbook: sheets Feeds, Panels, Racks, Devices, At risk, Resilience, or one with ?kind= (optional ?site=slug; ?planned=exclude: without planned devices and cables).");
        group.MapGet("/report.csv", Results<FileContentHttpResult, ProblemHttpResult> (TopologyService topology, string? kind, string? site, string? planned) =>
            {
                if (string.IsNullOrWhiteSpace(kind) || !CapacityExport.Kinds.Contains(kind))
                {
                    return ApiProblems.Invalid("kind", $"kind must be one of {string.Join(", ", CapacityExport.Kinds)}; got '{kind}'.");
                }
                bool withPlanned = PlannedQuery.WithPlanned(planned, out bool unknownPlanned);
                if (unknownPlanned)
                {
                    return ApiProblems.Invalid("planned", $"planned must be {PlannedQuery.Include} (with planned devices and cables, NetBox's numbers; the default) or {PlannedQuery.Exclude} (without them); got '{planned}'.");
                }
                var snapshot = PlannedQuery.View(topology.Current, withPlanned);
                var s = SiteQuery.Resolve(snapshot.Installation, site, out bool unknown);
                if (unknown)
                {
                    return ApiProblems.Invalid("site", $"No site with slug, name or id '{site}'.");
                }
                return TypedResults.File(CapacityExport.Csv(snapshot, kind, s?.Id), CapacityExport.CsvType + "; charset=utf-8",
                    CapacityExport.FileName(kind + (withPlanned ? "" : "-now"), s, DateTime.UtcNow, "csv"));
            })
            .WithSummary("One capacity list as CSV: kind=feeds|panels|racks|devices|at-risk|resilience (optional ?site=slug; ?planned=exclude: without planned devices and cables).");
        return app;
    }
}

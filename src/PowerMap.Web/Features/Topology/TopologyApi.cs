using Microsoft.AspNetCore.Http.HttpResults;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Features.Topology;

public static class TopologyApi
{
    /// <summary>Import documents larger than this are refused (413) before parsing.</summary>
    public const long MaxDocumentBytes = 256L * 1024 * 1024;

    public sealed record ImportResult(string Mode, int Created, int Objects);

    public static IEndpointRouteBuilder MapTopologyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/topology").WithTags("Topology");

        group.MapGet("/export", (TopologyService topology) =>
                Results.Text(TopologyExporter.ExportJson(topology.Current.Installation), "application/json"))
            .WithSummary("The whole installation as a topology document (names, no ids).");

        group.MapPost("/import", ImportAsync)
            .WithSummary("Import a topology document: mode=merge adds to what exists, mode=replace replaces everything. All or nothing.")
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(HttpRequest request, DcimStore store, TopologyService topology, string? mode, CancellationToken ct)
    {
        ImportMode importMode;
        switch (mode?.ToLowerInvariant())
        {
            case null or "" or "merge":
                importMode = ImportMode.Merge;
                break;
            case "replace":
                importMode = ImportMode.Replace;
                break;
            default:
                return ApiProblems.Invalid("mode", Messages.InvalidChoice(mode));
        }
        string json;
        using (var reader = new StreamReader(request.Body))
        {
            json = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            return ApiProblems.Invalid(ValidationErrors.NonField, "The request body is empty: send a topology document.");
        }
        var plan = await store.ImportAsync(json, importMode, ct);
        if (!plan.IsValid)
        {
            return ApiProblems.Invalid(plan.Errors);
        }
        return TypedResults.Ok(new ImportResult(importMode.ToString().ToLowerInvariant(), plan.Added.Count, topology.Current.Installation.ObjectCount));
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using PowerMap.Core.Data;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using PowerMap.Core.Dcim;
using PowerMap.Web.Features.ImportExport;

namespace PowerMap.Web.Features.Topology;

public static class TopologyApi
{
    public sealed record ImportResult(string Mode, int Created, int Objects);

    public static IEndpointRouteBuilder MapTopologyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/topology").WithTags("Topology");

        group.MapGet("/export", (TopologyService topology) =>
                Results.Text(TopologyExporter.ExportJson(topology.Current.Installation), "application/json"))
            .WithSummary("The whole installation as a topology document (names, no ids).");

        group.MapPost("/import", ImportAsync)
            .WithSummary("Import a topology document: mode=merge adds to what exists, mode=replace replaces everything. All or nothing.")
            .WithDescription("The body is read as a stream up to PowerMap:MaxImportBytes (default 512 MB); a larger one is refused with 413.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(HttpContext http, DcimStore store, TopologyService topology,
        ImportOptions options, string? mode, CancellationToken ct)
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
        long limit = options.MaxImportBytes;
        if (http.Request.ContentLength > limit)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
                detail: $"The document is larger than the import limit of {options.MaxImportText} (PowerMap:MaxImportBytes).");
        }
        // Kestrel's own cap (30 MB) is for ordinary requests; this endpoint enforces the import limit itself.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        var body = new LimitedBodyStream(http.Request.Body, limit);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, TopologyImporter.JsonOptions, ct);
        }
        catch (JsonException ex)
        {
            return body.SawContent
                ? ApiProblems.Invalid(ValidationErrors.NonField, "JSON parse error - " + ex.Message)
                : ApiProblems.Invalid(ValidationErrors.NonField, "The request body is empty: send a topology document.");
        }
        using var _ = document;
        var plan = await store.ImportAsync(document, importMode, ct);
        if (!plan.IsValid)
        {
            return ApiProblems.Invalid(plan.Errors);
        }
        return TypedResults.Ok(new ImportResult(importMode.ToString().ToLowerInvariant(), plan.Added.Count, topology.Current.Installation.ObjectCount));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Features.Dcim;

namespace PowerMap.Web.Features.Power;

/// <summary>
/// Traces over HTTP. NetBox's own <c>/api/dcim/{power-ports,power-outlets,power-feeds}/{id}/trace/</c> gives NetBox's cable
/// path as segments <c>[[near terminations], cable | null, [far terminations]]</c> (a power path is one cable hop in NetBox:
/// a port's path ends on the outlet or feed it is plugged into), for scripts written against NetBox (pynetbox's
/// <c>Record.trace()</c>). PowerMap's <c>/api/power/trace</c> gives the whole chain up to the panels and the tree below.
/// </summary>
public static class TraceApi
{
    /// <summary>A termination as NetBox nests it in a trace (its brief fields): <c>device</c> for ports and outlets.</summary>
    public sealed record TraceTerminationJson(int Id, string Url, string Display,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NestedJson? Device,
        string Name, string Description, NestedJson? Cable, [property: JsonPropertyName("_occupied")] bool Occupied);

    /// <summary>NetBox's <c>TracedCableSerializer</c> fields, with <c>display</c> and <c>name</c> (the label) as every traced object has.</summary>
    public sealed record TracedCableJson(int Id, string Url, string Display, string Name, string Type, string Status, string Label, string Color,
        double? Length, string? LengthUnit, string Description);

    public sealed record HopJson(string ObjectType, int Id, string Site,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PowerPanel,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Device,
        string Name,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Side,
        long Allocated, long? Available, long? Headroom, double? Percent, string? Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FeedLeg,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? LegAllocated);
    public sealed record ChainJson(AnalysisApi.ElementJson? PowerPort, AnalysisApi.ElementJson? PowerFeed, bool ReachesPanel, bool Looped, IReadOnlyList<HopJson> Hops);
    public sealed record StepJson(AnalysisApi.ElementJson From, AnalysisApi.ElementJson To, AnalysisApi.ElementJson? PowerPort, int Depth, long Allocated);
    public sealed record PowerTraceJson(AnalysisApi.ElementJson Start, IReadOnlyList<ChainJson> Upstream, IReadOnlyList<StepJson> Downstream);

    public static IEndpointRouteBuilder MapTraceApi(this IEndpointRouteBuilder app)
    {
        foreach (var (resource, kind) in new (DcimResource, TerminationKind)[]
                 {
                     (DcimResources.PowerPorts, TerminationKind.PowerPort),
                     (DcimResources.PowerOutlets, TerminationKind.PowerOutlet),
                     (DcimResources.PowerFeeds, TerminationKind.PowerFeed),
                 })
        {
            app.MapGet($"/api/dcim/{resource.Path}/{{id:int}}/trace/", (int id, HttpContext http, TopologyService topology) => NetBoxTrace(http, topology.Current, resource, kind, id))
                .WithTags("dcim: " + resource.Plural)
                .WithName($"dcim_{resource.Path.Replace('-', '_')}_trace")
                .WithSummary("NetBox's cable trace: segments [[near terminations], cable | null, [far terminations]]")
                .Produces<IReadOnlyList<JsonArray>>()
                .ProducesProblem(StatusCodes.Status404NotFound);
        }
        app.MapGet("/api/power/trace", (HttpRequest request, TopologyService topology) => PowerTrace(request, topology.Current))
            .WithTags("Power analyses")
            .WithName("power_trace")
            .WithSummary("The full chain of an element: each power port up to its feed (with its side) and panel, with load and headroom; and the tree below.")
            .WithDescription("Query: `object_type` (dcim.powerpanel, dcim.powerfeed, dcim.device, dcim.powerport, dcim.poweroutlet) and the element's " +
                "attributes, e.g. `?object_type=dcim.device&site=DC1&name=Server`, `?object_type=dcim.powerfeed&power_panel=Panel%201&name=Feed%201`, `?object_type=dcim.powerport&id=7`.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static Results<Ok<List<object?[]>>, ProblemHttpResult> NetBoxTrace(HttpContext http, TopologySnapshot snapshot, DcimResource resource, TerminationKind kind, int id)
    {
        var inst = snapshot.Installation;
        if (resource.Find(inst, id) is null)
        {
            return ApiProblems.NotFound("No " + resource.Singular + " matches the given query.");
        }
        var view = new DcimView(snapshot, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/dcim");
        var segments = new List<object?[]>();
        if (inst.CableOf.TryGetValue((kind, id), out var link))
        {
            var far = link.Cable.Terminations.Where(t => t.End != link.End).OrderBy(t => t.Position)
                .Select(t => Termination(view, t.Kind, t.ObjectId)).OfType<TraceTerminationJson>().ToList();
            segments.Add([new List<TraceTerminationJson> { Termination(view, kind, id)! }, Cable(view, link.Cable), far]);
        }
        return TypedResults.Ok(segments);
    }

    private static TraceTerminationJson? Termination(DcimView view, TerminationKind kind, int id)
    {
        var resource = DcimResources.ForTermination(kind);
        if (resource.Find(view.Inst, id) is not { } e)
        {
            return null;
        }
        var (device, description, markConnected) = e switch
        {
            PowerPort p => (view.Nested(DcimResources.Devices, p.DeviceId), p.Description, p.MarkConnected),
            PowerOutlet o => (view.Nested(DcimResources.Devices, o.DeviceId), o.Description, o.MarkConnected),
            PowerFeed f => ((NestedJson?)null, f.Description, f.MarkConnected),
            _ => ((NestedJson?)null, "", false),
        };
        var cable = view.CableOf(kind, id);
        return new TraceTerminationJson(e.Id, view.Url(resource, e.Id), DcimResource.Display(e), device, DcimResource.NameOf(e), description, cable,
            cable is not null || markConnected);
    }

    private static TracedCableJson Cable(DcimView view, Cable cable) =>
        new(cable.Id, view.Url(DcimResources.Cables, cable.Id), DcimResource.Display(cable), cable.Label, "power", cable.Status, cable.Label, "",
            cable.Length, cable.LengthUnit, "");

    private static readonly Dictionary<string, (DcimResource Resource, FailureElementKind Kind)> TraceTypes = new(StringComparer.Ordinal)
    {
        ["dcim.powerpanel"] = (DcimResources.PowerPanels, FailureElementKind.PowerPanel),
        ["dcim.powerfeed"] = (DcimResources.PowerFeeds, FailureElementKind.PowerFeed),
        ["dcim.device"] = (DcimResources.Devices, FailureElementKind.Device),
        ["dcim.powerport"] = (DcimResources.PowerPorts, FailureElementKind.PowerPort),
        ["dcim.poweroutlet"] = (DcimResources.PowerOutlets, FailureElementKind.PowerOutlet),
    };

    private static Results<Ok<PowerTraceJson>, ProblemHttpResult> PowerTrace(HttpRequest request, TopologySnapshot snapshot)
    {
        var inst = snapshot.Installation;
        var objectType = request.Query["object_type"].ToString();
        if (!TraceTypes.TryGetValue(objectType, out var type))
        {
            return ApiProblems.Invalid("object_type", "object_type is required: one of " + string.Join(", ", TraceTypes.Keys) + ".");
        }
        var attributes = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            if (key != "object_type")
            {
                attributes[key] = value.ToString();
            }
        }
        if (attributes.Count == 0)
        {
            return ApiProblems.Invalid("object_id", "Give the element's id (?id=) or its attributes (?name=&site=…).");
        }
        using var document = JsonDocument.Parse(attributes.ToJsonString());
        var (entity, error) = type.Resource.Resolve(inst, document.RootElement);
        if (entity is null)
        {
            return ApiProblems.Invalid("object_id", error ?? "Not found.");
        }
        var report = snapshot.Report;
        var start = AnalysisApi.Element(inst, new FailureElement(type.Kind, entity.Id));
        PathTraceResult? trace;
        IReadOnlyList<TraceChain> upstream;
        switch (entity)
        {
            case PowerPort port:
                trace = PathTrace.Trace(inst, report, TraceEntityKind.Device, port.DeviceId);
                upstream = [PathTrace.Upstream(inst, report, port)];
                break;
            case PowerOutlet outlet:
                trace = PathTrace.Trace(inst, report, TraceEntityKind.Device, outlet.DeviceId);
                upstream = outlet.PowerPortId is { } inletId && inst.PortById.TryGetValue(inletId, out var inlet) ? [PathTrace.Upstream(inst, report, inlet)] : [];
                break;
            default:
                var kind = entity switch { PowerPanel => TraceEntityKind.Panel, PowerFeed => TraceEntityKind.Feed, _ => TraceEntityKind.Device };
                trace = PathTrace.Trace(inst, report, kind, entity.Id);
                upstream = trace?.Upstream ?? [];
                break;
        }
        var chains = upstream.Select(c => new ChainJson(
            inst.PortById.ContainsKey(c.PortId) ? AnalysisApi.Element(inst, new(FailureElementKind.PowerPort, c.PortId)) : null,
            c.FeedId is { } f ? AnalysisApi.Element(inst, new(FailureElementKind.PowerFeed, f)) : null,
            c.ReachesPanel, c.Looped, c.Hops.Select(h => Hop(inst, h)).ToList())).ToList();
        var steps = (trace?.Downstream ?? []).Select(s => new StepJson(Entity(inst, s.From), Entity(inst, s.To),
            s.PortId is { } p ? AnalysisApi.Element(inst, new(FailureElementKind.PowerPort, p)) : null, s.Depth, s.AllocatedWatts)).ToList();
        return TypedResults.Ok(new PowerTraceJson(start, chains, steps));
    }

    private static AnalysisApi.ElementJson Entity(Installation inst, TraceEntity e) => AnalysisApi.Element(inst, new FailureElement(e.Kind switch
    {
        TraceEntityKind.Panel => FailureElementKind.PowerPanel,
        TraceEntityKind.Feed => FailureElementKind.PowerFeed,
        _ => FailureElementKind.Device,
    }, e.Id));

    private static HopJson Hop(Installation inst, TraceHop h)
    {
        var element = AnalysisApi.Element(inst, new FailureElement(h.Kind switch
        {
            TraceHopKind.PowerPort => FailureElementKind.PowerPort,
            TraceHopKind.PowerOutlet => FailureElementKind.PowerOutlet,
            TraceHopKind.PowerFeed => FailureElementKind.PowerFeed,
            _ => FailureElementKind.PowerPanel,
        }, h.Id));
        var side = h.Kind == TraceHopKind.PowerFeed ? FeedSide.Of(inst.FeedById[h.Id]) : null;
        return new HopJson(element.ObjectType, element.Id, element.Site, element.PowerPanel, element.Device, element.Name, side,
            h.AllocatedWatts, h.AvailableVoltAmps, h.HeadroomVoltAmps, h.Percent, h.Status is { } s ? Utilization.StatusName(s) : null, h.FeedLeg, h.LegAllocatedWatts);
    }
}

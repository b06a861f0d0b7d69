using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.OpenApi;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Web.Features.Power;
using Scalar.AspNetCore;

namespace PowerMap.Web.Features.Dcim;

/// <summary>
/// NetBox's REST API for the power objects (api.md §2, §3): the same five endpoints for every resource of
/// <see cref="DcimResources"/>, reading from the published snapshot and writing through <see cref="DcimStore"/>.
/// Concurrency: every object carries its <c>version</c> and a one-object answer the header <c>ETag: W/"{version}"</c>;
/// a write with an <c>If-Match</c> that is not the stored version is refused with 412 (checked under the store's
/// write lock); a write without one applies.
/// </summary>
public static class DcimApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>Query parameters NetBox clients send that do not filter (they are accepted and ignored).</summary>
    private static readonly HashSet<string> IgnoredParameters = new(StringComparer.Ordinal) { "limit", "offset", "brief", "format", "exclude", "fields", "omit", "ordering" };

    /// <summary>Maps every DCIM resource, the device power panel, the API reference page (/api-docs) and a 404 problem for unknown /api paths.</summary>
    public static IEndpointRouteBuilder MapDcimApi(this IEndpointRouteBuilder app)
    {
        var dcim = app.MapGroup("/api/dcim").DisableAntiforgery();
        Map(dcim, DcimResources.Sites);
        Map(dcim, DcimResources.Locations);
        Map(dcim, DcimResources.Racks);
        Map(dcim, DcimResources.PowerPanels);
        Map(dcim, DcimResources.PowerFeeds);
        Map(dcim, DcimResources.Manufacturers);
        Map(dcim, DcimResources.DeviceRoles);
        Map(dcim, DcimResources.DeviceTypes);
        Map(dcim, DcimResources.PowerPortTemplates);
        Map(dcim, DcimResources.PowerOutletTemplates);
        Map(dcim, DcimResources.Devices);
        Map(dcim, DcimResources.PowerPorts);
        Map(dcim, DcimResources.PowerOutlets);
        Map(dcim, DcimResources.Interfaces);
        Map(dcim, DcimResources.Cables);

        dcim.MapGet("/", (HttpRequest request) => TypedResults.Ok(DcimResources.All.ToDictionary(
                r => r.Path, r => $"{request.Scheme}://{request.Host}{request.PathBase}/api/dcim/{r.Path}/")))
            .WithTags("dcim")
            .WithName("dcim_root")
            .WithSummary("The DCIM resources and their URLs (NetBox's API root).");
        dcim.MapGet("/devices/{id:int}/power-utilization/", DevicePowerUtilization)
            .WithTags(Tag(DcimResources.Devices))
            .WithName("dcim_devices_power_utilization")
            .WithSummary("The device power panel: one row per power port with its legs, or null for a device without ports and outlets.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Served with its bundled script; no fonts, telemetry or agent from the internet (datacenter networks are often closed).
        app.MapScalarApiReference("/api-docs", o => o
            .WithTitle("PowerMap API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());

        // Without this, an unknown /api path would fall through to the Blazor "not found" page.
        app.MapFallback("/api/{**path}", (HttpRequest request) => ApiProblems.NotFound($"There is no API endpoint {request.Method} {request.Path}."))
            .ExcludeFromDescription();
        return app;
    }

    private static void Map<T, TJson>(RouteGroupBuilder dcim, DcimResource<T, TJson> r) where T : Entity, new()
    {
        var group = dcim.MapGroup("/" + r.Path).WithTags(Tag(r));
        string op = "dcim_" + r.Path.Replace('-', '_');
        string filters = string.Join(", ", r.Attributes.Keys.Select(k => "?" + k + "="));

        group.MapGet("/", (HttpContext http, TopologyService topology) => List(http, topology, r))
            .WithName(op + "_list")
            .WithSummary($"List {r.Plural}")
            .WithDescription($"`?limit=` (default {DefaultPageSize}, at most {MaxPageSize}) and `?offset=`. Filters (exact, names not ids; repeat a key for OR; `_id` suffix for ids on relations): {filters}")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/", (HttpContext http, DcimStore store, TopologyService topology, CancellationToken ct) => CreateAsync(http, store, topology, r, ct))
            .WithName(op + "_create")
            .WithSummary($"Create {A(r)}, or a list of {r.Plural} (all or nothing; 201 with the list)")
            .AddOpenApiOperationTransformer(RequestBody(r, "every required field"))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPatch("/", (HttpContext http, DcimStore store, TopologyService topology, CancellationToken ct) =>
                BulkUpdateAsync(partial: true, http, store, topology, r, ct))
            .WithName(op + "_bulk_partial_update")
            .WithSummary($"Change some fields of several {r.Plural}: a list of objects with their id (all or nothing)")
            .AddOpenApiOperationTransformer(RequestBody(r, "a list of objects, each with its id and the fields to change"))
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPut("/", (HttpContext http, DcimStore store, TopologyService topology, CancellationToken ct) =>
                BulkUpdateAsync(partial: false, http, store, topology, r, ct))
            .WithName(op + "_bulk_update")
            .WithSummary($"Update several {r.Plural}: a list of objects with their id (all or nothing)")
            .AddOpenApiOperationTransformer(RequestBody(r, "a list of objects, each with its id and every required field"))
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("/", (HttpContext http, DcimStore store, CancellationToken ct) => BulkDeleteAsync(http, store, r, ct))
            .WithName(op + "_bulk_destroy")
            .WithSummary($"Delete several {r.Plural}: a list of {{\"id\": n}} (all or nothing; 409 if one is still referenced)")
            .AddOpenApiOperationTransformer(RequestBody(r, "a list of {\"id\": n}"))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:int}/", (int id, HttpContext http, TopologyService topology) => Get(id, http, topology, r))
            .WithName(op + "_read")
            .WithSummary($"Get {A(r)}")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:int}/", (int id, HttpContext http, DcimStore store, TopologyService topology, CancellationToken ct) =>
                UpdateAsync(id, partial: true, http, store, topology, r, ct))
            .WithName(op + "_partial_update")
            .WithSummary($"Change some fields of {A(r)} (only the fields given change; If-Match: W/\"version\" to refuse a stale write)")
            .AddOpenApiOperationTransformer(RequestBody(r, "only the fields to change"))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPut("/{id:int}/", (int id, HttpContext http, DcimStore store, TopologyService topology, CancellationToken ct) =>
                UpdateAsync(id, partial: false, http, store, topology, r, ct))
            .WithName(op + "_update")
            .WithSummary($"Update {A(r)} (required fields must be given; optional fields not given keep their values)")
            .AddOpenApiOperationTransformer(RequestBody(r, "every required field"))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id:int}/", (int id, HttpContext http, DcimStore store, TopologyService topology, CancellationToken ct) =>
                DeleteAsync(id, http, store, topology, r, ct))
            .WithName(op + "_delete")
            .WithSummary($"Delete {A(r)} (with NetBox's effects; 409 while other objects still reference it)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    /// <summary>NetBox's <c>?brief=true</c> (also <c>1</c>, <c>True</c>): objects as their nested form.</summary>
    private static bool Brief(HttpRequest request) => request.Query["brief"].ToString() is "true" or "True" or "1";

    private static Results<Ok<PageJson<TJson>>, Ok<PageJson<BriefJson>>, ProblemHttpResult> List<T, TJson>(HttpContext http, TopologyService topology, DcimResource<T, TJson> r)
        where T : Entity, new()
    {
        var view = View(http, topology);
        var query = http.Request.Query;
        var errors = new ValidationErrors();
        var filters = new List<(DcimAttribute Attribute, List<JsonElement> Values)>();
        foreach (var (key, values) in query)
        {
            if (IgnoredParameters.Contains(key))
            {
                continue;
            }
            if (r.Attributes.TryGetValue(key, out var attribute))
            {
                filters.Add((attribute, values.Select(v => JsonSerializer.SerializeToElement(v ?? "")).ToList()));
            }
            else if (key.EndsWith("_id", StringComparison.Ordinal) && r.Attributes.TryGetValue(key[..^3], out var relation) && relation.Target is not null)
            {
                var ids = new List<JsonElement>();
                foreach (var v in values)
                {
                    if (DcimResource.AsId(JsonSerializer.SerializeToElement(v ?? "")) is { } id)
                    {
                        ids.Add(JsonSerializer.SerializeToElement(id));
                    }
                    else
                    {
                        errors.Add(key, $"Select a valid choice. {v} is not one of the available choices.");
                    }
                }
                filters.Add((relation, ids));
            }
            else
            {
                errors.Add(key, $"Unknown filter. Filters of {r.Plural}: {string.Join(", ", r.Attributes.Keys)}.");
            }
        }
        if (!errors.IsValid)
        {
            return ApiProblems.Invalid(errors);
        }

        var inst = view.Inst;
        var matching = r.List(inst).Where(x => filters.All(f => f.Values.Any(v => f.Attribute.Matches(inst, x, v)))).ToList();
        int limit = PageSize(query["limit"]);
        int offset = int.TryParse(query["offset"], out var o) && o > 0 ? o : 0;
        string? next = offset + limit < matching.Count ? PageUrl(http.Request, limit, offset + limit) : null;
        string? previous = offset > 0 ? PageUrl(http.Request, limit, Math.Max(0, offset - limit)) : null;
        if (Brief(http.Request))
        {
            return TypedResults.Ok(new PageJson<BriefJson>(matching.Count, next, previous, matching.Skip(offset).Take(limit).Select(x => view.Brief(r, x)).ToList()));
        }
        var page = matching.Skip(offset).Take(limit).Select(x => r.ToJson(view, x)).ToList();
        return TypedResults.Ok(new PageJson<TJson>(matching.Count, next, previous, page));
    }

    private static Results<Ok<TJson>, Ok<BriefJson>, ProblemHttpResult> Get<T, TJson>(int id, HttpContext http, TopologyService topology, DcimResource<T, TJson> r)
        where T : Entity, new()
    {
        var view = View(http, topology);
        if (r.Find(view.Inst, id) is not T x)
        {
            return NotFound(r, id);
        }
        SetETag(http, x);
        if (Brief(http.Request))
        {
            return TypedResults.Ok(view.Brief(r, x));
        }
        return TypedResults.Ok(r.ToJson(view, x));
    }

    private static async Task<Results<Created<TJson>, Created<List<TJson>>, ProblemHttpResult>> CreateAsync<T, TJson>(HttpContext http, DcimStore store,
        TopologyService topology, DcimResource<T, TJson> r, CancellationToken ct) where T : Entity, new()
    {
        var (document, problem) = await DcimRequest.ReadAsync(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                return await BulkCreateAsync(root, http, store, topology, r, ct);
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ApiProblems.Invalid(ValidationErrors.NonField, $"Invalid data. Expected a dictionary, but got {JsonFields.KindName(root)}.");
            }
            var entity = new T();
            var body = new DcimBody(root, topology.Current.Installation, partial: false);
            r.Read(body, entity);
            body.Finish(DcimResource<T, TJson>.ResponseFields);
            if (!body.Errors.IsValid)
            {
                return ApiProblems.Invalid(body.Errors);
            }
            var result = await r.Create(store, entity, ct);
            if (!result.IsOk)
            {
                return Refused(http, r, result, 0);
            }
            var view = View(http, topology);
            SetETag(http, result.Current!);
            return TypedResults.Created(view.Url(r, result.Current!.Id), r.ToJson(view, result.Current!));
        }
    }

    /// <summary>NetBox's POST of a list: every item read and validated, then all created in one transaction, or none (400 with one error object per item).</summary>
    private static async Task<Results<Created<TJson>, Created<List<TJson>>, ProblemHttpResult>> BulkCreateAsync<T, TJson>(JsonElement root, HttpContext http,
        DcimStore store, TopologyService topology, DcimResource<T, TJson> r, CancellationToken ct) where T : Entity, new()
    {
        var inst = topology.Current.Installation;
        var entities = new List<T>();
        var errors = new List<ValidationErrors>();
        foreach (var item in root.EnumerateArray())
        {
            var entity = new T();
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationErrors().Add(ValidationErrors.NonField, $"Invalid data. Expected a dictionary, but got {JsonFields.KindName(item)}."));
            }
            else
            {
                var body = new DcimBody(item, inst, partial: false);
                r.Read(body, entity);
                body.Finish(DcimResource<T, TJson>.ResponseFields);
                errors.Add(body.Errors);
            }
            entities.Add(entity);
        }
        if (errors.Any(e => !e.IsValid))
        {
            return ApiProblems.InvalidItems(errors);
        }
        var result = await store.CreateManyAsync(entities, ct);
        if (!result.IsOk)
        {
            return BulkRefused(http, r, result);
        }
        var view = View(http, topology);
        return TypedResults.Created((string?)null, result.Items.Select(x => r.ToJson(view, x)).ToList());
    }

    /// <summary>
    /// NetBox's PATCH/PUT of a list on the list URL: each item names its object by <c>id</c>; every edit is applied under the
    /// write lock in one transaction, or none (400 with one error object per item). Ids that name no object are skipped, as NetBox does.
    /// </summary>
    private static async Task<Results<Ok<List<TJson>>, ProblemHttpResult>> BulkUpdateAsync<T, TJson>(bool partial, HttpContext http, DcimStore store,
        TopologyService topology, DcimResource<T, TJson> r, CancellationToken ct) where T : Entity, new()
    {
        var (document, problem) = await DcimRequest.ReadAsync(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var (items, ids, listProblem) = BulkItems(document!.RootElement);
            if (listProblem is not null)
            {
                return listProblem;
            }
            var edits = items.Select((item, i) => new BulkEdit<T>(ids[i], (inst, entity) =>
            {
                var body = new DcimBody(item, inst, partial);
                r.Read(body, entity);
                body.Finish(DcimResource<T, TJson>.ResponseFields);
                return body.Errors;
            })).ToList();
            var result = await store.UpdateManyAsync(edits, ct);
            if (!result.IsOk)
            {
                return BulkRefused(http, r, result);
            }
            var view = View(http, topology);
            return TypedResults.Ok(result.Items.Select(x => r.ToJson(view, x)).ToList());
        }
    }

    /// <summary>NetBox's DELETE of a list of <c>{"id": n}</c>: all deleted with their effects in one transaction, or none.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> BulkDeleteAsync<T, TJson>(HttpContext http, DcimStore store, DcimResource<T, TJson> r,
        CancellationToken ct) where T : Entity, new()
    {
        var (document, problem) = await DcimRequest.ReadAsync(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var (_, ids, listProblem) = BulkItems(document!.RootElement);
            if (listProblem is not null)
            {
                return listProblem;
            }
            var result = await store.DeleteManyAsync<T>(ids, ct);
            return result.IsOk ? TypedResults.NoContent() : BulkRefused(http, r, result);
        }
    }

    /// <summary>The items of a bulk body and their ids (DRF's <c>BulkOperationSerializer</c>: a list of objects, each with an integer <c>id</c>).</summary>
    private static (List<JsonElement> Items, List<int> Ids, ProblemHttpResult? Problem) BulkItems(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            return ([], [], ApiProblems.Invalid(ValidationErrors.NonField, $"Expected a list of items but got type \"{JsonFields.KindName(root)}\"."));
        }
        var items = root.EnumerateArray().ToList();
        var ids = new List<int>(items.Count);
        var errors = new List<ValidationErrors>(items.Count);
        foreach (var item in items)
        {
            var e = new ValidationErrors();
            if (item.ValueKind != JsonValueKind.Object)
            {
                e.Add(ValidationErrors.NonField, $"Invalid data. Expected a dictionary, but got {JsonFields.KindName(item)}.");
            }
            else if (!item.TryGetProperty("id", out var idElement) || idElement.ValueKind == JsonValueKind.Null)
            {
                e.Add("id", idElement.ValueKind == JsonValueKind.Null && item.TryGetProperty("id", out _) ? "This field may not be null." : Messages.Required);
            }
            else if (DcimResource.AsId(idElement) is { } id)
            {
                ids.Add(id);
            }
            else
            {
                e.Add("id", "A valid integer is required.");
            }
            errors.Add(e);
        }
        return errors.Any(e => !e.IsValid) ? (items, ids, ApiProblems.InvalidItems(errors)) : (items, ids, null);
    }

    private static ProblemHttpResult BulkRefused<T>(HttpContext http, DcimResource r, BulkResult<T> result) where T : Entity => result.Status switch
    {
        WriteStatus.Blocked => ApiProblems.Conflict(result.Message ?? $"A {r.Singular} is still referenced."),
        WriteStatus.Unavailable => ApiProblems.Unavailable(http, result.Message ?? DatabaseBusy.Message),
        _ when result.ItemErrors is not null => ApiProblems.InvalidItems(result.ItemErrors),
        _ => ApiProblems.Invalid(ValidationErrors.NonField, result.Message ?? "The change was refused."),
    };

    /// <summary>
    /// PATCH (partial) or PUT: the body is applied, under the store's write lock, to a private copy of the stored object.
    /// With If-Match, a different stored version is a 412; without, concurrent writers are serialized and each applies
    /// its fields to the object as the previous one left it (the fields it does not name are never overwritten).
    /// </summary>
    private static async Task<Results<Ok<TJson>, ProblemHttpResult>> UpdateAsync<T, TJson>(int id, bool partial, HttpContext http, DcimStore store,
        TopologyService topology, DcimResource<T, TJson> r, CancellationToken ct) where T : Entity, new()
    {
        if (r.Find(topology.Current.Installation, id) is not T)
        {
            return NotFound(r, id);
        }
        var (document, problem) = await DcimRequest.ReadObjectAsync(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var ifMatch = http.Request.Headers.IfMatch;
            Func<T, bool>? precondition = ExpectedVersion(ifMatch, 0) is null ? null : stored => ExpectedVersion(ifMatch, stored.Version) == stored.Version;
            var result = await store.UpdateAsync<T>(id, precondition, (inst, entity) =>
            {
                var body = new DcimBody(document!.RootElement, inst, partial);
                r.Read(body, entity);
                body.Finish(DcimResource<T, TJson>.ResponseFields);
                return body.Errors;
            }, ct);
            if (!result.IsOk)
            {
                return Refused(http, r, result, id);
            }
            SetETag(http, result.Current!);
            return TypedResults.Ok(r.ToJson(View(http, topology), result.Current!));
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<T, TJson>(int id, HttpContext http, DcimStore store, TopologyService topology,
        DcimResource<T, TJson> r, CancellationToken ct) where T : Entity, new()
    {
        var stored = r.Find(topology.Current.Installation, id);
        var expected = stored is null ? null : ExpectedVersion(http.Request.Headers.IfMatch, stored.Version);
        var result = await store.DeleteAsync<T>(id, expected, ct);
        return result.IsOk ? TypedResults.NoContent() : Refused(http, r, result, id);
    }

    private static Results<Ok<IReadOnlyList<PowerJson.DeviceRow>>, ContentHttpResult, ProblemHttpResult> DevicePowerUtilization(int id, TopologyService topology)
    {
        var snapshot = topology.Current;
        if (!snapshot.Installation.DeviceById.ContainsKey(id))
        {
            return NotFound(DcimResources.Devices, id);
        }
        var rows = PowerJson.ToJson(snapshot.Report.DeviceRows(id));
        return rows is null ? TypedResults.Text("null", "application/json") : TypedResults.Ok(rows);
    }

    private static ProblemHttpResult Refused<T>(HttpContext http, DcimResource r, WriteResult<T> result, int id) where T : Entity => result.Status switch
    {
        WriteStatus.NotFound => NotFound(r, id),
        WriteStatus.VersionConflict => PreconditionFailed(http, r, result.Current),
        WriteStatus.Blocked => ApiProblems.Conflict(result.Message ?? $"The {r.Singular} is still referenced."),
        WriteStatus.Unavailable => ApiProblems.Unavailable(http, result.Message ?? DatabaseBusy.Message),
        _ => ApiProblems.Invalid(result.Errors ?? new ValidationErrors().Add(ValidationErrors.NonField, result.Message ?? "The change was refused.")),
    };

    private static ProblemHttpResult NotFound(DcimResource r, int id) => ApiProblems.NotFound($"No {r.Singular} with id {id}.");

    private static ProblemHttpResult PreconditionFailed(HttpContext http, DcimResource r, Entity? stored)
    {
        if (stored is not null)
        {
            SetETag(http, stored);
        }
        return ApiProblems.PreconditionFailed(
            $"If-Match does not match the stored version{(stored is null ? "" : $" ({ETag(stored)})")}: the {r.Singular} was changed since you read it. Nothing was changed; GET it again and retry.");
    }

    /// <summary>
    /// The version a write must find, from If-Match: null when absent or <c>*</c>; the stored version when one of the
    /// listed tags names it (weak or strong, <c>W/"3"</c> or <c>"3"</c>); otherwise -1, which never matches.
    /// </summary>
    public static int? ExpectedVersion(StringValues ifMatch, int storedVersion)
    {
        var tags = ifMatch.SelectMany(v => (v ?? "").Split(',')).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        if (tags.Count == 0 || tags.Contains("*"))
        {
            return null;
        }
        foreach (var tag in tags)
        {
            var value = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
            if (int.TryParse(value.Trim('"'), out var version) && version == storedVersion)
            {
                return storedVersion;
            }
        }
        return -1;
    }

    /// <summary>Weak, because a response also carries computed values that change without the object changing.</summary>
    public static string ETag(Entity e) => $"W/\"{e.Version}\"";

    private static void SetETag(HttpContext http, Entity e) => http.Response.Headers.ETag = ETag(e);

    private static DcimView View(HttpContext http, TopologyService topology) =>
        new(topology.Current, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/dcim");

    private static int PageSize(StringValues value)
    {
        if (!int.TryParse(value, out var limit) || limit < 0)
        {
            return DefaultPageSize;
        }
        return limit == 0 ? MaxPageSize : Math.Min(limit, MaxPageSize);
    }

    /// <summary>The URL of another page of the same list (NetBox's <c>next</c>/<c>previous</c>).</summary>
    internal static string PageUrl(HttpRequest request, int limit, int offset)
    {
        var query = request.Query.Where(q => q.Key is not ("limit" or "offset"))
            .Append(new("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{QueryString.Create(query)}";
    }

    private static string Tag(DcimResource r) => "dcim: " + r.Plural;

    private static string A(DcimResource r) => ("aeiou".Contains(r.Singular[0], StringComparison.Ordinal) ? "an " : "a ") + r.Singular;

    /// <summary>Documents the body that the handler reads itself (so that malformed input is a 400 problem, never an exception).</summary>
    private static Func<OpenApiOperation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext, CancellationToken, Task> RequestBody(DcimResource r, string which) =>
        (operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = $"A JSON object with {which} of the {r.Singular}, as in the response (snake_case); read-only fields are ignored, unknown fields are errors. " +
                    "A related object is given as its id or as an object of attributes that matches exactly one object, e.g. " +
                    "`\"power_panel\": {\"site\": \"DC1\", \"name\": \"Panel 1\"}` or `\"power_port\": {\"device\": {\"name\": \"PDU1\"}, \"name\": \"Inlet\"}`." +
                    (r == DcimResources.Cables ? " Cable ends: `\"a_terminations\": [{\"object_type\": \"dcim.powerfeed\", \"object_id\": 3}]`." : ""),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
                },
            };
            return Task.CompletedTask;
        };
}

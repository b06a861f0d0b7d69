using System.Globalization;
using System.Text.Json;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Web.Features.Dcim;

namespace PowerMap.Web.Features.Changes;

/// <summary>NetBox's choice field shape.</summary>
public sealed record ChoiceJson(string Value, string Label);

/// <summary>One change record with NetBox's field names (<c>core.ObjectChange</c>).</summary>
public sealed record ObjectChangeJson(
    long Id, string Url, string Display, DateTime Time, string? UserName, string RequestId, ChoiceJson Action,
    string ChangedObjectType, int ChangedObjectId, string ObjectRepr, JsonElement? PrechangeData, JsonElement? PostchangeData);

/// <summary><c>GET /api/core/object-changes/</c> and <c>/{id}/</c>: the change log, newest first, with NetBox's filters.</summary>
public static class ChangesApi
{
    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/core/object-changes").WithTags("core");
        group.MapGet("/", ListAsync)
            .WithName("core_object_changes_list")
            .WithSummary("List change records (newest first)")
            .WithDescription("Filters: `?user_name=` (or `?user=`), `?changed_object_type=dcim.powerfeed`, `?changed_object_id=`, `?request_id=`, " +
                             "`?action=create|update|delete`, `?time_after=`, `?time_before=` (ISO 8601, UTC); `?limit=` (default 50, at most 1000), `?offset=`.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:long}/", GetAsync)
            .WithName("core_object_changes_read")
            .WithSummary("Get a change record")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ChangeLogStore store, CancellationToken ct)
    {
        var q = http.Request.Query;
        var errors = new PowerMap.Core.Dcim.ValidationErrors();
        int limit = Int(q["limit"], "limit", DcimApi.DefaultPageSize, errors);
        int offset = Int(q["offset"], "offset", 0, errors);
        int? objectId = q.ContainsKey("changed_object_id") ? Int(q["changed_object_id"], "changed_object_id", 0, errors) : null;
        DateTime? after = Time(q["time_after"], "time_after", errors);
        DateTime? before = Time(q["time_before"], "time_before", errors);
        string? action = Text(q["action"]);
        if (action is not null and not (ObjectChange.Create or ObjectChange.Update or ObjectChange.Delete))
        {
            errors.Add("action", $"Select a valid choice. {action} is not one of the available choices.");
        }
        if (limit > DcimApi.MaxPageSize)
        {
            limit = DcimApi.MaxPageSize;
        }
        if (!errors.IsValid)
        {
            return ApiProblems.Invalid(errors);
        }
        var filter = new ChangeFilter(Text(q["user_name"]) ?? Text(q["user"]), Text(q["changed_object_type"]), objectId, Text(q["request_id"]), action, after, before);
        var (count, page) = await store.QueryAsync(filter, offset, limit, ct);
        string? next = offset + limit < count ? DcimApi.PageUrl(http.Request, limit, offset + limit) : null;
        string? previous = offset > 0 ? DcimApi.PageUrl(http.Request, limit, Math.Max(0, offset - limit)) : null;
        return TypedResults.Ok(new PageJson<ObjectChangeJson>(count, next, previous, page.Select(c => ToJson(http.Request, c)).ToList()));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext http, ChangeLogStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } change
            ? TypedResults.Ok(ToJson(http.Request, change))
            : ApiProblems.NotFound($"No change record with id {id}.");

    public static ObjectChangeJson ToJson(HttpRequest request, ObjectChange c) => new(
        c.Id,
        $"{request.Scheme}://{request.Host}{request.PathBase}/api/core/object-changes/{c.Id}/",
        $"{c.ObjectRepr} ({ActionLabel(c.Action).ToLowerInvariant()})",
        DateTime.SpecifyKind(c.Time, DateTimeKind.Utc),
        c.UserName,
        c.RequestId,
        new ChoiceJson(c.Action, ActionLabel(c.Action)),
        c.ChangedObjectType,
        c.ChangedObjectId,
        c.ObjectRepr,
        Json(c.PrechangeData),
        Json(c.PostchangeData));

    /// <summary>NetBox's labels of the three actions.</summary>
    public static string ActionLabel(string action) => action switch
    {
        ObjectChange.Create => "Created",
        ObjectChange.Update => "Updated",
        ObjectChange.Delete => "Deleted",
        _ => action,
    };

    private static JsonElement? Json(string? data) => data is null ? null : JsonDocument.Parse(data).RootElement.Clone();

    private static string? Text(Microsoft.Extensions.Primitives.StringValues v) => string.IsNullOrWhiteSpace(v) ? null : v.ToString().Trim();

    private static int Int(Microsoft.Extensions.Primitives.StringValues v, string field, int fallback, PowerMap.Core.Dcim.ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(v))
        {
            return fallback;
        }
        if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return n;
        }
        errors.Add(field, "Enter a whole number.");
        return fallback;
    }

    private static DateTime? Time(Microsoft.Extensions.Primitives.StringValues v, string field, PowerMap.Core.Dcim.ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(v))
        {
            return null;
        }
        if (DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
        {
            return t;
        }
        errors.Add(field, "Enter a valid date/time.");
        return null;
    }
}

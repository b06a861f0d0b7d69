using Microsoft.AspNetCore.Http.HttpResults;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Capacity;

/// <summary>
/// Planned changes over HTTP (issue 11): <c>POST /api/power/fit/reserve</c> reserves a placement of "where does it fit"
/// as a <c>planned</c> device with a <c>planned</c> cable per PSU; <c>POST /api/power/planned/apply[?site=]</c> turns the
/// planned devices and cables of a site (or all) active. Both write: a write-enabled token of an editor (<c>ApiGate</c>).
/// The /fit page and the overview call the same methods.
/// </summary>
public static class PlannedApi
{
    /// <summary>A reservation: the device, its draw in W (split evenly over the PSUs) and one outlet id per PSU (a placement's).</summary>
    public sealed record ReserveBody(string? Name, int? AllocatedDraw, int? MaximumDraw, IReadOnlyList<int>? Outlets, string? DeviceType, string? Role);
    public sealed record ReservedPortJson(int Id, string Name, int? AllocatedDraw, int? MaximumDraw, int OutletId, string Outlet, string OutletDevice);
    public sealed record ReservedJson(int Id, string Name, string Status, int RackId, string Rack, IReadOnlyList<ReservedPortJson> PowerPorts);
    public sealed record AppliedJson(int Count, string? Site);

    /// <summary>The role of a reserved device when none is given.</summary>
    public const string DefaultRole = "server";

    public static IEndpointRouteBuilder MapPlannedApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/power").WithTags("Power");
        group.MapPost("/fit/reserve", (DcimStore store, TopologyService topology, ReserveBody body, CancellationToken ct) => ReserveAsync(store, topology.Current, body, ct))
            .WithSummary("Reserves a placement: a planned device in the outlets' rack, one power port per outlet (draw ÷ PSUs) and a planned cable to each outlet, in one write. 409 when an outlet was taken meanwhile.");
        group.MapPost("/planned/apply", (DcimStore store, TopologyService topology, string? site, CancellationToken ct) => ApplyAsync(store, topology.Current, site, ct))
            .WithSummary("Turns every planned device (→ active) and planned cable (→ connected) of a site, or of all sites, in one write.");
        return app;
    }

    public static async Task<Results<Created<ReservedJson>, ProblemHttpResult>> ReserveAsync(DcimStore store, TopologySnapshot snapshot, ReserveBody body, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(body);
        var inst = snapshot.Installation;
        var errors = new ValidationErrors();
        string name = body.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", "Enter the new device's name.");
        }
        if (body.AllocatedDraw is not { } allocated || allocated < 1)
        {
            errors.Add("allocated_draw", "Enter the allocated draw in W (at least 1).");
        }
        if (body.MaximumDraw is { } max && body.AllocatedDraw is { } a && max < a)
        {
            errors.Add("maximum_draw", "The maximum draw cannot be below the allocated draw.");
        }
        var outlets = new List<PowerOutlet>();
        Rack? rack = null;
        if (body.Outlets is not { Count: > 0 and <= FitApi.MaxPowerSupplies } ids)
        {
            errors.Add("outlets", $"Give one free outlet id per power supply (1 to {FitApi.MaxPowerSupplies}), as a placement of /api/power/fit lists them.");
        }
        else if (ids.Distinct().Count() != ids.Count)
        {
            errors.Add("outlets", "An outlet is listed twice: one outlet per power supply.");
        }
        else
        {
            foreach (int id in ids)
            {
                if (!inst.OutletById.TryGetValue(id, out var outlet))
                {
                    errors.Add("outlets", $"No power outlet with id {id}.");
                    break;
                }
                outlets.Add(outlet);
            }
            var racks = outlets.Select(o => inst.DeviceById.GetValueOrDefault(o.DeviceId)?.RackId).Distinct().ToList();
            if (outlets.Count == ids.Count && (racks.Count != 1 || racks[0] is null))
            {
                errors.Add("outlets", "The outlets must be on PDUs of one rack (a placement's).");
            }
            else if (racks is [{ } rackId])
            {
                rack = inst.RackById[rackId];
            }
        }
        if (rack is not null && name.Length > 0 && inst.DeviceByName.ContainsKey((rack.SiteId, name)))
        {
            errors.Add("name", $"A device named '{name}' already exists in this site.");
        }
        int? typeId = null;
        if (!string.IsNullOrWhiteSpace(body.DeviceType))
        {
            string wanted = body.DeviceType.Trim();
            var type = inst.DeviceTypes.FirstOrDefault(t => string.Equals(t.Model, wanted, StringComparison.OrdinalIgnoreCase) || t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == wanted);
            if (type is null)
            {
                errors.Add("device_type", $"No device type with model or id '{wanted}'.");
            }
            typeId = type?.Id;
        }
        if (!errors.IsValid)
        {
            return ApiProblems.Invalid(errors);
        }

        int psus = outlets.Count;
        int perPsu = body.AllocatedDraw!.Value / psus;
        int? maxPerPsu = body.MaximumDraw is { } m ? m / psus : null;
        var device = new Device
        {
            Name = name, SiteId = rack!.SiteId, LocationId = rack.LocationId, RackId = rack.Id, DeviceTypeId = typeId,
            Role = string.IsNullOrWhiteSpace(body.Role) ? DefaultRole : body.Role.Trim(), Status = PlannedChanges.Planned,
        };
        var reserved = outlets.Select((o, i) => new ReservedPsu(new PowerPort { Name = $"PSU{i + 1}", AllocatedDrawWatts = perPsu, MaximumDrawWatts = maxPerPsu }, o.Id)).ToList();
        var result = await store.ReserveAsync(device, reserved, ct);
        return result.Status switch
        {
            WriteStatus.Ok => TypedResults.Created($"/api/dcim/devices/{device.Id}/", new ReservedJson(device.Id, device.Name, device.Status, rack.Id, rack.ToString(),
                reserved.Select(r => new ReservedPortJson(r.Port.Id, r.Port.Name, r.Port.AllocatedDrawWatts, r.Port.MaximumDrawWatts, r.OutletId,
                    inst.OutletById[r.OutletId].Name, inst.DeviceName(inst.OutletById[r.OutletId].DeviceId))).ToList())),
            WriteStatus.Blocked => ApiProblems.Conflict(result.Message ?? "An outlet was taken meanwhile."),
            WriteStatus.Invalid => ApiProblems.Invalid(result.Errors ?? new ValidationErrors().Add(ValidationErrors.NonField, result.Message ?? "Invalid.")),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: result.Message),
        };
    }

    public static async Task<Results<Ok<AppliedJson>, ProblemHttpResult>> ApplyAsync(DcimStore store, TopologySnapshot snapshot, string? siteQuery, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshot);
        var site = SiteQuery.Resolve(snapshot.Installation, siteQuery, out bool unknown);
        if (unknown)
        {
            return ApiProblems.Invalid("site", $"No site with slug, name or id '{siteQuery}'.");
        }
        var (status, count, message) = await store.ApplyPlannedAsync(site?.Id, ct);
        return status == WriteStatus.Ok
            ? TypedResults.Ok(new AppliedJson(count, site?.Name))
            : TypedResults.Problem(statusCode: status == WriteStatus.Unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status409Conflict, detail: message);
    }
}

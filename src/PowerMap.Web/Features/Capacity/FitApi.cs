using Microsoft.AspNetCore.Http.HttpResults;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Capacity;

/// <summary>
/// "Where does it fit?" over HTTP: <c>GET /api/power/fit?allocated_draw=400&amp;maximum_draw=500&amp;power_supplies=2[&amp;site=dc1][&amp;rack=5]</c>
/// or the same as a JSON body to <c>POST /api/power/fit</c> (computes only, like the what-if). Draws in W.
/// </summary>
public static class FitApi
{
    public sealed record FitBody(int? AllocatedDraw, int? MaximumDraw, int? PowerSupplies, string? Site, int? Rack);
    public sealed record OutletJson(int DeviceId, string Device, int OutletId, string Outlet, int PowerFeedId, string PowerFeed, string Side);
    public sealed record FeedChangeJson(int Id, string Name, double? PercentBefore, double? PercentAfter, double? N1PercentBefore, double? N1PercentAfter);
    public sealed record PlacementJson(int RackId, string Rack, string Site, string Proximity, IReadOnlyList<OutletJson> Outlets, IReadOnlyList<FeedChangeJson> PowerFeeds);
    public sealed record FitJson(int Count, IReadOnlyList<PlacementJson> Placements);

    /// <summary>Power supplies at most (a chassis with more is placed by hand).</summary>
    public const int MaxPowerSupplies = 16;

    public static IEndpointRouteBuilder MapFitApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/power").WithTags("Power");
        group.MapGet("/fit", (TopologyService topology, int? allocated_draw, int? maximum_draw, int? power_supplies, string? site, int? rack) =>
                Fit(topology.Current, new FitBody(allocated_draw, maximum_draw, power_supplies, site, rack)))
            .WithSummary("Where a new device fits: ranked placements (a free outlet per PSU on alternating sides) that keep every feed below the warning threshold now and N−1.");
        group.MapPost("/fit", (TopologyService topology, FitBody body) => Fit(topology.Current, body))
            .WithSummary("As GET /api/power/fit, with a JSON body {allocated_draw, maximum_draw, power_supplies, site, rack}.");
        return app;
    }

    public static Results<Ok<FitJson>, ProblemHttpResult> Fit(TopologySnapshot snapshot, FitBody body)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(body);
        var inst = snapshot.Installation;
        var errors = new ValidationErrors();
        if (body.AllocatedDraw is not { } allocated || allocated < 1)
        {
            errors.Add("allocated_draw", "Enter the allocated draw in W (at least 1).");
        }
        if (body.MaximumDraw is { } max && body.AllocatedDraw is { } a && max < a)
        {
            errors.Add("maximum_draw", "The maximum draw cannot be below the allocated draw.");
        }
        if (body.PowerSupplies is not { } psus || psus < 1 || psus > MaxPowerSupplies)
        {
            errors.Add("power_supplies", $"Enter the number of power supplies (1 to {MaxPowerSupplies}).");
        }
        var site = SiteQuery.Resolve(inst, body.Site, out bool unknownSite);
        if (unknownSite)
        {
            errors.Add("site", $"No site with slug, name or id '{body.Site}'.");
        }
        if (body.Rack is { } rackId && !inst.RackById.ContainsKey(rackId))
        {
            errors.Add("rack", $"No rack with id {rackId}.");
        }
        if (!errors.IsValid)
        {
            return ApiProblems.Invalid(errors);
        }
        var request = new FitRequest(body.AllocatedDraw!.Value, body.MaximumDraw ?? body.AllocatedDraw.Value, body.PowerSupplies!.Value, site?.Id, body.Rack);
        var placements = PlacementFit.Find(snapshot.Report, request).Select(p => ToJson(inst, p)).ToList();
        return TypedResults.Ok(new FitJson(placements.Count, placements));
    }

    private static PlacementJson ToJson(Installation inst, Placement p)
    {
        var rack = inst.RackById[p.RackId];
        return new PlacementJson(p.RackId, rack.ToString(), inst.SiteById.GetValueOrDefault(rack.SiteId)?.Name ?? "",
            p.Proximity switch { 0 => "same rack", 1 => "same location", _ => "same site" },
            p.Outlets.Select(o => new OutletJson(o.PduId, inst.DeviceName(o.PduId), o.OutletId, inst.OutletById[o.OutletId].Name, o.FeedId,
                inst.FeedById[o.FeedId].Name, o.Side)).ToList(),
            p.Feeds.Select(f => new FeedChangeJson(f.FeedId, inst.FeedById[f.FeedId].Name, f.PercentBefore, f.PercentAfter, f.N1PercentBefore, f.N1PercentAfter)).ToList());
    }
}

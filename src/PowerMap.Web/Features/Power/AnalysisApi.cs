using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Features.Dcim;

namespace PowerMap.Web.Features.Power;

/// <summary>
/// The failure analyses over HTTP (analysis.md §5): what-if, redundancy and N−1 headroom, on the published snapshot.
/// Elements are referenced as in api.md (an id or an object of attributes), every element and item answered carries its
/// natural keys; bad references are 400 problems keyed <c>failed[i]</c>.
/// </summary>
public static class AnalysisApi
{
    /// <summary>An element in an answer: its type, id and natural keys (<c>power_panel</c> for a feed, <c>device</c> for a port or outlet).</summary>
    public sealed record ElementJson(string ObjectType, int Id, string Site,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PowerPanel,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Device,
        string Name);

    public sealed record WhatIfRequest(IReadOnlyList<ElementReference> Failed, string? Transfer);
    public sealed record ElementReference(string ObjectType, JsonElement ObjectId);

    public sealed record SummaryJson(int DevicesDown, int DevicesDegraded, long WattsLost, int OverloadedFeeds, int OverRating);
    public sealed record DeviceImpactJson(int Id, string Site, string Name, string State, int LivePortsBefore, int LivePortsAfter);
    public sealed record FeedLoadJson(long Allocated, double? Percent, string? Status);
    public sealed record FeedImpactJson(int Id, string Site, string PowerPanel, string Name, bool Failed, FeedLoadJson Before, FeedLoadJson? After);
    public sealed record DrawJson(long Allocated, long Maximum);
    public sealed record PortImpactJson(int Id, string Site, string Device, string Name, DrawJson Before, DrawJson After);
    public sealed record RackImpactJson(int Id, string Site, string Name, double Before, double? After);
    /// <summary>A rated panel or device (PowerMap's ratings) above its rating after the failure: <c>rated</c> VA, load before → after.</summary>
    public sealed record RatingImpactJson(ElementJson Element, long Rated, FeedLoadJson Before, FeedLoadJson After);
    public sealed record WhatIfJson(string Transfer, SummaryJson Summary, IReadOnlyList<DeviceImpactJson> Devices, IReadOnlyList<FeedImpactJson> PowerFeeds,
        IReadOnlyList<PortImpactJson> PowerPorts, IReadOnlyList<RackImpactJson> Racks, IReadOnlyList<RatingImpactJson> OverRating);

    public sealed record DeviceRedundancyJson(int Id, string Site, string Name, string Redundancy, int LivePorts, IReadOnlyList<ElementJson> SinglePointsOfFailure);
    public sealed record SinglePointJson(ElementJson Element, int DevicesDown, long WattsLost);
    public sealed record RedundancyJson(IReadOnlyList<DeviceRedundancyJson> Devices, IReadOnlyList<SinglePointJson> SinglePointsOfFailure);

    public sealed record FeedN1Json(long Allocated, double? Percent, string? Status, ElementJson? Cause);
    public sealed record FeedHeadroomJson(int Id, string Site, string PowerPanel, string Name, long Available, long Allocated, FeedN1Json N1);
    public sealed record RackN1Json(double Utilization, ElementJson? Cause);
    public sealed record RackHeadroomJson(int Id, string Site, string Name, double Utilization, RackN1Json N1);
    /// <summary>A rated panel or device: its rating and load now (VA), and its largest load after any single failure of its site.</summary>
    public sealed record RatingHeadroomJson(ElementJson Element, long Rated, long Allocated, FeedN1Json N1);
    public sealed record HeadroomJson(IReadOnlyList<FeedHeadroomJson> PowerFeeds, IReadOnlyList<RackHeadroomJson> Racks, IReadOnlyList<RatingHeadroomJson> Ratings);

    /// <summary>The object types an element reference may name, and the resource that resolves its <c>object_id</c>.</summary>
    private static readonly (string ObjectType, FailureElementKind Kind, DcimResource Resource)[] ElementTypes =
    [
        ("dcim.powerpanel", FailureElementKind.PowerPanel, DcimResources.PowerPanels),
        ("dcim.powerfeed", FailureElementKind.PowerFeed, DcimResources.PowerFeeds),
        ("dcim.device", FailureElementKind.Device, DcimResources.Devices),
        ("dcim.powerport", FailureElementKind.PowerPort, DcimResources.PowerPorts),
        ("dcim.poweroutlet", FailureElementKind.PowerOutlet, DcimResources.PowerOutlets),
    ];

    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/power").WithTags("Power analyses").DisableAntiforgery();
        group.MapPost("/what-if", WhatIfAsync)
            .Accepts<WhatIfRequest>("application/json")
            .WithName("power_what_if")
            .WithSummary("What happens if these elements fail: devices down or degraded, watts lost, feeds, ports and racks whose numbers change.")
            .WithDescription("Body: `{\"failed\": [{\"object_type\": \"dcim.powerfeed\", \"object_id\": 7}], \"transfer\": \"split\"}`. " +
                "`object_type`: dcim.powerpanel, dcim.powerfeed, dcim.device, dcim.powerport, dcim.poweroutlet; `object_id`: an id or an object of " +
                "attributes, e.g. `{\"power_panel\": {\"site\": \"DC1\", \"name\": \"Panel 1\"}, \"name\": \"Feed 1\"}`. `transfer`: split (default) or allocated.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/redundancy", (string? site, TopologyService topology) => Redundancy(topology.Current, site))
            .WithName("power_redundancy")
            .WithSummary("Per load device: none / partial / full and its single points of failure; the site's single points of failure, largest watts lost first.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/headroom", (string? site, TopologyService topology) => Headroom(topology.Current, site))
            .WithName("power_headroom")
            .WithSummary("N−1 headroom: per feed and rack, the largest load after any single failure in its site, and the element that causes it.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Ok<WhatIfJson>, ProblemHttpResult>> WhatIfAsync(HttpContext http, TopologyService topology, CancellationToken ct)
    {
        var (document, problem) = await DcimRequest.ReadObjectAsync(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var snapshot = topology.Current;
            var errors = new ValidationErrors();
            var root = document!.RootElement;
            var failed = new List<FailureElement>();
            if (!root.TryGetProperty("failed", out var list))
            {
                errors.Add("failed", Messages.Required);
            }
            else if (list.ValueKind != JsonValueKind.Array)
            {
                errors.Add("failed", $"Expected a list of items but got type \"{JsonFields.KindName(list)}\".");
            }
            else
            {
                int i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    if (ResolveElement(snapshot.Installation, item, out var element) is { } error)
                    {
                        errors.Add($"failed[{i}]", error);
                    }
                    else
                    {
                        failed.Add(element);
                    }
                    i++;
                }
            }
            foreach (var p in root.EnumerateObject())
            {
                if (p.Name is not ("failed" or "transfer"))
                {
                    errors.Add(p.Name, "Unknown field.");
                }
            }
            var transfer = TransferRule.Split;
            if (root.TryGetProperty("transfer", out var t) && t.ValueKind != JsonValueKind.Null)
            {
                var text = t.ValueKind == JsonValueKind.String ? t.GetString() : t.GetRawText();
                if (text == "split") transfer = TransferRule.Split;
                else if (text == "allocated") transfer = TransferRule.Allocated;
                else errors.Add("transfer", Messages.InvalidChoice(text ?? ""));
            }
            if (errors.Count > 0)
            {
                return ApiProblems.Invalid(errors);
            }
            var result = FailureAnalysis.For(snapshot.Report).WhatIf(failed, transfer);
            return TypedResults.Ok(ToJson(snapshot.Installation, result));
        }
    }

    /// <summary>An element from <c>{"object_type", "object_id"}</c>, or the error message for the item.</summary>
    public static string? ResolveElement(Installation inst, JsonElement item, out FailureElement element)
    {
        element = default;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return "Expected an object: {\"object_type\": \"dcim.powerfeed\", \"object_id\": 7}.";
        }
        foreach (var p in item.EnumerateObject())
        {
            if (p.Name is not ("object_type" or "object_id"))
            {
                return $"Unknown field: {p.Name}.";
            }
        }
        if (!item.TryGetProperty("object_type", out var typeValue) || typeValue.ValueKind != JsonValueKind.String)
        {
            return "object_type is required: one of " + string.Join(", ", ElementTypes.Select(x => x.ObjectType)) + ".";
        }
        var type = typeValue.GetString();
        var match = ElementTypes.FirstOrDefault(x => x.ObjectType == type);
        if (match.Resource is null)
        {
            return $"Invalid object_type {type}: one of " + string.Join(", ", ElementTypes.Select(x => x.ObjectType)) + ".";
        }
        if (!item.TryGetProperty("object_id", out var idValue) || idValue.ValueKind == JsonValueKind.Null)
        {
            return "object_id is required: an id or an object of attributes.";
        }
        var (entity, error) = match.Resource.Resolve(inst, idValue);
        if (entity is null)
        {
            return error;
        }
        element = new FailureElement(match.Kind, entity.Id);
        return null;
    }

    public static WhatIfJson ToJson(Installation inst, WhatIfResult r)
    {
        var devices = r.Devices.Select(d =>
        {
            var device = inst.DeviceById[d.DeviceId];
            return new DeviceImpactJson(device.Id, SiteName(inst, device.SiteId), device.Name, d.State == DeviceFailureState.Down ? "down" : "degraded",
                d.LivePortsBefore, d.LivePortsAfter);
        }).ToList();
        var feeds = r.Feeds.Select(f =>
        {
            var (feed, panel) = FeedAndPanel(inst, f.FeedId);
            return new FeedImpactJson(feed.Id, SiteName(inst, panel.SiteId), panel.Name, feed.Name, f.Failed, ToJson(f.Before), ToJson(f.After));
        }).ToList();
        var ports = r.Ports.Select(p =>
        {
            var port = inst.PortById[p.PortId];
            var device = inst.DeviceById[port.DeviceId];
            return new PortImpactJson(port.Id, SiteName(inst, device.SiteId), device.Name, port.Name,
                new DrawJson(p.AllocatedWattsBefore, p.MaximumWattsBefore), new DrawJson(p.AllocatedWattsAfter, p.MaximumWattsAfter));
        }).ToList();
        var racks = r.Racks.Select(x =>
        {
            var rack = inst.RackById[x.RackId];
            return new RackImpactJson(rack.Id, SiteName(inst, rack.SiteId), rack.Name, x.Before, x.After);
        }).ToList();
        var overRating = r.OverRating.Select(x => new RatingImpactJson(Element(inst, x.Element), x.After.AvailableVoltAmps, ToJson(x.Before), ToJson(x.After))).ToList();
        return new WhatIfJson(r.Transfer == TransferRule.Split ? "split" : "allocated",
            new SummaryJson(r.DevicesDown, r.DevicesDegraded, r.WattsLost, r.OverloadedFeeds, overRating.Count), devices, feeds, ports, racks, overRating);
    }

    private static Results<Ok<RedundancyJson>, ProblemHttpResult> Redundancy(TopologySnapshot snapshot, string? site)
    {
        var inst = snapshot.Installation;
        if (SiteFilter(inst, site, out var siteId) is { } problem)
        {
            return problem;
        }
        var resilience = FailureAnalysis.For(snapshot.Report).Resilience();
        var devices = resilience.Devices
            .Select(d => inst.DeviceById[d.DeviceId] is var device && (siteId is null || device.SiteId == siteId)
                ? new DeviceRedundancyJson(device.Id, SiteName(inst, device.SiteId), device.Name, d.Redundancy.Name(), d.LivePorts,
                    d.SinglePointsOfFailure.Select(e => Element(inst, e)).ToList())
                : null)
            .OfType<DeviceRedundancyJson>()
            .ToList();
        var spofs = resilience.SinglePointsOfFailure
            .Select(s => (s, Element(inst, s.Element)))
            .Where(x => siteId is null || x.Item2.Site == inst.SiteById[siteId.Value].Name)
            .Select(x => new SinglePointJson(x.Item2, x.s.DevicesDown, x.s.WattsLost))
            .ToList();
        return TypedResults.Ok(new RedundancyJson(devices, spofs));
    }

    private static Results<Ok<HeadroomJson>, ProblemHttpResult> Headroom(TopologySnapshot snapshot, string? site)
    {
        var inst = snapshot.Installation;
        if (SiteFilter(inst, site, out var siteId) is { } problem)
        {
            return problem;
        }
        var resilience = FailureAnalysis.For(snapshot.Report).Resilience();
        var feeds = new List<FeedHeadroomJson>();
        foreach (var f in resilience.Feeds)
        {
            var (feed, panel) = FeedAndPanel(inst, f.FeedId);
            if (siteId is null || panel.SiteId == siteId)
            {
                feeds.Add(new FeedHeadroomJson(feed.Id, SiteName(inst, panel.SiteId), panel.Name, feed.Name, f.AvailableVoltAmps, f.AllocatedVoltAmps,
                    new FeedN1Json(f.N1.AllocatedVoltAmps, f.N1.Percent, StatusName(f.N1.Status), f.Cause is { } c ? Element(inst, c) : null)));
            }
        }
        var racks = new List<RackHeadroomJson>();
        foreach (var r in resilience.Racks)
        {
            var rack = inst.RackById[r.RackId];
            if (siteId is null || rack.SiteId == siteId)
            {
                racks.Add(new RackHeadroomJson(rack.Id, SiteName(inst, rack.SiteId), rack.Name, r.Utilization,
                    new RackN1Json(r.N1Utilization, r.Cause is { } c ? Element(inst, c) : null)));
            }
        }
        var ratings = resilience.Ratings
            .Select(x => (x, Element(inst, x.Element)))
            .Where(x => siteId is null || x.Item2.Site == inst.SiteById[siteId.Value].Name)
            .Select(x => new RatingHeadroomJson(x.Item2, x.x.Now.AvailableVoltAmps, x.x.Now.AllocatedVoltAmps,
                new FeedN1Json(x.x.N1.AllocatedVoltAmps, x.x.N1.Percent, StatusName(x.x.N1.Status), x.x.Cause is { } c ? Element(inst, c) : null)))
            .ToList();
        return TypedResults.Ok(new HeadroomJson(feeds, racks, ratings));
    }

    /// <summary>An element with its natural keys.</summary>
    public static ElementJson Element(Installation inst, FailureElement e)
    {
        switch (e.Kind)
        {
            case FailureElementKind.PowerPanel:
                var panel = inst.PanelById[e.Id];
                return new ElementJson("dcim.powerpanel", panel.Id, SiteName(inst, panel.SiteId), null, null, panel.Name);
            case FailureElementKind.PowerFeed:
                var (feed, feedPanel) = FeedAndPanel(inst, e.Id);
                return new ElementJson("dcim.powerfeed", feed.Id, SiteName(inst, feedPanel.SiteId), feedPanel.Name, null, feed.Name);
            case FailureElementKind.Device:
                var device = inst.DeviceById[e.Id];
                return new ElementJson("dcim.device", device.Id, SiteName(inst, device.SiteId), null, null, device.Name);
            case FailureElementKind.PowerPort:
                var port = inst.PortById[e.Id];
                var portDevice = inst.DeviceById[port.DeviceId];
                return new ElementJson("dcim.powerport", port.Id, SiteName(inst, portDevice.SiteId), null, portDevice.Name, port.Name);
            default:
                var outlet = inst.OutletById[e.Id];
                var outletDevice = inst.DeviceById[outlet.DeviceId];
                return new ElementJson("dcim.poweroutlet", outlet.Id, SiteName(inst, outletDevice.SiteId), null, outletDevice.Name, outlet.Name);
        }
    }

    private static ProblemHttpResult? SiteFilter(Installation inst, string? site, out int? siteId)
    {
        siteId = null;
        if (site is null)
        {
            return null;
        }
        if (!inst.SiteByName.TryGetValue(site, out var s))
        {
            return ApiProblems.Invalid("site", $"Site '{site}' does not exist.");
        }
        siteId = s.Id;
        return null;
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(load))]
    private static FeedLoadJson? ToJson(CapacityLoad? load) =>
        load is null ? null : new FeedLoadJson(load.AllocatedVoltAmps, load.Percent, StatusName(load.Status));

    private static string? StatusName(UtilizationStatus? status) => status is { } s ? Utilization.StatusName(s) : null;

    private static (PowerFeed Feed, PowerPanel Panel) FeedAndPanel(Installation inst, int feedId)
    {
        var feed = inst.FeedById[feedId];
        return (feed, inst.PanelById[feed.PowerPanelId]);
    }

    private static string SiteName(Installation inst, int siteId) => inst.SiteById.TryGetValue(siteId, out var s) ? s.Name : "";
}

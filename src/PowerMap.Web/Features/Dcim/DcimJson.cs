using System.Text.Json.Serialization;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Features.Power;

namespace PowerMap.Web.Features.Dcim;

/// <summary>A related object as NetBox nests it: <c>{"id", "url", "display", "name"}</c> (device types: the model as name).</summary>
public sealed record NestedJson(int Id, string Url, string Display, string? Name);

/// <summary>One page of a list, as NetBox's LimitOffsetPagination.</summary>
public sealed record PageJson<T>(int Count, string? Next, string? Previous, IReadOnlyList<T> Results);

/// <summary>NetBox's brief form (<c>?brief=true</c>): the nested object, with a site's slug.</summary>
public sealed record BriefJson(int Id, string Url, string Display, string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Slug);

public sealed record SiteJson(int Id, string Url, string Display, int Version, string Name, string Slug, string Description);

public sealed record LocationJson(int Id, string Url, string Display, int Version, NestedJson? Site, string Name);

public sealed record RackJson(int Id, string Url, string Display, int Version, NestedJson? Site, NestedJson? Location, string Name, string? FacilityId,
    double PowerUtilization);

/// <summary>NetBox's power panel, plus PowerMap's main-breaker rating (null = unknown) and the panel's load against it.</summary>
public sealed record PowerPanelJson(int Id, string Url, string Display, int Version, NestedJson? Site, NestedJson? Location, string Name,
    int? RatedVoltage, int? RatedAmperage, string? RatedPhase, PowerJson.RatedLoadJson? Rating);

public sealed record PowerFeedJson(int Id, string Url, string Display, int Version, NestedJson? PowerPanel, NestedJson? Rack, string Name,
    string Status, string Type, string Supply, string Phase, int Voltage, int Amperage, int MaxUtilization, bool MarkConnected,
    string Description, string Comments, NestedJson? Cable,
    long AvailablePower, PowerJson.Endpoint? ConnectedEndpoint, PowerJson.FeedUtilizationJson? Utilization);

/// <summary>NetBox's manufacturer; <c>devicetype_count</c> as NetBox's annotated count.</summary>
public sealed record ManufacturerJson(int Id, string Url, string Display, int Version, string Name, string Slug, string Description, int DevicetypeCount);

/// <summary>NetBox's device role; <c>device_count</c> as NetBox's annotated count.</summary>
public sealed record DeviceRoleJson(int Id, string Url, string Display, int Version, string Name, string Slug, string Color, string Description, int DeviceCount);

public sealed record DeviceTypeJson(int Id, string Url, string Display, int Version, string Manufacturer, string Model);

public sealed record PowerPortTemplateJson(int Id, string Url, string Display, int Version, NestedJson? DeviceType, string Name, string? Label,
    string? Type, int? MaximumDraw, int? AllocatedDraw);

public sealed record PowerOutletTemplateJson(int Id, string Url, string Display, int Version, NestedJson? DeviceType, string Name, string? Label,
    string? Type, NestedJson? PowerPort, string? FeedLeg);

/// <summary>NetBox's device, plus PowerMap's rated VA (null = unknown) and the device's load against it.</summary>
public sealed record DeviceJson(int Id, string Url, string Display, int Version, NestedJson? Site, NestedJson? Location, NestedJson? Rack,
    NestedJson? DeviceType, string? Name, string Role, string Status, int? RatedVa, PowerJson.RatedLoadJson? Rating);

public sealed record PowerPortJson(int Id, string Url, string Display, int Version, NestedJson? Device, string Name, string? Label, string? Type,
    int? MaximumDraw, int? AllocatedDraw, bool MarkConnected, string Description, NestedJson? Cable, PowerJson.Draw Draw);

public sealed record PowerOutletJson(int Id, string Url, string Display, int Version, NestedJson? Device, string Name, string? Label, string? Type,
    NestedJson? PowerPort, string? FeedLeg, string Status, bool MarkConnected, string Description, NestedJson? Cable);

public sealed record InterfaceJson(int Id, string Url, string Display, int Version, NestedJson? Device, string Name, string Type, bool MarkConnected,
    NestedJson? Cable);

/// <summary>A cable end's termination: <c>object_type</c> (<c>dcim.powerfeed</c>…), <c>object_id</c> and the object nested.</summary>
public sealed record TerminationJson(string ObjectType, int ObjectId, TerminationObjectJson? Object);

/// <summary>The terminated object with its parent: the device of a port/outlet/interface, the panel of a feed.</summary>
public sealed record TerminationObjectJson(int Id, string Url, string Display, string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NestedJson? Device,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NestedJson? PowerPanel);

public sealed record CableJson(int Id, string Url, string Display, int Version, string Status, string Label, double? Length, string? LengthUnit,
    IReadOnlyList<TerminationJson> ATerminations, IReadOnlyList<TerminationJson> BTerminations);

/// <summary>
/// What a response is built from: one published snapshot (objects + computed report, never mixed across writes)
/// and the absolute root of the API for <c>url</c> fields.
/// </summary>
public sealed class DcimView(TopologySnapshot snapshot, string apiRoot)
{
    public Installation Inst => snapshot.Installation;
    public PowerReport Report => snapshot.Report;

    public string Url(DcimResource resource, int id) => $"{apiRoot}/{resource.Path}/{id}/";

    /// <summary>NetBox's nested object; an unnamed device has a null name and shows as <c>{manufacturer} {model} ({id})</c>.</summary>
    public NestedJson Nested(DcimResource resource, Entity e) =>
        new(e.Id, Url(resource, e.Id), DcimResource.Display(e, Inst), e is Device { IsUnnamed: true } ? null : DcimResource.NameOf(e));

    public BriefJson Brief(DcimResource resource, Entity e)
    {
        var nested = Nested(resource, e);
        return new BriefJson(nested.Id, nested.Url, nested.Display, nested.Name, e switch { Site x => x.Slug, CatalogEntry x => x.Slug, _ => null });
    }

    public NestedJson? Nested(DcimResource resource, int? id) =>
        id is { } value && resource.Find(Inst, value) is { } e ? Nested(resource, e) : null;

    /// <summary>The cable attached to a termination, nested (its label as name).</summary>
    public NestedJson? CableOf(TerminationKind kind, int id) =>
        Inst.CableOf.TryGetValue((kind, id), out var link) ? Nested(DcimResources.Cables, link.Cable) : null;

    public IReadOnlyList<TerminationJson> Terminations(Cable cable, CableEnd end) =>
        cable.End(end).OrderBy(t => t.Position).Select(t => new TerminationJson(t.Kind.ObjectType(), t.ObjectId, TerminationObject(t.Kind, t.ObjectId))).ToList();

    private TerminationObjectJson? TerminationObject(TerminationKind kind, int id)
    {
        var resource = DcimResources.ForTermination(kind);
        if (resource.Find(Inst, id) is not { } e)
        {
            return null;
        }
        var parent = e switch
        {
            PowerPort p => Nested(DcimResources.Devices, p.DeviceId),
            PowerOutlet o => Nested(DcimResources.Devices, o.DeviceId),
            Interface i => Nested(DcimResources.Devices, i.DeviceId),
            _ => null,
        };
        var panel = e is PowerFeed f ? Nested(DcimResources.PowerPanels, f.PowerPanelId) : null;
        return new TerminationObjectJson(e.Id, Url(resource, e.Id), DcimResource.Display(e), DcimResource.NameOf(e), parent, panel);
    }
}

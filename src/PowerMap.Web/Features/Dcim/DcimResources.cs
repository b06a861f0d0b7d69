using System.Text.Json;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Features.Power;

namespace PowerMap.Web.Features.Dcim;

/// <summary>
/// The resources of api.md §2: per object type, its response shape, the fields a request may write, and the attributes
/// it may be looked up or filtered by. Declared in dependency order (a relation names a resource declared above it);
/// <c>Sites!</c> in a resource's own <c>ToJson</c> only tells the compiler that the lambda runs after the field is set.
/// </summary>
public static class DcimResources
{
    private const int Max = DcimValidator.SmallIntMax;
    private const int Min = DcimValidator.SmallIntMin;

    public static readonly DcimResource<Site, SiteJson> Sites = new DcimResource<Site, SiteJson>("sites", "site", "sites")
    {
        List = i => i.Sites,
        ToJson = (v, x) => new SiteJson(x.Id, v.Url(Sites!, x.Id), DcimResource.Display(x), x.Version, x.Name, x.Slug, x.Description),
        Read = (b, x) =>
        {
            b.Text("name", s => x.Name = s, required: true, maxLength: 100);
            // NetBox requires a slug; PowerMap makes one from the name when none is given.
            b.OptionalText("slug", s => x.Slug = s ?? "", maxLength: Slugs.MaxLength);
            b.Text("description", s => x.Description = s);
        },
    }
        .With("name", DcimResource.Text<Site>(x => x.Name))
        .With("slug", DcimResource.Text<Site>(x => x.Slug));

    public static readonly DcimResource<Location, LocationJson> Locations = new DcimResource<Location, LocationJson>("locations", "location", "locations")
    {
        List = i => i.Locations,
        ToJson = (v, x) => new LocationJson(x.Id, v.Url(Locations!, x.Id), DcimResource.Display(x), x.Version, v.Nested(Sites, x.SiteId), x.Name),
        Read = (b, x) =>
        {
            b.Ref("site", Sites, id => x.SiteId = id);
            b.Text("name", s => x.Name = s, required: true, maxLength: 100);
        },
    }
        .With("name", DcimResource.Text<Location>(x => x.Name))
        .With("site", DcimResource.Relation<Location>((_, x) => x.SiteId, Sites));

    public static readonly DcimResource<Rack, RackJson> Racks = new DcimResource<Rack, RackJson>("racks", "rack", "racks")
    {
        List = i => i.Racks,
        ToJson = (v, x) => new RackJson(x.Id, v.Url(Racks!, x.Id), DcimResource.Display(x), x.Version, v.Nested(Sites, x.SiteId),
            v.Nested(Locations, x.LocationId), x.Name, x.FacilityId, v.Report.RackUtilization(x.Id)),
        Read = (b, x) =>
        {
            b.Ref("site", Sites, id => x.SiteId = id);
            b.OptionalRef("location", Locations, id => x.LocationId = id);
            b.Text("name", s => x.Name = s, required: true, maxLength: 100);
            b.OptionalText("facility_id", s => x.FacilityId = s, maxLength: 50);
        },
    }
        .With("name", DcimResource.Text<Rack>(x => x.Name))
        .With("facility_id", DcimResource.Text<Rack>(x => x.FacilityId))
        .With("site", DcimResource.Relation<Rack>((_, x) => x.SiteId, Sites))
        .With("location", DcimResource.Relation<Rack>((_, x) => x.LocationId, Locations));

    public static readonly DcimResource<PowerPanel, PowerPanelJson> PowerPanels = new DcimResource<PowerPanel, PowerPanelJson>("power-panels", "power panel", "power panels")
    {
        List = i => i.PowerPanels,
        ToJson = (v, x) => new PowerPanelJson(x.Id, v.Url(PowerPanels!, x.Id), DcimResource.Display(x), x.Version, v.Nested(Sites, x.SiteId),
            v.Nested(Locations, x.LocationId), x.Name, x.RatedVoltage, x.RatedAmperage, x.RatedPhase,
            PowerJson.ToJson(RatingReport.For(v.Report).Panel(x.Id))),
        Read = (b, x) =>
        {
            b.Ref("site", Sites, id => x.SiteId = id);
            b.OptionalRef("location", Locations, id => x.LocationId = id);
            b.Text("name", s => x.Name = s, required: true, maxLength: 100);
            // PowerMap's main-breaker rating; NetBox clients never send it, so it stays as it is.
            b.OptionalInteger("rated_voltage", 1, Max, i => x.RatedVoltage = i);
            b.OptionalInteger("rated_amperage", 1, Max, i => x.RatedAmperage = i);
            b.OptionalText("rated_phase", s => x.RatedPhase = string.IsNullOrEmpty(s) ? null : s, maxLength: 50);
        },
    }
        .With("name", DcimResource.Text<PowerPanel>(x => x.Name))
        .With("site", DcimResource.Relation<PowerPanel>((_, x) => x.SiteId, Sites))
        .With("location", DcimResource.Relation<PowerPanel>((_, x) => x.LocationId, Locations));

    public static readonly DcimResource<PowerFeed, PowerFeedJson> PowerFeeds = new DcimResource<PowerFeed, PowerFeedJson>("power-feeds", "power feed", "power feeds")
    {
        List = i => i.PowerFeeds,
        ToJson = (v, x) =>
        {
            var computed = v.Report.Feed(x.Id);
            return new PowerFeedJson(x.Id, v.Url(PowerFeeds!, x.Id), DcimResource.Display(x), x.Version,
                v.Nested(PowerPanels, x.PowerPanelId), v.Nested(Racks, x.RackId), x.Name, x.Status, x.Type, x.Supply, x.Phase,
                x.Voltage, x.Amperage, x.MaxUtilization, x.MarkConnected, x.Description, x.Comments,
                v.CableOf(TerminationKind.PowerFeed, x.Id),
                computed?.AvailableVoltAmps ?? 0, PowerJson.ConnectedEndpoint(v.Inst, computed), PowerJson.ToJson(computed?.Utilization));
        },
        Read = (b, x) =>
        {
            b.Ref("power_panel", PowerPanels, id => x.PowerPanelId = id);
            b.OptionalRef("rack", Racks, id => x.RackId = id);
            b.Text("name", s => x.Name = s, required: true, maxLength: 100);
            b.Text("status", s => x.Status = s);
            b.Text("type", s => x.Type = s);
            b.Text("supply", s => x.Supply = s);
            b.Text("phase", s => x.Phase = s);
            b.Integer("voltage", Min, Max, i => x.Voltage = i);
            b.Integer("amperage", 1, Max, i => x.Amperage = i);
            b.Integer("max_utilization", 1, 100, i => x.MaxUtilization = i);
            b.Flag("mark_connected", f => x.MarkConnected = f);
            b.Text("description", s => x.Description = s);
            b.Text("comments", s => x.Comments = s, maxLength: 100_000);
        },
    }
        .With("name", DcimResource.Text<PowerFeed>(x => x.Name))
        .With("status", DcimResource.Text<PowerFeed>(x => x.Status))
        .With("type", DcimResource.Text<PowerFeed>(x => x.Type))
        .With("supply", DcimResource.Text<PowerFeed>(x => x.Supply))
        .With("phase", DcimResource.Text<PowerFeed>(x => x.Phase))
        .With("power_panel", DcimResource.Relation<PowerFeed>((_, x) => x.PowerPanelId, PowerPanels))
        .With("rack", DcimResource.Relation<PowerFeed>((_, x) => x.RackId, Racks))
        .With("site", DcimResource.Relation<PowerFeed>((i, x) => i.PanelById.TryGetValue(x.PowerPanelId, out var p) ? p.SiteId : null, Sites));

    public static readonly DcimResource<Manufacturer, ManufacturerJson> Manufacturers = new DcimResource<Manufacturer, ManufacturerJson>("manufacturers", "manufacturer", "manufacturers")
    {
        List = i => i.Manufacturers,
        ToJson = (v, x) => new ManufacturerJson(x.Id, v.Url(Manufacturers!, x.Id), DcimResource.Display(x), x.Version, x.Name, x.Slug, x.Description,
            v.Inst.DeviceTypes.Count(t => t.Manufacturer == x.Name)),
        Read = (b, x) =>
        {
            b.Text("name", s => x.Name = s, required: true, maxLength: 100);
            b.OptionalText("slug", s => x.Slug = s ?? "", maxLength: Slugs.MaxLength);
            b.Text("description", s => x.Description = s);
        },
    }
        .With("name", DcimResource.Text<Manufacturer>(x => x.Name))
        .With("slug", DcimResource.Text<Manufacturer>(x => x.Slug));

    public static readonly DcimResource<DeviceRole, DeviceRoleJson> DeviceRoles = new DcimResource<DeviceRole, DeviceRoleJson>("device-roles", "device role", "device roles")
    {
        List = i => i.DeviceRoles,
        ToJson = (v, x) => new DeviceRoleJson(x.Id, v.Url(DeviceRoles!, x.Id), DcimResource.Display(x), x.Version, x.Name, x.Slug, x.Color, x.Description,
            v.Inst.Devices.Count(d => d.Role == x.Name)),
        Read = (b, x) =>
        {
            b.Text("name", s => x.Name = s, required: true, maxLength: 100);
            b.OptionalText("slug", s => x.Slug = s ?? "", maxLength: Slugs.MaxLength);
            b.Text("color", s => x.Color = s, maxLength: 6);
            b.Text("description", s => x.Description = s);
        },
    }
        .With("name", DcimResource.Text<DeviceRole>(x => x.Name))
        .With("slug", DcimResource.Text<DeviceRole>(x => x.Slug))
        .With("color", DcimResource.Text<DeviceRole>(x => x.Color));

    public static readonly DcimResource<DeviceType, DeviceTypeJson> DeviceTypes = new DcimResource<DeviceType, DeviceTypeJson>("device-types", "device type", "device types")
    {
        List = i => i.DeviceTypes,
        ToJson = (v, x) => new DeviceTypeJson(x.Id, v.Url(DeviceTypes!, x.Id), DcimResource.Display(x), x.Version, x.Manufacturer, x.Model),
        Read = (b, x) =>
        {
            b.Text("model", s => x.Model = s, required: true, maxLength: 100);
            b.Text("manufacturer", s => x.Manufacturer = s);
        },
    }
        .With("model", DcimResource.Text<DeviceType>(x => x.Model))
        .With("manufacturer", DcimResource.Text<DeviceType>(x => x.Manufacturer));

    public static readonly DcimResource<PowerPortTemplate, PowerPortTemplateJson> PowerPortTemplates =
        new DcimResource<PowerPortTemplate, PowerPortTemplateJson>("power-port-templates", "power port template", "power port templates")
        {
            List = i => i.PowerPortTemplates,
            ToJson = (v, x) => new PowerPortTemplateJson(x.Id, v.Url(PowerPortTemplates!, x.Id), DcimResource.Display(x), x.Version,
                v.Nested(DeviceTypes, x.DeviceTypeId), x.Name, x.Label, x.Type, x.MaximumDrawWatts, x.AllocatedDrawWatts),
            Read = (b, x) =>
            {
                b.Ref("device_type", DeviceTypes, id => x.DeviceTypeId = id);
                b.Text("name", s => x.Name = s, required: true, maxLength: 100);
                b.OptionalText("label", s => x.Label = s, maxLength: 64);
                b.OptionalText("type", s => x.Type = s, maxLength: 50);
                b.OptionalInteger("maximum_draw", 1, DcimValidator.PositiveIntMax, i => x.MaximumDrawWatts = i);
                b.OptionalInteger("allocated_draw", 1, DcimValidator.PositiveIntMax, i => x.AllocatedDrawWatts = i);
            },
        }
        .With("name", DcimResource.Text<PowerPortTemplate>(x => x.Name))
        .With("device_type", DcimResource.Relation<PowerPortTemplate>((_, x) => x.DeviceTypeId, DeviceTypes));

    public static readonly DcimResource<PowerOutletTemplate, PowerOutletTemplateJson> PowerOutletTemplates =
        new DcimResource<PowerOutletTemplate, PowerOutletTemplateJson>("power-outlet-templates", "power outlet template", "power outlet templates")
        {
            List = i => i.PowerOutletTemplates,
            ToJson = (v, x) => new PowerOutletTemplateJson(x.Id, v.Url(PowerOutletTemplates!, x.Id), DcimResource.Display(x), x.Version,
                v.Nested(DeviceTypes, x.DeviceTypeId), x.Name, x.Label, x.Type, v.Nested(PowerPortTemplates, x.PowerPortTemplateId), x.FeedLeg),
            Read = (b, x) =>
            {
                b.Ref("device_type", DeviceTypes, id => x.DeviceTypeId = id);
                b.Text("name", s => x.Name = s, required: true, maxLength: 100);
                b.OptionalText("label", s => x.Label = s, maxLength: 64);
                b.OptionalText("type", s => x.Type = s, maxLength: 50);
                b.OptionalRef("power_port", PowerPortTemplates, id => x.PowerPortTemplateId = id);
                b.OptionalText("feed_leg", s => x.FeedLeg = s, maxLength: 50);
            },
        }
        .With("name", DcimResource.Text<PowerOutletTemplate>(x => x.Name))
        .With("device_type", DcimResource.Relation<PowerOutletTemplate>((_, x) => x.DeviceTypeId, DeviceTypes))
        .With("power_port", DcimResource.Relation<PowerOutletTemplate>((_, x) => x.PowerPortTemplateId, PowerPortTemplates));

    public static readonly DcimResource<Device, DeviceJson> Devices = new DcimResource<Device, DeviceJson>("devices", "device", "devices")
    {
        List = i => i.Devices,
        ToJson = (v, x) => new DeviceJson(x.Id, v.Url(Devices!, x.Id), v.Inst.DeviceDisplay(x), x.Version, v.Nested(Sites, x.SiteId),
            v.Nested(Locations, x.LocationId), v.Nested(Racks, x.RackId), v.Nested(DeviceTypes, x.DeviceTypeId),
            x.IsUnnamed ? null : x.Name, x.Role, x.Status, x.RatedVoltAmps, PowerJson.ToJson(RatingReport.For(v.Report).Device(x.Id))),
        Read = (b, x) =>
        {
            b.Ref("site", Sites, id => x.SiteId = id);
            b.OptionalRef("location", Locations, id => x.LocationId = id);
            b.OptionalRef("rack", Racks, id => x.RackId = id);
            b.OptionalRef("device_type", DeviceTypes, id => x.DeviceTypeId = id);
            // NetBox allows an unnamed device (null or "").
            b.OptionalText("name", s => x.Name = s ?? "", maxLength: 100);
            ReadRole(b, x);
            b.Text("status", s => x.Status = s);
            b.OptionalInteger("rated_va", 1, DcimValidator.PositiveIntMax, i => x.RatedVoltAmps = i);
        },
        // Components come from the type's templates, in the same transaction (NetBox's instantiation).
        Create = (store, x, ct) => store.CreateDeviceAsync(x, ct),
    }
        .With("name", DcimResource.Text<Device>(x => x.Name))
        // By the role's text, or NetBox's role_id / role (slug) when the text names a device role.
        .With("role", new DcimAttribute((inst, e, v) => DcimResource.TextMatches(((Device)e).Role, v) ||
            (inst.DeviceRoleByName(((Device)e).Role) is { } role && DcimResource.RelationMatches(inst, role.Id, DeviceRoles, v)), DeviceRoles))
        .With("status", DcimResource.Text<Device>(x => x.Status))
        .With("site", DcimResource.Relation<Device>((_, x) => x.SiteId, Sites))
        .With("rack", DcimResource.Relation<Device>((_, x) => x.RackId, Racks))
        .With("location", DcimResource.Relation<Device>((_, x) => x.LocationId, Locations))
        .With("device_type", DcimResource.Relation<Device>((_, x) => x.DeviceTypeId, DeviceTypes));

    public static readonly DcimResource<PowerPort, PowerPortJson> PowerPorts = new DcimResource<PowerPort, PowerPortJson>("power-ports", "power port", "power ports")
    {
        List = i => i.PowerPorts,
        ToJson = (v, x) => new PowerPortJson(x.Id, v.Url(PowerPorts!, x.Id), DcimResource.Display(x), x.Version, v.Nested(Devices, x.DeviceId),
            x.Name, x.Label, x.Type, x.MaximumDrawWatts, x.AllocatedDrawWatts, x.MarkConnected, x.Description,
            v.CableOf(TerminationKind.PowerPort, x.Id), PowerJson.ToJson(v.Report.PortDraw(x.Id))),
        Read = (b, x) =>
        {
            b.Ref("device", Devices, id => x.DeviceId = id);
            b.Text("name", s => x.Name = s, required: true, maxLength: 100);
            b.OptionalText("label", s => x.Label = s, maxLength: 64);
            b.OptionalText("type", s => x.Type = s, maxLength: 50);
            b.OptionalInteger("maximum_draw", 1, DcimValidator.PositiveIntMax, i => x.MaximumDrawWatts = i);
            b.OptionalInteger("allocated_draw", 1, DcimValidator.PositiveIntMax, i => x.AllocatedDrawWatts = i);
            b.Flag("mark_connected", f => x.MarkConnected = f);
            b.Text("description", s => x.Description = s);
        },
    }
        .With("name", DcimResource.Text<PowerPort>(x => x.Name))
        .With("device", DcimResource.Relation<PowerPort>((_, x) => x.DeviceId, Devices))
        .With("site", DcimResource.Relation<PowerPort>((i, x) => i.DeviceById.TryGetValue(x.DeviceId, out var d) ? d.SiteId : null, Sites));

    public static readonly DcimResource<PowerOutlet, PowerOutletJson> PowerOutlets = new DcimResource<PowerOutlet, PowerOutletJson>("power-outlets", "power outlet", "power outlets")
    {
        List = i => i.PowerOutlets,
        ToJson = (v, x) => new PowerOutletJson(x.Id, v.Url(PowerOutlets!, x.Id), DcimResource.Display(x), x.Version, v.Nested(Devices, x.DeviceId),
            x.Name, x.Label, x.Type, v.Nested(PowerPorts, x.PowerPortId), x.FeedLeg, x.Status, x.MarkConnected, x.Description,
            v.CableOf(TerminationKind.PowerOutlet, x.Id)),
        Read = (b, x) =>
        {
            b.Ref("device", Devices, id => x.DeviceId = id);
            b.Text("name", s => x.Name = s, required: true, maxLength: 100);
            b.OptionalText("label", s => x.Label = s, maxLength: 64);
            b.OptionalText("type", s => x.Type = s, maxLength: 50);
            b.OptionalRef("power_port", PowerPorts, id => x.PowerPortId = id);
            b.OptionalText("feed_leg", s => x.FeedLeg = s, maxLength: 50);
            b.Text("status", s => x.Status = s);
            b.Flag("mark_connected", f => x.MarkConnected = f);
            b.Text("description", s => x.Description = s);
        },
    }
        .With("name", DcimResource.Text<PowerOutlet>(x => x.Name))
        .With("device", DcimResource.Relation<PowerOutlet>((_, x) => x.DeviceId, Devices))
        .With("power_port", DcimResource.Relation<PowerOutlet>((_, x) => x.PowerPortId, PowerPorts))
        .With("site", DcimResource.Relation<PowerOutlet>((i, x) => i.DeviceById.TryGetValue(x.DeviceId, out var d) ? d.SiteId : null, Sites));

    public static readonly DcimResource<Interface, InterfaceJson> Interfaces = new DcimResource<Interface, InterfaceJson>("interfaces", "interface", "interfaces")
    {
        List = i => i.Interfaces,
        ToJson = (v, x) => new InterfaceJson(x.Id, v.Url(Interfaces!, x.Id), DcimResource.Display(x), x.Version, v.Nested(Devices, x.DeviceId),
            x.Name, x.Type, x.MarkConnected, v.CableOf(TerminationKind.Interface, x.Id)),
        Read = (b, x) =>
        {
            b.Ref("device", Devices, id => x.DeviceId = id);
            b.Text("name", s => x.Name = s, required: true, maxLength: 100);
            b.Text("type", s => x.Type = s, maxLength: 50);
            b.Flag("mark_connected", f => x.MarkConnected = f);
        },
    }
        .With("name", DcimResource.Text<Interface>(x => x.Name))
        .With("device", DcimResource.Relation<Interface>((_, x) => x.DeviceId, Devices))
        .With("site", DcimResource.Relation<Interface>((i, x) => i.DeviceById.TryGetValue(x.DeviceId, out var d) ? d.SiteId : null, Sites));

    public static readonly DcimResource<Cable, CableJson> Cables = new DcimResource<Cable, CableJson>("cables", "cable", "cables")
    {
        List = i => i.Cables,
        ToJson = (v, x) => new CableJson(x.Id, v.Url(Cables!, x.Id), DcimResource.Display(x), x.Version, x.Status, x.Label, x.Length, x.LengthUnit,
            v.Terminations(x, CableEnd.A), v.Terminations(x, CableEnd.B)),
        Read = (b, x) =>
        {
            ReadTerminations(b, x, "a_terminations", CableEnd.A);
            ReadTerminations(b, x, "b_terminations", CableEnd.B);
            b.Text("status", s => x.Status = s);
            b.Text("label", s => x.Label = s, maxLength: 100);
            b.OptionalDecimal("length", Cable.LengthMaxDigits, Cable.LengthDecimalPlaces, d => x.Length = d);
            b.OptionalText("length_unit", s => x.LengthUnit = s, maxLength: 50);
        },
    }
        .With("label", DcimResource.Text<Cable>(x => x.Label))
        .With("status", DcimResource.Text<Cable>(x => x.Status))
        // Cables at a device (any of its components) or at a panel (any of its feeds), as NetBox's cable filters.
        .With("device", new DcimAttribute((inst, e, v) => ((Cable)e).Terminations.Any(t =>
            TerminationDeviceId(inst, t) is { } id && DcimResource.RelationMatches(inst, id, Devices, v)), Devices))
        .With("power_panel", new DcimAttribute((inst, e, v) => ((Cable)e).Terminations.Any(t =>
            TerminationPanelId(inst, t) is { } id && DcimResource.RelationMatches(inst, id, PowerPanels, v)), PowerPanels));

    public static IReadOnlyList<DcimResource> All { get; } =
        [Sites, Locations, Racks, PowerPanels, PowerFeeds, Manufacturers, DeviceRoles, DeviceTypes, PowerPortTemplates, PowerOutletTemplates, Devices, PowerPorts, PowerOutlets, Interfaces, Cables];

    public static DcimResource ForTermination(TerminationKind kind) => kind switch
    {
        TerminationKind.PowerFeed => PowerFeeds,
        TerminationKind.PowerPort => PowerPorts,
        TerminationKind.PowerOutlet => PowerOutlets,
        _ => Interfaces,
    };

    /// <summary>
    /// One end of a cable: <c>[{"object_type": "dcim.powerport", "object_id": 7}]</c>. Given, it replaces that end.
    /// <c>object_id</c> may also be an object of attributes (PowerMap extension), e.g.
    /// <c>{"device": {"name": "PDU1"}, "name": "Inlet"}</c>. Unknown ids are left to the cable rules, which name them.
    /// </summary>
    private static void ReadTerminations(DcimBody b, Cable cable, string field, CableEnd end)
    {
        if (!b.TryGet(field, out var value))
        {
            return;
        }
        if (value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
        {
            b.Errors.Add(field, $"Expected a list of items but got type \"{JsonFields.KindName(value)}\".");
            return;
        }
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [];
        var parsed = new List<CableTermination>();
        int before = b.Errors.Count;
        for (int position = 0; position < items.Count; position++)
        {
            var f = new JsonFields(items[position], $"{field}[{position}]", b.Errors);
            if (!f.IsObject)
            {
                continue;
            }
            var objectType = f.String("object_type", required: true);
            TerminationKind kind = default;
            bool knownType = objectType is not null && TerminationKindExtensions.TryParseObjectType(objectType, out kind);
            if (objectType is not null && !knownType)
            {
                b.Errors.Add(f.At("object_type"), objectType.Contains('.', StringComparison.Ordinal)
                    ? $"Invalid content type: {objectType}"
                    : "Invalid value. Specify a content type as '<app_label>.<model_name>'.");
            }
            int? objectId = null;
            if (!f.TryGet("object_id", out var idValue))
            {
                b.Errors.Add(f.At("object_id"), Messages.Required);
            }
            else if (idValue.ValueKind == JsonValueKind.Null)
            {
                b.Errors.Add(f.At("object_id"), DcimBody.MayNotBeNull);
            }
            else if (idValue.ValueKind == JsonValueKind.Object)
            {
                objectId = knownType ? b.Resolve(f.At("object_id"), ForTermination(kind), idValue) : null;
            }
            else if (DcimResource.AsId(idValue) is { } id)
            {
                objectId = id;
            }
            else
            {
                b.Errors.Add(f.At("object_id"), "A valid integer is required.");
            }
            f.TryGet("object", out _); // read-only: the nested object of a response
            f.RejectUnknown();
            if (knownType && objectId is { } oid)
            {
                parsed.Add(new CableTermination { End = end, Kind = kind, ObjectId = oid, Position = position });
            }
        }
        if (b.Errors.Count == before)
        {
            cable.Terminations.RemoveAll(t => t.End == end);
            cable.Terminations.AddRange(parsed);
        }
    }

    /// <summary>
    /// A device's role: text (kept as given, a free-text role reads back), or NetBox's forms — an id, or an object of the
    /// role's attributes (<c>{"id": 5}</c>, <c>{"slug": "pdu"}</c>) — which store that role's name.
    /// </summary>
    private static void ReadRole(DcimBody b, Device x)
    {
        if (!b.TryGet("role", out var v) || v.ValueKind is JsonValueKind.String or JsonValueKind.Null)
        {
            b.Text("role", s => x.Role = s, maxLength: 100);
            return;
        }
        if (b.Resolve("role", DeviceRoles, v) is { } id)
        {
            x.Role = b.Inst.DeviceRoleById[id].Name;
        }
    }

    private static int? TerminationDeviceId(Installation inst, CableTermination t) => t.Kind switch
    {
        TerminationKind.PowerPort => inst.PortById.TryGetValue(t.ObjectId, out var p) ? p.DeviceId : null,
        TerminationKind.PowerOutlet => inst.OutletById.TryGetValue(t.ObjectId, out var o) ? o.DeviceId : null,
        TerminationKind.Interface => inst.InterfaceById.TryGetValue(t.ObjectId, out var i) ? i.DeviceId : null,
        _ => null,
    };

    private static int? TerminationPanelId(Installation inst, CableTermination t) =>
        t.Kind == TerminationKind.PowerFeed && inst.FeedById.TryGetValue(t.ObjectId, out var f) ? f.PowerPanelId : null;
}

using System.Text.Json;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

public enum ImportMode
{
    /// <summary>Add the document's objects to what exists (names must be new).</summary>
    Merge,

    /// <summary>Replace the whole database with the document.</summary>
    Replace,
}

/// <summary>The outcome of reading a topology document: the installation it leads to, or the errors by JSON path.</summary>
public sealed record ImportPlan(Installation Result, IReadOnlyList<Entity> Added, ValidationErrors Errors)
{
    public bool IsValid => Errors.IsValid;
}

/// <summary>
/// Turns a topology document (api.md §1) into a new <see cref="Installation"/>, validating every object with the
/// rules of power-model.md §6 against everything before it, in dependency order. Pure: nothing is written here.
/// Objects get the ids they will have in the database (after the current maximum, or from 1 when replacing),
/// so messages that name ids (duplicate cable terminations) are true after the write.
/// </summary>
public sealed class TopologyImporter
{
    public static readonly JsonDocumentOptions JsonOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    private readonly Installation _inst;
    private readonly ValidationErrors _errors = new();
    private readonly List<Entity> _added = [];
    private readonly Dictionary<Type, int> _nextId = [];
    private readonly HashSet<(Type Kind, int NetBoxId)> _netBoxIds = [];
    private readonly Dictionary<string, List<Device>> _devicesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PowerPanel>> _panelsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Rack>> _racksByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DeviceType>> _typesByModel = new(StringComparer.Ordinal);

    private TopologyImporter(Installation start, Installation idFloor)
    {
        _inst = start;
        _nextId[typeof(Site)] = idFloor.MaxId(idFloor.Sites) + 1;
        _nextId[typeof(Location)] = idFloor.MaxId(idFloor.Locations) + 1;
        _nextId[typeof(Rack)] = idFloor.MaxId(idFloor.Racks) + 1;
        _nextId[typeof(PowerPanel)] = idFloor.MaxId(idFloor.PowerPanels) + 1;
        _nextId[typeof(PowerFeed)] = idFloor.MaxId(idFloor.PowerFeeds) + 1;
        _nextId[typeof(DeviceType)] = idFloor.MaxId(idFloor.DeviceTypes) + 1;
        _nextId[typeof(PowerPortTemplate)] = idFloor.MaxId(idFloor.PowerPortTemplates) + 1;
        _nextId[typeof(PowerOutletTemplate)] = idFloor.MaxId(idFloor.PowerOutletTemplates) + 1;
        _nextId[typeof(Device)] = idFloor.MaxId(idFloor.Devices) + 1;
        _nextId[typeof(PowerPort)] = idFloor.MaxId(idFloor.PowerPorts) + 1;
        _nextId[typeof(PowerOutlet)] = idFloor.MaxId(idFloor.PowerOutlets) + 1;
        _nextId[typeof(Interface)] = idFloor.MaxId(idFloor.Interfaces) + 1;
        _nextId[typeof(Cable)] = idFloor.MaxId(idFloor.Cables) + 1;
        _nextId[typeof(Manufacturer)] = idFloor.MaxId(idFloor.Manufacturers) + 1;
        _nextId[typeof(DeviceRole)] = idFloor.MaxId(idFloor.DeviceRoles) + 1;
        foreach (var e in start.All().Where(e => e.NetBoxId is not null))
        {
            _netBoxIds.Add((e.GetType(), e.NetBoxId!.Value));
        }
        foreach (var d in start.Devices)
        {
            Index(_devicesByName, start.DeviceDisplay(d), d);
        }
        foreach (var p in start.PowerPanels)
        {
            Index(_panelsByName, p.Name, p);
        }
        foreach (var r in start.Racks)
        {
            Index(_racksByName, r.Name, r);
        }
        foreach (var t in start.DeviceTypes)
        {
            Index(_typesByModel, t.Model, t);
        }
    }

    /// <summary>Parses and validates a document given as JSON text.</summary>
    public static ImportPlan Plan(Installation current, string json, ImportMode mode)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var errors = new ValidationErrors().Add(ValidationErrors.NonField, "JSON parse error - " + ex.Message);
            return new ImportPlan(current, [], errors);
        }
        using (doc)
        {
            return Plan(current, doc.RootElement, mode);
        }
    }

    /// <summary>The same from UTF-8 bytes (a file read from the browser): a large document is never held as a string.</summary>
    public static ImportPlan Plan(Installation current, ReadOnlyMemory<byte> utf8, ImportMode mode)
    {
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8, JsonOptions);
        }
        catch (JsonException ex)
        {
            return new ImportPlan(current, [], new ValidationErrors().Add(ValidationErrors.NonField, "JSON parse error - " + ex.Message));
        }
        using (doc)
        {
            return Plan(current, doc.RootElement, mode);
        }
    }

    public static ImportPlan Plan(Installation current, JsonElement root, ImportMode mode)
    {
        // Replace starts from nothing; ids restart at 1 because the tables are emptied too.
        var importer = mode == ImportMode.Replace
            ? new TopologyImporter(Installation.Empty, Installation.Empty)
            : new TopologyImporter(current.Copy(), current);
        importer.Run(root);
        return importer._errors.IsValid
            ? new ImportPlan(importer._inst, importer._added, importer._errors)
            : new ImportPlan(current, [], importer._errors);
    }

    private void Run(JsonElement rootElement)
    {
        var root = new JsonFields(rootElement, "", _errors);
        if (!root.IsObject)
        {
            return;
        }
        Section(root, "sites", Site);
        Section(root, "locations", Location);
        Section(root, "racks", Rack);
        Section(root, "power_panels", PowerPanel);
        Section(root, "power_feeds", PowerFeed);
        Section(root, "manufacturers", f => Catalog(f, new Manufacturer()));
        Section(root, "device_roles", f => Catalog(f, new DeviceRole { Color = f.String("color", maxLength: 6) ?? DeviceRole.DefaultColor }));
        Section(root, "device_types", DeviceType);
        Section(root, "devices", Device);
        Section(root, "cables", Cable);
        root.RejectUnknown();
    }

    private void Section(JsonFields root, string name, Action<JsonFields> read)
    {
        var items = root.Array(name);
        for (int i = 0; i < items.Count; i++)
        {
            var f = new JsonFields(items[i], $"{name}[{i}]", _errors);
            if (f.IsObject)
            {
                read(f);
            }
        }
    }

    private void Site(JsonFields f)
    {
        var before = _errors.Count;
        var site = new Site { Name = f.String("name", required: true) ?? "", Description = f.String("description") ?? "", NetBoxId = f.Int("netbox_id", 1, DcimValidator.PositiveIntMax) };
        // Absent or empty: generated from the name, as NetBox's forms do.
        site.Slug = f.String("slug", maxLength: Slugs.MaxLength) ?? "";
        f.RejectUnknown();
        Commit(f, before, site, DcimValidator.Site(_inst, site), _inst.Add);
    }

    private void Catalog<T>(JsonFields f, T entry) where T : CatalogEntry
    {
        var before = _errors.Count;
        entry.Name = f.String("name", required: true) ?? "";
        entry.Slug = f.String("slug", maxLength: Slugs.MaxLength) ?? "";
        entry.Description = f.String("description") ?? "";
        entry.NetBoxId = f.Int("netbox_id", 1, DcimValidator.PositiveIntMax);
        f.RejectUnknown();
        Commit(f, before, entry, DcimValidator.CatalogEntry(_inst, entry), e => _inst.AddCatalogEntry(e));
    }

    private void Location(JsonFields f)
    {
        var before = _errors.Count;
        var name = f.String("name", required: true);
        var site = SiteRef(f, "site", required: true);
        var netBoxId = f.Int("netbox_id", 1, DcimValidator.PositiveIntMax);
        f.RejectUnknown();
        if (_errors.Count > before)
        {
            return;
        }
        var location = new Location { Name = name!, SiteId = site!.Id, NetBoxId = netBoxId };
        Commit(f, before, location, DcimValidator.Location(_inst, location), _inst.Add);
    }

    private void Rack(JsonFields f)
    {
        var before = _errors.Count;
        var name = f.String("name", required: true);
        var site = SiteRef(f, "site", required: true);
        var location = site is null ? null : LocationRef(f, "location", site);
        var facility = f.String("facility_id");
        var netBoxId = f.Int("netbox_id", 1, DcimValidator.PositiveIntMax);
        f.RejectUnknown();
        if (_errors.Count > before)
        {
            return;
        }
        var rack = new Rack { Name = name!, SiteId = site!.Id, LocationId = location?.Id, FacilityId = string.IsNullOrEmpty(facility) ? null : facility, NetBoxId = netBoxId };
        if (Commit(f, before, rack, DcimValidator.Rack(_inst, rack), _inst.Add))
        {
            Index(_racksByName, rack.Name, rack);
        }
    }

    private void PowerPanel(JsonFields f)
    {
        var before = _errors.Count;
        var name = f.String("name", required: true);
        var site = SiteRef(f, "site", required: true);
        var location = site is null ? null : LocationRef(f, "location", site);
        // PowerMap's main-breaker rating: optional (older documents have none), ranges and the all-or-none rule in the validator.
        var ratedVoltage = f.Int("rated_voltage", 1, DcimValidator.SmallIntMax);
        var ratedAmperage = f.Int("rated_amperage", 1, DcimValidator.SmallIntMax);
        var ratedPhase = f.String("rated_phase");
        var netBoxId = f.Int("netbox_id", 1, DcimValidator.PositiveIntMax);
        f.RejectUnknown();
        if (_errors.Count > before)
        {
            return;
        }
        var panel = new PowerPanel
        {
            Name = name!, SiteId = site!.Id, LocationId = location?.Id,
            RatedVoltage = ratedVoltage, RatedAmperage = ratedAmperage, RatedPhase = ratedPhase, NetBoxId = netBoxId,
        };
        if (Commit(f, before, panel, DcimValidator.PowerPanel(_inst, panel), _inst.Add))
        {
            Index(_panelsByName, panel.Name, panel);
        }
    }

    private void PowerFeed(JsonFields f)
    {
        var before = _errors.Count;
        var name = f.String("name", required: true);
        var siteName = f.String("site");
        var panel = PanelRef(f, "power_panel", siteName);
        Rack? rack = null;
        var (rackName, rackLocation) = Qualified(f, "rack", "location", "name");
        if (rackName is not null && panel is not null)
        {
            // The rack is looked up in the panel's site; a rack elsewhere is named in the site rule's message.
            rack = RackRef(f.At("rack"), panel.SiteId, rackLocation, rackName, [("name", rackName)]);
        }
        var feed = new PowerFeed
        {
            Name = name ?? "",
            Status = f.String("status") ?? "active",
            Type = f.String("type") ?? "primary",
            Supply = f.String("supply") ?? Choices.Ac,
            Phase = f.String("phase") ?? Choices.SinglePhase,
            Voltage = f.Int("voltage", DcimValidator.SmallIntMin, DcimValidator.SmallIntMax, 120, nullable: false) ?? 120,
            Amperage = f.Int("amperage", 1, DcimValidator.SmallIntMax, 15, nullable: false) ?? 15,
            MaxUtilization = f.Int("max_utilization", 1, 100, 80, nullable: false) ?? 80,
            MarkConnected = f.Bool("mark_connected"),
            Description = f.String("description") ?? "",
            Comments = f.String("comments", maxLength: 100_000) ?? "",
            NetBoxId = f.Int("netbox_id", 1, DcimValidator.PositiveIntMax),
        };
        f.RejectUnknown();
        if (_errors.Count > before)
        {
            return;
        }
        feed.PowerPanelId = panel!.Id;
        feed.RackId = rack?.Id;
        Commit(f, before, feed, DcimValidator.PowerFeed(_inst, feed), _inst.Add);
    }

    private void DeviceType(JsonFields f)
    {
        var before = _errors.Count;
        var type = new DeviceType { Model = f.String("model", required: true) ?? "", Manufacturer = f.String("manufacturer") ?? "", NetBoxId = f.Int("netbox_id", 1, DcimValidator.PositiveIntMax) };
        var portItems = f.Array("power_port_templates");
        var outletItems = f.Array("power_outlet_templates");
        f.RejectUnknown();
        if (_errors.Count > before || !Commit(f, before, type, DcimValidator.DeviceType(_inst, type), _inst.Add))
        {
            return;
        }
        Index(_typesByModel, type.Model, type);
        for (int i = 0; i < portItems.Count; i++)
        {
            var pf = new JsonFields(portItems[i], f.At($"power_port_templates[{i}]"), _errors);
            if (!pf.IsObject)
            {
                continue;
            }
            var pb = _errors.Count;
            var t = new PowerPortTemplate
            {
                DeviceTypeId = type.Id,
                Name = pf.String("name", required: true) ?? "",
                Label = NullIfEmpty(pf.String("label")),
                Type = NullIfEmpty(pf.String("type")),
                MaximumDrawWatts = pf.Int("maximum_draw", 1, DcimValidator.PositiveIntMax),
                AllocatedDrawWatts = pf.Int("allocated_draw", 1, DcimValidator.PositiveIntMax),
                NetBoxId = pf.Int("netbox_id", 1, DcimValidator.PositiveIntMax),
            };
            pf.RejectUnknown();
            Commit(pf, pb, t, DcimValidator.PowerPortTemplate(_inst, t), _inst.Add);
        }
        for (int i = 0; i < outletItems.Count; i++)
        {
            var of = new JsonFields(outletItems[i], f.At($"power_outlet_templates[{i}]"), _errors);
            if (!of.IsObject)
            {
                continue;
            }
            var ob = _errors.Count;
            var portName = of.String("power_port");
            int? portId = null;
            if (portName is not null)
            {
                if (_inst.PortTemplateByName.TryGetValue((type.Id, portName), out var pt))
                {
                    portId = pt.Id;
                }
                else
                {
                    NotFound(of.At("power_port"), ("name", portName));
                }
            }
            var t = new PowerOutletTemplate
            {
                DeviceTypeId = type.Id,
                Name = of.String("name", required: true) ?? "",
                Label = NullIfEmpty(of.String("label")),
                Type = NullIfEmpty(of.String("type")),
                PowerPortTemplateId = portId,
                FeedLeg = NullIfEmpty(of.String("feed_leg")),
                NetBoxId = of.Int("netbox_id", 1, DcimValidator.PositiveIntMax),
            };
            of.RejectUnknown();
            if (_errors.Count == ob)
            {
                Commit(of, ob, t, DcimValidator.PowerOutletTemplate(_inst, t), _inst.Add);
            }
        }
    }

    private void Device(JsonFields f)
    {
        var before = _errors.Count;
        // NetBox allows an unnamed device (null); it is then shown as "{manufacturer} {model} ({id})".
        var name = f.String("name");
        var site = SiteRef(f, "site", required: true);
        var location = site is null ? null : LocationRef(f, "location", site);
        Rack? rack = null;
        var (rackName, rackLocation) = Qualified(f, "rack", "location", "name");
        if (rackName is not null && site is not null)
        {
            // A rack of that name at exactly one other site is reported by the site rule ("Rack R9 does not belong to site DC1.").
            rack = RackRef(f.At("rack"), site.Id, rackLocation ?? location?.Name, rackName, [("site", site.Name), ("name", rackName)]);
        }
        DeviceType? type = null;
        var (model, manufacturer) = Qualified(f, "device_type", "manufacturer", "model");
        if (model is not null)
        {
            var types = (_typesByModel.TryGetValue(model, out var sameModel) ? sameModel : [])
                .Where(t => manufacturer is null || t.Manufacturer == manufacturer).Take(2).ToList();
            var attributes = manufacturer is null ? new[] { ("model", model) } : [("manufacturer", manufacturer), ("model", model)];
            if (types.Count == 1)
            {
                type = types[0];
            }
            else
            {
                _errors.Add(f.At("device_type"), types.Count == 0 ? RelatedNotFound(attributes) : RelatedAmbiguous(attributes));
            }
        }
        var device = new Device
        {
            Name = name ?? "",
            Role = f.String("role") ?? "",
            Status = f.String("status") ?? "active",
            NetBoxId = f.Int("netbox_id", 1, DcimValidator.PositiveIntMax),
            RatedVoltAmps = f.Int("rated_va", 1, DcimValidator.PositiveIntMax),
        };
        var portItems = f.Array("power_ports");
        var outletItems = f.Array("power_outlets");
        var interfaceItems = f.Array("interfaces");
        // false: the listed components are the device's whole set (an export of a device that no longer matches its type).
        var instantiateTemplates = f.Bool(DeviceComponents.InstantiateTemplatesField, fallback: true);
        f.RejectUnknown();
        if (_errors.Count > before)
        {
            return;
        }
        device.SiteId = site!.Id;
        device.LocationId = location?.Id;
        device.RackId = rack?.Id;
        device.DeviceTypeId = type?.Id;
        if (!Commit(f, before, device, DcimValidator.Device(_inst, device), _inst.Add))
        {
            return;
        }
        Index(_devicesByName, _inst.DeviceDisplay(device), device);

        // Components: the type's templates first (ports, then outlets mapped by port name), then the listed ones,
        // which add to or refine those of the same name.
        var (ports, templateOutlets) = type is null || !instantiateTemplates ? ([], []) : DeviceComponents.FromTemplates(_inst, type, device);
        var portSources = new Dictionary<PowerPort, (JsonFields Fields, bool Parsed)>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < portItems.Count; i++)
        {
            var pf = new JsonFields(portItems[i], f.At($"power_ports[{i}]"), _errors);
            if (!pf.IsObject)
            {
                continue;
            }
            var pb = _errors.Count;
            var pname = pf.String("name", required: true) ?? "";
            var port = ports.Find(p => p.Name == pname);
            if (port is null)
            {
                port = new PowerPort { DeviceId = device.Id, Name = pname };
                ports.Add(port);
            }
            if (pf.TryGet("label", out _)) port.Label = NullIfEmpty(pf.String("label"));
            if (pf.TryGet("type", out _)) port.Type = NullIfEmpty(pf.String("type"));
            if (pf.TryGet("maximum_draw", out _)) port.MaximumDrawWatts = pf.Int("maximum_draw", 1, DcimValidator.PositiveIntMax);
            if (pf.TryGet("allocated_draw", out _)) port.AllocatedDrawWatts = pf.Int("allocated_draw", 1, DcimValidator.PositiveIntMax);
            port.MarkConnected = pf.Bool("mark_connected", port.MarkConnected);
            if (pf.TryGet("description", out _)) port.Description = pf.String("description") ?? "";
            if (pf.TryGet("netbox_id", out _)) port.NetBoxId = pf.Int("netbox_id", 1, DcimValidator.PositiveIntMax);
            pf.RejectUnknown();
            portSources[port] = (pf, _errors.Count == pb);
        }
        foreach (var port in ports)
        {
            var (pf, parsed) = portSources.TryGetValue(port, out var src) ? src : (f, true);
            if (parsed)
            {
                Commit(pf, _errors.Count, port, DcimValidator.PowerPort(_inst, port), _inst.Add);
            }
        }

        var outlets = new List<PowerOutlet>();
        foreach (var (outlet, portName) in templateOutlets)
        {
            outlet.PowerPortId = portName is not null && _inst.PortByName.TryGetValue((device.Id, portName), out var pp) ? pp.Id : null;
            outlets.Add(outlet);
        }
        var outletSources = new Dictionary<PowerOutlet, (JsonFields Fields, bool Parsed)>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < outletItems.Count; i++)
        {
            var of = new JsonFields(outletItems[i], f.At($"power_outlets[{i}]"), _errors);
            if (!of.IsObject)
            {
                continue;
            }
            var ob = _errors.Count;
            var oname = of.String("name", required: true) ?? "";
            var outlet = outlets.Find(o => o.Name == oname);
            if (outlet is null)
            {
                outlet = new PowerOutlet { DeviceId = device.Id, Name = oname };
                outlets.Add(outlet);
            }
            if (of.TryGet("label", out _)) outlet.Label = NullIfEmpty(of.String("label"));
            if (of.TryGet("type", out _)) outlet.Type = NullIfEmpty(of.String("type"));
            if (of.TryGet("feed_leg", out _)) outlet.FeedLeg = NullIfEmpty(of.String("feed_leg"));
            if (of.TryGet("status", out _)) outlet.Status = of.String("status") ?? "enabled";
            outlet.MarkConnected = of.Bool("mark_connected", outlet.MarkConnected);
            if (of.TryGet("description", out _)) outlet.Description = of.String("description") ?? "";
            if (of.TryGet("netbox_id", out _)) outlet.NetBoxId = of.Int("netbox_id", 1, DcimValidator.PositiveIntMax);
            if (of.TryGet("power_port", out _))
            {
                var portName = of.String("power_port");
                outlet.PowerPortId = null;
                if (portName is not null)
                {
                    if (_inst.PortByName.TryGetValue((device.Id, portName), out var pp))
                    {
                        outlet.PowerPortId = pp.Id;
                    }
                    else
                    {
                        NotFound(of.At("power_port"), ("device", device.Name), ("name", portName));
                    }
                }
            }
            of.RejectUnknown();
            outletSources[outlet] = (of, _errors.Count == ob);
        }
        foreach (var outlet in outlets)
        {
            var (of, parsed) = outletSources.TryGetValue(outlet, out var src) ? src : (f, true);
            if (parsed)
            {
                Commit(of, _errors.Count, outlet, DcimValidator.PowerOutlet(_inst, outlet), _inst.Add);
            }
        }
        for (int i = 0; i < interfaceItems.Count; i++)
        {
            var itf = new JsonFields(interfaceItems[i], f.At($"interfaces[{i}]"), _errors);
            if (!itf.IsObject)
            {
                continue;
            }
            var ib = _errors.Count;
            var iface = new Interface
            {
                DeviceId = device.Id,
                Name = itf.String("name", required: true) ?? "",
                Type = itf.String("type") ?? "1000base-t",
                MarkConnected = itf.Bool("mark_connected"),
            };
            itf.RejectUnknown();
            if (_errors.Count == ib)
            {
                Commit(itf, ib, iface, DcimValidator.Interface(_inst, iface), _inst.Add);
            }
        }
    }

    private void Cable(JsonFields f)
    {
        var before = _errors.Count;
        var cable = new Cable
        {
            Status = f.String("status") ?? "connected",
            Label = f.String("label") ?? "",
            Length = f.Decimal("length", Dcim.Cable.LengthMaxDigits, Dcim.Cable.LengthDecimalPlaces),
            LengthUnit = NullIfEmpty(f.String("length_unit")),
            NetBoxId = f.Int("netbox_id", 1, DcimValidator.PositiveIntMax),
        };
        foreach (var (key, end) in new[] { ("a", CableEnd.A), ("b", CableEnd.B) })
        {
            var items = f.Array(key);
            for (int i = 0; i < items.Count; i++)
            {
                var tf = new JsonFields(items[i], f.At($"{key}[{i}]"), _errors);
                if (tf.IsObject && Termination(tf) is { } t)
                {
                    cable.Terminations.Add(new CableTermination { End = end, Kind = t.Kind, ObjectId = t.Id, Position = i });
                }
            }
        }
        f.RejectUnknown();
        if (_errors.Count > before)
        {
            return;
        }
        Commit(f, before, cable, DcimValidator.Cable(_inst, cable), c =>
        {
            foreach (var t in c.Terminations)
            {
                t.CableId = c.Id;
            }
            _inst.Add(c);
        });
    }

    private (TerminationKind Kind, int Id)? Termination(JsonFields f)
    {
        var before = _errors.Count;
        var siteName = f.String("site");
        if (f.TryGet("power_feed", out _))
        {
            var panel = PanelRef(f, "power_panel", siteName);
            var feedName = f.String("power_feed", required: true);
            f.RejectUnknown();
            if (_errors.Count > before)
            {
                return null;
            }
            if (_inst.FeedByName.TryGetValue((panel!.Id, feedName!), out var feed))
            {
                return (TerminationKind.PowerFeed, feed.Id);
            }
            NotFound(f.At("power_feed"), ("power_panel", panel.Name), ("name", feedName!));
            return null;
        }
        var device = DeviceRef(f, "device", siteName);
        (TerminationKind, string)? component = null;
        foreach (var (key, kind) in new[] { ("power_port", TerminationKind.PowerPort), ("power_outlet", TerminationKind.PowerOutlet), ("interface", TerminationKind.Interface) })
        {
            if (f.TryGet(key, out _))
            {
                component = (kind, key);
            }
        }
        if (component is null)
        {
            f.RejectUnknown();
            _errors.Add(f.Path, "A termination needs power_panel + power_feed, or device + power_port, power_outlet or interface.");
            return null;
        }
        var (componentKind, componentKey) = component.Value;
        var componentName = f.String(componentKey, required: true);
        f.RejectUnknown();
        if (_errors.Count > before || device is null)
        {
            return null;
        }
        int? id = componentKind switch
        {
            TerminationKind.PowerPort => _inst.PortByName.TryGetValue((device.Id, componentName!), out var p) ? p.Id : null,
            TerminationKind.PowerOutlet => _inst.OutletByName.TryGetValue((device.Id, componentName!), out var o) ? o.Id : null,
            _ => _inst.InterfaceByName.TryGetValue((device.Id, componentName!), out var i) ? i.Id : null,
        };
        if (id is null)
        {
            NotFound(f.At(componentKey), ("device", device.Name), ("name", componentName!));
            return null;
        }
        return (componentKind, id.Value);
    }

    private Site? SiteRef(JsonFields f, string field, bool required)
    {
        var name = f.String(field, required: required);
        if (name is null)
        {
            return null;
        }
        if (_inst.SiteByName.TryGetValue(name, out var site))
        {
            return site;
        }
        NotFound(f.At(field), ("name", name));
        return null;
    }

    private Location? LocationRef(JsonFields f, string field, Site site)
    {
        var name = f.String(field);
        if (name is null)
        {
            return null;
        }
        if (_inst.LocationByName.TryGetValue((site.Id, name), out var location))
        {
            return location;
        }
        // A location at another site is reported by the site rule, as NetBox does.
        var elsewhere = _inst.Locations.Where(l => l.Name == name).ToList();
        if (elsewhere.Count == 1)
        {
            return elsewhere[0];
        }
        NotFound(f.At(field), ("site", site.Name), ("name", name));
        return null;
    }

    /// <summary>
    /// A reference given as a name, or as an object of the name and one qualifier (<c>{"location": "Row 1", "name": "R1"}</c>,
    /// <c>{"manufacturer": "Dell", "model": "R640"}</c>) where the name alone is ambiguous.
    /// </summary>
    private (string? Name, string? Qualifier) Qualified(JsonFields f, string field, string qualifierKey, string nameKey)
    {
        if (f.TryGet(field, out var v) && v.ValueKind == JsonValueKind.Object)
        {
            var of = new JsonFields(v, f.At(field), _errors);
            var name = of.String(nameKey, required: true);
            var qualifier = of.String(qualifierKey);
            of.RejectUnknown();
            return (name, qualifier);
        }
        return (f.String(field), null);
    }

    /// <summary>
    /// A rack of a site by name, and location when given (racks are unique per site and location); several of that
    /// name in the site and no location → ambiguous. None in the site: a single rack of that name elsewhere, for the
    /// site rule to name in its message.
    /// </summary>
    private Rack? RackRef(string path, int siteId, string? locationName, string rackName, (string, string)[] attributes)
    {
        var named = _racksByName.TryGetValue(rackName, out var list) ? list : [];
        var inSite = named.Where(r => r.SiteId == siteId).ToList();
        if (locationName is not null && inSite.Count > 1)
        {
            inSite = inSite.Where(r => r.LocationId is { } l && _inst.LocationById[l].Name == locationName).ToList();
        }
        if (inSite.Count == 1)
        {
            return inSite[0];
        }
        if (inSite.Count > 1)
        {
            _errors.Add(path, RelatedAmbiguous(attributes));
            return null;
        }
        if (named.Count == 1)
        {
            return named[0];
        }
        _errors.Add(path, RelatedNotFound(attributes));
        return null;
    }

    private PowerPanel? PanelRef(JsonFields f, string field, string? siteName)
    {
        var name = f.String(field, required: true);
        if (name is null)
        {
            return null;
        }
        var candidates = _panelsByName.TryGetValue(name, out var list) ? list : [];
        return Single(f.At(field), candidates, p => siteName is null || _inst.SiteById[p.SiteId].Name == siteName, siteName, name);
    }

    private Device? DeviceRef(JsonFields f, string field, string? siteName)
    {
        var name = f.String(field, required: true);
        if (name is null)
        {
            return null;
        }
        var candidates = _devicesByName.TryGetValue(name, out var list) ? list : [];
        return Single(f.At(field), candidates, d => siteName is null || _inst.SiteById[d.SiteId].Name == siteName, siteName, name);
    }

    private T? Single<T>(string path, List<T> candidates, Func<T, bool> filter, string? siteName, string name) where T : class
    {
        var matches = candidates.Where(filter).Take(2).ToList();
        var attributes = siteName is null ? new[] { ("name", name) } : [("site", siteName), ("name", name)];
        if (matches.Count == 1)
        {
            return matches[0];
        }
        _errors.Add(path, matches.Count == 0 ? RelatedNotFound(attributes) : RelatedAmbiguous(attributes));
        return null;
    }

    private void NotFound(string path, params (string Key, string Value)[] attributes) => _errors.Add(path, RelatedNotFound(attributes));

    /// <summary>NetBox's message for a nested reference that matches nothing.</summary>
    public static string RelatedNotFound(IEnumerable<(string Key, string Value)> attributes) =>
        "Related object not found using the provided attributes: " + PythonDict(attributes);

    /// <summary>NetBox's message for a nested reference that matches several objects.</summary>
    public static string RelatedAmbiguous(IEnumerable<(string Key, string Value)> attributes) =>
        "Multiple objects match the provided attributes: " + PythonDict(attributes);

    private static string PythonDict(IEnumerable<(string Key, string Value)> attributes) =>
        "{" + string.Join(", ", attributes.Select(a => $"{Messages.PythonRepr(a.Key)}: {Messages.PythonRepr(a.Value)}")) + "}";

    /// <summary>Assigns the next id and adds the object when it has no errors; copies its errors under the item's path otherwise.</summary>
    private bool Commit<T>(JsonFields f, int errorsBefore, T entity, ValidationErrors validation, Action<T> add) where T : Entity
    {
        if (_errors.Count > errorsBefore)
        {
            return false;
        }
        if (!validation.IsValid)
        {
            foreach (var (field, messages) in validation)
            {
                foreach (var m in messages)
                {
                    _errors.Add(field == ValidationErrors.NonField ? f.Path : f.At(field), m);
                }
            }
            return false;
        }
        if (entity.NetBoxId is { } netBoxId && !_netBoxIds.Add((typeof(T), netBoxId)))
        {
            _errors.Add(f.At("netbox_id"), $"{Messages.Kind(typeof(T))} with this NetBox id already exists.");
            return false;
        }
        entity.Id = _nextId[typeof(T)]++;
        add(entity);
        _added.Add(entity);
        return true;
    }

    private static void Index<T>(Dictionary<string, List<T>> index, string name, T item)
    {
        if (!index.TryGetValue(name, out var list))
        {
            index[name] = list = [];
        }
        list.Add(item);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

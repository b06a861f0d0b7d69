using System.Text;
using System.Text.Json;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>
/// Writes an installation as a topology document (api.md §1): names only, every field written (defaults too),
/// objects in id order, so that importing an export into an empty database gives back an identical export.
/// </summary>
public static class TopologyExporter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    public static string ExportJson(Installation inst)
    {
        using var stream = new MemoryStream();
        Export(inst, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Export(Installation inst, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, WriterOptions);
        var ambiguousDevices = inst.Devices.GroupBy(inst.DeviceDisplay).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        // A rack is written with its location, and a device type with its manufacturer, only where the name alone is ambiguous.
        var ambiguousRacks = inst.Racks.GroupBy(r => (r.SiteId, r.Name)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var ambiguousModels = inst.DeviceTypes.GroupBy(t => t.Model).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var ambiguousPanels = inst.PowerPanels.GroupBy(p => p.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        string Site(int id) => inst.SiteById.TryGetValue(id, out var s) ? s.Name : "";

        w.WriteStartObject();

        w.WriteStartArray("sites");
        foreach (var s in inst.Sites)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            WriteNetBoxId(w, s);
            w.WriteString("slug", s.Slug);
            w.WriteString("description", s.Description);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("locations");
        foreach (var l in inst.Locations)
        {
            w.WriteStartObject();
            w.WriteString("name", l.Name);
            WriteNetBoxId(w, l);
            w.WriteString("site", Site(l.SiteId));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("racks");
        foreach (var r in inst.Racks)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            WriteNetBoxId(w, r);
            w.WriteString("site", Site(r.SiteId));
            WriteNullable(w, "location", r.LocationId is { } lid ? inst.LocationById[lid].Name : null);
            WriteNullable(w, "facility_id", r.FacilityId);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("power_panels");
        foreach (var p in inst.PowerPanels)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            WriteNetBoxId(w, p);
            w.WriteString("site", Site(p.SiteId));
            WriteNullable(w, "location", p.LocationId is { } lid ? inst.LocationById[lid].Name : null);
            if (p.RatedVoltage is not null || p.RatedAmperage is not null || p.RatedPhase is not null)
            {
                // PowerMap's own fields, written only when known so documents without ratings stay as they were.
                WriteNullable(w, "rated_voltage", p.RatedVoltage);
                WriteNullable(w, "rated_amperage", p.RatedAmperage);
                WriteNullable(w, "rated_phase", p.RatedPhase);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("power_feeds");
        foreach (var f in inst.PowerFeeds)
        {
            var panel = inst.PanelById[f.PowerPanelId];
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            WriteNetBoxId(w, f);
            w.WriteString("power_panel", panel.Name);
            if (ambiguousPanels.Contains(panel.Name))
            {
                w.WriteString("site", Site(panel.SiteId));
            }
            WriteRack(w, inst, f.RackId, ambiguousRacks);
            w.WriteString("status", f.Status);
            w.WriteString("type", f.Type);
            w.WriteString("supply", f.Supply);
            w.WriteString("phase", f.Phase);
            w.WriteNumber("voltage", f.Voltage);
            w.WriteNumber("amperage", f.Amperage);
            w.WriteNumber("max_utilization", f.MaxUtilization);
            w.WriteBoolean("mark_connected", f.MarkConnected);
            w.WriteString("description", f.Description);
            w.WriteString("comments", f.Comments);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        // NetBox's catalogues, only when there are any (documents without them stay as they were).
        WriteCatalog(w, "manufacturers", inst.Manufacturers);
        WriteCatalog(w, "device_roles", inst.DeviceRoles);

        var portTemplatesByType = inst.PowerPortTemplates.ToLookup(t => t.DeviceTypeId);
        var outletTemplatesByType = inst.PowerOutletTemplates.ToLookup(t => t.DeviceTypeId);
        w.WriteStartArray("device_types");
        foreach (var t in inst.DeviceTypes)
        {
            w.WriteStartObject();
            w.WriteString("model", t.Model);
            WriteNetBoxId(w, t);
            w.WriteString("manufacturer", t.Manufacturer);
            w.WriteStartArray("power_port_templates");
            foreach (var pt in portTemplatesByType[t.Id])
            {
                w.WriteStartObject();
                w.WriteString("name", pt.Name);
                WriteNetBoxId(w, pt);
                WriteNullable(w, "label", pt.Label);
                WriteNullable(w, "type", pt.Type);
                WriteNullable(w, "maximum_draw", pt.MaximumDrawWatts);
                WriteNullable(w, "allocated_draw", pt.AllocatedDrawWatts);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("power_outlet_templates");
            foreach (var ot in outletTemplatesByType[t.Id])
            {
                w.WriteStartObject();
                w.WriteString("name", ot.Name);
                WriteNetBoxId(w, ot);
                WriteNullable(w, "label", ot.Label);
                WriteNullable(w, "type", ot.Type);
                WriteNullable(w, "power_port", ot.PowerPortTemplateId is { } pid ? inst.PortTemplateById[pid].Name : null);
                WriteNullable(w, "feed_leg", ot.FeedLeg);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        var portTemplateNames = inst.PowerPortTemplates.ToLookup(t => t.DeviceTypeId, t => t.Name);
        var outletTemplateNames = inst.PowerOutletTemplates.ToLookup(t => t.DeviceTypeId, t => t.Name);
        var portsByDevice = inst.PowerPorts.ToLookup(p => p.DeviceId);
        var outletsByDevice = inst.PowerOutlets.ToLookup(o => o.DeviceId);
        var interfacesByDevice = inst.Interfaces.ToLookup(i => i.DeviceId);
        w.WriteStartArray("devices");
        foreach (var d in inst.Devices)
        {
            w.WriteStartObject();
            WriteNullable(w, "name", d.IsUnnamed ? null : d.Name);
            WriteNetBoxId(w, d);
            w.WriteString("site", Site(d.SiteId));
            WriteNullable(w, "location", d.LocationId is { } dl ? inst.LocationById[dl].Name : null);
            WriteRack(w, inst, d.RackId, ambiguousRacks);
            w.WriteString("role", d.Role);
            w.WriteString("status", d.Status);
            if (d.RatedVoltAmps is { } ratedVoltAmps)
            {
                w.WriteNumber("rated_va", ratedVoltAmps);
            }
            if (d.DeviceTypeId is { } tid && inst.DeviceTypeById[tid] is var type && ambiguousModels.Contains(type.Model))
            {
                w.WriteStartObject("device_type");
                w.WriteString("manufacturer", type.Manufacturer);
                w.WriteString("model", type.Model);
                w.WriteEndObject();
            }
            else
            {
                WriteNullable(w, "device_type", d.DeviceTypeId is { } t ? inst.DeviceTypeById[t].Model : null);
            }
            if (d.DeviceTypeId is { } typeId && !DeviceComponents.StartsWithTemplates(
                    portTemplateNames[typeId].ToList(), outletTemplateNames[typeId].ToList(), portsByDevice[d.Id].ToList(), outletsByDevice[d.Id].ToList()))
            {
                w.WriteBoolean(DeviceComponents.InstantiateTemplatesField, false);
            }
            w.WriteStartArray("power_ports");
            foreach (var p in portsByDevice[d.Id])
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                WriteNetBoxId(w, p);
                WriteNullable(w, "label", p.Label);
                WriteNullable(w, "type", p.Type);
                WriteNullable(w, "maximum_draw", p.MaximumDrawWatts);
                WriteNullable(w, "allocated_draw", p.AllocatedDrawWatts);
                w.WriteBoolean("mark_connected", p.MarkConnected);
                w.WriteString("description", p.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("power_outlets");
            foreach (var o in outletsByDevice[d.Id])
            {
                w.WriteStartObject();
                w.WriteString("name", o.Name);
                WriteNetBoxId(w, o);
                WriteNullable(w, "label", o.Label);
                WriteNullable(w, "type", o.Type);
                WriteNullable(w, "power_port", o.PowerPortId is { } pid && inst.PortById.TryGetValue(pid, out var pp) ? pp.Name : null);
                WriteNullable(w, "feed_leg", o.FeedLeg);
                w.WriteString("status", o.Status);
                w.WriteBoolean("mark_connected", o.MarkConnected);
                w.WriteString("description", o.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("interfaces");
            foreach (var i in interfacesByDevice[d.Id])
            {
                w.WriteStartObject();
                w.WriteString("name", i.Name);
                w.WriteString("type", i.Type);
                w.WriteBoolean("mark_connected", i.MarkConnected);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("cables");
        foreach (var c in inst.Cables)
        {
            w.WriteStartObject();
            WriteNetBoxId(w, c);
            foreach (var (key, end) in new[] { ("a", CableEnd.A), ("b", CableEnd.B) })
            {
                w.WriteStartArray(key);
                foreach (var t in c.End(end).OrderBy(t => t.Position))
                {
                    WriteTermination(w, inst, t, ambiguousDevices, ambiguousPanels);
                }
                w.WriteEndArray();
            }
            w.WriteString("status", c.Status);
            w.WriteString("label", c.Label);
            if (c.Length is { } length)
            {
                w.WriteNumber("length", length);
            }
            else
            {
                w.WriteNull("length");
            }
            WriteNullable(w, "length_unit", c.LengthUnit);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteEndObject();
    }

    private static void WriteTermination(Utf8JsonWriter w, Installation inst, CableTermination t, HashSet<string> ambiguousDevices, HashSet<string> ambiguousPanels)
    {
        w.WriteStartObject();
        if (t.Kind == TerminationKind.PowerFeed)
        {
            var feed = inst.FeedById[t.ObjectId];
            var panel = inst.PanelById[feed.PowerPanelId];
            w.WriteString("power_panel", panel.Name);
            w.WriteString("power_feed", feed.Name);
            if (ambiguousPanels.Contains(panel.Name))
            {
                w.WriteString("site", inst.SiteById[panel.SiteId].Name);
            }
        }
        else
        {
            var (deviceId, name, key) = t.Kind switch
            {
                TerminationKind.PowerPort => (inst.PortById[t.ObjectId].DeviceId, inst.PortById[t.ObjectId].Name, "power_port"),
                TerminationKind.PowerOutlet => (inst.OutletById[t.ObjectId].DeviceId, inst.OutletById[t.ObjectId].Name, "power_outlet"),
                _ => (inst.InterfaceById[t.ObjectId].DeviceId, inst.InterfaceById[t.ObjectId].Name, "interface"),
            };
            var device = inst.DeviceById[deviceId];
            var display = inst.DeviceDisplay(device);
            w.WriteString("device", display);
            w.WriteString(key, name);
            if (ambiguousDevices.Contains(display))
            {
                w.WriteString("site", inst.SiteById[device.SiteId].Name);
            }
        }
        w.WriteEndObject();
    }

    private static void WriteRack(Utf8JsonWriter w, Installation inst, int? rackId, HashSet<(int, string)> ambiguousRacks)
    {
        if (rackId is not { } id)
        {
            w.WriteNull("rack");
            return;
        }
        var rack = inst.RackById[id];
        if (!ambiguousRacks.Contains((rack.SiteId, rack.Name)))
        {
            w.WriteString("rack", rack.Name);
            return;
        }
        w.WriteStartObject("rack");
        WriteNullable(w, "location", rack.LocationId is { } l ? inst.LocationById[l].Name : null);
        w.WriteString("name", rack.Name);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    /// <summary><c>netbox_id</c> for an object imported from a NetBox; nothing for one made in PowerMap.</summary>
    private static void WriteNetBoxId(Utf8JsonWriter w, Entity e)
    {
        if (e.NetBoxId is { } id)
        {
            w.WriteNumber("netbox_id", id);
        }
    }

    private static void WriteCatalog(Utf8JsonWriter w, string section, IEnumerable<CatalogEntry> entries)
    {
        var list = entries.ToList();
        if (list.Count == 0)
        {
            return;
        }
        w.WriteStartArray(section);
        foreach (var e in list)
        {
            w.WriteStartObject();
            w.WriteString("name", e.Name);
            WriteNetBoxId(w, e);
            w.WriteString("slug", e.Slug);
            if (e is DeviceRole role)
            {
                w.WriteString("color", role.Color);
            }
            w.WriteString("description", e.Description);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}

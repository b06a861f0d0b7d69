using System.Globalization;
using System.Text;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>
/// Writes an installation as NetBox's CSV bulk-import files, one per object type, named in NetBox's import order
/// (<c>01-sites.csv</c> … <c>14-cables.csv</c>), with the column names of NetBox 4.x's import forms
/// (<c>dcim/forms/bulk_import.py</c>: related objects by name, a device type by model within its manufacturer,
/// cable ends as <c>side_a_site</c>/<c>side_a_device</c> or <c>side_a_power_panel</c>, <c>side_a_type</c>, <c>side_a_name</c>).
/// What NetBox requires and PowerMap may lack gets a stated default: status <c>active</c>, a role <c>unknown</c>, rack
/// and location slugs from their names. NetBox makes a device's components from its type's templates, so the power
/// port and outlet files list only the components the templates do not make; an unnamed device's own components and
/// cables are left out (NetBox's import finds a device by name).
/// </summary>
public static class NetBoxCsvExporter
{
    /// <summary>The role of a device whose role is empty (NetBox requires one).</summary>
    public const string UnknownRole = "unknown";

    /// <summary>File name → CSV text (RFC 4180, CRLF line ends, a header row), in NetBox's import order.</summary>
    public static IReadOnlyList<(string FileName, string Csv)> Export(Installation inst)
    {
        string Site(int id) => inst.SiteById[id].Name;
        string? Location(int? id) => id is { } l ? inst.LocationById[l].Name : null;
        string? Rack(int? id) => id is { } r ? inst.RackById[r].Name : null;
        string Int(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
        string Bool(bool v) => v ? "true" : "false";
        // The catalogue entries (with their slug and colour) and every name in use without one.
        var manufacturers = inst.DeviceTypes.Select(t => ManufacturerName(t)).Concat(inst.Manufacturers.Select(m => m.Name))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var roles = inst.Devices.Select(d => RoleName(d)).Concat(inst.DeviceRoles.Select(r => r.Name))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var makerByName = inst.Manufacturers.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var roleByName = inst.DeviceRoles.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var templatePorts = inst.PowerPortTemplates.Select(t => (t.DeviceTypeId, t.Name)).ToHashSet();
        var templateOutlets = inst.PowerOutletTemplates.Select(t => (t.DeviceTypeId, t.Name)).ToHashSet();
        // NetBox finds a component's device by name: an unnamed device's own components (and its cables) cannot be written.
        bool FromTemplate(HashSet<(int, string)> templates, int deviceId, string name) =>
            inst.DeviceById[deviceId].IsUnnamed || inst.DeviceById[deviceId].DeviceTypeId is { } t && templates.Contains((t, name));
        bool Writable(Cable c) => c.Terminations.All(t => t.Kind == TerminationKind.PowerFeed || !inst.DeviceById[DeviceOf(inst, t)].IsUnnamed);

        var files = new List<(string, string)>
        {
            ("01-sites.csv", Csv(["name", "slug", "status", "description"],
                inst.Sites.Select(s => new[] { s.Name, s.Slug, "active", s.Description }))),
            ("02-locations.csv", Csv(["site", "name", "slug", "status"],
                inst.Locations.Select(l => new[] { Site(l.SiteId), l.Name, Slugs.FromName(l.Name), "active" }))),
            ("03-racks.csv", Csv(["site", "location", "name", "facility_id", "status"],
                inst.Racks.Select(r => new[] { Site(r.SiteId), Location(r.LocationId) ?? "", r.Name, r.FacilityId ?? "", "active" }))),
            ("04-power-panels.csv", Csv(["site", "location", "name"],
                inst.PowerPanels.Select(p => new[] { Site(p.SiteId), Location(p.LocationId) ?? "", p.Name }))),
            ("05-power-feeds.csv", Csv(["site", "power_panel", "rack", "name", "status", "type", "supply", "phase", "voltage", "amperage",
                    "max_utilization", "mark_connected", "description", "comments"],
                inst.PowerFeeds.Select(f =>
                {
                    var panel = inst.PanelById[f.PowerPanelId];
                    return new[]
                    {
                        Site(panel.SiteId), panel.Name, Rack(f.RackId) ?? "", f.Name, f.Status, f.Type, f.Supply, f.Phase, Int(f.Voltage),
                        Int(f.Amperage), Int(f.MaxUtilization), Bool(f.MarkConnected), f.Description, f.Comments,
                    };
                }))),
            ("06-manufacturers.csv", Csv(["name", "slug"], manufacturers.Select(m => new[] { m, makerByName.TryGetValue(m, out var e) ? e.Slug : Slugs.FromName(m) }))),
            ("07-device-roles.csv", Csv(["name", "slug", "color"], roles.Select(r => roleByName.TryGetValue(r, out var e)
                ? new[] { r, e.Slug, e.Color }
                : [r, Slugs.FromName(r), DeviceRole.DefaultColor]))),
            ("08-device-types.csv", Csv(["manufacturer", "model", "slug"],
                inst.DeviceTypes.Select(t => new[] { ManufacturerName(t), t.Model, Slugs.FromName($"{ManufacturerName(t)} {t.Model}") }))),
            ("09-power-port-templates.csv", Csv(["manufacturer", "device_type", "name", "label", "type", "maximum_draw", "allocated_draw"],
                inst.PowerPortTemplates.Select(t =>
                {
                    var type = inst.DeviceTypeById[t.DeviceTypeId];
                    return new[] { ManufacturerName(type), type.Model, t.Name, t.Label ?? "", t.Type ?? "", Int(t.MaximumDrawWatts), Int(t.AllocatedDrawWatts) };
                }))),
            ("10-power-outlet-templates.csv", Csv(["manufacturer", "device_type", "name", "label", "type", "power_port", "feed_leg"],
                inst.PowerOutletTemplates.Select(t =>
                {
                    var type = inst.DeviceTypeById[t.DeviceTypeId];
                    var port = t.PowerPortTemplateId is { } p ? inst.PortTemplateById[p].Name : "";
                    return new[] { ManufacturerName(type), type.Model, t.Name, t.Label ?? "", t.Type ?? "", port, t.FeedLeg ?? "" };
                }))),
            ("11-devices.csv", Csv(["name", "role", "manufacturer", "device_type", "status", "site", "location", "rack"],
                inst.Devices.Select(d =>
                {
                    var type = d.DeviceTypeId is { } t ? inst.DeviceTypeById[t] : null;
                    var location = d.LocationId ?? (d.RackId is { } r ? inst.RackById[r].LocationId : null);
                    return new[]
                    {
                        d.Name, RoleName(d), type is null ? "" : ManufacturerName(type), type?.Model ?? "", d.Status, Site(d.SiteId),
                        Location(location) ?? "", Rack(d.RackId) ?? "",
                    };
                }))),
            ("12-power-ports.csv", Csv(["site", "device", "name", "label", "type", "mark_connected", "maximum_draw", "allocated_draw", "description"],
                inst.PowerPorts.Where(p => !FromTemplate(templatePorts, p.DeviceId, p.Name)).Select(p =>
                {
                    var d = inst.DeviceById[p.DeviceId];
                    return new[]
                    {
                        Site(d.SiteId), d.Name, p.Name, p.Label ?? "", p.Type ?? "", Bool(p.MarkConnected), Int(p.MaximumDrawWatts),
                        Int(p.AllocatedDrawWatts), p.Description,
                    };
                }))),
            ("13-power-outlets.csv", Csv(["site", "device", "name", "label", "type", "mark_connected", "power_port", "feed_leg", "description"],
                inst.PowerOutlets.Where(o => !FromTemplate(templateOutlets, o.DeviceId, o.Name)).Select(o =>
                {
                    var d = inst.DeviceById[o.DeviceId];
                    var port = o.PowerPortId is { } p && inst.PortById.TryGetValue(p, out var pp) ? pp.Name : "";
                    return new[] { Site(d.SiteId), d.Name, o.Name, o.Label ?? "", o.Type ?? "", Bool(o.MarkConnected), port, o.FeedLeg ?? "", o.Description };
                }))),
            ("14-cables.csv", Csv(["side_a_site", "side_a_device", "side_a_power_panel", "side_a_type", "side_a_name",
                    "side_b_site", "side_b_device", "side_b_power_panel", "side_b_type", "side_b_name", "status", "label", "length", "length_unit"],
                inst.Cables.Where(Writable).Select(c => End(inst, c, CableEnd.A).Concat(End(inst, c, CableEnd.B)).Concat(
                [
                    c.Status, c.Label, c.Length?.ToString(CultureInfo.InvariantCulture) ?? "", c.LengthUnit ?? "",
                ]).ToArray()))),
        };
        return files;
    }

    /// <summary>Writes the files into a directory (created if missing); returns their paths.</summary>
    public static IReadOnlyList<string> WriteTo(Installation inst, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var (name, csv) in Export(inst))
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, csv, new UTF8Encoding(false));
            paths.Add(path);
        }
        return paths;
    }

    private static string ManufacturerName(DeviceType t) => string.IsNullOrWhiteSpace(t.Manufacturer) ? "Generic" : t.Manufacturer;

    private static string RoleName(Device d) => string.IsNullOrWhiteSpace(d.Role) ? UnknownRole : d.Role;

    /// <summary>
    /// One cable end: site, device (components) or power panel (feeds), NetBox's object type and the termination
    /// names, several joined by commas as NetBox's form takes them.
    /// </summary>
    private static IEnumerable<string> End(Installation inst, Cable cable, CableEnd end)
    {
        var terms = cable.End(end).OrderBy(t => t.Position).ToList();
        if (terms.Count == 0)
        {
            return ["", "", "", "", ""];
        }
        var first = terms[0];
        var names = string.Join(",", terms.Select(t => inst.TerminationName(t.Kind, t.ObjectId)));
        if (first.Kind == TerminationKind.PowerFeed)
        {
            var panel = inst.PanelById[inst.FeedById[first.ObjectId].PowerPanelId];
            return [inst.SiteById[panel.SiteId].Name, "", panel.Name, first.Kind.ObjectType(), names];
        }
        var device = inst.DeviceById[DeviceOf(inst, first)];
        return [inst.SiteById[device.SiteId].Name, device.Name, "", first.Kind.ObjectType(), names];
    }

    private static int DeviceOf(Installation inst, CableTermination t) => t.Kind switch
    {
        TerminationKind.PowerPort => inst.PortById[t.ObjectId].DeviceId,
        TerminationKind.PowerOutlet => inst.OutletById[t.ObjectId].DeviceId,
        _ => inst.InterfaceById[t.ObjectId].DeviceId,
    };

    private static string Csv(string[] header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", header.Select(Field))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.Append(string.Join(",", row.Select(Field))).Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}

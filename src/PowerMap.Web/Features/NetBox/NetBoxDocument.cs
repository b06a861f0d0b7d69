using System.Text.Json;
using System.Text.Json.Nodes;

namespace PowerMap.Web.Features.NetBox;

/// <summary>
/// Reads a live NetBox 4.x (power objects only) and writes it as a PowerMap topology document: sites, locations,
/// racks, power panels and feeds, manufacturers, device roles, device types with their power templates, devices (with their NetBox id, their
/// power ports and outlets as they are, <c>instantiate_templates: false</c>) and the cables whose ends are all power
/// objects. Shapes read: nested objects <c>{"id", "url", "display", "name"}</c>, choices <c>{"value", "label"}</c>,
/// cable terminations <c>{"object_type", "object_id", "object"}</c> (NetBox's REST API documentation and OpenAPI schema).
/// </summary>
public static class NetBoxDocument
{
    private static readonly HashSet<string> PowerTypes = new(StringComparer.Ordinal) { "dcim.powerfeed", "dcim.powerport", "dcim.poweroutlet" };

    /// <summary>The counts read, for the preview and the report.</summary>
    public sealed record Counts(int Sites, int Racks, int PowerPanels, int PowerFeeds, int DeviceTypes, int Devices, int PowerPorts, int PowerOutlets, int Cables,
        int Locations = 0, int Manufacturers = 0, int DeviceRoles = 0);

    /// <summary>One step of the read, for a progress bar: <paramref name="Done"/> of <paramref name="Total"/> lists read.</summary>
    public sealed record Step(int Done, int Total, string What);

    private static readonly string[] Lists =
    [
        "sites", "locations", "racks", "power-panels", "power-feeds", "manufacturers", "device-roles", "device-types", "power-port-templates", "power-outlet-templates",
        "devices", "power-ports", "power-outlets", "cables",
    ];

    public static async Task<(string Document, Counts Counts, string Version)> ReadAsync(NetBoxClient nb, CancellationToken ct, IProgress<Step>? progress = null)
    {
        progress?.Report(new Step(0, Lists.Length + 1, "status"));
        var version = await nb.VersionAsync(ct);
        var read = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        for (int i = 0; i < Lists.Length; i++)
        {
            progress?.Report(new Step(i + 1, Lists.Length + 1, Lists[i].Replace('-', ' ')));
            read[Lists[i]] = await nb.ListAsync($"dcim/{Lists[i]}/", ct);
        }
        progress?.Report(new Step(Lists.Length + 1, Lists.Length + 1, "done"));
        var (sites, locations, racks, panels, feeds) = (read["sites"], read["locations"], read["racks"], read["power-panels"], read["power-feeds"]);
        var (types, portTemplates, outletTemplates) = (read["device-types"], read["power-port-templates"], read["power-outlet-templates"]);
        var (devices, ports, outlets) = (read["devices"], read["power-ports"], read["power-outlets"]);
        var cables = read["cables"].Where(IsPowerCable).ToList();

        var siteName = sites.ToDictionary(Id, s => Str(s, "name"));
        var locationName = locations.ToDictionary(Id, l => Str(l, "name"));
        var rackById = racks.ToDictionary(Id);
        var panelById = panels.ToDictionary(Id);
        var typeById = types.ToDictionary(Id);
        var deviceById = devices.ToDictionary(Id);
        var portById = ports.ToDictionary(Id);
        var outletById = outlets.ToDictionary(Id);

        JsonNode? RackRef(JsonElement owner)
        {
            if (NestedId(owner, "rack") is not { } rid || !rackById.TryGetValue(rid, out var rack))
            {
                return null;
            }
            // With its location, so that racks of one name in two locations stay apart.
            return NestedId(rack, "location") is { } lid
                ? new JsonObject { ["location"] = locationName[lid], ["name"] = Str(rack, "name") }
                : Str(rack, "name");
        }
        JsonObject TypeRef(int typeId) => new()
        {
            ["manufacturer"] = NestedName(typeById[typeId], "manufacturer"),
            ["model"] = Str(typeById[typeId], "model"),
        };
        string DeviceRef(int id)
        {
            var d = deviceById[id];
            // An unnamed device is referenced as NetBox (and PowerMap) displays it: "{manufacturer} {model} ({id})".
            return OptionalStr(d, "name") ?? $"{NestedName(typeById[NestedId(d, "device_type")!.Value], "manufacturer")} {Str(typeById[NestedId(d, "device_type")!.Value], "model")} ({id})";
        }

        var doc = new JsonObject
        {
            ["sites"] = Array(sites.Select(s => new JsonObject { ["netbox_id"] = Id(s), ["name"] = Str(s, "name"), ["slug"] = OptionalStr(s, "slug"), ["description"] = OptionalStr(s, "description") ?? "" })),
            ["locations"] = Array(locations.Select(l => new JsonObject { ["netbox_id"] = Id(l), ["name"] = Str(l, "name"), ["site"] = siteName[NestedId(l, "site")!.Value] })),
            ["racks"] = Array(racks.Select(r => new JsonObject
            {
                ["netbox_id"] = Id(r), ["name"] = Str(r, "name"), ["site"] = siteName[NestedId(r, "site")!.Value],
                ["location"] = NestedId(r, "location") is { } l ? locationName[l] : null, ["facility_id"] = OptionalStr(r, "facility_id"),
            })),
            ["power_panels"] = Array(panels.Select(p => new JsonObject
            {
                ["netbox_id"] = Id(p), ["name"] = Str(p, "name"), ["site"] = siteName[NestedId(p, "site")!.Value],
                ["location"] = NestedId(p, "location") is { } l ? locationName[l] : null,
            })),
            ["power_feeds"] = Array(feeds.Select(f =>
            {
                var panel = panelById[NestedId(f, "power_panel")!.Value];
                return new JsonObject
                {
                    ["netbox_id"] = Id(f), ["name"] = Str(f, "name"), ["power_panel"] = Str(panel, "name"), ["site"] = siteName[NestedId(panel, "site")!.Value],
                    ["rack"] = RackRef(f), ["status"] = Choice(f, "status"), ["type"] = Choice(f, "type"), ["supply"] = Choice(f, "supply"),
                    ["phase"] = Choice(f, "phase"), ["voltage"] = f.GetProperty("voltage").GetInt32(), ["amperage"] = f.GetProperty("amperage").GetInt32(),
                    ["max_utilization"] = f.GetProperty("max_utilization").GetInt32(), ["mark_connected"] = Bool(f, "mark_connected"),
                    ["description"] = OptionalStr(f, "description") ?? "", ["comments"] = OptionalStr(f, "comments") ?? "",
                };
            })),
            ["manufacturers"] = Array(read["manufacturers"].Select(m => new JsonObject
            {
                ["netbox_id"] = Id(m), ["name"] = Str(m, "name"), ["slug"] = OptionalStr(m, "slug"), ["description"] = OptionalStr(m, "description") ?? "",
            })),
            ["device_roles"] = Array(read["device-roles"].Select(r => new JsonObject
            {
                ["netbox_id"] = Id(r), ["name"] = Str(r, "name"), ["slug"] = OptionalStr(r, "slug"), ["color"] = OptionalStr(r, "color"),
                ["description"] = OptionalStr(r, "description") ?? "",
            })),
            ["device_types"] = Array(types.Select(t => new JsonObject
            {
                ["netbox_id"] = Id(t), ["model"] = Str(t, "model"), ["manufacturer"] = NestedName(t, "manufacturer"),
                ["power_port_templates"] = Array(portTemplates.Where(pt => NestedId(pt, "device_type") == Id(t)).Select(pt => new JsonObject
                {
                    ["netbox_id"] = Id(pt), ["name"] = Str(pt, "name"), ["label"] = OptionalStr(pt, "label"), ["type"] = Choice(pt, "type"),
                    ["maximum_draw"] = OptionalInt(pt, "maximum_draw"), ["allocated_draw"] = OptionalInt(pt, "allocated_draw"),
                })),
                ["power_outlet_templates"] = Array(outletTemplates.Where(ot => NestedId(ot, "device_type") == Id(t)).Select(ot => new JsonObject
                {
                    ["netbox_id"] = Id(ot), ["name"] = Str(ot, "name"), ["label"] = OptionalStr(ot, "label"), ["type"] = Choice(ot, "type"),
                    ["power_port"] = OptionalNestedName(ot, "power_port"), ["feed_leg"] = Choice(ot, "feed_leg"),
                })),
            })),
            ["devices"] = Array(devices.Select(d => new JsonObject
            {
                ["name"] = OptionalStr(d, "name"), ["netbox_id"] = Id(d), ["site"] = siteName[NestedId(d, "site")!.Value],
                ["location"] = NestedId(d, "location") is { } l ? locationName[l] : null, ["rack"] = RackRef(d),
                // NetBox 4 calls it role; 3.x device_role.
                ["role"] = OptionalNestedName(d, "role") ?? OptionalNestedName(d, "device_role") ?? "", ["status"] = Choice(d, "status"),
                ["device_type"] = TypeRef(NestedId(d, "device_type")!.Value), ["instantiate_templates"] = false,
                ["power_ports"] = Array(ports.Where(p => NestedId(p, "device") == Id(d)).Select(p => new JsonObject
                {
                    ["netbox_id"] = Id(p), ["name"] = Str(p, "name"), ["label"] = OptionalStr(p, "label"), ["type"] = Choice(p, "type"),
                    ["maximum_draw"] = OptionalInt(p, "maximum_draw"), ["allocated_draw"] = OptionalInt(p, "allocated_draw"),
                    ["mark_connected"] = Bool(p, "mark_connected"), ["description"] = OptionalStr(p, "description") ?? "",
                })),
                ["power_outlets"] = Array(outlets.Where(o => NestedId(o, "device") == Id(d)).Select(o => new JsonObject
                {
                    ["netbox_id"] = Id(o), ["name"] = Str(o, "name"), ["label"] = OptionalStr(o, "label"), ["type"] = Choice(o, "type"),
                    ["power_port"] = OptionalNestedName(o, "power_port"), ["feed_leg"] = Choice(o, "feed_leg"),
                    ["mark_connected"] = Bool(o, "mark_connected"), ["description"] = OptionalStr(o, "description") ?? "",
                })),
            })),
            ["cables"] = Array(cables.Select(c => new JsonObject
            {
                ["netbox_id"] = Id(c),
                ["a"] = Array(c.GetProperty("a_terminations").EnumerateArray().Select(Termination)),
                ["b"] = Array(c.GetProperty("b_terminations").EnumerateArray().Select(Termination)),
                ["status"] = Choice(c, "status") ?? "connected", ["label"] = OptionalStr(c, "label") ?? "",
            })),
        };
        var counts = new Counts(sites.Count, racks.Count, panels.Count, feeds.Count, types.Count, devices.Count, ports.Count, outlets.Count, cables.Count,
            locations.Count, read["manufacturers"].Count, read["device-roles"].Count);
        return (doc.ToJsonString(), counts, version);

        JsonObject Termination(JsonElement t)
        {
            var type = Str(t, "object_type");
            int id = t.GetProperty("object_id").GetInt32();
            if (type == "dcim.powerfeed")
            {
                // A feed's panel and site come from PowerMap's copy of the feed list (the nested object has the name only).
                var feed = feeds.First(f => Id(f) == id);
                var panel = panelById[NestedId(feed, "power_panel")!.Value];
                return new JsonObject { ["power_panel"] = Str(panel, "name"), ["power_feed"] = Str(feed, "name"), ["site"] = siteName[NestedId(panel, "site")!.Value] };
            }
            var component = type == "dcim.powerport" ? portById[id] : outletById[id];
            int deviceId = NestedId(component, "device")!.Value;
            return new JsonObject
            {
                ["device"] = DeviceRef(deviceId),
                [type == "dcim.powerport" ? "power_port" : "power_outlet"] = Str(component, "name"),
                ["site"] = siteName[NestedId(deviceById[deviceId], "site")!.Value],
            };
        }
    }

    private static bool IsPowerCable(JsonElement cable) =>
        new[] { "a_terminations", "b_terminations" }.All(end => cable.TryGetProperty(end, out var ts) && ts.ValueKind == JsonValueKind.Array &&
            ts.GetArrayLength() > 0 && ts.EnumerateArray().All(t => PowerTypes.Contains(Str(t, "object_type"))));

    private static JsonArray Array(IEnumerable<JsonNode> items) => new([.. items]);

    private static int Id(JsonElement e) => e.GetProperty("id").GetInt32();

    private static string Str(JsonElement e, string field) => e.GetProperty(field).GetString() ?? "";

    private static string? OptionalStr(JsonElement e, string field) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static int? OptionalInt(JsonElement e, string field) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static bool Bool(JsonElement e, string field) => e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>A choice field <c>{"value", "label"}</c> (or null, or a bare value).</summary>
    private static string? Choice(JsonElement e, string field) => !e.TryGetProperty(field, out var v) ? null : v.ValueKind switch
    {
        JsonValueKind.Object when v.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s => s,
        JsonValueKind.String when v.GetString() is { Length: > 0 } s => s,
        _ => null,
    };

    private static int? NestedId(JsonElement e, string field) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Object ? v.GetProperty("id").GetInt32() : null;

    private static string NestedName(JsonElement e, string field) => OptionalNestedName(e, field) ?? "";

    private static string? OptionalNestedName(JsonElement e, string field) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Object && v.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
}

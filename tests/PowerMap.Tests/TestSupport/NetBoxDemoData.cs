using System.Text.Json;
using System.Text.Json.Nodes;

namespace PowerMap.Tests.TestSupport;

/// <summary>
/// NetBox's public demo data, the power part (TestData/netbox-demo: a Django <c>dumpdata</c> fixture of NetBox 3.6,
/// MIT licence), turned into a PowerMap topology document as a user would write it: every device keeps its NetBox
/// id, unnamed devices are referenced as NetBox displays them, and each device lists the components it really has
/// (<c>instantiate_templates: false</c>: several of its types were given templates after their devices were made).
/// </summary>
public static class NetBoxDemoData
{
    public static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "TestData", "netbox-demo", "netbox-demo-v3.6-power.json");

    /// <summary>The fixture's records of one model (e.g. <c>dcim.powerfeed</c>) by primary key.</summary>
    public static SortedDictionary<int, JsonElement> Records(JsonElement fixture, string model)
    {
        var records = new SortedDictionary<int, JsonElement>();
        foreach (var r in fixture.EnumerateArray())
        {
            if (r.GetProperty("model").GetString() == model)
            {
                records[r.GetProperty("pk").GetInt32()] = r.GetProperty("fields");
            }
        }
        return records;
    }

    public static JsonElement LoadFixture() => JsonDocument.Parse(File.ReadAllBytes(FixturePath)).RootElement;

    public static string ToTopologyDocument(JsonElement fixture)
    {
        var sites = Records(fixture, "dcim.site");
        var locations = Records(fixture, "dcim.location");
        var racks = Records(fixture, "dcim.rack");
        var panels = Records(fixture, "dcim.powerpanel");
        var feeds = Records(fixture, "dcim.powerfeed");
        var manufacturers = Records(fixture, "dcim.manufacturer");
        var roles = Records(fixture, "dcim.devicerole");
        var types = Records(fixture, "dcim.devicetype");
        var portTemplates = Records(fixture, "dcim.powerporttemplate");
        var outletTemplates = Records(fixture, "dcim.poweroutlettemplate");
        var devices = Records(fixture, "dcim.device");
        var ports = Records(fixture, "dcim.powerport");
        var outlets = Records(fixture, "dcim.poweroutlet");
        var cables = Records(fixture, "dcim.cable");
        var terminations = Records(fixture, "dcim.cabletermination");

        string Name(SortedDictionary<int, JsonElement> records, JsonElement id, string field = "name") => records[id.GetInt32()].GetProperty(field).GetString()!;
        string? OptionalName(SortedDictionary<int, JsonElement> records, JsonElement id) => id.ValueKind == JsonValueKind.Null ? null : Name(records, id);
        string? Text(JsonElement f, string field) => f.GetProperty(field) is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } s ? s : null;
        int? Int(JsonElement f, string field) => f.GetProperty(field) is { ValueKind: JsonValueKind.Number } v ? v.GetInt32() : null;
        string Manufacturer(int typeId) => Name(manufacturers, types[typeId].GetProperty("manufacturer"));
        string DeviceRef(int id)
        {
            var d = devices[id];
            return Text(d, "name") ?? $"{Manufacturer(d.GetProperty("device_type").GetInt32())} {types[d.GetProperty("device_type").GetInt32()].GetProperty("model").GetString()} ({id})";
        }

        var doc = new JsonObject
        {
            ["sites"] = new JsonArray([.. sites.Values.Select(s => new JsonObject
            {
                ["name"] = Text(s, "name"), ["slug"] = Text(s, "slug"), ["description"] = Text(s, "description") ?? "",
            })]),
            ["locations"] = new JsonArray([.. locations.Values.Select(l => new JsonObject { ["name"] = Text(l, "name"), ["site"] = Name(sites, l.GetProperty("site")) })]),
            ["racks"] = new JsonArray([.. racks.Values.Select(r => new JsonObject
            {
                ["name"] = Text(r, "name"), ["site"] = Name(sites, r.GetProperty("site")),
                ["location"] = OptionalName(locations, r.GetProperty("location")), ["facility_id"] = Text(r, "facility_id"),
            })]),
            ["power_panels"] = new JsonArray([.. panels.Values.Select(p => new JsonObject
            {
                ["name"] = Text(p, "name"), ["site"] = Name(sites, p.GetProperty("site")), ["location"] = OptionalName(locations, p.GetProperty("location")),
            })]),
            ["power_feeds"] = new JsonArray([.. feeds.Values.Select(f => new JsonObject
            {
                ["name"] = Text(f, "name"),
                ["power_panel"] = Name(panels, f.GetProperty("power_panel")),
                ["site"] = Name(sites, panels[f.GetProperty("power_panel").GetInt32()].GetProperty("site")),
                ["rack"] = OptionalName(racks, f.GetProperty("rack")),
                ["status"] = Text(f, "status"), ["type"] = Text(f, "type"), ["supply"] = Text(f, "supply"), ["phase"] = Text(f, "phase"),
                ["voltage"] = Int(f, "voltage"), ["amperage"] = Int(f, "amperage"), ["max_utilization"] = Int(f, "max_utilization"),
                ["mark_connected"] = f.GetProperty("mark_connected").GetBoolean(),
            })]),
            ["device_types"] = new JsonArray([.. types.Select(t => new JsonObject
            {
                ["model"] = Text(t.Value, "model"),
                ["manufacturer"] = Manufacturer(t.Key),
                ["power_port_templates"] = new JsonArray([.. portTemplates.Values.Where(pt => pt.GetProperty("device_type").GetInt32() == t.Key).Select(pt => new JsonObject
                {
                    ["name"] = Text(pt, "name"), ["label"] = Text(pt, "label"), ["type"] = Text(pt, "type"),
                    ["maximum_draw"] = Int(pt, "maximum_draw"), ["allocated_draw"] = Int(pt, "allocated_draw"),
                })]),
                ["power_outlet_templates"] = new JsonArray([.. outletTemplates.Values.Where(ot => ot.GetProperty("device_type").GetInt32() == t.Key).Select(ot => new JsonObject
                {
                    ["name"] = Text(ot, "name"), ["label"] = Text(ot, "label"), ["type"] = Text(ot, "type"),
                    ["power_port"] = OptionalName(portTemplates, ot.GetProperty("power_port")), ["feed_leg"] = Text(ot, "feed_leg"),
                })]),
            })]),
            ["devices"] = new JsonArray([.. devices.Select(d => new JsonObject
            {
                ["name"] = Text(d.Value, "name"),
                ["netbox_id"] = d.Key,
                ["site"] = Name(sites, d.Value.GetProperty("site")),
                ["location"] = OptionalName(locations, d.Value.GetProperty("location")),
                ["rack"] = OptionalName(racks, d.Value.GetProperty("rack")),
                ["role"] = Name(roles, d.Value.GetProperty("role")),
                ["status"] = Text(d.Value, "status"),
                ["device_type"] = new JsonObject { ["manufacturer"] = Manufacturer(d.Value.GetProperty("device_type").GetInt32()), ["model"] = Name(types, d.Value.GetProperty("device_type"), "model") },
                ["instantiate_templates"] = false,
                ["power_ports"] = new JsonArray([.. ports.Values.Where(p => p.GetProperty("device").GetInt32() == d.Key).Select(p => new JsonObject
                {
                    ["name"] = Text(p, "name"), ["label"] = Text(p, "label"), ["type"] = Text(p, "type"),
                    ["maximum_draw"] = Int(p, "maximum_draw"), ["allocated_draw"] = Int(p, "allocated_draw"),
                    ["mark_connected"] = p.GetProperty("mark_connected").GetBoolean(),
                })]),
                ["power_outlets"] = new JsonArray([.. outlets.Values.Where(o => o.GetProperty("device").GetInt32() == d.Key).Select(o => new JsonObject
                {
                    ["name"] = Text(o, "name"), ["label"] = Text(o, "label"), ["type"] = Text(o, "type"),
                    ["power_port"] = OptionalName(ports, o.GetProperty("power_port")), ["feed_leg"] = Text(o, "feed_leg"),
                    ["mark_connected"] = o.GetProperty("mark_connected").GetBoolean(),
                })]),
            })]),
            ["cables"] = new JsonArray([.. cables.Select(c => new JsonObject
            {
                ["a"] = Ends(c.Key, "A"),
                ["b"] = Ends(c.Key, "B"),
                ["status"] = Text(c.Value, "status"),
                ["label"] = Text(c.Value, "label") ?? "",
            })]),
        };
        return doc.ToJsonString();

        JsonArray Ends(int cableId, string end) => new([.. terminations.Values
            .Where(t => t.GetProperty("cable").GetInt32() == cableId && t.GetProperty("cable_end").GetString() == end)
            .Select(t =>
            {
                var kind = t.GetProperty("termination_type")[1].GetString();
                int objectId = t.GetProperty("termination_id").GetInt32();
                var component = kind == "powerport" ? ports[objectId] : outlets[objectId];
                int deviceId = component.GetProperty("device").GetInt32();
                return (JsonNode)new JsonObject
                {
                    ["device"] = DeviceRef(deviceId),
                    ["site"] = Name(sites, devices[deviceId].GetProperty("site")),
                    [kind == "powerport" ? "power_port" : "power_outlet"] = Text(component, "name"),
                };
            })]);
    }
}

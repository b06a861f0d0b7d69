using System.Net;
using System.Text;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Dcim;

// Every rule of power-model.md §4 and §6 through the REST API: 400 problem, NetBox's message under the right key,
// nothing changed. Plus what bad input must never do: a 500.
public class DcimApiValidationTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    // The seed example plus: a second site with a location, a rack with a facility id, a panel with a feed marked
    // connected and a free feed, a second PDU type, a device whose inlet has a label and is marked connected, switches.
    private const string Extra = """
        {"sites": [{"name": "DC2"}],
         "locations": [{"name": "Room-2", "site": "DC2"}],
         "racks": [{"name": "R2", "site": "DC2", "facility_id": "F-02"}],
         "power_panels": [{"name": "Panel 2", "site": "DC2"}],
         "power_feeds": [{"name": "Feed M", "power_panel": "Panel 2", "mark_connected": true}, {"name": "Feed 9", "power_panel": "Panel 2"}],
         "device_types": [{"model": "PDU-4", "power_port_templates": [{"name": "Inlet"}]}],
         "devices": [{"name": "PDU9", "site": "DC2", "power_ports": [{"name": "Inlet", "label": "L1", "mark_connected": true}],
                      "power_outlets": [{"name": "Outlet 1", "mark_connected": true}]},
                     {"name": "SW1", "site": "DC1", "interfaces": [{"name": "eth0"}]},
                     {"name": "SW2", "site": "DC1", "interfaces": [{"name": "eth0"}]}]}
        """;

    private const string Feed = """ "power_panel": {"site": "DC1", "name": "Panel 1"}, "name": "Feed 9" """;
    private const string Outlet3 = """{"object_type": "dcim.poweroutlet", "object_id": {"device": {"name": "PDU1"}, "name": "Outlet 3"}}""";

    public static TheoryData<string, string, string, string, string, string, string> Rules => new()
    {
        // why, method, resource, look-up of the PATCH target, body, error key, message
        { "panel location in another site", "POST", "power-panels", "", """{"site": {"name": "DC1"}, "location": {"name": "Room-2"}, "name": "Panel 9"}""",
            "non_field_errors", "Location Room-2 (DC2) is in a different site than DC1" },
        { "feed rack in another site", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "rack": {"name": "R2"}}""",
            "non_field_errors", "Rack R2 (F-02) (DC2) and power panel Panel 1 (DC1) are in different sites." },
        { "feed rack moved to another site", "PATCH", "power-feeds", "name=Feed 1", """{"rack": {"site": "DC2", "name": "R2"}}""",
            "non_field_errors", "Rack R2 (F-02) (DC2) and power panel Panel 1 (DC1) are in different sites." },
        { "negative AC voltage", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "voltage": -230}""", "voltage", "Voltage cannot be negative for AC supply" },
        { "negative AC voltage by supply", "PATCH", "power-feeds", "name=Feed 1", """{"voltage": -48}""", "voltage", "Voltage cannot be negative for AC supply" },
        { "zero voltage", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "voltage": 0}""", "voltage", "This value may not be 0." },
        { "voltage too high", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "voltage": 32768}""", "voltage", "Ensure this value is less than or equal to 32767." },
        { "voltage too low", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "voltage": -32769, "supply": "dc"}""", "voltage", "Ensure this value is greater than or equal to -32768." },
        { "huge voltage", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "voltage": 99999999999999999999999}""", "voltage", "Ensure this value is less than or equal to 32767." },
        { "huge negative amperage", "PATCH", "power-feeds", "name=Feed 1", """{"amperage": -99999999999999999999999}""", "amperage", "Ensure this value is greater than or equal to 1." },
        { "amperage 0", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "amperage": 0}""", "amperage", "Ensure this value is greater than or equal to 1." },
        { "amperage too high", "PATCH", "power-feeds", "name=Feed 1", """{"amperage": 32768}""", "amperage", "Ensure this value is less than or equal to 32767." },
        { "max utilization 0", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "max_utilization": 0}""", "max_utilization", "Ensure this value is greater than or equal to 1." },
        { "max utilization 101", "PATCH", "power-feeds", "name=Feed 1", """{"max_utilization": 101}""", "max_utilization", "Ensure this value is less than or equal to 100." },
        { "maximum draw 0", "POST", "power-ports", "", """{"device": {"name": "Server"}, "name": "PSU9", "maximum_draw": 0}""", "maximum_draw", "Ensure this value is greater than or equal to 1." },
        { "allocated draw 0", "PATCH", "power-ports", "device=Server&name=PSU1", """{"allocated_draw": 0}""", "allocated_draw", "Ensure this value is greater than or equal to 1." },
        { "maximum draw too high", "POST", "power-port-templates", "", """{"device_type": {"model": "PDU-8"}, "name": "X", "maximum_draw": 2147483648}""", "maximum_draw", "Ensure this value is less than or equal to 2147483647." },
        { "template allocated draw 0", "POST", "power-port-templates", "", """{"device_type": {"model": "PDU-8"}, "name": "X", "allocated_draw": 0}""", "allocated_draw", "Ensure this value is greater than or equal to 1." },
        { "allocated above maximum", "POST", "power-ports", "", """{"device": {"name": "Server"}, "name": "PSU9", "maximum_draw": 600, "allocated_draw": 700}""",
            "allocated_draw", "Allocated draw cannot exceed the maximum draw (600W)." },
        { "allocated raised above maximum", "PATCH", "power-ports", "device=Server&name=PSU1", """{"allocated_draw": 601}""",
            "allocated_draw", "Allocated draw cannot exceed the maximum draw (600W)." },
        { "template allocated above maximum", "POST", "power-port-templates", "", """{"device_type": {"model": "PDU-8"}, "name": "X", "maximum_draw": 100, "allocated_draw": 101}""",
            "allocated_draw", "Allocated draw cannot exceed the maximum draw (100W)." },
        { "outlet's port on another device", "POST", "power-outlets", "", """{"device": {"name": "PDU1"}, "name": "Outlet 9", "power_port": {"device": {"name": "PDU2"}, "name": "Inlet"}}""",
            "non_field_errors", "Parent power port (Inlet) must belong to the same device" },
        { "outlet remapped to a labelled port on another device", "PATCH", "power-outlets", "device=PDU1&name=Outlet 1", """{"power_port": {"device": {"name": "PDU9"}, "name": "Inlet"}}""",
            "non_field_errors", "Parent power port (Inlet (L1)) must belong to the same device" },
        { "outlet template's port on another type", "POST", "power-outlet-templates", "",
            """{"device_type": {"model": "PDU-8"}, "name": "Outlet 9", "power_port": {"device_type": {"model": "PDU-4"}, "name": "Inlet"}}""",
            "non_field_errors", "Parent power port (Inlet) must belong to the same device type" },
        { "outlet moved", "PATCH", "power-outlets", "device=PDU1&name=Outlet 1", """{"device": {"name": "PDU2"}}""", "device", "Components cannot be moved to a different device." },
        { "port moved", "PATCH", "power-ports", "device=Server&name=PSU1", """{"device": {"name": "Router"}}""", "device", "Components cannot be moved to a different device." },
        { "interface moved", "PATCH", "interfaces", "device=SW1", """{"device": {"name": "SW2"}}""", "device", "Components cannot be moved to a different device." },
        { "feed status", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "status": "broken"}""", "status", "Value 'broken' is not a valid choice." },
        { "feed type", "PATCH", "power-feeds", "name=Feed 1", """{"type": "tertiary"}""", "type", "Value 'tertiary' is not a valid choice." },
        { "feed supply", "PATCH", "power-feeds", "name=Feed 1", """{"supply": "ac/dc"}""", "supply", "Value 'ac/dc' is not a valid choice." },
        { "feed phase", "PATCH", "power-feeds", "name=Feed 1", """{"phase": "two-phase"}""", "phase", "Value 'two-phase' is not a valid choice." },
        { "outlet feed leg", "PATCH", "power-outlets", "device=PDU1&name=Outlet 1", """{"feed_leg": "D"}""", "feed_leg", "Value 'D' is not a valid choice." },
        { "outlet status", "PATCH", "power-outlets", "device=PDU1&name=Outlet 1", """{"status": "on"}""", "status", "Value 'on' is not a valid choice." },
        { "outlet template feed leg", "POST", "power-outlet-templates", "", """{"device_type": {"model": "PDU-8"}, "name": "X", "feed_leg": "N"}""", "feed_leg", "Value 'N' is not a valid choice." },
        { "port type", "PATCH", "power-ports", "device=Server&name=PSU1", """{"type": "iec-60320-c99"}""", "type", "Value 'iec-60320-c99' is not a valid choice." },
        { "device status", "PATCH", "devices", "name=Server", """{"status": "sleeping"}""", "status", "Value 'sleeping' is not a valid choice." },
        { "cable status", "PATCH", "cables", "device=Server&limit=1", """{"status": "cut"}""", "status", "Value 'cut' is not a valid choice." },
        { "cable length unit", "PATCH", "cables", "device=Server&limit=1", """{"length": 3, "length_unit": "parsec"}""", "length_unit", "Value 'parsec' is not a valid choice." },
        { "duplicate feed", "POST", "power-feeds", "", """{"power_panel": {"name": "Panel 1"}, "name": "Feed 1"}""", "non_field_errors", "Power feed with this Power panel and Name already exists." },
        { "feed renamed to a taken name", "PATCH", "power-feeds", "name=Feed 2", """{"name": "Feed 1"}""", "non_field_errors", "Power feed with this Power panel and Name already exists." },
        { "duplicate site", "POST", "sites", "", """{"name": "DC1"}""", "non_field_errors", "Site with this Name already exists." },
        { "duplicate location", "POST", "locations", "", """{"site": {"name": "DC2"}, "name": "Room-2"}""", "non_field_errors", "Location with this Site and Name already exists." },
        { "duplicate rack", "POST", "racks", "", """{"site": {"name": "DC1"}, "name": "R1"}""", "non_field_errors", "Rack with this Site and Name already exists." },
        { "duplicate panel", "POST", "power-panels", "", """{"site": {"name": "DC1"}, "name": "Panel 1"}""", "non_field_errors", "Power panel with this Site and Name already exists." },
        { "duplicate device type", "POST", "device-types", "", """{"model": "PDU-8", "manufacturer": "Generic"}""", "non_field_errors", "Device type with this Manufacturer and Model already exists." },
        { "duplicate port template", "POST", "power-port-templates", "", """{"device_type": {"model": "PDU-8"}, "name": "Inlet"}""", "non_field_errors", "Power port template with this Device type and Name already exists." },
        { "duplicate outlet template", "POST", "power-outlet-templates", "", """{"device_type": {"model": "PDU-8"}, "name": "Outlet 1"}""", "non_field_errors", "Power outlet template with this Device type and Name already exists." },
        { "duplicate device", "POST", "devices", "", """{"site": {"name": "DC1"}, "name": "PDU1"}""", "non_field_errors", "Device name must be unique per site." },
        { "duplicate port", "POST", "power-ports", "", """{"device": {"name": "PDU1"}, "name": "Inlet"}""", "non_field_errors", "Power port with this Device and Name already exists." },
        { "duplicate outlet", "POST", "power-outlets", "", """{"device": {"name": "PDU1"}, "name": "Outlet 1"}""", "non_field_errors", "Power outlet with this Device and Name already exists." },
        { "duplicate interface", "POST", "interfaces", "", """{"device": {"name": "SW1"}, "name": "eth0"}""", "non_field_errors", "Interface with this Device and Name already exists." },
        { "cable without B end", "POST", "cables", "", $$$"""{"a_terminations": [{{{Outlet3}}}], "b_terminations": []}""", "non_field_errors", "Must define A and B terminations when creating a new cable." },
        { "cable without ends", "POST", "cables", "", """{"status": "connected"}""", "non_field_errors", "Must define A and B terminations when creating a new cable." },
        { "cable end emptied", "PATCH", "cables", "device=Server&limit=1", """{"a_terminations": []}""", "non_field_errors", "Must define A and B terminations when creating a new cable." },
        { "cable mixed end", "POST", "cables", "",
            $$$"""{"a_terminations": [{{{Outlet3}}}, {"object_type": "dcim.powerfeed", "object_id": {"name": "Feed 9"}}], "b_terminations": [{"object_type": "dcim.interface", "object_id": {"device": {"name": "SW1"}, "name": "eth0"}}]}""",
            "non_field_errors", "Cannot connect different termination types to same end of cable." },
        { "cable feed to outlet", "POST", "cables", "", $$$"""{"a_terminations": [{"object_type": "dcim.powerfeed", "object_id": {"name": "Feed 9"}}], "b_terminations": [{{{Outlet3}}}]}""",
            "non_field_errors", "Incompatible termination types: powerfeed and poweroutlet" },
        { "cable outlet to outlet", "POST", "cables", "",
            $$$"""{"a_terminations": [{{{Outlet3}}}], "b_terminations": [{"object_type": "dcim.poweroutlet", "object_id": {"device": {"name": "PDU2"}, "name": "Outlet 3"}}]}""",
            "non_field_errors", "Incompatible termination types: poweroutlet and poweroutlet" },
        { "cable port to port", "POST", "cables", "",
            """{"a_terminations": [{"object_type": "dcim.powerport", "object_id": {"device": {"name": "PDU1"}, "name": "Inlet"}}], "b_terminations": [{"object_type": "dcim.powerport", "object_id": {"device": {"name": "Server"}, "name": "PSU1"}}]}""",
            "non_field_errors", "Incompatible termination types: powerport and powerport" },
        { "cable feed to feed", "POST", "cables", "",
            """{"a_terminations": [{"object_type": "dcim.powerfeed", "object_id": {"name": "Feed 9"}}], "b_terminations": [{"object_type": "dcim.powerfeed", "object_id": {"name": "Feed 1"}}]}""",
            "non_field_errors", "Incompatible termination types: powerfeed and powerfeed" },
        { "cable interface to interface", "POST", "cables", "",
            """{"a_terminations": [{"object_type": "dcim.interface", "object_id": {"device": {"name": "SW1"}}}], "b_terminations": [{"object_type": "dcim.interface", "object_id": {"device": {"name": "SW2"}}}]}""",
            "non_field_errors", "Incompatible termination types: interface and interface" },
        { "cable to a port marked connected", "POST", "cables", "",
            $$$"""{"a_terminations": [{{{Outlet3}}}], "b_terminations": [{"object_type": "dcim.powerport", "object_id": {"device": {"name": "PDU9"}, "name": "Inlet"}}]}""",
            "non_field_errors", "Cannot connect a cable to PDU9 > Inlet because it is marked as connected." },
        { "cable to a feed marked connected", "POST", "cables", "",
            """{"a_terminations": [{"object_type": "dcim.powerfeed", "object_id": {"name": "Feed M"}}], "b_terminations": [{"object_type": "dcim.powerport", "object_id": {"device": {"name": "PDU9"}, "name": "Inlet"}}]}""",
            "non_field_errors", "Cannot connect a cable to Panel 2 > Feed M because it is marked as connected." },
        { "cable to an outlet marked connected", "POST", "cables", "",
            """{"a_terminations": [{"object_type": "dcim.poweroutlet", "object_id": {"device": {"name": "PDU9"}}}], "b_terminations": [{"object_type": "dcim.powerport", "object_id": {"device": {"name": "Server"}, "name": "PSU1"}}]}""",
            "non_field_errors", "Cannot connect a cable to PDU9 > Outlet 1 because it is marked as connected." },
        { "cabled feed marked connected", "PATCH", "power-feeds", "name=Feed 1", """{"mark_connected": true}""", "mark_connected", "Cannot mark as connected with a cable attached." },
        { "cabled port marked connected", "PATCH", "power-ports", "device=PDU1&name=Inlet", """{"mark_connected": true}""", "mark_connected", "Cannot mark as connected with a cable attached." },
        { "cabled outlet marked connected", "PATCH", "power-outlets", "device=PDU1&name=Outlet 1", """{"mark_connected": true}""", "mark_connected", "Cannot mark as connected with a cable attached." },

        // Related objects given by attributes or id (NetBox's nested-object rules).
        { "no such panel", "POST", "power-feeds", "", """{"power_panel": {"name": "Nope"}, "name": "F"}""", "power_panel", "Related object not found using the provided attributes: {'name': 'Nope'}" },
        { "name with a quote", "POST", "power-feeds", "", """{"power_panel": {"name": "Bob's panel"}, "name": "F"}""", "power_panel", "Related object not found using the provided attributes: {'name': \"Bob's panel\"}" },
        { "panel by site name", "POST", "power-feeds", "", """{"power_panel": {"site": "DC2", "name": "Panel 1"}, "name": "F"}""", "power_panel", "Related object not found using the provided attributes: {'site': 'DC2', 'name': 'Panel 1'}" },
        { "ambiguous port", "POST", "power-outlets", "", """{"device": {"name": "PDU1"}, "name": "Outlet 9", "power_port": {"name": "Inlet"}}""", "power_port", "Multiple objects match the provided attributes: {'name': 'Inlet'}" },
        { "nested attributes flattened", "POST", "power-outlets", "", """{"device": {"name": "PDU1"}, "name": "Outlet 9", "power_port": {"device": {"name": "PDU1"}, "name": "Nope"}}""",
            "power_port", "Related object not found using the provided attributes: {'device__name': 'PDU1', 'name': 'Nope'}" },
        { "number attribute", "POST", "power-feeds", "", """{"power_panel": {"id": 77}, "name": "F"}""", "power_panel", "Related object not found using the provided attributes: {'id': 77}" },
        { "unknown id", "POST", "power-feeds", "", """{"power_panel": 77, "name": "F"}""", "power_panel", "Related object not found using the provided numeric ID: 77" },
        { "unknown id as string", "PATCH", "power-feeds", "name=Feed 1", """{"rack": "77"}""", "rack", "Related object not found using the provided numeric ID: 77" },
        { "unknown id with leading zeros", "PATCH", "power-feeds", "name=Feed 1", """{"rack": " 0077"}""", "rack", "Related object not found using the provided numeric ID: 77" },
        { "unknown id as a float", "POST", "power-feeds", "", """{"power_panel": 77.0, "name": "F"}""", "power_panel", "Related object not found using the provided numeric ID: 77" },
        { "reference by bare name", "POST", "power-feeds", "", """{"power_panel": "Panel 1", "name": "F"}""", "power_panel",
            "Related objects must be referenced by numeric ID or by dictionary of attributes. Received an unrecognized value: Panel 1" },
        { "reference as a list", "POST", "racks", "", """{"site": [1], "name": "R9"}""", "site",
            "Related objects must be referenced by numeric ID or by dictionary of attributes. Received an unrecognized value: [1]" },
        { "unknown attribute", "POST", "power-feeds", "", """{"power_panel": {"colour": "red"}, "name": "F"}""", "power_panel",
            "Cannot resolve keyword 'colour' into field. Choices are: url, display, id, name, site, location." },
        { "unknown cable end id", "POST", "cables", "", $$$"""{"a_terminations": [{{{Outlet3}}}], "b_terminations": [{"object_type": "dcim.powerport", "object_id": 999}]}""",
            "b_terminations", "Related object not found using the provided numeric ID: 999" },
        { "unknown cable end type", "POST", "cables", "", $$$"""{"a_terminations": [{{{Outlet3}}}], "b_terminations": [{"object_type": "dcim.rack", "object_id": 1}]}""",
            "b_terminations[0].object_type", "Invalid content type: dcim.rack" },
        { "cable end not a list", "POST", "cables", "", """{"a_terminations": "dcim.powerfeed:1"}""", "a_terminations", "Expected a list of items but got type \"str\"." },
        { "cable end item not an object", "POST", "cables", "", """{"a_terminations": [7]}""", "a_terminations[0]", "Invalid data. Expected a dictionary, but got int." },
        { "cable end without id", "POST", "cables", "", """{"a_terminations": [{"object_type": "dcim.powerfeed"}]}""", "a_terminations[0].object_id", "This field is required." },

        // Field types, presence and names (DRF's messages).
        { "voltage not a number", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "voltage": "abc"}""", "voltage", "A valid integer is required." },
        { "voltage a fraction", "PATCH", "power-feeds", "name=Feed 1", """{"voltage": 230.5}""", "voltage", "A valid integer is required." },
        { "voltage an object", "PATCH", "power-feeds", "name=Feed 1", """{"voltage": {"v": 230}}""", "voltage", "A valid integer is required." },
        { "voltage null", "PATCH", "power-feeds", "name=Feed 1", """{"voltage": null}""", "voltage", "This field may not be null." },
        { "flag not a boolean", "PATCH", "power-feeds", "name=Feed 1", """{"mark_connected": "yes"}""", "mark_connected", "Must be a valid boolean." },
        { "name missing", "POST", "power-feeds", "", """{"power_panel": {"name": "Panel 1"}}""", "name", "This field is required." },
        { "name blank", "PATCH", "power-feeds", "name=Feed 1", """{"name": "  "}""", "name", "This field may not be blank." },
        { "name null", "PATCH", "sites", "name=DC1", """{"name": null}""", "name", "This field may not be null." },
        { "name a list", "PATCH", "sites", "name=DC1", """{"name": ["DC1"]}""", "name", "Not a valid string." },
        { "name too long", "PATCH", "sites", "name=DC1", $$$"""{"name": "{{{new string('x', 101)}}}"}""", "name", "Ensure this field has no more than 100 characters." },
        { "panel missing", "POST", "power-feeds", "", """{"name": "F"}""", "power_panel", "This field is required." },
        { "panel null", "PATCH", "power-feeds", "name=Feed 1", """{"power_panel": null}""", "power_panel", "This field may not be null." },
        { "misspelt field", "POST", "power-feeds", "", $$$"""{{{{Feed}}}, "voltge": 230}""", "voltge", "Unknown field." },
        { "misspelt field on update", "PATCH", "devices", "name=PDU1", """{"rolee": "pdu"}""", "rolee", "Unknown field." },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Write_BreakingARule_Is400WithNetBoxsMessageOnTheField_AndChangesNothing(string why, string method, string resource, string target,
        string body, string key, string message)
    {
        var api = await DcimClient.SeededAsync(app, Extra);
        var url = target.Length == 0 ? $"/api/dcim/{resource}/" : DcimClient.Url(resource, await FirstIdAsync(api, resource, target));
        var before = await app.ExportAsync();

        var reply = await api.SendAsync(new HttpMethod(method), url, body);

        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{why}: {reply}");
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.True(reply.Errors(key).Contains(message), $"{why}: expected '{message}' under '{key}' in {reply.Body}");
        Assert.Equal(before, await app.ExportAsync());
    }

    [Fact]
    public async Task Cable_OnATerminationAlreadyCabled_NamesTheTerminationAndItsCable()
    {
        // PDU1 Outlet 3 ──✗── PDU1 Inlet (Inlet already on Feed 1's cable)
        var api = await DcimClient.SeededAsync(app);
        int inlet = await api.IdAsync("power-ports", "device=PDU1&name=Inlet");
        int cable = (await api.GetObjectAsync("power-ports", "device=PDU1&name=Inlet")).GetProperty("cable").GetProperty("id").GetInt32();

        var reply = await api.PostAsync("/api/dcim/cables/", $$$"""{"a_terminations": [{{{Outlet3}}}], "b_terminations": [{"object_type": "dcim.powerport", "object_id": {{{inlet}}}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal([$"Duplicate termination found for dcim.powerport {inlet}: cable {cable}"], reply.Errors("non_field_errors"));
    }

    [Fact]
    public async Task Cable_SameOutletToItsOwnDevicesPort_IsAccepted()
    {
        // PDU1 Outlet 8 ── PDU1 Fuse (a PDU-internal breaker, power-model.md §8)
        var api = await DcimClient.SeededAsync(app);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/dcim/power-ports/", """{"device": {"name": "PDU1"}, "name": "Fuse"}""")).Status);

        var reply = await api.PostAsync("/api/dcim/cables/",
            """{"a_terminations": [{"object_type": "dcim.poweroutlet", "object_id": {"device": {"name": "PDU1"}, "name": "Outlet 8"}}], "b_terminations": [{"object_type": "powerport", "object_id": {"device": {"name": "PDU1"}, "name": "Fuse"}}]}""");

        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "malformed", "{\"name\": " },
        { "trailing garbage", "{\"name\": \"x\"} x" },
        { "an array", "[{\"name\": \"DC9\"}]" },
        { "a string", "\"DC9\"" },
        { "a number", "42" },
        { "null", "null" },
        { "empty", "" },
        { "whitespace", "  \n " },
        { "too deep", new string('[', 100) + new string(']', 100) },
        { "comment", "{/* c */ \"name\": \"DC9\"}" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Write_BodyNotAJsonObject_Is400Problem_AndChangesNothing(string why, string body)
    {
        var api = await DcimClient.SeededAsync(app);
        var before = await app.ExportAsync();

        foreach (var (method, url) in new[] { ("POST", "/api/dcim/sites/"), ("PATCH", "/api/dcim/sites/1/"), ("PUT", "/api/dcim/sites/1/") })
        {
            if (why == "an array" && method == "POST")
            {
                continue; // a list POSTed on a list URL is NetBox's bulk create (DcimApiBulkTests)
            }
            var reply = await api.SendAsync(new HttpMethod(method), url, body);
            Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{why} {method}: {reply}");
            Assert.NotEmpty(reply.Errors("non_field_errors"));
        }
        Assert.Equal(before, await app.ExportAsync());
    }

    [Fact]
    public async Task Write_BodyNotUtf8_Is400()
    {
        var api = await DcimClient.SeededAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dcim/sites/")
        {
            Content = new ByteArrayContent([(byte)'{', (byte)'"', (byte)'n', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
        };
        request.Content.Headers.ContentType = new("application/json");

        var reply = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    [Fact]
    public async Task Write_BodyOver10MB_Is413Problem_AndChangesNothing()
    {
        var api = await DcimClient.SeededAsync(app);
        var before = await app.ExportAsync();
        var huge = "{\"description\": \"" + new string('x', 11 * 1024 * 1024) + "\"}";

        var reply = await api.PatchAsync("/api/dcim/sites/1/", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal("application/problem+json", reply.ContentType);

        // Without Content-Length (chunked), the read is capped all the same.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dcim/sites/") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))) };
        request.Content.Headers.ContentLength = null;
        request.Content.Headers.ContentType = new("application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await api.SendAsync(request)).Status);
        Assert.Equal(before, await app.ExportAsync());
    }

    private static async Task<int> FirstIdAsync(DcimClient api, string resource, string query) =>
        (await api.GetAsync($"/api/dcim/{resource}/?{query}")).Json.GetProperty("results")[0].GetProperty("id").GetInt32();
}

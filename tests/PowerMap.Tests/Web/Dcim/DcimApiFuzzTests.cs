using System.Globalization;
using System.Net;
using System.Text.Json;
using CsCheck;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Web.Dcim;

// Random bodies at every create and update endpoint: the only answers are 2xx and 4xx, and a refused write changes nothing.
public class DcimApiFuzzTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static readonly string[] Resources =
    [
        "sites", "locations", "racks", "power-panels", "power-feeds", "device-types", "power-port-templates",
        "power-outlet-templates", "devices", "power-ports", "power-outlets", "interfaces", "cables",
    ];

    // Real field names (so that wrong types reach the real readers), read-only ones, and nonsense.
    private static readonly string[] Keys =
    [
        "name", "site", "location", "rack", "power_panel", "status", "type", "supply", "phase", "voltage", "amperage", "max_utilization",
        "mark_connected", "description", "comments", "model", "manufacturer", "device_type", "label", "maximum_draw", "allocated_draw",
        "power_port", "feed_leg", "device", "role", "facility_id", "a_terminations", "b_terminations", "length", "length_unit",
        "object_type", "object_id", "id", "url", "version", "utilization", "draw", "", "voltge", "__proto__", "name\u0000", "ñame",
    ];

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (4, Gen.OneOf(
            "null", "true", "false", "0", "1", "-1", "2", "230", "100", "101", "32767", "32768", "-32769", "2147483647", "2147483648",
            "99999999999999999999999", "-99999999999999999999999", "1e400", "-1e400", "1.5", "1e30", "1.0", "\"\"", "\" \"", "\"abc\"",
            "\"DC1\"", "\"Panel 1\"", "\"PDU1\"", "\"Inlet\"", "\"Feed 1\"", "\"Outlet 1\"", "\"PDU-8\"", "\"R1\"", "\"Server\"",
            "\"dcim.powerfeed\"", "\"dcim.powerport\"", "\"dcim.poweroutlet\"", "\"dcim.interface\"", "\"dcim.rack\"", "\"powerport\"",
            "\"active\"", "\"three-phase\"", "\"dc\"", "\"A\"", "\"m\"", "\"42\"", "\"-7\"", "\"\\u0000\"", "\"\\ud800\"")),
        (2, Gen.Int[-40000, 40000].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0")),
        (2, Gen.String[0, 12].Select(s => JsonSerializer.Serialize(s))),
        (2, Gen.OneOf(
            """{"name": "Panel 1"}""", """{"site": "DC1", "name": "Panel 1"}""", """{"device": {"name": "PDU1"}, "name": "Inlet"}""",
            """{"model": "PDU-8"}""", """{"name": "DC1"}""", """{"device": {"name": "Server"}, "name": "PSU1"}""", """{"name": "Inlet"}""",
            """{"device": 1}""", """{"bogus": 1}""", """{}""", """[{"object_type": "dcim.powerfeed", "object_id": 1}]""",
            """[{"object_type": "dcim.poweroutlet", "object_id": {"device": {"name": "PDU1"}, "name": "Outlet 5"}}]""",
            """[{"object_type": "dcim.powerport", "object_id": {"device": {"name": "PDU2"}, "name": "Inlet"}}]""")));

    private static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (6, Scalar),
            (1, value.Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Gen.OneOf(Keys), value).Array[0, 3].Select(Object))));

    private static readonly Gen<string> Body = Gen.Frequency(
        (12, Gen.Select(Gen.OneOf(Keys), Value).Array[0, 6].Select(Object)),
        (1, Value),
        (1, Gen.OneOf("", "{", "{\"name\": }", "{\"name\": \"x\",}", "[]", "nul", "{\"a\": 1} {\"b\": 2}", "\u00ff\u00fe", "{\"name\": \"x\", \"name\": \"y\"}")),
        (1, Gen.String[0, 40]));

    // A valid body per resource (on the seed example), so that one wrong field reaches the deeper rules too.
    private static readonly string[] ValidBodies =
    [
        """{"name": "DC9"}""",
        """{"site": {"name": "DC1"}, "name": "Room-1"}""",
        """{"site": 1, "name": "R9", "facility_id": "F-9"}""",
        """{"site": {"name": "DC1"}, "name": "Panel 9"}""",
        """{"power_panel": {"site": "DC1", "name": "Panel 1"}, "rack": 1, "name": "Feed 9", "voltage": 400, "amperage": 32, "phase": "three-phase"}""",
        """{"model": "UPS-1", "manufacturer": "ACME"}""",
        """{"device_type": {"model": "PDU-8"}, "name": "Inlet 2", "maximum_draw": 100}""",
        """{"device_type": {"model": "PDU-8"}, "name": "Outlet 9", "power_port": {"device_type": {"model": "PDU-8"}, "name": "Inlet"}, "feed_leg": "A"}""",
        """{"site": {"name": "DC1"}, "rack": {"site": "DC1", "name": "R1"}, "name": "PDU3", "device_type": {"model": "PDU-8"}}""",
        """{"device": {"name": "Server"}, "name": "PSU3", "allocated_draw": 10}""",
        """{"device": {"name": "PDU1"}, "name": "Outlet 9", "power_port": {"device": {"name": "PDU1"}, "name": "Inlet"}}""",
        """{"device": {"name": "Server"}, "name": "eth0"}""",
        """{"a_terminations": [{"object_type": "dcim.poweroutlet", "object_id": {"device": {"name": "PDU1"}, "name": "Outlet 4"}}], "b_terminations": [{"object_type": "dcim.powerport", "object_id": {"device": {"name": "Server"}, "name": "PSU3"}}]}""",
    ];

    private static Gen<string> BodyFor(int resource) => Gen.Frequency(
        (1, Body),
        (1, Gen.Select(Gen.OneOf(Keys), Value).Array[1, 2].Select(overrides => Override(ValidBodies[resource], overrides))),
        (1, Gen.Const(ValidBodies[resource])));

    private static readonly Gen<(string Method, string Resource, int Id, string Body)> Request =
        Gen.Select(Gen.OneOf("POST", "POST", "PATCH", "PUT"), Gen.Int[0, Resources.Length - 1], Gen.Int[1, 3])
            .SelectMany((method, resource, id) => BodyFor(resource).Select(body => (method, Resources[resource], id, body)));

    [Fact]
    public async Task RandomBodies_AtEveryCreateAndUpdate_Are2xxOr4x_AndARefusedWriteChangesNothing()
    {
        var api = await DcimClient.SeededAsync(app);
        var current = await app.ExportAsync();
        int requests = 0, refused = 0;

        // One thread: each refused request is compared with the installation as the previous request left it.
        await Request.SampleAsync(async request =>
        {
            var (method, resource, id, body) = request;
            var url = method == "POST" ? $"/api/dcim/{resource}/" : DcimClient.Url(resource, id);
            var reply = await api.SendAsync(new HttpMethod(method), url, body);
            requests++;
            int status = (int)reply.Status;
            Assert.True(status is >= 200 and < 500, $"{method} {url} {body} → {reply}");
            if (status >= 400)
            {
                refused++;
                Assert.Equal("application/problem+json", reply.ContentType);
                Assert.True(await app.ExportAsync() == current, $"{method} {url} {body} → {status} changed the installation");
            }
            else
            {
                current = await app.ExportAsync();
            }
        }, iter: 400, threads: 1);

        Assert.True(requests >= 400, $"only {requests} requests");
        Assert.True(refused > requests / 2, $"only {refused} of {requests} refused: the generator is too tame");
    }

    /// <summary>The valid body with some fields replaced by raw JSON (text-level: the values may be invalid UTF-16).</summary>
    private static string Override(string valid, (string Key, string Value)[] overrides)
    {
        var fields = JsonDocument.Parse(valid).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        foreach (var (key, value) in overrides)
        {
            fields[key] = value;
        }
        return Object(fields.Select(f => (f.Key, f.Value)).ToArray());
    }

    private static string Object((string Key, string Value)[] pairs) =>
        "{" + string.Join(",", pairs.Select(p => JsonSerializer.Serialize(p.Key) + ":" + p.Value)) + "}";
}

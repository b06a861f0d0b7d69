using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PowerMap.Tests.Web.NetBox;

/// <summary>
/// A stand-in NetBox 4.x on a loopback port, answering in NetBox's documented REST shapes:
/// lists as <c>{"count", "next", "previous", "results"}</c> with at most <see cref="PageSize"/> objects a page
/// (NetBox's pagination, docs: "REST API Overview › Pagination"); related objects nested as
/// <c>{"id", "url", "display", "name"}</c> (docs: "REST API Overview › Brief Format / Related Objects");
/// choice fields as <c>{"value", "label"}</c> (docs: "REST API Overview › Choice fields"); cable ends as
/// <c>{"object_type", "object_id", "object"}</c> (OpenAPI schema: <c>GenericObject</c> in <c>a_terminations</c>);
/// <c>/api/status/</c> with <c>netbox-version</c> (OpenAPI: <c>status_retrieve</c>); 403 <c>{"detail": "Invalid v1 token"}</c>
/// for a wrong token (docs: "REST API Authentication").
/// </summary>
public sealed class NetBoxStandIn : IAsyncDisposable
{
    public const string Token = "0123456789abcdef0123456789abcdef01234567";

    /// <summary>A NetBox 4.5+ v2 token (<c>nbt_{key}.{secret}</c>), sent as <c>Bearer</c> (docs: "REST API Authentication").</summary>
    public const string V2Token = "nbt_abcdef123456.0123456789abcdef0123456789abcdef";
    public const int PageSize = 2;
    private readonly WebApplication _app;

    public Dictionary<string, List<JsonObject>> Lists { get; } = [];

    /// <summary>How many of the next requests answer 429 before the real answer.</summary>
    public int TooManyRequests { get; set; }

    /// <summary>Answer every request with an HTML page, as a web server that is not NetBox would.</summary>
    public bool NotNetBox { get; set; }

    public string Url { get; }

    private NetBoxStandIn(WebApplication app, string url)
    {
        _app = app;
        Url = url;
        Seed();
    }

    public static async Task<NetBoxStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        NetBoxStandIn? self = null;
        app.Run(async context => await self!.AnswerAsync(context));
        await app.StartAsync();
        var url = app.Urls.Single();
        self = new NetBoxStandIn(app, url);
        return self;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        if (NotNetBox)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>It works!</body></html>");
            return;
        }
        if (TooManyRequests > 0)
        {
            TooManyRequests--;
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "0";
            return;
        }
        if (context.Request.Headers.Authorization.ToString() is not ("Token " + Token or "Bearer " + V2Token))
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsJsonAsync(new { detail = "Invalid v1 token" });
            return;
        }
        var path = context.Request.Path.Value!;
        if (path == "/api/status/")
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["django-version"] = "5.2.4", ["installed-apps"] = new JsonObject(), ["netbox-version"] = "4.6.0",
                ["netbox-full-version"] = "4.6.0", ["plugins"] = new JsonObject(), ["python-version"] = "3.12.3", ["rq-workers-running"] = 1,
            });
            return;
        }
        var key = path.StartsWith("/api/dcim/", StringComparison.Ordinal) ? path["/api/dcim/".Length..].TrimEnd('/') : "";
        if (!Lists.TryGetValue(key, out var list))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { detail = "Not found." });
            return;
        }
        int offset = int.TryParse(context.Request.Query["offset"], out var o) ? o : 0;
        var page = list.Skip(offset).Take(PageSize).Select(x => x.DeepClone()).ToArray();
        string? Link(int at) => $"{Url}{path}?limit={PageSize}&offset={at}";
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["count"] = list.Count,
            ["next"] = offset + PageSize < list.Count ? Link(offset + PageSize) : null,
            ["previous"] = offset > 0 ? Link(Math.Max(0, offset - PageSize)) : null,
            ["results"] = new JsonArray(page),
        });
    }

    public JsonObject Nested(string list, int id, string? name, string? display = null) => new()
    {
        ["id"] = id, ["url"] = $"{Url}/api/dcim/{list}/{id}/", ["display"] = display ?? name, ["name"] = name,
    };

    public static JsonObject Choice(string value, string label) => new() { ["value"] = value, ["label"] = label };

    /// <summary>
    /// DC1: Panel 1 ─ Feed A ─ Acme PDU-2 (106) (unnamed, in Row 1/R1) ─ Outlet 1 ─ web01 PSU1 (300 W allocated);
    /// Feed B uncabled; one data cable (interfaces) that the import leaves out.
    /// </summary>
    private void Seed()
    {
        var site = Nested("sites", 1, "DC1");
        var row1 = Nested("locations", 1, "Row 1");
        var rack = Nested("racks", 5, "R1");
        var panel = Nested("power-panels", 1, "Panel 1");
        var acme = Nested("manufacturers", 1, "Acme");
        var pduType = Nested("device-types", 3, null, "PDU-2");
        pduType["model"] = "PDU-2";
        var serverType = Nested("device-types", 4, null, "Server-1U");
        serverType["model"] = "Server-1U";
        var pdu = Nested("devices", 106, null, "Acme PDU-2 (106)");
        var web = Nested("devices", 107, "web01");
        Lists["sites"] = [new() { ["id"] = 1, ["url"] = $"{Url}/api/dcim/sites/1/", ["display"] = "DC1", ["name"] = "DC1", ["slug"] = "dc-one",
            ["status"] = Choice("active", "Active"), ["description"] = "" }];
        Lists["locations"] = [new() { ["id"] = 1, ["display"] = "Row 1", ["name"] = "Row 1", ["slug"] = "row-1", ["site"] = site.DeepClone() }];
        Lists["racks"] = [new() { ["id"] = 5, ["display"] = "R1", ["name"] = "R1", ["site"] = site.DeepClone(), ["location"] = row1.DeepClone(), ["facility_id"] = null,
            ["status"] = Choice("active", "Active") }];
        Lists["power-panels"] = [new() { ["id"] = 1, ["display"] = "Panel 1", ["name"] = "Panel 1", ["site"] = site.DeepClone(), ["location"] = null }];
        Lists["power-feeds"] = [Feed(10, "Feed A", "primary"), Feed(11, "Feed B", "redundant")];
        // NetBox's Manufacturer and DeviceRole serializers (OpenAPI: Manufacturer, DeviceRole): name, slug, a role's color.
        Lists["manufacturers"] = [new() { ["id"] = 1, ["url"] = $"{Url}/api/dcim/manufacturers/1/", ["display"] = "Acme", ["name"] = "Acme", ["slug"] = "acme",
            ["description"] = "" }];
        Lists["device-roles"] =
        [
            new() { ["id"] = 5, ["url"] = $"{Url}/api/dcim/device-roles/5/", ["display"] = "PDU", ["name"] = "PDU", ["slug"] = "pdu", ["color"] = "ff9800",
                ["vm_role"] = false, ["description"] = "" },
            new() { ["id"] = 7, ["url"] = $"{Url}/api/dcim/device-roles/7/", ["display"] = "Application Server", ["name"] = "Application Server",
                ["slug"] = "application-server", ["color"] = "2196f3", ["vm_role"] = true, ["description"] = "" },
        ];
        Lists["device-types"] =
        [
            new() { ["id"] = 3, ["display"] = "PDU-2", ["manufacturer"] = acme.DeepClone(), ["model"] = "PDU-2", ["slug"] = "pdu-2" },
            new() { ["id"] = 4, ["display"] = "Server-1U", ["manufacturer"] = acme.DeepClone(), ["model"] = "Server-1U", ["slug"] = "server-1u" },
        ];
        Lists["power-port-templates"] = [new() { ["id"] = 1, ["device_type"] = pduType.DeepClone(), ["name"] = "Inlet", ["label"] = "",
            ["type"] = Choice("iec-60320-c20", "C20"), ["maximum_draw"] = null, ["allocated_draw"] = null }];
        Lists["power-outlet-templates"] = [new() { ["id"] = 1, ["device_type"] = pduType.DeepClone(), ["name"] = "Outlet 1", ["label"] = "",
            ["type"] = Choice("iec-60320-c13", "C13"), ["power_port"] = Nested("power-port-templates", 1, "Inlet"), ["feed_leg"] = null }];
        Lists["devices"] =
        [
            new() { ["id"] = 106, ["display"] = "Acme PDU-2 (106)", ["name"] = null, ["device_type"] = pduType.DeepClone(),
                ["role"] = Nested("device-roles", 5, "PDU"), ["site"] = site.DeepClone(), ["location"] = row1.DeepClone(), ["rack"] = rack.DeepClone(),
                ["status"] = Choice("active", "Active") },
            new() { ["id"] = 107, ["display"] = "web01", ["name"] = "web01", ["device_type"] = serverType.DeepClone(),
                ["role"] = Nested("device-roles", 7, "Application Server"), ["site"] = site.DeepClone(), ["location"] = row1.DeepClone(),
                ["rack"] = rack.DeepClone(), ["status"] = Choice("active", "Active") },
        ];
        Lists["power-ports"] =
        [
            new() { ["id"] = 20, ["device"] = pdu.DeepClone(), ["name"] = "Inlet", ["label"] = "", ["type"] = Choice("iec-60320-c20", "C20"),
                ["maximum_draw"] = null, ["allocated_draw"] = null, ["mark_connected"] = false, ["description"] = "" },
            new() { ["id"] = 21, ["device"] = web.DeepClone(), ["name"] = "PSU1", ["label"] = "", ["type"] = Choice("iec-60320-c14", "C14"),
                ["maximum_draw"] = 500, ["allocated_draw"] = 300, ["mark_connected"] = false, ["description"] = "" },
        ];
        Lists["power-outlets"] = [new() { ["id"] = 30, ["device"] = pdu.DeepClone(), ["name"] = "Outlet 1", ["label"] = "",
            ["type"] = Choice("iec-60320-c13", "C13"), ["power_port"] = Nested("power-ports", 20, "Inlet"), ["feed_leg"] = null,
            ["mark_connected"] = false, ["description"] = "" }];
        Lists["cables"] =
        [
            Cable(40, ("dcim.powerfeed", 10, "Feed A"), ("dcim.powerport", 20, "Inlet")),
            Cable(41, ("dcim.poweroutlet", 30, "Outlet 1"), ("dcim.powerport", 21, "PSU1")),
            Cable(42, ("dcim.interface", 50, "eth0"), ("dcim.interface", 51, "eth1")),
        ];

        JsonObject Feed(int id, string name, string type) => new()
        {
            ["id"] = id, ["display"] = name, ["power_panel"] = panel.DeepClone(), ["rack"] = rack.DeepClone(), ["name"] = name,
            ["status"] = Choice("active", "Active"), ["type"] = Choice(type, type == "primary" ? "Primary" : "Redundant"),
            ["supply"] = Choice("ac", "AC"), ["phase"] = Choice("single-phase", "Single phase"), ["voltage"] = 230, ["amperage"] = 16,
            ["max_utilization"] = 80, ["mark_connected"] = false, ["description"] = "", ["comments"] = "",
        };
    }

    public JsonObject Cable(int id, (string Type, int Id, string Name) a, (string Type, int Id, string Name) b) => new()
    {
        ["id"] = id, ["display"] = $"#{id}", ["status"] = Choice("connected", "Connected"), ["label"] = "",
        ["a_terminations"] = new JsonArray(new JsonObject { ["object_type"] = a.Type, ["object_id"] = a.Id, ["object"] = new JsonObject { ["id"] = a.Id, ["name"] = a.Name } }),
        ["b_terminations"] = new JsonArray(new JsonObject { ["object_type"] = b.Type, ["object_id"] = b.Id, ["object"] = new JsonObject { ["id"] = b.Id, ["name"] = b.Name } }),
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PowerMap.Core.Data;
using PowerMap.Core.Power;

namespace PowerMap.Web.Features.Power;

public static class PowerApi
{
    public sealed record FeedItem(int Id, string Site, string PowerPanel, string Name, long AvailablePower, PowerJson.Endpoint? ConnectedEndpoint, PowerJson.FeedUtilizationJson? Utilization);
    public sealed record PortItem(int Id, string Site, string Device, string Name, PowerJson.Draw Draw);
    public sealed record RackItem(int Id, string Site, string Name, double PowerUtilization);
    /// <summary>A device's power panel rows, and its load against its rated VA when it has one (left out otherwise).</summary>
    public sealed record DeviceItem(int Id, string Site, string Name, IReadOnlyList<PowerJson.DeviceRow>? PowerUtilization,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PowerJson.RatedLoadJson? Rating = null);
    /// <summary>A panel's load against its main-breaker rating; null when the rating is unknown.</summary>
    public sealed record PanelItem(int Id, string Site, string Name, PowerJson.RatedLoadJson? Rating);
    public sealed record Report(IReadOnlyList<FeedItem> PowerFeeds, IReadOnlyList<PortItem> PowerPorts, IReadOnlyList<RackItem> Racks, IReadOnlyList<DeviceItem> Devices,
        IReadOnlyList<PanelItem> PowerPanels);

    public static IEndpointRouteBuilder MapPowerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/power").WithTags("Power");
        group.MapGet("/report", (TopologyService topology, IOptions<JsonOptions> json) =>
                TypedResults.Bytes(ReportJson(topology.Current, json.Value.SerializerOptions), "application/json"))
            .Produces<Report>()
            .WithSummary("Every computed number at once: feeds, ports, racks, devices, each with its natural key.");
        return app;
    }

    private sealed record CachedReport(TopologySnapshot Snapshot, byte[] Json);

    private static CachedReport? _cached;

    /// <summary>
    /// The serialized report of a snapshot. Snapshots are immutable, so the bytes are built once per revision and then
    /// served as they are to every dashboard polling the report (at M that turns ~1 MB of serialization per request into a copy).
    /// </summary>
    public static byte[] ReportJson(TopologySnapshot snapshot, JsonSerializerOptions options)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && ReferenceEquals(cached.Snapshot, snapshot))
        {
            return cached.Json;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(BuildReport(snapshot), options);
        Volatile.Write(ref _cached, new CachedReport(snapshot, json));
        return json;
    }

    public static Report BuildReport(TopologySnapshot snapshot)
    {
        var inst = snapshot.Installation;
        var report = snapshot.Report;
        string SiteName(int id) => inst.SiteById.TryGetValue(id, out var s) ? s.Name : "";
        var feeds = inst.PowerFeeds.Select(f =>
        {
            var panel = inst.PanelById[f.PowerPanelId];
            var fr = report.Feed(f.Id);
            return new FeedItem(f.Id, SiteName(panel.SiteId), panel.Name, f.Name, fr?.AvailableVoltAmps ?? 0,
                PowerJson.ConnectedEndpoint(inst, fr), PowerJson.ToJson(fr?.Utilization));
        }).ToList();
        var ports = inst.PowerPorts.Select(p =>
        {
            var device = inst.DeviceById[p.DeviceId];
            return new PortItem(p.Id, SiteName(device.SiteId), device.Name, p.Name, PowerJson.ToJson(report.PortDraw(p.Id)));
        }).ToList();
        var racks = inst.Racks.Select(r => new RackItem(r.Id, SiteName(r.SiteId), r.Name, report.RackUtilization(r.Id))).ToList();
        var ratings = RatingReport.For(report);
        var devices = inst.Devices.Select(d => new DeviceItem(d.Id, SiteName(d.SiteId), d.Name, PowerJson.ToJson(report.DeviceRows(d.Id)),
            PowerJson.ToJson(ratings.Device(d.Id)))).ToList();
        var panels = inst.PowerPanels.Select(p => new PanelItem(p.Id, SiteName(p.SiteId), p.Name, PowerJson.ToJson(ratings.Panel(p.Id)))).ToList();
        return new Report(feeds, ports, racks, devices, panels);
    }
}

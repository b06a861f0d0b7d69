using CsvHelper;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Features.Resilience;

namespace PowerMap.Web.Features.Capacity;

/// <summary>A feed with its computed numbers (VA, percent) now and after its worst single failure (N−1); headroom =
/// available − allocated (empty for a feed without a cable, as its allocated and percent).</summary>
[CsvRecord]
public sealed partial record FeedRow(int Id, string Name, string Site, string Panel, string Rack, string Side, string Status, string Supply, string Phase,
    int Voltage, int Amperage, int MaxUtilization, long AvailableVoltAmps, long? AllocatedVoltAmps, long? HeadroomVoltAmps, double? Percent, string? Utilization,
    long? N1AllocatedVoltAmps, double? N1Percent, string N1Cause);

/// <summary>A panel's load (Σ of its feeds); headroom = available − allocated.</summary>
[CsvRecord]
public sealed partial record PanelRow(int Id, string Name, string Site, int Feeds, int ConnectedFeeds, long AllocatedVoltAmps, long AvailableVoltAmps,
    long HeadroomVoltAmps, double? Percent, string? Utilization);

/// <summary>A rack's utilization (NetBox's) now and after its worst single failure; headroom = available − allocated.</summary>
[CsvRecord]
public sealed partial record RackRow(int Id, string Name, string Site, string Location, int Feeds, long AllocatedVoltAmps, long AvailableVoltAmps,
    long HeadroomVoltAmps, double Percent, string Utilization, double? N1Percent, string N1Cause);

/// <summary>A device's power summary (W) and redundancy.</summary>
[CsvRecord]
public sealed partial record DeviceRow(int Id, string Name, string Site, string Rack, string Role, string Status, int PowerPorts, int CabledPowerPorts,
    int PowerOutlets, long AllocatedWatts, long MaximumWatts, string Redundancy);

/// <summary>A row of the At risk table; a rack fed from both sides has its utilization if side A, and if side B, fails.</summary>
[CsvRecord]
public sealed partial record AtRiskRow(string Kind, int Id, string Name, string Site, double? Percent, double? N1Percent, double? IfAFailsPercent,
    double? IfBFailsPercent, string Severity, string Why);

/// <summary>A single point of failure of the resilience list.</summary>
[CsvRecord]
public sealed partial record ResilienceRow(string Kind, int Id, string Name, string Site, int DevicesDown, long WattsLost);

/// <summary>
/// The rows of every capacity list for one site (or all sites), built once from a snapshot: the overview, the list
/// pages' exports and the report API all read these, so a page and its file show the same numbers.
/// </summary>
public static class CapacityRows
{
    public static IReadOnlyList<FeedRow> Feeds(TopologySnapshot snapshot, int? siteId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var inst = snapshot.Installation;
        var report = snapshot.Report;
        var n1 = FailureAnalysis.For(report).Resilience().Feeds.ToDictionary(h => h.FeedId);
        var rows = new List<FeedRow>();
        foreach (var f in inst.PowerFeeds)
        {
            var panel = inst.PanelById.GetValueOrDefault(f.PowerPanelId);
            if (siteId is { } s && panel?.SiteId != s)
            {
                continue;
            }
            var fr = report.Feed(f.Id);
            var u = fr?.Utilization;
            var h = u is null ? null : n1.GetValueOrDefault(f.Id);
            rows.Add(new FeedRow(f.Id, f.Name, SiteName(inst, panel?.SiteId), panel?.Name ?? "", RackName(inst, f.RackId), FeedSide.Of(f), f.Status,
                f.Supply, f.Phase, f.Voltage, f.Amperage, f.MaxUtilization, fr?.AvailableVoltAmps ?? 0, u?.AllocatedVoltAmps, fr?.RemainingVoltAmps, u?.Percent,
                u?.Status is { } st ? Utilization.StatusName(st) : null, h?.N1.AllocatedVoltAmps, h?.N1.Percent, Cause(inst, h?.Cause)));
        }
        return Sorted(rows, r => r.Site, r => r.Panel, r => r.Name);
    }

    public static IReadOnlyList<PanelRow> Panels(TopologySnapshot snapshot, int? siteId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var inst = snapshot.Installation;
        var rows = new List<PanelRow>();
        foreach (var (id, load) in PowerSummary.Panels(snapshot.Report))
        {
            var panel = inst.PanelById[id];
            if (siteId is null || panel.SiteId == siteId)
            {
                rows.Add(new PanelRow(id, panel.Name, SiteName(inst, panel.SiteId), load.FeedCount, load.ConnectedFeedCount, load.AllocatedVoltAmps,
                    load.AvailableVoltAmps, load.RemainingVoltAmps, load.Percent, load.Status is { } st ? Utilization.StatusName(st) : null));
            }
        }
        return Sorted(rows, r => r.Site, r => r.Name, r => "");
    }

    public static IReadOnlyList<RackRow> Racks(TopologySnapshot snapshot, int? siteId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var inst = snapshot.Installation;
        var n1 = FailureAnalysis.For(snapshot.Report).Resilience().Racks.ToDictionary(h => h.RackId);
        var rows = new List<RackRow>();
        foreach (var (id, load) in PowerSummary.Racks(snapshot.Report))
        {
            var rack = inst.RackById[id];
            if (siteId is { } s && rack.SiteId != s)
            {
                continue;
            }
            var h = load.FeedCount > 0 ? n1.GetValueOrDefault(id) : null;
            var location = rack.LocationId is { } l && inst.LocationById.TryGetValue(l, out var loc) ? loc.Name : "";
            rows.Add(new RackRow(id, rack.ToString(), SiteName(inst, rack.SiteId), location, load.FeedCount, load.AllocatedVoltAmps, load.AvailableVoltAmps,
                load.RemainingVoltAmps, load.Percent,
                Utilization.StatusName(load.Status), h?.N1Utilization, Cause(inst, h?.Cause)));
        }
        return Sorted(rows, r => r.Site, r => r.Location, r => r.Name);
    }

    public static IReadOnlyList<DeviceRow> Devices(TopologySnapshot snapshot, int? siteId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var inst = snapshot.Installation;
        var analysis = FailureAnalysis.For(snapshot.Report);
        var rows = new List<DeviceRow>();
        foreach (var (id, p) in PowerSummary.Devices(snapshot.Report))
        {
            var d = inst.DeviceById[id];
            if (siteId is { } s && d.SiteId != s)
            {
                continue;
            }
            rows.Add(new DeviceRow(id, inst.DeviceName(id), SiteName(inst, d.SiteId), RackName(inst, d.RackId), d.Role ?? "", d.Status,
                p.PowerPortCount, p.CabledPowerPortCount, p.PowerOutletCount, p.AllocatedWatts, p.MaximumWatts,
                analysis.RedundancyOf(id)?.Redundancy.Name() ?? ""));
        }
        return Sorted(rows, r => r.Site, r => r.Rack, r => r.Name);
    }

    public static IReadOnlyList<AtRiskRow> AtRisk(TopologySnapshot snapshot, CapacityOverview overview)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(overview);
        var inst = snapshot.Installation;
        double? IfFails(AtRiskItem a, string side) => a.IfSideFails.FirstOrDefault(f => f.Side == side)?.Percent;
        return overview.AtRisk.Select(a => new AtRiskRow(AtRiskText.Subject(a.Subject), a.Id, a.Name, SiteName(inst, a.SiteId), a.PercentNow,
            a.PercentN1, IfFails(a, FeedSide.A), IfFails(a, FeedSide.B), Utilization.StatusName(a.Severity), AtRiskText.Why(inst, a, snapshot.Report.Options))).ToList();
    }

    public static IReadOnlyList<ResilienceRow> Resilience(TopologySnapshot snapshot, int? siteId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var inst = snapshot.Installation;
        return FailureAnalysis.For(snapshot.Report).Resilience().SinglePointsOfFailure
            .Select(s => (Spof: s, Site: CapacityOverview.SiteOf(inst, s.Element)))
            .Where(x => siteId is null || x.Site == siteId)
            .Select(x => new ResilienceRow(ResilienceText.Kind(x.Spof.Element), x.Spof.Element.Id, ResilienceText.Name(inst, x.Spof.Element),
                SiteName(inst, x.Site), x.Spof.DevicesDown, x.Spof.WattsLost))
            .ToList();
    }

    private static string Cause(Installation inst, FailureElement? cause) => cause is { } c ? ResilienceText.Name(inst, c) : "";

    private static string SiteName(Installation inst, int? siteId) => siteId is { } id && inst.SiteById.TryGetValue(id, out var s) ? s.Name : "";

    private static string RackName(Installation inst, int? rackId) => rackId is { } id && inst.RackById.TryGetValue(id, out var r) ? r.ToString() : "";

    private static List<T> Sorted<T>(List<T> rows, Func<T, string> a, Func<T, string> b, Func<T, string> c) =>
        rows.OrderBy(a, NaturalComparer.Instance).ThenBy(b, NaturalComparer.Instance).ThenBy(c, NaturalComparer.Instance).ToList();
}

using System.Runtime.CompilerServices;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Power;

/// <summary>
/// A load against a rating above or below the feed (power-model.md §9): a panel's main breaker, a PDU's or UPS's inlet.
/// VA with power factor 1, as the feeds. PowerMap's own: NetBox has no such limit.
/// </summary>
/// <param name="RatedVoltAmps">The rating, VA.</param>
/// <param name="AllocatedVoltAmps">The load, VA.</param>
/// <param name="Percent">Load / rating × 100, one decimal (Python rounding); null for a 0 VA rating.</param>
/// <param name="Status">Status colour on the rounded percent, the feeds' thresholds.</param>
public sealed record RatedLoad(long RatedVoltAmps, long AllocatedVoltAmps, double? Percent, UtilizationStatus? Status)
{
    /// <summary>Rating minus load, VA (negative above the rating).</summary>
    public long HeadroomVoltAmps => RatedVoltAmps - AllocatedVoltAmps;

    /// <summary>True when the load is above the rating.</summary>
    public bool Exceeded => AllocatedVoltAmps > RatedVoltAmps;

    public static RatedLoad Of(long ratedVoltAmps, long allocatedVoltAmps, UtilizationOptions options)
    {
        var percent = Utilization.Percent(allocatedVoltAmps, ratedVoltAmps);
        return new RatedLoad(ratedVoltAmps, allocatedVoltAmps, percent, percent is { } p ? Utilization.Status(p, options) : null);
    }
}

/// <summary>
/// The ratings of one <see cref="PowerReport"/>: every rated panel's load (the sum of its feeds' allocated VA,
/// <see cref="PowerSummary.Panels"/>) against its main breaker, and every rated device's load (the sum of its power
/// ports' allocated draw, the roll-up's numbers) against its rated VA. A rating is a limit only: it never changes a
/// draw (unlike NetBox's maximum_draw, which stops the roll-up). Built once per report (<see cref="For"/>).
/// </summary>
public sealed class RatingReport
{
    private static readonly ConditionalWeakTable<PowerReport, RatingReport> Cache = new();

    private readonly Dictionary<int, RatedLoad> _panels = [];
    private readonly Dictionary<int, RatedLoad> _devices = [];

    private RatingReport(PowerReport report)
    {
        var inst = report.Installation;
        if (inst.PowerPanels.Any(p => PanelRatedVoltAmps(p) is not null))
        {
            var loads = PowerSummary.Panels(report);
            foreach (var panel in inst.PowerPanels)
            {
                if (PanelRatedVoltAmps(panel) is { } panelVoltAmps && loads.TryGetValue(panel.Id, out var load))
                {
                    _panels[panel.Id] = RatedLoad.Of(panelVoltAmps, load.AllocatedVoltAmps, report.Options);
                }
            }
        }
        var rated = inst.Devices.Where(d => d.RatedVoltAmps is not null).ToDictionary(d => d.Id, d => (long)d.RatedVoltAmps!.Value);
        if (rated.Count > 0)
        {
            var allocated = rated.Keys.ToDictionary(id => id, _ => 0L);
            foreach (var port in inst.PowerPorts)
            {
                if (allocated.TryGetValue(port.DeviceId, out var sum))
                {
                    allocated[port.DeviceId] = sum + report.PortDraw(port.Id).AllocatedWatts;
                }
            }
            foreach (var (id, va) in rated)
            {
                _devices[id] = RatedLoad.Of(va, allocated[id], report.Options);
            }
        }
    }

    /// <summary>The ratings of a report, computed on first use and kept as long as the report lives.</summary>
    public static RatingReport For(PowerReport report) => Cache.GetValue(report, r => new RatingReport(r));

    /// <summary>Rated panels by id.</summary>
    public IReadOnlyDictionary<int, RatedLoad> Panels => _panels;

    /// <summary>Rated devices by id.</summary>
    public IReadOnlyDictionary<int, RatedLoad> Devices => _devices;

    /// <summary>A panel's load against its main breaker; null when the panel has no (complete) rating.</summary>
    public RatedLoad? Panel(int panelId) => _panels.GetValueOrDefault(panelId);

    /// <summary>A device's load against its rated VA; null when the device has no rating.</summary>
    public RatedLoad? Device(int deviceId) => _devices.GetValueOrDefault(deviceId);

    /// <summary>
    /// A panel's main-breaker rating in VA by the feed formula (<see cref="FeedCapacity.AvailableVoltAmps(int, int, int, string)"/>)
    /// at 100 %: the breaker's full rating; null unless voltage, amperage and phase are all known.
    /// </summary>
    public static long? PanelRatedVoltAmps(PowerPanel panel) =>
        panel is { RatedVoltage: { } voltage, RatedAmperage: { } amperage, RatedPhase: { } phase }
            ? FeedCapacity.AvailableVoltAmps(voltage, amperage, 100, phase)
            : null;
}

using System.Runtime.CompilerServices;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Power;

/// <summary>
/// The ratings of one <see cref="PowerReport"/>: every rated panel's load (the sum of its feeds' allocated VA,
/// <see cref="PowerSummary.Panels"/>) against its main breaker, and every rated device's load (the sum of its power
/// ports' allocated draw, the roll-up's numbers) against its rated VA. A rating is a limit only: it never changes a
/// draw (unlike NetBox's maximum_draw, which stops the roll-up). Built once per report (<see cref="For"/>).
/// </summary>
public sealed class RatingReport
{
    private static readonly ConditionalWeakTable<PowerReport, RatingReport> Cache = new();

    private readonly Dictionary<int, CapacityLoad> _panels = [];
    private readonly Dictionary<int, CapacityLoad> _devices = [];

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
                    _panels[panel.Id] = CapacityLoad.Of(load.AllocatedVoltAmps, panelVoltAmps, report.Options);
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
                _devices[id] = CapacityLoad.Of(allocated[id], va, report.Options);
            }
        }
    }

    /// <summary>The ratings of a report, computed on first use and kept as long as the report lives.</summary>
    public static RatingReport For(PowerReport report) => Cache.GetValue(report, r => new RatingReport(r));

    /// <summary>Rated panels by id.</summary>
    public IReadOnlyDictionary<int, CapacityLoad> Panels => _panels;

    /// <summary>Rated devices by id.</summary>
    public IReadOnlyDictionary<int, CapacityLoad> Devices => _devices;

    /// <summary>A panel's load against its main breaker; null when the panel has no (complete) rating.</summary>
    public CapacityLoad? Panel(int panelId) => _panels.GetValueOrDefault(panelId);

    /// <summary>A device's load against its rated VA; null when the device has no rating.</summary>
    public CapacityLoad? Device(int deviceId) => _devices.GetValueOrDefault(deviceId);

    /// <summary>
    /// A panel's main-breaker rating in VA by the feed formula (<see cref="FeedCapacity.AvailableVoltAmps(int, int, int, string)"/>)
    /// at 100 %: the breaker's full rating; null unless voltage, amperage and phase are all known.
    /// </summary>
    public static long? PanelRatedVoltAmps(PowerPanel panel) =>
        panel is { RatedVoltage: { } voltage, RatedAmperage: { } amperage, RatedPhase: { } phase }
            ? FeedCapacity.AvailableVoltAmps(voltage, amperage, 100, phase)
            : null;
}

using PowerMap.Core.Dcim;

namespace PowerMap.Core.Power;

/// <summary>
/// A power panel's load: the allocated VA of its feeds (each feed's NetBox utilization numerator) against the sum of
/// their available VA. PowerMap's own roll-up: NetBox shows no load on a panel.
/// </summary>
public sealed record PanelLoad(int PanelId, int FeedCount, int ConnectedFeedCount, long AllocatedVoltAmps, long AvailableVoltAmps, double? Percent, UtilizationStatus? Status)
{
    /// <summary>Available minus allocated, VA (negative when over capacity).</summary>
    public long RemainingVoltAmps => AvailableVoltAmps - AllocatedVoltAmps;
}

/// <summary>A rack's power utilization (NetBox <c>Rack.get_power_utilization</c>) with the feeds, load and capacity behind it.</summary>
/// <param name="AllocatedVoltAmps">Σ allocated VA of the ports cabled to the rack's feeds (<see cref="PowerReport.RackLoad"/>).</param>
public sealed record RackLoad(int RackId, int FeedCount, long AllocatedVoltAmps, long AvailableVoltAmps, double Percent, UtilizationStatus Status)
{
    /// <summary>Available minus allocated, VA (negative when over capacity).</summary>
    public long RemainingVoltAmps => AvailableVoltAmps - AllocatedVoltAmps;
}

/// <summary>
/// The power side of a device for lists: how many power ports (PSUs or inlets) and outlets it has, how many ports
/// are cabled, and the sum of its ports' draws in W (each redundant PSU counts in full, as in NetBox).
/// </summary>
public sealed record DevicePowerSummary(int DeviceId, int PowerPortCount, int CabledPowerPortCount, int PowerOutletCount, long AllocatedWatts, long MaximumWatts);

/// <summary>Roll-ups of a <see cref="PowerReport"/> per panel, rack and device, for lists and detail pages. Pure.</summary>
public static class PowerSummary
{
    /// <summary>Every panel's load, by panel id (panels without feeds have 0 feeds and no percent).</summary>
    public static IReadOnlyDictionary<int, PanelLoad> Panels(PowerReport report)
    {
        var inst = report.Installation;
        var acc = new Dictionary<int, (int Feeds, int Connected, long Allocated, long Available)>(inst.PowerPanels.Count);
        foreach (var p in inst.PowerPanels)
        {
            acc[p.Id] = default;
        }
        foreach (var f in inst.PowerFeeds)
        {
            if (!acc.TryGetValue(f.PowerPanelId, out var a) || report.Feed(f.Id) is not { } feed)
            {
                continue;
            }
            acc[f.PowerPanelId] = (a.Feeds + 1, a.Connected + (feed.Utilization is null ? 0 : 1),
                a.Allocated + (feed.Utilization?.AllocatedVoltAmps ?? 0), a.Available + feed.AvailableVoltAmps);
        }
        var result = new Dictionary<int, PanelLoad>(acc.Count);
        foreach (var (id, a) in acc)
        {
            var percent = Utilization.Percent(a.Allocated, a.Available);
            result[id] = new PanelLoad(id, a.Feeds, a.Connected, a.Allocated, a.Available, percent,
                percent is { } pc ? Utilization.Status(pc, report.Options) : null);
        }
        return result;
    }

    /// <summary>One panel's load, or null for an unknown panel.</summary>
    public static PanelLoad? Panel(PowerReport report, int panelId) =>
        Panels(report).TryGetValue(panelId, out var load) ? load : null;

    /// <summary>Every rack's utilization, by rack id.</summary>
    public static IReadOnlyDictionary<int, RackLoad> Racks(PowerReport report)
    {
        var inst = report.Installation;
        var acc = new Dictionary<int, (int Feeds, long Available)>(inst.Racks.Count);
        foreach (var r in inst.Racks)
        {
            acc[r.Id] = default;
        }
        foreach (var f in inst.PowerFeeds)
        {
            if (f.RackId is { } rid && acc.TryGetValue(rid, out var a))
            {
                acc[rid] = (a.Feeds + 1, a.Available + (report.Feed(f.Id)?.AvailableVoltAmps ?? 0));
            }
        }
        var result = new Dictionary<int, RackLoad>(acc.Count);
        foreach (var (id, a) in acc)
        {
            var percent = report.RackUtilization(id);
            result[id] = new RackLoad(id, a.Feeds, report.RackLoad(id).AllocatedVoltAmps, a.Available, percent, Utilization.Status(percent, report.Options));
        }
        return result;
    }

    /// <summary>One rack's utilization, or null for an unknown rack.</summary>
    public static RackLoad? Rack(PowerReport report, int rackId) =>
        Racks(report).TryGetValue(rackId, out var load) ? load : null;

    /// <summary>Every device's power summary, by device id.</summary>
    public static IReadOnlyDictionary<int, DevicePowerSummary> Devices(PowerReport report)
    {
        var inst = report.Installation;
        var acc = new Dictionary<int, (int Ports, int Cabled, int Outlets, long Allocated, long Maximum)>(inst.Devices.Count);
        foreach (var d in inst.Devices)
        {
            acc[d.Id] = default;
        }
        foreach (var p in inst.PowerPorts)
        {
            if (acc.TryGetValue(p.DeviceId, out var a))
            {
                var draw = report.PortDraw(p.Id);
                bool cabled = inst.CableOf.ContainsKey((TerminationKind.PowerPort, p.Id));
                acc[p.DeviceId] = (a.Ports + 1, a.Cabled + (cabled ? 1 : 0), a.Outlets, a.Allocated + draw.AllocatedWatts, a.Maximum + draw.MaximumWatts);
            }
        }
        foreach (var o in inst.PowerOutlets)
        {
            if (acc.TryGetValue(o.DeviceId, out var a))
            {
                acc[o.DeviceId] = a with { Outlets = a.Outlets + 1 };
            }
        }
        var result = new Dictionary<int, DevicePowerSummary>(acc.Count);
        foreach (var (id, a) in acc)
        {
            result[id] = new DevicePowerSummary(id, a.Ports, a.Cabled, a.Outlets, a.Allocated, a.Maximum);
        }
        return result;
    }

    /// <summary>One device's power summary (zeros for an unknown device).</summary>
    public static DevicePowerSummary Device(PowerReport report, int deviceId)
    {
        var inst = report.Installation;
        int ports = 0, cabled = 0, outlets = 0;
        long allocated = 0, maximum = 0;
        foreach (var p in inst.PowerPorts)
        {
            if (p.DeviceId == deviceId)
            {
                var draw = report.PortDraw(p.Id);
                ports++;
                cabled += inst.CableOf.ContainsKey((TerminationKind.PowerPort, p.Id)) ? 1 : 0;
                allocated += draw.AllocatedWatts;
                maximum += draw.MaximumWatts;
            }
        }
        foreach (var o in inst.PowerOutlets)
        {
            outlets += o.DeviceId == deviceId ? 1 : 0;
        }
        return new DevicePowerSummary(deviceId, ports, cabled, outlets, allocated, maximum);
    }
}

using System.Runtime.CompilerServices;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Analysis;

/// <summary>The planned objects of a site (or of all sites): devices and cables with NetBox's status <c>planned</c>.</summary>
public sealed record PlannedObjects(IReadOnlyList<Device> Devices, IReadOnlyList<Cable> Cables)
{
    public int Count => Devices.Count + Cables.Count;
}

/// <summary>
/// Planned changes (issue 11): NetBox counts a planned device's draw and a planned cable's path like any other (status is
/// a label), so the engine's numbers — and the NetBox-parity API — always include them. For a review, <see cref="WithoutPlanned(PowerReport)"/>
/// gives the report of the installation as it is <i>now</i>: without planned devices (with their ports, outlets and
/// interfaces, and every cable on them) and without planned cables. <see cref="Activate"/> is the change that makes them real.
/// </summary>
public static class PlannedChanges
{
    /// <summary>NetBox's status value of a planned device or cable.</summary>
    public const string Planned = "planned";

    /// <summary>The status a planned device takes when it is applied (NetBox's default device status).</summary>
    public const string ActiveDeviceStatus = "active";

    /// <summary>The status a planned cable takes when it is applied (NetBox's default cable status).</summary>
    public const string ConnectedCableStatus = "connected";

    private static readonly ConditionalWeakTable<PowerReport, PowerReport> Cache = new();

    public static bool IsPlanned(Device device) => device.Status == Planned;

    public static bool IsPlanned(Cable cable) => cable.Status == Planned;

    /// <summary>
    /// The report of the installation without its planned objects, with the same options; the report itself when nothing
    /// is planned. Built once per report (cached like <see cref="RatingReport.For"/>), so a page may ask on every render.
    /// </summary>
    public static PowerReport WithoutPlanned(PowerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Cache.GetValue(report, r =>
        {
            var inst = r.Installation;
            return HasPlanned(inst) ? PowerReport.Compute(WithoutPlanned(inst), r.Options) : r;
        });
    }

    /// <summary>
    /// A copy of <paramref name="inst"/> without planned devices (and their ports, outlets and interfaces), without planned
    /// cables, and without any cable that ends on a removed component. Entities are shared; <paramref name="inst"/> is unchanged.
    /// </summary>
    public static Installation WithoutPlanned(Installation inst)
    {
        ArgumentNullException.ThrowIfNull(inst);
        if (!HasPlanned(inst))
        {
            return inst;
        }
        var gone = inst.Devices.Where(IsPlanned).Select(d => d.Id).ToHashSet();
        var ports = inst.PowerPorts.Where(p => !gone.Contains(p.DeviceId)).ToList();
        var outlets = inst.PowerOutlets.Where(o => !gone.Contains(o.DeviceId)).ToList();
        var interfaces = inst.Interfaces.Where(i => !gone.Contains(i.DeviceId)).ToList();
        var cables = inst.Cables.Where(c => !IsPlanned(c) && c.Terminations.All(t => !OnDevice(inst, t, gone))).ToList();
        return inst.With(devices: inst.Devices.Where(d => !gone.Contains(d.Id)).ToList(), powerPorts: ports, powerOutlets: outlets,
            interfaces: interfaces, cables: cables);
    }

    /// <summary>The planned devices and cables of a site (null = all sites), in id order. A cable belongs to the site of its ends.</summary>
    public static PlannedObjects Of(Installation inst, int? siteId = null)
    {
        ArgumentNullException.ThrowIfNull(inst);
        var devices = inst.Devices.Where(d => IsPlanned(d) && (siteId is null || d.SiteId == siteId)).ToList();
        var cables = inst.Cables.Where(c => IsPlanned(c) && (siteId is null || c.Terminations.Any(t => SiteOf(inst, t) == siteId))).ToList();
        return new PlannedObjects(devices, cables);
    }

    /// <summary>The change that applies the planned objects of a site (null = all): devices become active, cables connected.</summary>
    public static Change Activate(Installation inst, int? siteId = null)
    {
        var planned = Of(inst, siteId);
        var change = new Change();
        foreach (var d in planned.Devices)
        {
            var after = (Device)d.Clone();
            after.Status = ActiveDeviceStatus;
            change.Update(d, after);
        }
        foreach (var c in planned.Cables)
        {
            var after = (Cable)c.Clone();
            after.Status = ConnectedCableStatus;
            change.Update(c, after);
        }
        return change;
    }

    private static bool HasPlanned(Installation inst) => inst.Devices.Any(IsPlanned) || inst.Cables.Any(IsPlanned);

    private static bool OnDevice(Installation inst, CableTermination t, HashSet<int> devices) => t.Kind switch
    {
        TerminationKind.PowerPort => inst.PortById.TryGetValue(t.ObjectId, out var p) && devices.Contains(p.DeviceId),
        TerminationKind.PowerOutlet => inst.OutletById.TryGetValue(t.ObjectId, out var o) && devices.Contains(o.DeviceId),
        TerminationKind.Interface => inst.InterfaceById.TryGetValue(t.ObjectId, out var i) && devices.Contains(i.DeviceId),
        _ => false,
    };

    private static int? SiteOf(Installation inst, CableTermination t)
    {
        if (t.Kind == TerminationKind.PowerFeed)
        {
            return inst.FeedById.TryGetValue(t.ObjectId, out var f) && inst.PanelById.TryGetValue(f.PowerPanelId, out var p) ? p.SiteId : null;
        }
        int? deviceId = t.Kind switch
        {
            TerminationKind.PowerPort => inst.PortById.GetValueOrDefault(t.ObjectId)?.DeviceId,
            TerminationKind.PowerOutlet => inst.OutletById.GetValueOrDefault(t.ObjectId)?.DeviceId,
            _ => inst.InterfaceById.GetValueOrDefault(t.ObjectId)?.DeviceId,
        };
        return deviceId is { } id && inst.DeviceById.TryGetValue(id, out var d) ? d.SiteId : null;
    }
}

using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>NetBox's instantiation of a device type's component templates (done once, when the device is created).</summary>
public static class DeviceComponents
{
    /// <summary>
    /// New power ports and outlets for <paramref name="device"/> copied from its type: ports first, then outlets with the
    /// name of the port they map to (resolve it once the ports have ids). Ids are left 0.
    /// </summary>
    public static (List<PowerPort> Ports, List<(PowerOutlet Outlet, string? PortName)> Outlets) FromTemplates(Installation inst, DeviceType type, Device device)
    {
        var ports = inst.PowerPortTemplates
            .Where(t => t.DeviceTypeId == type.Id)
            .Select(t => new PowerPort
            {
                DeviceId = device.Id,
                Name = t.Name,
                Label = t.Label,
                Type = t.Type,
                MaximumDrawWatts = t.MaximumDrawWatts,
                AllocatedDrawWatts = t.AllocatedDrawWatts,
            })
            .ToList();
        var outlets = inst.PowerOutletTemplates
            .Where(t => t.DeviceTypeId == type.Id)
            .Select(t => (new PowerOutlet
            {
                DeviceId = device.Id,
                Name = t.Name,
                Label = t.Label,
                Type = t.Type,
                FeedLeg = t.FeedLeg,
            }, t.PowerPortTemplateId is { } pid && inst.PortTemplateById.TryGetValue(pid, out var pt) ? pt.Name : (string?)null))
            .ToList();
        return (ports, outlets);
    }
}

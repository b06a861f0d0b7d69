using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>NetBox's instantiation of a device type's component templates (done once, when the device is created).</summary>
public static class DeviceComponents
{
    /// <summary>
    /// The topology document's per-device switch (default true). The export writes <c>false</c> only for a device whose
    /// components no longer begin with its type's templates (one was deleted or renamed, or the type was set later), so
    /// that importing the export rebuilds exactly the listed components.
    /// </summary>
    public const string InstantiateTemplatesField = "instantiate_templates";

    /// <summary>
    /// True when importing a device with its type would recreate its components: its ports and outlets, in id order,
    /// begin with the type's port and outlet template names, in template order.
    /// </summary>
    public static bool StartsWithTemplates(IReadOnlyList<string> portTemplateNames, IReadOnlyList<string> outletTemplateNames,
        IReadOnlyList<PowerPort> ports, IReadOnlyList<PowerOutlet> outlets) =>
        ports.Count >= portTemplateNames.Count && outlets.Count >= outletTemplateNames.Count
            && ports.Take(portTemplateNames.Count).Select(p => p.Name).SequenceEqual(portTemplateNames)
            && outlets.Take(outletTemplateNames.Count).Select(o => o.Name).SequenceEqual(outletTemplateNames);

    /// <summary>
    /// New power ports and outlets for <paramref name="device"/> copied from its type: ports first, then outlets with the
    /// name of the port they map to (resolve it once the ports have ids). Ids are left 0.
    /// </summary>
    public static (List<PowerPort> Ports, List<(PowerOutlet Outlet, string? PortName)> Outlets) FromTemplates(Installation inst, DeviceType type, Device device) =>
        FromTemplates(
            inst.PowerPortTemplates.Where(t => t.DeviceTypeId == type.Id).ToList(),
            inst.PowerOutletTemplates
                .Where(t => t.DeviceTypeId == type.Id)
                .Select(t => (t, t.PowerPortTemplateId is { } pid && inst.PortTemplateById.TryGetValue(pid, out var pt) ? pt.Name : (string?)null))
                .ToList(),
            device);

    /// <summary>
    /// As <see cref="FromTemplates(Installation, DeviceType, Device)"/>, from one type's templates already picked out (in
    /// template order, each outlet template with the name of the port template it maps to), so that a caller creating many
    /// devices of few types does not scan every template per device.
    /// </summary>
    public static (List<PowerPort> Ports, List<(PowerOutlet Outlet, string? PortName)> Outlets) FromTemplates(
        IReadOnlyList<PowerPortTemplate> portTemplates, IReadOnlyList<(PowerOutletTemplate Template, string? PortName)> outletTemplates, Device device)
    {
        var ports = new List<PowerPort>(portTemplates.Count);
        foreach (var t in portTemplates)
        {
            ports.Add(new PowerPort
            {
                DeviceId = device.Id,
                Name = t.Name,
                Label = t.Label,
                Type = t.Type,
                MaximumDrawWatts = t.MaximumDrawWatts,
                AllocatedDrawWatts = t.AllocatedDrawWatts,
            });
        }
        var outlets = new List<(PowerOutlet Outlet, string? PortName)>(outletTemplates.Count);
        foreach (var (t, portName) in outletTemplates)
        {
            outlets.Add((new PowerOutlet
            {
                DeviceId = device.Id,
                Name = t.Name,
                Label = t.Label,
                Type = t.Type,
                FeedLeg = t.FeedLeg,
            }, portName));
        }
        return (ports, outlets);
    }

    /// <summary>
    /// A PDU's components: one auto power port <paramref name="inletName"/> (no draw set, so it sums what is plugged in)
    /// and <paramref name="outletCount"/> outlets "Outlet 1".."Outlet n" mapped to it, with feed legs A, B, C assigned
    /// round-robin when <paramref name="legsRoundRobin"/> is set. Ids are left 0; the device id is <paramref name="deviceId"/>.
    /// </summary>
    public static (List<PowerPort> Ports, List<(PowerOutlet Outlet, string? PortName)> Outlets) Pdu(
        int outletCount, bool legsRoundRobin, string inletName = "Inlet", int deviceId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outletCount);
        var ports = new List<PowerPort> { new() { DeviceId = deviceId, Name = inletName } };
        var outlets = new List<(PowerOutlet, string?)>(outletCount);
        for (int i = 0; i < outletCount; i++)
        {
            outlets.Add((new PowerOutlet
            {
                DeviceId = deviceId,
                Name = $"Outlet {i + 1}",
                FeedLeg = legsRoundRobin ? Choices.FeedLeg[i % Choices.FeedLeg.Length] : null,
            }, inletName));
        }
        return (ports, outlets);
    }
}

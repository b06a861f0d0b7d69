using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Web.Features.Power;

/// <summary>The computed fields of api.md §3, as serialized (snake_case).</summary>
public static class PowerJson
{
    public sealed record Leg(string Name, long Allocated, long Maximum, int OutletCount);
    public sealed record Draw(long Allocated, long Maximum, int OutletCount, IReadOnlyList<Leg> Legs);
    public sealed record Endpoint(string Device, string Name, int Id);
    public sealed record FeedUtilizationJson(long Allocated, long Maximum, long Available, double? Percent, string? Status, string? BarClass);

    /// <summary>A load against a rating (panel main breaker, PDU/UPS rated VA), VA: <c>headroom</c> = rated − allocated.</summary>
    public sealed record RatedLoadJson(long Rated, long Allocated, long Headroom, double? Percent, string? Status);

    public static RatedLoadJson? ToJson(CapacityLoad? r) =>
        r is null ? null : new RatedLoadJson(r.AvailableVoltAmps, r.AllocatedVoltAmps, r.HeadroomVoltAmps, r.Percent, NetBoxStatus(r.Percent));

    /// <summary>
    /// The API's <c>status</c>: on NetBox's thresholds (<see cref="UtilizationOptions.Default"/>, 75 / 90 %) whatever
    /// <c>Power:Thresholds</c> says, so that the NetBox-parity fields do not move with a local setting.
    /// </summary>
    public static string? NetBoxStatus(double? percent) => percent is { } p ? Utilization.StatusName(Utilization.Status(p, UtilizationOptions.Default)) : null;
    public sealed record DeviceLegRow(string Name, int OutletCount, long Allocated, long? Available, double? Percent);
    public sealed record DeviceRow(string Port, int OutletCount, long Allocated, long? Available, double? Percent, IReadOnlyList<DeviceLegRow> Legs);

    public static Draw ToJson(PortDraw d) =>
        new(d.AllocatedWatts, d.MaximumWatts, d.OutletCount, d.Legs.Select(l => new Leg(l.Name, l.AllocatedWatts, l.MaximumWatts, l.OutletCount)).ToList());

    public static FeedUtilizationJson? ToJson(FeedUtilization? u) =>
        u is null ? null : new(u.AllocatedVoltAmps, u.MaximumVoltAmps, u.AvailableVoltAmps, u.Percent,
            NetBoxStatus(u.Percent), u.BarClass);

    public static Endpoint? ConnectedEndpoint(Installation inst, FeedReport? feed) =>
        feed?.ConnectedPortId is { } pid && inst.PortById.TryGetValue(pid, out var port)
            ? new Endpoint(inst.DeviceName(port.DeviceId), port.Name, port.Id)
            : null;

    public static IReadOnlyList<DeviceRow>? ToJson(IReadOnlyList<DevicePowerRow>? rows) =>
        rows?.Select(r => new DeviceRow(r.Port, r.OutletCount, r.AllocatedVoltAmps, r.AvailableVoltAmps, r.Percent,
            r.Legs.Select(l => new DeviceLegRow(l.Name, l.OutletCount, l.AllocatedVoltAmps, l.AvailableVoltAmps, l.Percent)).ToList())).ToList();
}

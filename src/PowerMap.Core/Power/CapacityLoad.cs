namespace PowerMap.Core.Power;

/// <summary>
/// A load against a capacity, in VA (power factor 1, as NetBox): the one record for allocated / available / percent /
/// status, whatever the capacity is — a feed's available power, a panel's main breaker, a PDU's or UPS's rated VA (then
/// <see cref="AvailableVoltAmps"/> is the rating), now or after a failure. Percent is <see cref="Utilization.Percent"/>
/// (one decimal, NetBox's rounding); null for a 0 VA capacity. Status is on the rounded percent, the configured thresholds.
/// </summary>
public sealed record CapacityLoad(long AllocatedVoltAmps, long AvailableVoltAmps, double? Percent, UtilizationStatus? Status)
{
    /// <summary>Available minus allocated, VA (negative when over capacity).</summary>
    public long HeadroomVoltAmps => AvailableVoltAmps - AllocatedVoltAmps;

    /// <summary>True when the load is above the capacity.</summary>
    public bool Exceeded => AllocatedVoltAmps > AvailableVoltAmps;

    public static CapacityLoad Of(long allocatedVoltAmps, long availableVoltAmps, UtilizationOptions options)
    {
        var percent = Utilization.Percent(allocatedVoltAmps, availableVoltAmps);
        return new CapacityLoad(allocatedVoltAmps, availableVoltAmps, percent, percent is { } p ? Utilization.Status(p, options) : null);
    }
}

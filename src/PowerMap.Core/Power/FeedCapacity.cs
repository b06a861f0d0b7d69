using PowerMap.Core.Dcim;

namespace PowerMap.Core.Power;

/// <summary>The power a feed can deliver (power-model.md §2).</summary>
public static class FeedCapacity
{
    /// <summary>NetBox's three-phase factor, the constant 1.732 (not √3).</summary>
    public const double ThreePhaseFactor = 1.732;

    /// <summary>
    /// Available power in VA: <c>round(|voltage| × amperage × (max_utilization / 100))</c>, × 1.732 first for three-phase;
    /// IEEE double arithmetic in NetBox's order, rounded half to even (NetBox <c>PowerFeed.save()</c>).
    /// </summary>
    public static long AvailableVoltAmps(int voltage, int amperage, int maxUtilizationPercent, string phase)
    {
        double voltAmps = (double)((long)Math.Abs(voltage) * amperage) * (maxUtilizationPercent / 100.0);
        return phase == Choices.ThreePhase
            ? PythonRound.ToInteger(voltAmps * ThreePhaseFactor)
            : PythonRound.ToInteger(voltAmps);
    }

    public static long AvailableVoltAmps(PowerFeed feed) =>
        AvailableVoltAmps(feed.Voltage, feed.Amperage, feed.MaxUtilization, feed.Phase);
}

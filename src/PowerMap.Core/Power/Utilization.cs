namespace PowerMap.Core.Power;

public enum UtilizationStatus
{
    Normal,
    Warning,
    Danger,
}

/// <summary>
/// The utilization thresholds, in percent of the available power: the one place for them. <see cref="Default"/> is NetBox's
/// utilization-bar values (75 / 90), which the NetBox-parity API always reports; the configured ones (<c>Power:Thresholds</c>)
/// drive the report the pages, the capacity review, the fit and the forecast use.
/// </summary>
public sealed record UtilizationOptions(double WarningPercent = 75, double DangerPercent = 90)
{
    public static UtilizationOptions Default { get; } = new();

    /// <summary>Why the pair is not usable (0 &lt; warning &lt; critical ≤ 100), or null when it is.</summary>
    public static string? Problem(double warningPercent, double dangerPercent) =>
        !(warningPercent > 0) ? $"the warning threshold must be above 0 %; got {warningPercent}."
        : !(dangerPercent > warningPercent) ? $"the critical threshold must be above the warning threshold ({warningPercent} %); got {dangerPercent}."
        : !(dangerPercent <= 100) ? $"the critical threshold must be at most 100 %; got {dangerPercent}."
        : null;
}

/// <summary>Percent and status colour (power-model.md §5).</summary>
public static class Utilization
{
    /// <summary><c>round(allocated / available × 100, 1)</c> in double, as NetBox's <c>percentage</c> filter; null without capacity.</summary>
    public static double? Percent(long allocated, long available) =>
        available == 0 ? null : PythonRound.Round((double)allocated / available * 100, 1);

    /// <summary>PowerMap's status on the rounded percent: ≥ 90 danger, ≥ 75 warning (100.0 % is danger, unlike NetBox).</summary>
    public static UtilizationStatus Status(double percent, UtilizationOptions? options = null)
    {
        options ??= UtilizationOptions.Default;
        return percent >= options.DangerPercent ? UtilizationStatus.Danger
            : percent >= options.WarningPercent ? UtilizationStatus.Warning
            : UtilizationStatus.Normal;
    }

    /// <summary>NetBox's <c>utilization_graph</c> bar class, kept for parity: exactly 100 is grey.</summary>
    public static string BarClass(double percent) =>
        percent == 100 ? "bg-secondary" : percent >= 90 ? "bg-danger" : percent >= 75 ? "bg-warning" : "bg-success";

    public static string StatusName(UtilizationStatus status) => status switch
    {
        UtilizationStatus.Danger => "danger",
        UtilizationStatus.Warning => "warning",
        _ => "normal",
    };
}

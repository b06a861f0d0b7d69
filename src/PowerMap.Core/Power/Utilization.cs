namespace PowerMap.Core.Power;

public enum UtilizationStatus
{
    Normal,
    Warning,
    Danger,
}

/// <summary>The utilization thresholds, in percent of the available power.</summary>
public sealed record UtilizationOptions(double WarningPercent = 75, double DangerPercent = 90)
{
    public static UtilizationOptions Default { get; } = new();
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

using System.Globalization;
using PowerMap.Core.Power;

namespace PowerMap.Web.Features.Capacity;

/// <summary>
/// <c>Power:Thresholds:Warning</c> and <c>Power:Thresholds:Critical</c> (percent; default NetBox's 75 and 90): the heat
/// colours, legends, at-risk and near-capacity, the fit and the forecast use them; the NetBox-parity API's <c>status</c> does not.
/// </summary>
public static class ThresholdSettings
{
    public const string WarningKey = "Power:Thresholds:Warning";
    public const string CriticalKey = "Power:Thresholds:Critical";

    /// <summary>The configured thresholds; <see cref="InvalidOperationException"/> naming the key when not 0 &lt; warning &lt; critical ≤ 100.</summary>
    public static UtilizationOptions Read(IConfiguration configuration)
    {
        double warning = Number(configuration, WarningKey, UtilizationOptions.Default.WarningPercent);
        double critical = Number(configuration, CriticalKey, UtilizationOptions.Default.DangerPercent);
        if (UtilizationOptions.Problem(warning, critical) is { } problem)
        {
            string key = !(warning > 0) ? WarningKey : CriticalKey;
            throw new InvalidOperationException($"{key}: {problem} (0 < {WarningKey} < {CriticalKey} ≤ 100)");
        }
        return warning == UtilizationOptions.Default.WarningPercent && critical == UtilizationOptions.Default.DangerPercent
            ? UtilizationOptions.Default
            : new UtilizationOptions(warning, critical);
    }

    private static double Number(IConfiguration configuration, string key, double fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InvalidOperationException($"{key}: a percentage is expected (e.g. 75); got '{text}'.");
    }
}

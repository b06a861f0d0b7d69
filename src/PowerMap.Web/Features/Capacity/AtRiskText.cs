using System.Globalization;
using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Components.Shared;
using PowerMap.Web.Features.Resilience;

namespace PowerMap.Web.Features.Capacity;

/// <summary>How an <see cref="AtRiskItem"/> is written (page, print view and exports share it).</summary>
public static class AtRiskText
{
    public static string Subject(CapacitySubject subject) => subject switch
    {
        CapacitySubject.PowerFeed => "Power feed",
        CapacitySubject.Rack => "Rack",
        _ => "Power panel",
    };

    /// <summary>
    /// "now 85.1 % (warning); if Feed 2 (side B) fails: 102.3 % (over capacity)": the load now when at risk, and the worst
    /// single failure when it is. A rack fed from both sides gives all three: "now 46.2 %; if A fails: 92.4 % (critical, ≥ 90 %);
    /// if B fails: 76.1 % (warning, ≥ 75 %)".
    /// </summary>
    public static string Why(Installation inst, AtRiskItem item, UtilizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(options);
        var parts = new List<string>();
        if (item.IfSideFails.Count > 0)
        {
            if (item.PercentNow is { } rackNow)
            {
                parts.Add("now " + WithLevel(rackNow, options));
            }
            foreach (var side in item.IfSideFails)
            {
                parts.Add($"if {side.Side} fails: " + (side.Percent is { } p ? WithLevel(p, options) : "no power"));
            }
            return string.Join("; ", parts);
        }
        if (item.AtRiskNow && item.PercentNow is { } now)
        {
            parts.Add($"now {Format.Percent(now)} ({Level(now, options)})");
        }
        if (item.Cause is { } cause && item.PercentN1 is { } n1 && Utilization.Status(n1, options) != UtilizationStatus.Normal)
        {
            parts.Add($"if {ResilienceText.Name(inst, cause)} fails: {Format.Percent(n1)} ({Level(n1, options)})");
        }
        return string.Join("; ", parts);
    }

    /// <summary>The page of the object.</summary>
    public static string Href(AtRiskItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Subject switch
        {
            CapacitySubject.PowerFeed => Links.Feed(item.Id),
            CapacitySubject.Rack => Links.Rack(item.Id),
            _ => Links.Panel(item.Id),
        };
    }

    /// <summary>The diagram's what-if with the failure that loads the object most, or null when the risk is only now.</summary>
    public static string? WhatIfHref(Installation inst, AtRiskItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Cause is { } cause && ResilienceText.NodeKey(cause) is not null ? ResilienceText.WhatIfHref(inst, cause) : null;
    }

    /// <summary>"46.2 %", or "92.4 % (critical, ≥ 90 %)" at or above the warning threshold.</summary>
    private static string WithLevel(double percent, UtilizationOptions options) =>
        Utilization.Status(percent, options) == UtilizationStatus.Normal ? Format.Percent(percent) : $"{Format.Percent(percent)} ({Level(percent, options)})";

    private static string Level(double percent, UtilizationOptions options) =>
        percent > 100 ? "over capacity"
        : percent >= options.DangerPercent ? "critical, ≥ " + options.DangerPercent.ToString("0.#", CultureInfo.InvariantCulture) + " %"
        : "warning, ≥ " + options.WarningPercent.ToString("0.#", CultureInfo.InvariantCulture) + " %";
}

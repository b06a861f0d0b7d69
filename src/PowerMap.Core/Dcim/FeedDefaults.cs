using System.Globalization;
using System.Text.RegularExpressions;

namespace PowerMap.Core.Dcim;

/// <summary>
/// What a new feed starts with: the electrical values of the panel's other feeds (a panel's circuits are usually alike)
/// and the next free name in the panel's numbering ("Feed 3" after "Feed 2"). PowerMap's convenience; NetBox starts
/// every feed at its model defaults.
/// </summary>
public static partial class FeedDefaults
{
    /// <summary>
    /// Copies supply, phase, voltage, amperage and max utilization from the panel's most recent feed (highest id);
    /// leaves the feed as it is when the panel has none.
    /// </summary>
    public static void FromPanel(Installation inst, PowerFeed feed)
    {
        ArgumentNullException.ThrowIfNull(inst);
        ArgumentNullException.ThrowIfNull(feed);
        var sibling = inst.PowerFeeds.Where(f => f.PowerPanelId == feed.PowerPanelId && f.Id != feed.Id).MaxBy(f => f.Id);
        if (sibling is null)
        {
            return;
        }
        feed.Supply = sibling.Supply;
        feed.Phase = sibling.Phase;
        feed.Voltage = sibling.Voltage;
        feed.Amperage = sibling.Amperage;
        feed.MaxUtilization = sibling.MaxUtilization;
    }

    /// <summary>
    /// "Feed 3" when the panel has "Feed 1" and "Feed 2" (the prefix of the highest-numbered name, number + 1, zero
    /// padding kept: "A-03" after "A-02");
    /// "Feed 1" for a panel without numbered feeds.
    /// </summary>
    public static string NextName(Installation inst, int panelId)
    {
        ArgumentNullException.ThrowIfNull(inst);
        string prefix = "Feed ";
        long highest = 0;
        int width = 1;
        foreach (var f in inst.PowerFeeds)
        {
            if (f.PowerPanelId == panelId && Numbered().Match(f.Name) is { Success: true } m
                && long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= highest)
            {
                highest = n;
                prefix = m.Groups[1].Value;
                width = m.Groups[2].Length;
            }
        }
        return prefix + (highest + 1).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(.*?)(\d{1,9})$")]
    private static partial Regex Numbered();
}

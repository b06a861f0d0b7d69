using System.Globalization;
using System.Text;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// The view state of /topology as it is written in the URL, so that a link reproduces the view:
/// <c>?site=2&amp;expand=device:42,rack:5&amp;collapse=feed:3&amp;all=1&amp;node=feed:7&amp;zoom=0.85&amp;pan=120,-40</c>;
/// in what-if mode also <c>&amp;whatif=1&amp;fail=feed:3,panel:1</c>, so a link reproduces the failure in a meeting.
/// </summary>
/// <param name="SiteId">The site shown; null = the default site.</param>
/// <param name="Expanded">Expansion keys in the order they were opened.</param>
/// <param name="Collapsed">Node ids kept collapsed.</param>
/// <param name="ExpandAll">"Expand all" (true) or "Collapse all" (false) was chosen; null = automatic.</param>
/// <param name="NodeId">The selected (traced) node.</param>
/// <param name="Zoom">Zoom factor; with <paramref name="PanX"/>/<paramref name="PanY"/> the exact viewport.</param>
public sealed record TopologyUrlState(
    int? SiteId,
    IReadOnlyList<string> Expanded,
    IReadOnlyList<string> Collapsed,
    bool? ExpandAll,
    string? NodeId,
    double? Zoom,
    double? PanX,
    double? PanY)
{
    public static TopologyUrlState Empty { get; } = new(null, [], [], null, null, null, null, null);

    /// <summary>What-if mode is on.</summary>
    public bool WhatIf { get; init; }

    /// <summary>The failed elements as node keys (<c>panel:1</c>, <c>feed:3</c>, <c>device:7</c>), in the order picked.</summary>
    public IReadOnlyList<string> Failed { get; init; } = [];

    /// <summary>Reads the query values (each may be missing or malformed: such a value is ignored).</summary>
    public static TopologyUrlState Parse(string? site, string? expand, string? collapse, string? all, string? node, string? zoom, string? pan,
        string? whatIf = null, string? fail = null)
    {
        var failed = Keys(fail);
        int? siteId = int.TryParse(site, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        bool? expandAll = all switch { "1" or "true" => true, "0" or "false" => false, _ => null };
        double? z = double.TryParse(zoom, NumberStyles.Float, CultureInfo.InvariantCulture, out var zv) && zv > 0 && double.IsFinite(zv) ? zv : null;
        double? px = null, py = null;
        if (pan?.Split(',') is [var xs, var ys] &&
            double.TryParse(xs, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) &&
            double.TryParse(ys, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && double.IsFinite(y))
        {
            px = x;
            py = y;
        }
        return new TopologyUrlState(siteId, Keys(expand), Keys(collapse), expandAll, string.IsNullOrWhiteSpace(node) ? null : node.Trim(), z, px, py)
        {
            WhatIf = whatIf is "1" or "true" || failed.Count > 0,
            Failed = failed,
        };
    }

    /// <summary>True when both describe the same nodes (site, expansions): the diagram need not be rebuilt.</summary>
    public bool SameView(TopologyUrlState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SiteId == other.SiteId && ExpandAll == other.ExpandAll && Expanded.SequenceEqual(other.Expanded) && Collapsed.SequenceEqual(other.Collapsed);
    }

    /// <summary>The relative URL: <c>topology?site=…</c>, keys unescaped (<c>:</c> and <c>,</c> are legal in a query).</summary>
    public string ToRelativeUrl()
    {
        var query = new List<string>();
        if (SiteId is { } site)
        {
            query.Add("site=" + site.ToString(CultureInfo.InvariantCulture));
        }
        if (ExpandAll is { } all)
        {
            query.Add("all=" + (all ? "1" : "0"));
        }
        if (Expanded.Count > 0)
        {
            query.Add("expand=" + Join(Expanded));
        }
        if (Collapsed.Count > 0)
        {
            query.Add("collapse=" + Join(Collapsed));
        }
        if (NodeId is { } node)
        {
            query.Add("node=" + Escape(node));
        }
        if (WhatIf)
        {
            query.Add("whatif=1");
        }
        if (Failed.Count > 0)
        {
            query.Add("fail=" + Join(Failed));
        }
        if (Zoom is { } zoom)
        {
            query.Add("zoom=" + zoom.ToString("0.###", CultureInfo.InvariantCulture));
            if (PanX is { } x && PanY is { } y)
            {
                query.Add("pan=" + x.ToString("0", CultureInfo.InvariantCulture) + "," + y.ToString("0", CultureInfo.InvariantCulture));
            }
        }
        return query.Count == 0 ? "topology" : "topology?" + string.Join("&", query);
    }

    /// <summary>The print view of the same nodes and trace: <c>topology/print?site=…&amp;node=…</c> (no viewport: print shows the whole view).</summary>
    public string ToPrintUrl()
    {
        string url = (this with { Zoom = null, PanX = null, PanY = null, WhatIf = false, Failed = [] }).ToRelativeUrl();
        return "topology/print" + url["topology".Length..];
    }

    private static string Join(IEnumerable<string> keys) => string.Join(",", keys.Select(Escape));

    /// <summary>Percent-encodes everything but letters, digits and <c>: - _ .</c> (keys are <c>kind:id</c>).</summary>
    private static string Escape(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    private static IReadOnlyList<string> Keys(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}

using PowerMap.Core.Dcim;

namespace PowerMap.Web.Components.Shared;

/// <summary>The <c>?site=</c> of the capacity pages: a site's slug (<c>dc1</c>), name or id; empty = all sites.</summary>
public static class SiteQuery
{
    /// <summary>The site, null for all sites; <paramref name="unknown"/> is true when a value was given that matches no site.</summary>
    public static Site? Resolve(Installation inst, string? query, out bool unknown)
    {
        ArgumentNullException.ThrowIfNull(inst);
        unknown = false;
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }
        var q = query.Trim();
        var site = inst.Sites.FirstOrDefault(s => string.Equals(s.Slug, q, StringComparison.OrdinalIgnoreCase))
            ?? (inst.SiteByName.TryGetValue(q, out var named) ? named : null)
            ?? (int.TryParse(q, out var id) ? inst.SiteById.GetValueOrDefault(id) : null);
        unknown = site is null;
        return site;
    }

    /// <summary>The query value written for a site: its slug.</summary>
    public static string Value(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Uri.EscapeDataString(site.Slug);
    }
}

using Microsoft.AspNetCore.Components;
using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Components.Pages;

/// <summary>
/// The capacity overview (/?site=dc1, all sites without <c>site</c>): totals in kVA, headroom now and N−1, the merged
/// <i>At risk</i> table, the single points of failure and warnings, and the most utilized feeds and racks. Every
/// number is <see cref="CapacityOverview"/>'s.
/// </summary>
public sealed partial class Home
{
    private const int TopRows = 10;
    private const int AtRiskRows = 25;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "site")] public string? SiteQuery { get; set; }

    private CapacityOverview _o = null!;
    private IReadOnlyList<Site> _sites = [];
    private Site? _site;
    private bool _unknownSite;

    private string ResilienceHref => _site is null ? "resilience" : "resilience?site=" + Uri.EscapeDataString(_site.Name);

    protected override void OnSnapshot()
    {
        _sites = Inst.Sites.OrderBy(s => s.Name, NaturalComparer.Instance).ToList();
        _site = Shared.SiteQuery.Resolve(Inst, SiteQuery, out _unknownSite);
        _o = CapacityOverview.Compute(Report, _site?.Id);
    }

    private static string SiteHref(Site site) => "./?site=" + Shared.SiteQuery.Value(site);

    private void OnSiteChanged(string slug) => Navigation.NavigateTo(string.IsNullOrEmpty(slug) ? "./" : "?site=" + Uri.EscapeDataString(slug));
}

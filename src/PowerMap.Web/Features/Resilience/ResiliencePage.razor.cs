using Microsoft.AspNetCore.Components;
using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Resilience;

/// <summary>
/// /resilience?site=: a site's single points of failure (most watts lost first), its load devices by redundancy, and the
/// feeds and racks whose N−1 load reaches the warning threshold; every failure links to the what-if that shows it.
/// The numbers are <see cref="FailureAnalysis.Resilience"/>'s (one sweep per data revision), with or without the planned
/// devices and cables (<c>?planned=include|exclude</c>, as the overview and the lists; the export follows).
/// </summary>
public sealed partial class ResiliencePage
{
    /// <summary>Rows of the device table at most (a generated XL site has thousands of devices).</summary>
    private const int MaxDeviceRows = 200;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "site")] public string? SiteQuery { get; set; }

    private IReadOnlyList<Site> _sites = [];
    private Site? _site;
    private List<SinglePointOfFailure> _spofs = [];
    private List<DeviceRedundancy> _devices = [];
    private int _hiddenDevices;
    private (int None, int Partial, int Full) _counts;
    private List<FeedHeadroom> _feeds = [];
    private List<RackHeadroom> _racks = [];
    private List<RatingHeadroom> _ratings = [];

    protected override void OnView()
    {
        var inst = Inst;
        _sites = inst.Sites.OrderBy(s => s.Name, NaturalComparer.Instance).ToList();
        _site = (SiteQuery is { } q && inst.SiteByName.TryGetValue(q, out var named) ? named : null)
            ?? (int.TryParse(SiteQuery, out var id) ? inst.SiteById.GetValueOrDefault(id) : null)
            ?? _sites.FirstOrDefault();
        if (_site is null)
        {
            return;
        }
        int siteId = _site.Id;
        var resilience = FailureAnalysis.For(Report).Resilience();
        _spofs = resilience.SinglePointsOfFailure.Where(s => CapacityOverview.SiteOf(inst, s.Element) == siteId).ToList();
        var devices = resilience.Devices.Where(d => inst.DeviceById.TryGetValue(d.DeviceId, out var dev) && dev.SiteId == siteId).ToList();
        _counts = (devices.Count(d => d.Redundancy == RedundancyLevel.None), devices.Count(d => d.Redundancy == RedundancyLevel.Partial),
            devices.Count(d => d.Redundancy == RedundancyLevel.Full));
        var ordered = devices.OrderBy(d => d.Redundancy).ThenBy(d => inst.DeviceName(d.DeviceId), NaturalComparer.Instance).ToList();
        _devices = ordered.Take(MaxDeviceRows).ToList();
        _hiddenDevices = ordered.Count - _devices.Count;
        double warning = Report.Options.WarningPercent;
        _feeds = resilience.Feeds
            .Where(f => f.N1.Percent >= warning && inst.FeedById.TryGetValue(f.FeedId, out var feed) && inst.PanelById.TryGetValue(feed.PowerPanelId, out var p) && p.SiteId == siteId)
            .OrderByDescending(f => f.N1.Percent).ToList();
        _racks = resilience.Racks
            .Where(r => r.N1Utilization >= warning && inst.RackById.TryGetValue(r.RackId, out var rack) && rack.SiteId == siteId)
            .OrderByDescending(r => r.N1Utilization).ToList();
        _ratings = resilience.Ratings
            .Where(r => r.N1.Percent >= warning && CapacityOverview.SiteOf(inst, r.Element) == siteId)
            .OrderByDescending(r => r.N1.Percent).ToList();
    }

    private void OnSiteChanged(int siteId)
    {
        if (Inst.SiteById.TryGetValue(siteId, out var site))
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("site", site.Name));
        }
    }
}

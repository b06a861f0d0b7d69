using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Analysis;

/// <summary>What an at-risk row is.</summary>
public enum CapacitySubject
{
    PowerFeed,
    Rack,
    PowerPanel,
}

/// <summary>
/// One object of the <i>At risk</i> table: a feed, rack or panel that is at or above the warning threshold now, or
/// would be after the single failure that loads it most (N−1, from <see cref="ResilienceReport"/>).
/// </summary>
/// <param name="PercentNow">Utilization now, percent.</param>
/// <param name="PercentN1">Largest utilization after a single failure of its site; null when not analysed (unrated panels).</param>
/// <param name="Cause">The failure behind <paramref name="PercentN1"/>; null when no single failure raises the load.</param>
/// <param name="Severity">The worse of the status now and after the failure.</param>
public sealed record AtRiskItem(
    CapacitySubject Subject,
    int Id,
    string Name,
    int SiteId,
    double? PercentNow,
    double? PercentN1,
    FailureElement? Cause,
    UtilizationStatus Severity)
{
    /// <summary>True when the load now is at or above the warning threshold (as opposed to only after a failure).</summary>
    public bool AtRiskNow { get; init; }

    /// <summary>
    /// For a rack fed from both sides: its utilization if every A feed of the rack fails, then if every B feed fails
    /// (<see cref="FailureAnalysis.RackIfSideFails"/>, the rack page's numbers); empty for feeds, panels and one-sided racks.
    /// </summary>
    public IReadOnlyList<SideFailure> IfSideFails { get; init; } = [];

    /// <summary>True when above 100 % now.</summary>
    public bool OverloadedNow => PercentNow > 100;

    /// <summary>True when above 100 % after the failure <see cref="Cause"/>.</summary>
    public bool OverloadedAfterFailure => PercentN1 > 100;
}

/// <summary>A rack's utilization (percent) after the feeds of one side fail; null when that leaves it without power.</summary>
public sealed record SideFailure(string Side, double? Percent);

/// <summary>
/// The capacity-review overview of one site or of all sites, from one <see cref="PowerReport"/> and its
/// <see cref="FailureAnalysis"/> (no number is computed twice: feed loads come from the report, N−1 from the sweep).
/// </summary>
/// <param name="SiteId">The site reviewed; null = all sites.</param>
/// <param name="Capacity">Σ of the feeds' available power against Σ of their allocated load, VA.</param>
/// <param name="N1AllocatedVoltAmps">Σ over the feeds of each feed's N−1 allocated load (its load after the single failure that loads it most), VA.</param>
/// <param name="SinglePointsOfFailure">Elements of the site whose failure alone takes a load device down.</param>
/// <param name="Warnings">Consistency warnings of the site.</param>
/// <param name="AtRisk">Most severe first, then highest percent, then subject and name.</param>
/// <param name="Feeds">Feed headroom of the site's cabled feeds, highest utilization first.</param>
/// <param name="Racks">Rack headroom of the site's racks with a feed, highest utilization first.</param>
public sealed record CapacityOverview(
    int? SiteId,
    int FeedCount,
    int ConnectedFeedCount,
    int RackCount,
    int PanelCount,
    int DeviceCount,
    CapacityLoad Capacity,
    long N1AllocatedVoltAmps,
    int SinglePointsOfFailure,
    int Warnings,
    IReadOnlyList<AtRiskItem> AtRisk,
    IReadOnlyList<FeedHeadroom> Feeds,
    IReadOnlyList<RackHeadroom> Racks)
{
    /// <summary>
    /// Capacity left on every feed after its own worst single failure: Σ (available − N−1 allocated), VA. Negative
    /// feeds count (a deficit is not hidden by another feed's spare).
    /// </summary>
    public long N1HeadroomVoltAmps => Capacity.AvailableVoltAmps - N1AllocatedVoltAmps;

    /// <summary>At-risk rows by subject.</summary>
    public int AtRiskCount(CapacitySubject subject) => AtRisk.Count(a => a.Subject == subject);

    /// <param name="report">The computed report.</param>
    /// <param name="siteId">A site id, or null for all sites.</param>
    public static CapacityOverview Compute(PowerReport report, int? siteId = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inst = report.Installation;
        var options = report.Options;
        var analysis = FailureAnalysis.For(report);
        var resilience = analysis.Resilience();
        bool InSite(int site) => siteId is null || site == siteId;
        int FeedSite(PowerFeed f) => inst.PanelById.TryGetValue(f.PowerPanelId, out var p) ? p.SiteId : 0;

        var feeds = new List<FeedHeadroom>();
        var atRisk = new List<AtRiskItem>();
        long available = 0, allocated = 0, n1Allocated = 0;
        int feedCount = 0;
        foreach (var h in resilience.Feeds)
        {
            var feed = inst.FeedById[h.FeedId];
            int site = FeedSite(feed);
            if (!InSite(site))
            {
                continue;
            }
            feedCount++;
            available += h.AvailableVoltAmps;
            if (report.Feed(h.FeedId)?.Utilization is null)
            {
                continue;
            }
            allocated += h.AllocatedVoltAmps;
            n1Allocated += h.N1.AllocatedVoltAmps;
            feeds.Add(h);
            if (Risk(h.PercentNow, h.N1.Percent, options) is { } risk)
            {
                atRisk.Add(new AtRiskItem(CapacitySubject.PowerFeed, feed.Id, feed.Name, site, h.PercentNow, h.N1.Percent, h.Cause, risk.Severity) { AtRiskNow = risk.Now });
            }
        }

        var rackSides = new Dictionary<int, HashSet<string>>();
        foreach (var f in inst.PowerFeeds)
        {
            if (f.RackId is { } rid)
            {
                if (!rackSides.TryGetValue(rid, out var set))
                {
                    rackSides[rid] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                set.Add(FeedSide.Of(f));
            }
        }
        var racks = new List<RackHeadroom>();
        foreach (var h in resilience.Racks)
        {
            var rack = inst.RackById[h.RackId];
            if (!InSite(rack.SiteId) || !rackSides.TryGetValue(rack.Id, out var sides))
            {
                continue;
            }
            racks.Add(h);
            if (Risk(h.Utilization, h.N1Utilization, options) is { } risk)
            {
                // Both sides' failures, not only the worst: the review asks "now / if A fails / if B fails" (two what-ifs,
                // only for the racks at risk).
                IReadOnlyList<SideFailure> ifSideFails = sides.Contains(FeedSide.A) && sides.Contains(FeedSide.B)
                    ? [.. new[] { FeedSide.A, FeedSide.B }.Select(side => new SideFailure(side, analysis.RackIfSideFails(rack.Id, side)?.Utilization))]
                    : [];
                atRisk.Add(new AtRiskItem(CapacitySubject.Rack, rack.Id, rack.ToString(), rack.SiteId, h.Utilization, h.N1Utilization, h.Cause, risk.Severity)
                    { AtRiskNow = risk.Now, IfSideFails = ifSideFails });
            }
        }

        int panelCount = 0;
        var panelRatings = resilience.Ratings.Where(r => r.Element.Kind == FailureElementKind.PowerPanel).ToDictionary(r => r.Element.Id);
        foreach (var (panelId, load) in PowerSummary.Panels(report))
        {
            var panel = inst.PanelById[panelId];
            if (!InSite(panel.SiteId))
            {
                continue;
            }
            panelCount++;
            // A rated panel (main breaker known) is judged against its rating, now and after the worst single failure of
            // its site (the N−1 sweep's rating rows). An unrated one on its feeds' load now against their sum.
            if (panelRatings.TryGetValue(panelId, out var rated))
            {
                if (Risk(rated.Now.Percent, rated.N1.Percent, options) is { } ratedRisk)
                {
                    atRisk.Add(new AtRiskItem(CapacitySubject.PowerPanel, panel.Id, panel.Name, panel.SiteId, rated.Now.Percent, rated.N1.Percent, rated.Cause, ratedRisk.Severity) { AtRiskNow = ratedRisk.Now });
                }
            }
            else if (Risk(load.Percent, null, options) is { } risk)
            {
                atRisk.Add(new AtRiskItem(CapacitySubject.PowerPanel, panel.Id, panel.Name, panel.SiteId, load.Percent, null, null, risk.Severity) { AtRiskNow = true });
            }
        }

        int spofs = resilience.SinglePointsOfFailure.Count(s => siteId is null || SiteOf(inst, s.Element) == siteId);
        var siteName = siteId is { } sid && inst.SiteById.TryGetValue(sid, out var st) ? st.Name : null;
        int warnings = ConsistencyWarnings.For(inst, report).Count(w => siteName is null || w.SiteName == siteName);

        atRisk.Sort((a, b) =>
        {
            int c = b.Severity.CompareTo(a.Severity);
            if (c == 0) c = Math.Max(b.PercentNow ?? 0, b.PercentN1 ?? 0).CompareTo(Math.Max(a.PercentNow ?? 0, a.PercentN1 ?? 0));
            if (c == 0) c = a.Subject.CompareTo(b.Subject);
            if (c == 0) c = string.CompareOrdinal(a.Name, b.Name);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        });
        feeds.Sort((a, b) => Nullable.Compare(b.PercentNow, a.PercentNow) is var c && c != 0 ? c : a.FeedId.CompareTo(b.FeedId));
        racks.Sort((a, b) => b.Utilization.CompareTo(a.Utilization) is var c && c != 0 ? c : a.RackId.CompareTo(b.RackId));

        return new CapacityOverview(
            siteId,
            feedCount,
            feeds.Count,
            inst.Racks.Count(r => InSite(r.SiteId)),
            panelCount,
            inst.Devices.Count(d => InSite(d.SiteId)),
            CapacityLoad.Of(allocated, available, options),
            n1Allocated,
            spofs,
            warnings,
            atRisk,
            feeds,
            racks);
    }

    /// <summary>The site of a failure element (a panel's, a feed's panel's, a device's); 0 when unknown.</summary>
    public static int SiteOf(Installation inst, FailureElement e)
    {
        ArgumentNullException.ThrowIfNull(inst);
        return e.Kind switch
        {
            FailureElementKind.PowerPanel => inst.PanelById.GetValueOrDefault(e.Id)?.SiteId ?? 0,
            FailureElementKind.PowerFeed => inst.FeedById.TryGetValue(e.Id, out var f) ? inst.PanelById.GetValueOrDefault(f.PowerPanelId)?.SiteId ?? 0 : 0,
            FailureElementKind.Device => inst.DeviceById.GetValueOrDefault(e.Id)?.SiteId ?? 0,
            FailureElementKind.PowerPort => inst.PortById.TryGetValue(e.Id, out var p) ? inst.DeviceById.GetValueOrDefault(p.DeviceId)?.SiteId ?? 0 : 0,
            _ => inst.OutletById.TryGetValue(e.Id, out var o) ? inst.DeviceById.GetValueOrDefault(o.DeviceId)?.SiteId ?? 0 : 0,
        };
    }

    /// <summary>At risk when now or N−1 is at or above the warning threshold; the severity is the worse status.</summary>
    private static (UtilizationStatus Severity, bool Now)? Risk(double? now, double? n1, UtilizationOptions options)
    {
        var statusNow = now is { } a ? Utilization.Status(a, options) : UtilizationStatus.Normal;
        var statusN1 = n1 is { } b ? Utilization.Status(b, options) : UtilizationStatus.Normal;
        var worst = statusNow > statusN1 ? statusNow : statusN1;
        return worst == UtilizationStatus.Normal ? null : (worst, statusNow != UtilizationStatus.Normal);
    }
}

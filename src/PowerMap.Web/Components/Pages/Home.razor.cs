using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
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

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private PowerMap.Core.Data.History.LoadHistoryStore History { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "site")] public string? SiteQuery { get; set; }

    [SupplyParameterFromQuery(Name = Shared.PlannedQuery.Name)] public string? PlannedQueryValue { get; set; }

    private CapacityOverview _o = null!;
    private IReadOnlyList<Site> _sites = [];
    private Site? _site;
    private bool _unknownSite;
    private bool _withPlanned = true;
    private bool _unknownPlanned;
    private TopologySnapshot _view = null!;
    private PlannedObjects _planned = null!;

    private string ResilienceHref => _site is null ? "resilience" : "resilience?site=" + Uri.EscapeDataString(_site.Name);

    protected override void OnSnapshot()
    {
        _sites = Inst.Sites.OrderBy(s => s.Name, NaturalComparer.Instance).ToList();
        _site = Shared.SiteQuery.Resolve(Inst, SiteQuery, out _unknownSite);
        _withPlanned = Shared.PlannedQuery.WithPlanned(PlannedQueryValue, out _unknownPlanned);
        _view = Shared.PlannedQuery.View(Snapshot, _withPlanned);
        _planned = PlannedChanges.Of(Inst, _site?.Id);
        _o = CapacityOverview.Compute(_view.Report, _site?.Id);
    }

    /// <summary>The review pack of the same site and the same Now / With planned choice.</summary>
    private string ReviewHref => SameChoice("review");

    /// <summary>The report workbook of the same site and the same Now / With planned choice.</summary>
    private string ReportHref => SameChoice("api/power/report.xlsx");

    /// <summary><paramref name="path"/> with this page's site and Now / With planned choice in its query.</summary>
    private string SameChoice(string path)
    {
        var query = new List<string>();
        if (_site is not null)
        {
            query.Add("site=" + Uri.EscapeDataString(Shared.SiteQuery.Value(_site)));
        }
        if (!_withPlanned)
        {
            query.Add(Shared.PlannedQuery.Name + "=" + Shared.PlannedQuery.Exclude);
        }
        return path + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    private static string SiteHref(Site site) => "./?site=" + Shared.SiteQuery.Value(site);

    private void OnSiteChanged(string slug) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("site", string.IsNullOrEmpty(slug) ? null : slug));

    private void OnPlannedChanged(bool withPlanned) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(Shared.PlannedQuery.Name, Shared.PlannedQuery.Value(withPlanned)));

    private async Task ApplyPlannedAsync()
    {
        var parameters = new DialogParameters<ApplyPlannedDialog> { { x => x.Site, _site is null ? null : Shared.SiteQuery.Value(_site) } };
        var dialog = await Dialogs.ShowAsync<ApplyPlannedDialog>("Apply planned", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
    }

    /// <summary>Today's load snapshot now (as the daily one: planned objects left out), replacing today's if taken.</summary>
    private async Task TakeSnapshotAsync()
    {
        var day = PowerMap.Core.Data.History.LoadHistoryStore.Today();
        try
        {
            int count = await History.TakeNowAsync(Snapshot.Report, day);
            Snackbar.Add($"Snapshot of {day:yyyy-MM-dd}: {count} feeds, racks and panels.", Severity.Success);
        }
        catch (Exception ex) when (PowerMap.Core.Data.DatabaseBusy.Is(ex))
        {
            Snackbar.Add(PowerMap.Core.Data.DatabaseBusy.Message, Severity.Warning);
        }
    }
}

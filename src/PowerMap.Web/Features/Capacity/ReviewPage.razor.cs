using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Web.Features.Topology;

namespace PowerMap.Web.Features.Capacity;

/// <summary>
/// /review?site=dc1: the capacity review of one site (or all) for paper: title, site, date, the overview numbers,
/// the at-risk table and the charts, page numbers from CSS <c>@page</c>, no navigation (<c>PrintLayout</c>).
/// A chosen site's diagram (its default view, the export's drawing) is fitted to the last page, with a link to the live one.
/// </summary>
public sealed partial class ReviewPage
{
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private IJSRuntime Js { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "site")] public string? SiteQuery { get; set; }

    [SupplyParameterFromQuery(Name = Components.Shared.PlannedQuery.Name)] public string? PlannedQueryValue { get; set; }

    private bool _withPlanned = true;
    private PowerMap.Core.Data.TopologySnapshot _view = null!;
    private PlannedObjects _planned = null!;

    private CapacityOverview _o = null!;
    private Site? _site;
    private bool _unknownSite;
    private string _date = "";
    private string? _drawing;
    private (long Revision, int? Site, bool Planned) _drawn = (-1, null, false);

    private string SiteTitle => _site?.Name ?? "All sites";

    private string ResilienceHref => _site is null ? "resilience" : "resilience?site=" + Uri.EscapeDataString(_site.Name);

    private string DiagramHref => (TopologyUrlState.Empty with { SiteId = _site?.Id }).ToRelativeUrl();

    private string NavigationBase => Navigation.BaseUri;

    protected override void OnSnapshot()
    {
        _site = Components.Shared.SiteQuery.Resolve(Inst, SiteQuery, out _unknownSite);
        _withPlanned = Components.Shared.PlannedQuery.WithPlanned(PlannedQueryValue, out _);
        _view = Components.Shared.PlannedQuery.View(Snapshot, _withPlanned);
        _planned = PlannedChanges.Of(Inst, _site?.Id);
        _o = CapacityOverview.Compute(_view.Report, _site?.Id);
        _date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        // Drawn again only when the data, the site or the planned switch changed (a large site's drawing is not free).
        var key = (_view.Revision, _site?.Id, _withPlanned);
        if (key != _drawn)
        {
            _drawn = key;
            _drawing = _site is null ? null : TopologyPrintPage.FittedDrawing(_view, _site.Id, $"{_site.Name} · {_date}");
        }
    }

    private void OnPlannedChanged(bool withPlanned) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(Components.Shared.PlannedQuery.Name, Components.Shared.PlannedQuery.Value(withPlanned)));

    private async Task PrintAsync() => await Js.InvokeVoidAsync("print");
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using MudBlazor;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Capacity;

/// <summary>
/// "Where does it fit?" (/fit): the request (draws, PSUs, optional site and preferred rack), the ranked placements from
/// <see cref="FitApi.Fit"/>, and for editors a Reserve button per placement that creates it as a planned device
/// (<see cref="PlannedApi.ReserveAsync"/>, through <see cref="ReserveDialog"/>).
/// </summary>
public sealed partial class FitPage
{
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private int _allocated = 400;
    private int _maximum = 500;
    private int _psus = 2;
    private string _site = "";
    private int? _rackId;
    private IReadOnlyList<Site> _sites = [];
    private IReadOnlyList<Rack> _racks = [];
    private IReadOnlyList<FitApi.PlacementJson>? _placements;
    private PlannedApi.ReservedJson? _reserved;
    private string? _error;

    protected override void OnSnapshot()
    {
        _sites = Inst.Sites.OrderBy(s => s.Name, NaturalComparer.Instance).ToList();
        var site = Inst.Sites.FirstOrDefault(s => s.Slug == _site);
        _racks = Inst.Racks.Where(r => site is null || r.SiteId == site.Id)
            .OrderBy(r => Inst.SiteById.GetValueOrDefault(r.SiteId)?.Name, NaturalComparer.Instance).ThenBy(r => r.Name, NaturalComparer.Instance).ToList();
        if (_rackId is { } id && !_racks.Any(r => r.Id == id))
        {
            _rackId = null;
        }
    }

    private string RackName(Rack r) => Inst.Sites.Count > 1 && string.IsNullOrEmpty(_site) && Inst.SiteById.TryGetValue(r.SiteId, out var s) ? $"{r} ({s.Name})" : r.ToString();

    private void OnSiteChanged(string slug)
    {
        _site = slug ?? "";
        OnSnapshot();
    }

    private void Find()
    {
        // The newest snapshot: after a reservation the event that brings it to this page may not have arrived yet.
        var result = FitApi.Fit(Topology.Current, new FitApi.FitBody(_allocated, _maximum, _psus, string.IsNullOrEmpty(_site) ? null : _site, _rackId));
        if (result.Result is Ok<FitApi.FitJson> ok)
        {
            _error = null;
            _placements = ok.Value!.Placements;
            return;
        }
        var problem = (ProblemHttpResult)result.Result;
        _error = problem.ProblemDetails.Extensions.TryGetValue("errors", out var errors) ? errors?.ToString() : problem.ProblemDetails.Detail;
        _placements = null;
    }

    private async Task ReserveAsync(FitApi.PlacementJson placement)
    {
        var parameters = new DialogParameters<ReserveDialog>
        {
            { x => x.Placement, placement },
            { x => x.AllocatedWatts, _allocated },
            { x => x.MaximumWatts, _maximum },
        };
        var reserved = await Dialogs.FormAsync<ReserveDialog, PlannedApi.ReservedJson>("Reserve as a planned device", parameters);
        if (reserved is null)
        {
            return;
        }
        _reserved = reserved;
        Find();
    }
}

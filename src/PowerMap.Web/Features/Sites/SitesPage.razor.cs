using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Sites;

public partial class SitesPage
{
    public sealed record SiteRow(Site Site, string Name, int Racks, int Panels, int Devices);

    public sealed record LocationRow(Location Location, string Name, string Site, int Racks);

    public sealed record RackRow(Rack Rack, string Name, string Site, string Location, int Feeds, int Devices, long AvailableVoltAmps, double Percent, UtilizationStatus Status);

    private static readonly int[] PageSizes = [10, 25, 50, 100];

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private List<SiteRow> _sites = [];
    private List<LocationRow> _locations = [];
    private List<RackRow> _racks = [];
    private string _siteSearch = "";
    private string _locationSearch = "";
    private string _rackSearch = "";

    protected override void OnView()
    {
        var inst = Inst;
        var racksBySite = inst.Racks.CountBy(r => r.SiteId).ToDictionary();
        var panelsBySite = inst.PowerPanels.CountBy(p => p.SiteId).ToDictionary();
        var devicesBySite = inst.Devices.CountBy(d => d.SiteId).ToDictionary();
        var racksByLocation = inst.Racks.Where(r => r.LocationId is not null).CountBy(r => r.LocationId!.Value).ToDictionary();
        var devicesByRack = inst.Devices.Where(d => d.RackId is not null).CountBy(d => d.RackId!.Value).ToDictionary();
        var rackLoads = PowerSummary.Racks(Report);

        _sites = inst.Sites.OrderBy(s => s.Name, NaturalComparer.Instance)
            .Select(s => new SiteRow(s, s.Name, racksBySite.GetValueOrDefault(s.Id), panelsBySite.GetValueOrDefault(s.Id), devicesBySite.GetValueOrDefault(s.Id)))
            .ToList();
        _locations = inst.Locations.OrderBy(l => l.Name, NaturalComparer.Instance)
            .Select(l => new LocationRow(l, l.Name, SiteName(l.SiteId), racksByLocation.GetValueOrDefault(l.Id)))
            .ToList();
        _racks = inst.Racks.OrderBy(r => SiteName(r.SiteId), NaturalComparer.Instance).ThenBy(r => r.Name, NaturalComparer.Instance)
            .Select(r =>
            {
                var load = rackLoads[r.Id];
                return new RackRow(r, r.ToString(), SiteName(r.SiteId), r.LocationId is { } l && inst.LocationById.TryGetValue(l, out var loc) ? loc.Name : "",
                    load.FeedCount, devicesByRack.GetValueOrDefault(r.Id), load.AvailableVoltAmps, load.Percent, load.Status);
            })
            .ToList();
    }

    private string SiteName(int id) => Inst.SiteById.TryGetValue(id, out var s) ? s.Name : "";

    private bool SiteMatches(SiteRow row) => Search.Matches(_siteSearch, row.Name);

    private bool LocationMatches(LocationRow row) => Search.Matches(_locationSearch, row.Name, row.Site);

    private bool RackMatches(RackRow row) => Search.Matches(_rackSearch, row.Name, row.Site, row.Location);

    private Task AddSiteAsync() => Dialogs.FormAsync<SiteForm, Site>("Add site");

    private Task EditSiteAsync(Site site) =>
        Dialogs.FormAsync<SiteForm, Site>("Edit site", new() { { x => x.Item, site } });

    private Task AddLocationAsync() => Dialogs.FormAsync<LocationForm, Location>("Add location");

    private Task EditLocationAsync(Location location) =>
        Dialogs.FormAsync<LocationForm, Location>("Edit location", new() { { x => x.Item, location } });

    private Task AddRackAsync() => Dialogs.FormAsync<RackForm, Rack>("Add rack");

    private Task EditRackAsync(Rack rack) =>
        Dialogs.FormAsync<RackForm, Rack>("Edit rack", new() { { x => x.Item, rack } });

    private Task DeleteAsync(Entity item) => Dialogs.ConfirmDeleteAsync(item);
}

using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Components.Shared;
using PowerMap.Web.Features.Devices;
using PowerMap.Web.Features.PowerFeeds;

namespace PowerMap.Web.Features.Sites;

public partial class RackPage
{
    [Parameter] public int Id { get; set; }

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private Rack? _rack;
    private RackLoad? _load;
    private List<PowerFeed> _feeds = [];
    private List<(Device Device, DevicePowerSummary Summary)> _devices = [];

    private string SiteName => Inst.SiteById.TryGetValue(_rack!.SiteId, out var s) ? s.Name : "";

    private string? LocationName => _rack!.LocationId is { } l && Inst.LocationById.TryGetValue(l, out var loc) ? loc.Name : null;

    protected override void OnSnapshot()
    {
        _rack = Inst.RackById.GetValueOrDefault(Id);
        if (_rack is null)
        {
            return;
        }
        _load = PowerSummary.Rack(Report, Id);
        _feeds = Inst.PowerFeeds.Where(f => f.RackId == Id).OrderBy(f => f.Name, NaturalComparer.Instance).ToList();
        _devices = Inst.Devices.Where(d => d.RackId == Id).OrderBy(d => d.Name, NaturalComparer.Instance)
            .Select(d => (d, PowerSummary.Device(Report, d.Id))).ToList();
    }

    private Task EditAsync() => Dialogs.FormAsync<RackForm, Rack>("Edit rack", new() { { x => x.Item, _rack } });

    private Task AddFeedAsync() => Dialogs.FormAsync<PowerFeedForm, PowerFeed>("Add power feed", new() { { x => x.RackId, Id } });

    private Task AddDeviceAsync() => Dialogs.FormAsync<DeviceForm, Device>("Add device", new() { { x => x.RackId, Id } });

    private Task CreatePduAsync() => Dialogs.FormAsync<CreatePduForm, Device>("Create PDU", new() { { x => x.RackId, Id } });

    private async Task DeleteAsync()
    {
        if (await Dialogs.ConfirmDeleteAsync(_rack!))
        {
            Navigation.NavigateTo("sites");
        }
    }

    [Inject] private NavigationManager Navigation { get; set; } = null!;
}

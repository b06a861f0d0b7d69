using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Devices;

public partial class DevicesPage
{
    public sealed record DeviceRow(Device Device, string Name, string Site, string Rack, string Type, string Role, string Status, int PowerPorts, int Outlets, long AllocatedWatts);

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    private List<DeviceRow> _rows = [];
    private string _search = "";

    protected override void OnView()
    {
        var inst = Inst;
        var summaries = PowerSummary.Devices(Report);
        _rows = inst.Devices
            .Select(d =>
            {
                var s = summaries[d.Id];
                return new DeviceRow(d, inst.DeviceDisplay(d), inst.SiteById.TryGetValue(d.SiteId, out var site) ? site.Name : "",
                    d.RackId is { } r && inst.RackById.TryGetValue(r, out var rack) ? rack.ToString() : "",
                    d.DeviceTypeId is { } t && inst.DeviceTypeById.TryGetValue(t, out var type) ? type.Model : "",
                    d.Role, Format.Choice(d.Status), s.PowerPortCount, s.PowerOutletCount, s.AllocatedWatts);
            })
            .OrderBy(r => r.Site, NaturalComparer.Instance).ThenBy(r => r.Name, NaturalComparer.Instance)
            .ToList();
    }

    private bool Matches(DeviceRow row) => Search.Matches(_search, row.Name, row.Site, row.Rack, row.Type, row.Role);

    private async Task AddAsync()
    {
        if (await Dialogs.FormAsync<DeviceForm, Device>("Add device") is { } device)
        {
            Navigation.NavigateTo(Links.Device(device.Id));
        }
    }

    private async Task CreatePduAsync()
    {
        if (await Dialogs.FormAsync<CreatePduForm, Device>("Create PDU") is { } device)
        {
            Navigation.NavigateTo(Links.Device(device.Id));
        }
    }

    private Task EditAsync(Device device) => Dialogs.FormAsync<DeviceForm, Device>("Edit device", new() { { x => x.Item, device } });
}

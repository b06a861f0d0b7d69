using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;
using PowerMap.Web.Features.Devices;

namespace PowerMap.Web.Features.DeviceTypes;

public partial class DeviceTypePage
{
    [Parameter] public int Id { get; set; }

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    private DeviceType? _type;
    private int _deviceCount;
    private List<PowerPortTemplate> _ports = [];
    private List<PowerOutletTemplate> _outlets = [];

    protected override void OnSnapshot()
    {
        _type = Inst.DeviceTypeById.GetValueOrDefault(Id);
        if (_type is null)
        {
            return;
        }
        _deviceCount = Inst.Devices.Count(d => d.DeviceTypeId == Id);
        _ports = Inst.PowerPortTemplates.Where(t => t.DeviceTypeId == Id).OrderBy(t => t.Name, NaturalComparer.Instance).ToList();
        _outlets = Inst.PowerOutletTemplates.Where(t => t.DeviceTypeId == Id).OrderBy(t => t.Name, NaturalComparer.Instance).ToList();
    }

    private Task EditAsync() => Dialogs.FormAsync<DeviceTypeForm, DeviceType>("Edit device type", new() { { x => x.Item, _type } });

    private async Task DeleteAsync()
    {
        if (await Dialogs.ConfirmDeleteAsync(_type!))
        {
            Navigation.NavigateTo("device-types");
        }
    }

    private async Task AddDeviceAsync()
    {
        if (await Dialogs.FormAsync<DeviceForm, Device>("Add device", new() { { x => x.DeviceTypeId, Id } }) is { } device)
        {
            Navigation.NavigateTo(Links.Device(device.Id));
        }
    }

    private Task AddPortAsync() => Dialogs.FormAsync<PowerPortTemplateForm, PowerPortTemplate>("Add power port template", new() { { x => x.DeviceTypeId, Id } });

    private Task EditPortAsync(PowerPortTemplate t) => Dialogs.FormAsync<PowerPortTemplateForm, PowerPortTemplate>("Edit power port template", new() { { x => x.Item, t } });

    private Task AddOutletAsync() => Dialogs.FormAsync<PowerOutletTemplateForm, PowerOutletTemplate>("Add power outlet template", new() { { x => x.DeviceTypeId, Id } });

    private Task EditOutletAsync(PowerOutletTemplate t) => Dialogs.FormAsync<PowerOutletTemplateForm, PowerOutletTemplate>("Edit power outlet template", new() { { x => x.Item, t } });
}

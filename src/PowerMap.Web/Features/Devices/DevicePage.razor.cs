using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Components.Shared;
using PowerMap.Web.Features.Cables;

namespace PowerMap.Web.Features.Devices;

public partial class DevicePage
{
    [Parameter] public int Id { get; set; }

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private DcimStore Store { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    private Device? _device;
    private DevicePowerSummary? _summary;
    private CapacityLoad? _rating;
    private IReadOnlyList<DevicePowerRow>? _rows;
    private DeviceRedundancy? _redundancy;
    private IReadOnlyList<TraceChain> _paths = [];
    private List<PowerPort> _ports = [];
    private List<PowerOutlet> _outlets = [];

    protected override void OnSnapshot()
    {
        _device = Inst.DeviceById.GetValueOrDefault(Id);
        if (_device is null)
        {
            return;
        }
        _summary = PowerSummary.Device(Report, Id);
        _rating = RatingReport.For(Report).Device(Id);
        _rows = Report.DeviceRows(Id);
        _redundancy = FailureAnalysis.For(Report).RedundancyOf(Id);
        _ports = Inst.PowerPorts.Where(p => p.DeviceId == Id).OrderBy(p => p.Name, NaturalComparer.Instance).ToList();
        _outlets = Inst.PowerOutlets.Where(o => o.DeviceId == Id).OrderBy(o => o.Name, NaturalComparer.Instance).ToList();
        _paths = _ports.Select(p => PathTrace.Upstream(Inst, Report, p)).ToList();
    }

    private static bool IsAuto(PowerPort port) => port.AllocatedDrawWatts is null && port.MaximumDrawWatts is null;

    private Task EditAsync() => Dialogs.FormAsync<DeviceForm, Device>("Edit device", new() { { x => x.Item, _device } });

    private async Task DeleteAsync()
    {
        if (await Dialogs.ConfirmDeleteAsync(_device!))
        {
            Navigation.NavigateTo("devices");
        }
    }

    private Task AddPortAsync() => Dialogs.FormAsync<PowerPortForm, PowerPort>("Add power port", new() { { x => x.DeviceId, Id } });

    private Task EditPortAsync(PowerPort port) => Dialogs.FormAsync<PowerPortForm, PowerPort>("Edit power port", new() { { x => x.Item, port } });

    private Task AddOutletAsync() => Dialogs.FormAsync<PowerOutletForm, PowerOutlet>("Add power outlet", new() { { x => x.DeviceId, Id } });

    private Task EditOutletAsync(PowerOutlet outlet) => Dialogs.FormAsync<PowerOutletForm, PowerOutlet>("Edit power outlet", new() { { x => x.Item, outlet } });

    private Task ConnectOutletAsync(PowerOutlet outlet) =>
        Dialogs.FormAsync<ConnectForm, Cable>($"Connect {_device!.Name} › {outlet.Name}",
            new() { { x => x.FromKind, TerminationKind.PowerOutlet }, { x => x.FromId, outlet.Id } });

    private Task ConnectPortAsync(PowerPort port) =>
        Dialogs.FormAsync<ConnectForm, Cable>($"Connect {_device!.Name} › {port.Name}",
            new() { { x => x.ToPortId, port.Id } });

    private Task DisconnectAsync(TerminationKind kind, int id) => CableActions.DisconnectAsync(Store, Snackbar, Inst, kind, id);
}

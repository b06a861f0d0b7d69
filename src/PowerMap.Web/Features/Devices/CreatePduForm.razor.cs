using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Devices;

public partial class CreatePduForm
{
    private const int MaxOutlets = 96;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [Inject] private DcimStore Store { get; set; } = null!;

    [Inject] private TopologyService Topology { get; set; } = null!;

    /// <summary>The rack of the new PDU (pre-selected).</summary>
    [Parameter] public int? RackId { get; set; }

    private readonly FormErrors _errors = new("name", "rack", "outlets", "rated_va");
    private string _name = "";
    private int? _rackId;
    private int _outlets = 8;
    private string _inletName = "Inlet";
    private bool _legs;
    private int? _ratedVoltAmps;
    private bool _saving;

    private Installation Inst => Topology.Current.Installation;

    protected override void OnInitialized() => _rackId = RackId ?? (Inst.Racks.Count == 1 ? Inst.Racks[0].Id : null);

    private string RackName(int? id) =>
        id is { } v && Inst.RackById.TryGetValue(v, out var r) ? (Inst.Sites.Count > 1 && Inst.SiteById.TryGetValue(r.SiteId, out var s) ? $"{r} ({s.Name})" : r.ToString()) : "";

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }
        var errors = new ValidationErrors();
        if (_rackId is not { } rackId || !Inst.RackById.TryGetValue(rackId, out var rack))
        {
            errors.Add("rack", Messages.Required);
            _errors.Set(errors);
            return;
        }
        if (_outlets is < 0 or > MaxOutlets)
        {
            _errors.Set(errors.Add("outlets", _outlets < 0 ? Messages.MinValue(0) : Messages.MaxValue(MaxOutlets)));
            return;
        }
        _saving = true;
        try
        {
            var device = new Device { Name = _name, SiteId = rack.SiteId, RackId = rack.Id, Role = "pdu", RatedVoltAmps = _ratedVoltAmps };
            var (ports, outlets) = DeviceComponents.Pdu(_outlets, _legs, string.IsNullOrWhiteSpace(_inletName) ? "Inlet" : _inletName.Trim());
            var result = await Store.CreateDeviceWithComponentsAsync(device, ports, outlets);
            if (result.IsOk)
            {
                Dialog.Close(DialogResult.Ok(result.Current));
                return;
            }
            _errors.Set(result.Errors ?? new ValidationErrors().Add(ValidationErrors.NonField, result.Message ?? result.Status.ToString()));
        }
        finally
        {
            _saving = false;
        }
    }
}

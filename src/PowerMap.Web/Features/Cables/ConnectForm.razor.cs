using Microsoft.AspNetCore.Components;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Cables;

public partial class ConnectForm
{
    /// <summary>A free power feed or outlet to cable from.</summary>
    public sealed record Source(TerminationKind Kind, int Id, string Text);

    /// <summary>The feed or outlet to connect (fixed); when null the form lets the user choose one.</summary>
    [Parameter] public TerminationKind? FromKind { get; set; }

    [Parameter] public int? FromId { get; set; }

    /// <summary>The power port to connect (fixed, e.g. an unconnected PSU); the user chooses the feed or outlet it plugs into.</summary>
    [Parameter] public int? ToPortId { get; set; }

    protected override IReadOnlyList<string> Fields { get; } = ["a_terminations", "b_terminations", "status", "label"];

    private Source? _source;
    private Device? _device;
    private int _portId;
    private IReadOnlyList<PowerPort> _ports = [];
    private IReadOnlyList<Device> _devices = [];
    private List<Source>? _sources;

    protected override void OnInitialized()
    {
        base.OnInitialized();
        _devices = CableCandidates.DevicesWithFreePowerPorts(Inst);
        if (ToPortId is { } portId)
        {
            _portId = portId;
        }
    }

    private Task<IEnumerable<Device>> SearchDevicesAsync(string? text, CancellationToken ct) =>
        Task.FromResult(_devices.Where(d => Search.Matches(text, d.Name, d.Role)).Take(50));

    private Task<IEnumerable<Source>> SearchSourcesAsync(string? text, CancellationToken ct)
    {
        _sources ??= Inst.PowerFeeds.Where(f => CableCandidates.IsFree(Inst, TerminationKind.PowerFeed, f.Id))
            .Select(f => new Source(TerminationKind.PowerFeed, f.Id, "Feed " + Describe.Termination(Inst, TerminationKind.PowerFeed, f.Id)))
            .Concat(Inst.PowerOutlets.Where(o => CableCandidates.IsFree(Inst, TerminationKind.PowerOutlet, o.Id))
                .Select(o => new Source(TerminationKind.PowerOutlet, o.Id, "Outlet " + Describe.Termination(Inst, TerminationKind.PowerOutlet, o.Id))))
            .ToList();
        return Task.FromResult(_sources.Where(s => Search.Matches(text, s.Text)).Take(50));
    }

    private void SourceChanged(Source? source) => _source = source;

    private void DeviceChanged(Device? device)
    {
        _device = device;
        _ports = device is null ? [] : CableCandidates.FreePowerPorts(Topology.Current.Installation, device.Id);
        _portId = _ports.Count > 0 ? _ports[0].Id : 0;
    }

    private string DeviceName(Device? d) =>
        d is null ? "" : Inst.Sites.Count > 1 && Inst.SiteById.TryGetValue(d.SiteId, out var s) ? $"{d.Name} ({s.Name})" : d.Name;

    private string PortName(int id) => Inst.PortById.TryGetValue(id, out var p) ? p.ToString() : "";

    private static string PortText(PowerPort p) =>
        p.AllocatedDrawWatts is null && p.MaximumDrawWatts is null ? p.ToString() : $"{p} ({Format.Watts(p.AllocatedDrawWatts)} / {Format.Watts(p.MaximumDrawWatts)})";

    protected override Task<WriteResult<Cable>> WriteAsync(Cable candidate)
    {
        var from = FromKind is { } kind && FromId is { } id ? (kind, id) : _source is { } s ? (s.Kind, s.Id) : default((TerminationKind, int)?);
        var errors = new ValidationErrors();
        if (from is null)
        {
            errors.Add("a_terminations", "Choose a power feed or outlet to connect from.");
        }
        if (_portId == 0)
        {
            errors.Add("b_terminations", "Choose a free power port.");
        }
        if (!errors.IsValid)
        {
            return Task.FromResult(new WriteResult<Cable>(WriteStatus.Invalid, Errors: errors));
        }
        var cable = CableCandidates.Between(from!.Value.Item1, from.Value.Item2, TerminationKind.PowerPort, _portId, candidate.Status, candidate.Label);
        return Store.SaveAsync(cable);
    }
}

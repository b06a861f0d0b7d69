using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;
using PowerMap.Web.Components.Shared;
using PowerMap.Web.Features.Devices;
using PowerMap.Web.Features.PowerFeeds;
using PowerMap.Web.Features.Resilience;
using PowerMap.Web.Features.Topology;

namespace PowerMap.Web.Features.Sites;

public partial class RackPage
{
    [Parameter] public int Id { get; set; }

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private Rack? _rack;
    private RackLoad? _load;
    private List<PowerFeed> _feeds = [];
    private List<(Device Device, DevicePowerSummary Summary)> _devices = [];
    private List<RackSideFailure> _sides = [];
    private RackHeadroom? _n1;

    private string SiteName => Inst.SiteById.TryGetValue(_rack!.SiteId, out var s) ? s.Name : "";

    private string? LocationName => _rack!.LocationId is { } l && Inst.LocationById.TryGetValue(l, out var loc) ? loc.Name : null;

    protected override void OnView()
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
        var analysis = FailureAnalysis.For(Report);
        _sides = new[] { FeedSide.A, FeedSide.B }.Select(side => analysis.RackIfSideFails(Id, side)).OfType<RackSideFailure>().ToList();
        _n1 = analysis.Resilience().Racks.FirstOrDefault(r => r.RackId == Id);
    }

    /// <summary>The diagram in what-if mode with this side's feeds of the rack failed.</summary>
    private string SideWhatIfHref(RackSideFailure side) =>
        (TopologyUrlState.Empty with { SiteId = _rack!.SiteId, WhatIf = true, Failed = side.FailedFeedIds.Select(TopologyNodeId.Feed).ToList() }).ToRelativeUrl();

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

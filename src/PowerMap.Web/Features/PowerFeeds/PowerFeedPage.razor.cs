using Microsoft.AspNetCore.Components;
using MudBlazor;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Components.Shared;
using PowerMap.Web.Features.Cables;

namespace PowerMap.Web.Features.PowerFeeds;

public partial class PowerFeedPage
{
    [Parameter] public int Id { get; set; }

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private DcimStore Store { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private PowerFeed? _feed;
    private PowerPanel? _panel;
    private Rack? _rack;
    private string _siteName = "";
    private FeedReport? _report;
    private Cable? _cable;
    private CableTermination? _far;

    protected override void OnView()
    {
        _feed = Inst.FeedById.GetValueOrDefault(Id);
        if (_feed is null)
        {
            return;
        }
        _panel = Inst.PanelById.GetValueOrDefault(_feed.PowerPanelId);
        _rack = _feed.RackId is { } r ? Inst.RackById.GetValueOrDefault(r) : null;
        _siteName = _panel is not null && Inst.SiteById.TryGetValue(_panel.SiteId, out var s) ? s.Name : "";
        _report = Report.Feed(Id);
        _cable = Inst.CableOf.TryGetValue((TerminationKind.PowerFeed, Id), out var link) ? link.Cable : null;
        _far = Describe.FarEnd(Inst, TerminationKind.PowerFeed, Id);
    }

    private Task EditAsync() => Dialogs.FormAsync<PowerFeedForm, PowerFeed>("Edit power feed", new() { { x => x.Item, _feed } });

    private Task ConnectAsync() =>
        Dialogs.FormAsync<ConnectForm, Cable>($"Connect {_feed!.Name}", new() { { x => x.FromKind, TerminationKind.PowerFeed }, { x => x.FromId, Id } });

    private Task DisconnectAsync() => CableActions.DisconnectAsync(Store, Snackbar, Inst, TerminationKind.PowerFeed, Id);

    private async Task DeleteAsync()
    {
        var panelId = _feed!.PowerPanelId;
        if (await Dialogs.ConfirmDeleteAsync(_feed))
        {
            Navigation.NavigateTo(Links.Panel(panelId));
        }
    }

    [Inject] private NavigationManager Navigation { get; set; } = null!;
}

using Microsoft.AspNetCore.Components;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.PowerFeeds;

public partial class PowerFeedForm
{
    /// <summary>The panel of a new feed.</summary>
    [Parameter] public int? PanelId { get; set; }

    /// <summary>The rack of a new feed.</summary>
    [Parameter] public int? RackId { get; set; }

    protected override IReadOnlyList<string> Fields { get; } =
        ["name", "power_panel", "rack", "status", "type", "supply", "phase", "voltage", "amperage", "max_utilization", "mark_connected", "description", "comments"];

    private IEnumerable<PowerPanel> Panels => Inst.PowerPanels.OrderBy(p => PanelName(p.Id), NaturalComparer.Instance);

    /// <summary>Racks of the chosen panel's site (all racks before a panel is chosen).</summary>
    private IEnumerable<Rack> Racks =>
        Inst.Racks.Where(r => !Inst.PanelById.TryGetValue(Model.PowerPanelId, out var p) || r.SiteId == p.SiteId)
            .OrderBy(r => r.Name, NaturalComparer.Instance);

    /// <summary>Core's formula on the values being typed, so the user sees what the feed will deliver.</summary>
    private string AvailablePreview => Format.VoltAmps(FeedCapacity.AvailableVoltAmps(Model));

    protected override PowerFeed CreateNew()
    {
        var feed = new PowerFeed { RackId = RackId };
        if (PanelId is { } panelId)
        {
            feed.PowerPanelId = panelId;
        }
        else
        {
            var candidates = RackId is { } rackId && Inst.RackById.TryGetValue(rackId, out var rack)
                ? Inst.PowerPanels.Where(p => p.SiteId == rack.SiteId).ToList()
                : Inst.PowerPanels.ToList();
            feed.PowerPanelId = SiteDefaults.Single(candidates);
        }
        if (feed.PowerPanelId != 0)
        {
            FeedDefaults.FromPanel(Inst, feed);
            feed.Name = FeedDefaults.NextName(Inst, feed.PowerPanelId);
        }
        return feed;
    }

    private void PanelChanged(int panelId)
    {
        bool suggested = IsNew && (Model.Name.Length == 0 || Model.Name == FeedDefaults.NextName(Inst, Model.PowerPanelId));
        Model.PowerPanelId = panelId;
        if (IsNew)
        {
            // A new feed follows the chosen panel's circuits; a name the user typed is kept.
            FeedDefaults.FromPanel(Inst, Model);
            if (suggested)
            {
                Model.Name = FeedDefaults.NextName(Inst, panelId);
            }
        }
        if (Model.RackId is { } rackId && Inst.RackById.TryGetValue(rackId, out var rack) && Inst.PanelById.TryGetValue(panelId, out var panel) && rack.SiteId != panel.SiteId)
        {
            Model.RackId = null;
        }
    }

    private string PanelName(int id) =>
        Inst.PanelById.TryGetValue(id, out var p) ? (Inst.Sites.Count > 1 && Inst.SiteById.TryGetValue(p.SiteId, out var s) ? $"{p.Name} ({s.Name})" : p.Name) : "";
}

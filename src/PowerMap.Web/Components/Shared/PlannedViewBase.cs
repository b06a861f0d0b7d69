using Microsoft.AspNetCore.Components;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Web.Components.Shared;

/// <summary>
/// A list page with the overview's <i>Now / With planned</i> switch (<c>?planned=include|exclude</c>, <see cref="PlannedQuery"/>):
/// <see cref="Inst"/> and <see cref="Report"/> are the view chosen — the current snapshot, or the same revision without its
/// planned devices and cables (<see cref="PlannedChanges.WithoutPlanned(PowerReport)"/>, cached per report) — so the page's
/// rows are built as before, in <see cref="OnView"/>.
/// </summary>
public abstract class PlannedViewBase : LiveComponentBase
{
    private TopologySnapshot? _view;

    [Inject] private NavigationManager PlannedNavigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = PlannedQuery.Name)] public string? PlannedQueryValue { get; set; }

    /// <summary>True: NetBox's numbers, planned objects counted (the default); false: without them.</summary>
    protected bool WithPlanned { get; private set; } = true;

    /// <summary>The query said neither include nor exclude (shown as with planned).</summary>
    protected bool UnknownPlanned { get; private set; }

    /// <summary>Planned devices and cables of the whole installation.</summary>
    protected int PlannedCount { get; private set; }

    /// <summary>The snapshot shown.</summary>
    protected TopologySnapshot View => _view ?? Snapshot;

    protected new Installation Inst => View.Installation;

    protected new PowerReport Report => View.Report;

    protected sealed override void OnSnapshot()
    {
        WithPlanned = PlannedQuery.WithPlanned(PlannedQueryValue, out bool unknown);
        UnknownPlanned = unknown;
        _view = PlannedQuery.View(Snapshot, WithPlanned);
        PlannedCount = PlannedChanges.Of(Snapshot.Installation).Count;
        OnView();
    }

    /// <summary>Build rows from <see cref="Inst"/> and <see cref="Report"/> (the chosen view) here.</summary>
    protected abstract void OnView();

    /// <summary>The switch's callback: the choice goes into the URL.</summary>
    protected void OnPlannedChanged(bool withPlanned) =>
        PlannedNavigation.NavigateTo(PlannedNavigation.GetUriWithQueryParameter(PlannedQuery.Name, PlannedQuery.Value(withPlanned)));
}

using PowerMap.Core.Power;

namespace PowerMap.Core.Layout;

/// <summary>
/// The order of "jump to worst": the nodes of a view in danger (≥ 90 %, over capacity first), then in warning (≥ 75 %),
/// each by utilization, highest first; on a tie the upstream node first (a feed before the PDU that shows the same
/// percent of that feed), then by id. Statuses come from <see cref="NodeFigures.Status"/>, so the
/// thresholds are those of the report's <see cref="UtilizationOptions"/>. Pure.
/// </summary>
public static class WorstNodes
{
    /// <summary>Ids of the nodes of <paramref name="view"/> in danger, then in warning; nodes below 75 % are not listed.</summary>
    public static IReadOnlyList<string> Order(TopologyView view, IReadOnlyDictionary<string, NodeFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(figures);
        return
        [
            .. view.Nodes
                .Select(n => (n.Id, n.Kind, Figures: figures.GetValueOrDefault(n.Id)))
                .Where(x => x.Figures is { Status: UtilizationStatus.Danger or UtilizationStatus.Warning, Percent: not null })
                .OrderByDescending(x => x.Figures!.Status)
                .ThenByDescending(x => x.Figures!.Percent)
                .ThenBy(x => x.Kind)
                .ThenBy(x => x.Id, StringComparer.Ordinal)
                .Select(x => x.Id),
        ];
    }
}

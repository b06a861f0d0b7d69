namespace PowerMap.Core.Layout;

/// <summary>What part of an installation a <see cref="TopologyView"/> shows and how far it is expanded.</summary>
public sealed record TopologyViewOptions
{
    public static TopologyViewOptions Default { get; } = new();

    /// <summary>The site to show; null shows every site.</summary>
    public int? SiteId { get; init; }

    /// <summary>
    /// True ("expand all"): show every node, or when that exceeds <see cref="MaxNodes"/>, the overview plus as many whole
    /// racks (natural order) as fit. False ("collapse all"): the roots (panels) with an aggregate of what they hide.
    /// Null (the default): expand everything when the scope has at most <see cref="ExpandAllDeviceThreshold"/> devices
    /// (the seed example), else the overview (panels → feeds → PDUs as far as the budget allows).
    /// </summary>
    public bool? ExpandAll { get; init; }

    /// <summary>Device count up to which <see cref="ExpandAll"/> = null expands everything.</summary>
    public int ExpandAllDeviceThreshold { get; init; } = 150;

    /// <summary>
    /// Expansion keys in the order the user opened them (<see cref="TopologyNodeId"/>: <c>panel:3</c>,
    /// <c>feed:7</c>, <c>device:42</c> for a PDU/UPS, <c>rack:5</c>; an aggregate id expands its parent).
    /// Applied after the automatic overview; the earliest ones win when <see cref="MaxNodes"/> is reached.
    /// Unknown keys are ignored. A rack pair is two rack keys.
    /// </summary>
    public IReadOnlyList<string> Expanded { get; init; } = [];

    /// <summary>Node ids to keep collapsed (everything below them goes into their aggregate); wins over
    /// <see cref="Expanded"/> and <see cref="ExpandAll"/> for that node.</summary>
    public IReadOnlyCollection<string> Collapsed { get; init; } = [];

    /// <summary>Upper bound on the nodes of the view, aggregates included (the diagram slows down past a few hundred).</summary>
    public int MaxNodes { get; init; } = 400;

    /// <summary>
    /// Nodes the automatic overview leaves free for <see cref="Expanded"/> (at most a quarter of
    /// <see cref="MaxNodes"/>), so that even the largest site can still be drilled into.
    /// </summary>
    public int ExpansionReserve { get; init; } = 50;
}

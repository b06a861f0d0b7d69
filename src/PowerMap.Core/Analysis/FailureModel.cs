using PowerMap.Core.Power;

namespace PowerMap.Core.Analysis;

/// <summary>What can be failed in a what-if (analysis.md §1). A panel fails its feeds; a device all its ports and outlets.</summary>
public enum FailureElementKind
{
    PowerPanel,
    PowerFeed,
    Device,
    PowerPort,
    PowerOutlet,
}

/// <summary>A panel, feed, device, power port or power outlet by id.</summary>
public readonly record struct FailureElement(FailureElementKind Kind, int Id);

/// <summary>How the load of a degraded device's lost supplies moves to the surviving ones (analysis.md §2, step 3).</summary>
public enum TransferRule
{
    /// <summary>The survivors share the sums over the ports live before equally: <c>round(A / n)</c>, <c>round(M / n)</c>.</summary>
    Split,

    /// <summary>The survivors keep their own values; the lost share vanishes (NetBox's literal reading).</summary>
    Allocated,
}

public enum DeviceFailureState
{
    Unaffected,

    /// <summary>Some, not all, of the manual ports live before are live after.</summary>
    Degraded,

    /// <summary>None of the manual ports live before is live after.</summary>
    Down,
}

/// <summary>analysis.md §3: <c>none</c> with at most one live supply, <c>partial</c> with a single point of failure, else <c>full</c>.</summary>
public enum RedundancyLevel
{
    None,
    Partial,
    Full,
}

public static class RedundancyLevels
{
    /// <summary>The API's and the UI's name: <c>none</c>, <c>partial</c> or <c>full</c>.</summary>
    public static string Name(this RedundancyLevel level) => level switch
    {
        RedundancyLevel.Full => "full",
        RedundancyLevel.Partial => "partial",
        _ => "none",
    };
}

/// <summary>A load device that a failure takes down or degrades, with its live manual ports before and after.</summary>
public sealed record DeviceImpact(int DeviceId, DeviceFailureState State, int LivePortsBefore, int LivePortsAfter);

/// <summary>A feed whose load or state changes; <paramref name="After"/> is null for a failed feed.</summary>
public sealed record FeedImpact(int FeedId, bool Failed, CapacityLoad Before, CapacityLoad? After)
{
    /// <summary>True when the feed is above 100 % after the failure.</summary>
    public bool OverloadedAfter => After?.Percent > 100;
}

/// <summary>A power port whose draw changes, in W, before and after.</summary>
public sealed record PortImpact(int PortId, long AllocatedWattsBefore, long MaximumWattsBefore, long AllocatedWattsAfter, long MaximumWattsAfter);

/// <summary>A rack whose utilization changes, percent; <paramref name="After"/> leaves failed feeds out and is null when all failed.</summary>
public sealed record RackImpact(int RackId, double Before, double? After);

/// <summary>
/// A rated panel (main breaker) or distribution device (rated VA) whose load after a failure is above its rating,
/// with its load before and after (<see cref="RatingReport"/>).
/// </summary>
public sealed record RatingImpact(FailureElement Element, CapacityLoad Before, CapacityLoad After);

/// <summary>The answer to "what if these fail?" (analysis.md §2): only what changes is listed.</summary>
/// <param name="WattsLost">Σ over down devices of the allocated draw of their ports live before, W.</param>
/// <param name="OverloadedFeeds">Listed feeds above 100 % after.</param>
/// <param name="OverRating">Rated panels and devices whose load rises and is above their rating after (PowerMap's ratings).</param>
public sealed record WhatIfResult(
    TransferRule Transfer,
    int DevicesDown,
    int DevicesDegraded,
    long WattsLost,
    int OverloadedFeeds,
    IReadOnlyList<DeviceImpact> Devices,
    IReadOnlyList<FeedImpact> Feeds,
    IReadOnlyList<PortImpact> Ports,
    IReadOnlyList<RackImpact> Racks,
    IReadOnlyList<RatingImpact> OverRating);

/// <summary>A load device's redundancy: its live manual ports and the elements whose failure alone takes it down.</summary>
public sealed record DeviceRedundancy(int DeviceId, RedundancyLevel Redundancy, int LivePorts, IReadOnlyList<FailureElement> SinglePointsOfFailure);

/// <summary>An element (panel, feed, distribution device) whose failure alone takes down at least one load device.</summary>
public sealed record SinglePointOfFailure(FailureElement Element, int DevicesDown, long WattsLost);

/// <summary>
/// A feed's N−1 load (analysis.md §4): the largest allocated VA it carries after any single other element of its site
/// fails (split rule), and that element; the load now and no cause when no single failure raises it.
/// </summary>
public sealed record FeedHeadroom(int FeedId, long AvailableVoltAmps, long AllocatedVoltAmps, CapacityLoad N1, FailureElement? Cause)
{
    /// <summary>The feed's utilization now, percent (one decimal); null at 0 VA available.</summary>
    public double? PercentNow => Utilization.Percent(AllocatedVoltAmps, AvailableVoltAmps);
}

/// <summary>A rack's utilization now and its largest after any single failure of its site (failed feeds left out), percent.</summary>
public sealed record RackHeadroom(int RackId, double Utilization, double N1Utilization, FailureElement? Cause);

/// <summary>
/// A rated panel's or device's N−1 load: the largest load after any single other element of its site fails (split rule)
/// against its rating, and that element; the load now and no cause when no single failure raises it.
/// </summary>
public sealed record RatingHeadroom(FailureElement Element, CapacityLoad Now, CapacityLoad N1, FailureElement? Cause);

/// <summary>Redundancy, single points of failure and N−1 headroom of a whole installation: one sweep of single failures.</summary>
/// <param name="SinglePointsOfFailure">Largest watts lost first.</param>
/// <param name="Ratings">Every rated panel, then every rated device, in id order.</param>
public sealed record ResilienceReport(
    IReadOnlyList<DeviceRedundancy> Devices,
    IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure,
    IReadOnlyList<FeedHeadroom> Feeds,
    IReadOnlyList<RackHeadroom> Racks,
    IReadOnlyList<RatingHeadroom> Ratings);

/// <summary>A rack's utilization (percent) after the feeds of one of its sides fail; null when all its feeds failed.</summary>
public sealed record RackSideFailure(string Side, IReadOnlyList<int> FailedFeedIds, double? Utilization, WhatIfResult WhatIf);


using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;

namespace PowerMap.Web.Features.Topology;

/// <summary>How a diagram node takes part in a what-if: failed (struck through), down (red), degraded (amber), overloaded after (pulsing).</summary>
[Flags]
public enum WhatIfRole
{
    None = 0,
    Failed = 1,
    Down = 2,
    Degraded = 4,
    Overloaded = 8,
}

/// <summary>A feed whose load rises, with before → after (the Core numbers, formatted by the panel).</summary>
public sealed record WhatIfFeedRow(int FeedId, string Name, string Side, long AllocatedBefore, double? PercentBefore, long AllocatedAfter, double? PercentAfter,
    UtilizationStatus? StatusAfter, bool Overloaded);

/// <summary>A load device that a what-if takes down or degrades.</summary>
/// <summary>A rated panel or PDU/UPS above its rating after the failure (VA before → after, percent of the rating).</summary>
public sealed record WhatIfRatingRow(string Name, long RatedVoltAmps, long AllocatedBefore, double? PercentBefore, long AllocatedAfter, double? PercentAfter);

public sealed record WhatIfDeviceRow(int DeviceId, string Name, DeviceFailureState State, int LivePortsBefore, int LivePortsAfter);

/// <summary>
/// The diagram's view of one what-if: which elements fail (from URL keys <c>panel:1</c>, <c>feed:3</c>, <c>device:7</c>), the
/// role of every node, and the rows of the side panel. The numbers are <see cref="FailureAnalysis.WhatIf"/>'s.
/// </summary>
public sealed class WhatIfOverlay
{
    private WhatIfOverlay(IReadOnlyList<string> failedKeys, WhatIfResult result, IReadOnlyDictionary<string, WhatIfRole> roles,
        IReadOnlyList<WhatIfDeviceRow> devices, IReadOnlyList<WhatIfFeedRow> feeds, IReadOnlyList<string> failedNames, IReadOnlyDictionary<string, string> notes)
    {
        _notes = notes;
        FailedKeys = failedKeys;
        Result = result;
        Roles = roles;
        Devices = devices;
        RisingFeeds = feeds;
        FailedNames = failedNames;
    }

    /// <summary>The failed elements as node keys, in the order they were picked.</summary>
    public IReadOnlyList<string> FailedKeys { get; }

    public WhatIfResult Result { get; }

    public IReadOnlyDictionary<string, WhatIfRole> Roles { get; }

    /// <summary>Devices down first, then degraded; by name.</summary>
    public IReadOnlyList<WhatIfDeviceRow> Devices { get; }

    /// <summary>Feeds whose load rises, largest percent after first.</summary>
    public IReadOnlyList<WhatIfFeedRow> RisingFeeds { get; }

    /// <summary>Rated panels and PDUs/UPSs above their rating after the failure (<see cref="WhatIfResult.OverRating"/>).</summary>
    public IReadOnlyList<WhatIfRatingRow> OverRating { get; private init; } = [];

    /// <summary>"Panel 1", "Feed 1 (Panel 1)", "PDU1": what was failed, for the panel's title.</summary>
    public IReadOnlyList<string> FailedNames { get; }

    private readonly IReadOnlyDictionary<string, string> _notes;
    private FailureAnalysis _analysis = null!;

    /// <summary>A load device's redundancy (the cached single-failure sweep of the snapshot); null for other devices.</summary>
    public RedundancyLevel? RedundancyOf(int deviceId) => _analysis.RedundancyOf(deviceId)?.Redundancy;

    public WhatIfRole RoleOf(string nodeId) => Roles.TryGetValue(nodeId, out var role) ? role : WhatIfRole.None;

    /// <summary>A feed's utilization after ("→ 31.9 %") when its load changes and it did not fail; null otherwise.</summary>
    public string? NoteOf(string nodeId) => _notes.TryGetValue(nodeId, out var note) ? note : null;

    /// <summary>The failure element of a node key (<c>panel:</c>, <c>feed:</c>, <c>device:</c>), or null.</summary>
    public static FailureElement? ElementOf(string key) =>
        TopologyNodeId.TryParse(key, out var kind, out var id) && !key.StartsWith(TopologyNodeId.AggregatePrefix, StringComparison.Ordinal)
            ? kind switch
            {
                "panel" => new FailureElement(FailureElementKind.PowerPanel, id),
                "feed" => new FailureElement(FailureElementKind.PowerFeed, id),
                "device" => new FailureElement(FailureElementKind.Device, id),
                _ => null,
            }
            : null;

    /// <summary>The node keys of every feed of one side in a site ("all of side A").</summary>
    public static IReadOnlyList<string> SideKeys(Installation inst, int siteId, string side)
    {
        ArgumentNullException.ThrowIfNull(inst);
        return inst.PowerFeeds
            .Where(f => inst.PanelById.TryGetValue(f.PowerPanelId, out var p) && p.SiteId == siteId && FeedSide.Of(f) == side)
            .Select(f => TopologyNodeId.Feed(f.Id))
            .ToList();
    }

    /// <summary>The what-if of the given keys on a snapshot; keys of objects that no longer exist are dropped.</summary>
    public static WhatIfOverlay Build(TopologySnapshot snapshot, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(keys);
        var inst = snapshot.Installation;
        var valid = keys.Where(k => ElementOf(k) is { } e && Exists(inst, e)).Distinct(StringComparer.Ordinal).ToList();
        var analysis = FailureAnalysis.For(snapshot.Report);
        var result = analysis.WhatIf(valid.Select(k => ElementOf(k)!.Value));

        var roles = new Dictionary<string, WhatIfRole>(StringComparer.Ordinal);
        void Add(string id, WhatIfRole role) => roles[id] = roles.GetValueOrDefault(id) | role;
        foreach (var key in valid)
        {
            Add(key, WhatIfRole.Failed);
            if (ElementOf(key) is { Kind: FailureElementKind.PowerPanel } panel)
            {
                foreach (var feed in inst.PowerFeeds.Where(f => f.PowerPanelId == panel.Id))
                {
                    Add(TopologyNodeId.Feed(feed.Id), WhatIfRole.Failed);
                }
            }
        }
        foreach (var d in result.Devices)
        {
            Add(TopologyNodeId.Device(d.DeviceId), d.State == DeviceFailureState.Down ? WhatIfRole.Down : WhatIfRole.Degraded);
        }
        foreach (var f in result.Feeds.Where(f => f.OverloadedAfter))
        {
            Add(TopologyNodeId.Feed(f.FeedId), WhatIfRole.Overloaded);
        }

        var devices = result.Devices
            .Select(d => new WhatIfDeviceRow(d.DeviceId, inst.DeviceName(d.DeviceId), d.State, d.LivePortsBefore, d.LivePortsAfter))
            .OrderBy(d => d.State == DeviceFailureState.Down ? 0 : 1).ThenBy(d => d.Name, NaturalComparer.Instance)
            .ToList();
        var feeds = result.Feeds
            .Where(f => f.After is { } after && after.AllocatedVoltAmps > f.Before.AllocatedVoltAmps)
            .Select(f => new WhatIfFeedRow(f.FeedId, inst.FeedById[f.FeedId].Name, FeedSide.Of(inst.FeedById[f.FeedId]),
                f.Before.AllocatedVoltAmps, f.Before.Percent, f.After!.AllocatedVoltAmps, f.After.Percent, f.After.Status, f.OverloadedAfter))
            .OrderByDescending(f => f.PercentAfter ?? 0).ThenBy(f => f.Name, NaturalComparer.Instance)
            .ToList();
        var names = valid.Select(k => Describe(inst, ElementOf(k)!.Value)).ToList();
        var notes = result.Feeds.Where(f => f.After is not null)
            .ToDictionary(f => TopologyNodeId.Feed(f.FeedId), f => "→ " + NodeText.Percent(f.After!.Percent), StringComparer.Ordinal);
        var overRating = result.OverRating
            .Select(x => new WhatIfRatingRow(Describe(inst, x.Element), x.After.AvailableVoltAmps, x.Before.AllocatedVoltAmps, x.Before.Percent, x.After.AllocatedVoltAmps, x.After.Percent))
            .ToList();
        return new WhatIfOverlay(valid, result, roles, devices, feeds, names, notes) { _analysis = analysis, OverRating = overRating };
    }

    private static bool Exists(Installation inst, FailureElement e) => e.Kind switch
    {
        FailureElementKind.PowerPanel => inst.PanelById.ContainsKey(e.Id),
        FailureElementKind.PowerFeed => inst.FeedById.ContainsKey(e.Id),
        _ => inst.DeviceById.ContainsKey(e.Id),
    };

    private static string Describe(Installation inst, FailureElement e) => e.Kind switch
    {
        FailureElementKind.PowerPanel => inst.PanelById[e.Id].Name,
        FailureElementKind.PowerFeed => $"{inst.FeedById[e.Id].Name} (side {FeedSide.Of(inst.FeedById[e.Id])})",
        _ => inst.DeviceName(e.Id),
    };
}

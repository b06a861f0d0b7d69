using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Analysis;

/// <summary>What a warning is about: an object PowerMap has a page for (a device or a feed), by kind and id.</summary>
public enum WarningSubject
{
    Device,
    PowerFeed,
    PowerPanel,
}

/// <summary>One consistency warning: a rule (<see cref="Code"/>), the object it concerns and a sentence saying why.</summary>
public sealed record ConsistencyWarning(string Code, WarningSubject Subject, int SubjectId, string SiteName, string Message);

/// <summary>
/// Things that are allowed but almost certainly wrong (issue 10): they never change a number, they are listed so staff
/// can fix the data. Pure: computed from the installation and its report.
/// </summary>
public static class ConsistencyWarnings
{
    public const string LegOnSinglePhase = "leg-on-single-phase";
    public const string ThreePhaseDc = "three-phase-dc";
    public const string PlugMismatch = "plug-mismatch";
    public const string AllPsusOnOneFeed = "all-psus-on-one-feed";
    public const string BothPsusOnOneSide = "both-psus-on-one-side";
    public const string Loop = "loop";
    public const string FeedOverloaded = "feed-over-100";
    public const string InletWithoutLoad = "inlet-without-load";
    public const string PanelOverRating = "panel-over-rating";
    public const string DeviceOverRating = "device-over-rating";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PowerReport, IReadOnlyList<ConsistencyWarning>> Cache = new();

    /// <summary>The warnings of a published state, computed once however many pages and badges ask.</summary>
    public static IReadOnlyList<ConsistencyWarning> For(Installation inst, PowerReport report) =>
        Cache.GetValue(report, r => Find(inst, r));

    public static IReadOnlyList<ConsistencyWarning> Find(Installation inst, PowerReport report)
    {
        var warnings = new List<ConsistencyWarning>();
        string SiteOfDevice(Device d) => inst.SiteById.TryGetValue(d.SiteId, out var s) ? s.Name : "";
        string SiteOfFeed(PowerFeed f) => inst.PanelById.TryGetValue(f.PowerPanelId, out var p) && inst.SiteById.TryGetValue(p.SiteId, out var s) ? s.Name : "";
        string DeviceName(int id) => inst.DeviceById.TryGetValue(id, out var d) ? inst.DeviceDisplay(d) : $"#{id}";

        var outletsByPort = inst.PowerOutlets.Where(o => o.PowerPortId is not null).ToLookup(o => o.PowerPortId!.Value);
        foreach (var f in inst.PowerFeeds)
        {
            if (f.Supply == Choices.Dc && f.Phase == Choices.ThreePhase)
            {
                warnings.Add(new(ThreePhaseDc, WarningSubject.PowerFeed, f.Id, SiteOfFeed(f), $"Feed {f.Name} is DC and three-phase."));
            }
            if (report.Feed(f.Id)?.Utilization is { Percent: > 100 } u)
            {
                warnings.Add(new(FeedOverloaded, WarningSubject.PowerFeed, f.Id, SiteOfFeed(f), $"Feed {f.Name} is at {u.Percent:0.0} % of its available power."));
            }
            if (FarEnds(inst, TerminationKind.PowerFeed, f.Id).FirstOrDefault(t => t.Kind == TerminationKind.PowerPort) is { } inlet
                && inst.PortById.TryGetValue(inlet.ObjectId, out var inletPort)
                && outletsByPort[inletPort.Id].Any()
                && !outletsByPort[inletPort.Id].Any(o => inst.CableOf.ContainsKey((TerminationKind.PowerOutlet, o.Id))))
            {
                warnings.Add(new(InletWithoutLoad, WarningSubject.PowerFeed, f.Id, SiteOfFeed(f),
                    $"Feed {f.Name} is cabled to {DeviceName(inletPort.DeviceId)} › {inletPort.Name}, but none of the outlets it feeds is connected."));
            }
        }

        foreach (var o in inst.PowerOutlets)
        {
            if (o.FeedLeg is not null && o.PowerPortId is { } portId && FeedsOf(inst, portId, out _).Any(id => inst.FeedById[id].Phase == Choices.SinglePhase))
            {
                var device = inst.DeviceById[o.DeviceId];
                warnings.Add(new(LegOnSinglePhase, WarningSubject.Device, device.Id, SiteOfDevice(device),
                    $"{inst.DeviceDisplay(device)} › {o.Name} names feed leg {o.FeedLeg}, but it is fed by a single-phase feed."));
            }
        }

        foreach (var p in inst.PowerPorts)
        {
            foreach (var far in FarEnds(inst, TerminationKind.PowerPort, p.Id).Where(t => t.Kind == TerminationKind.PowerOutlet))
            {
                if (inst.OutletById.TryGetValue(far.ObjectId, out var outlet) && !Fits(p.Type, outlet.Type))
                {
                    var device = inst.DeviceById[p.DeviceId];
                    warnings.Add(new(PlugMismatch, WarningSubject.Device, device.Id, SiteOfDevice(device),
                        $"{inst.DeviceDisplay(device)} › {p.Name} ({p.Type}) does not fit {DeviceName(outlet.DeviceId)} › {outlet.Name} ({outlet.Type})."));
                }
            }
        }

        foreach (var group in inst.PowerPorts.Where(p => p.AllocatedDrawWatts is not null || p.MaximumDrawWatts is not null).GroupBy(p => p.DeviceId))
        {
            var device = inst.DeviceById[group.Key];
            var feedsPerPort = new List<HashSet<int>>();
            bool looped = false;
            foreach (var port in group)
            {
                feedsPerPort.Add(FeedsOf(inst, port.Id, out bool loop));
                looped |= loop;
            }
            if (looped)
            {
                warnings.Add(new(Loop, WarningSubject.Device, device.Id, SiteOfDevice(device), $"A power path of {inst.DeviceDisplay(device)} runs in a loop."));
            }
            var connected = feedsPerPort.Where(s => s.Count > 0).ToList();
            if (connected.Count < 2)
            {
                continue;
            }
            var allFeeds = connected.SelectMany(s => s).ToHashSet();
            if (allFeeds.Count == 1)
            {
                warnings.Add(new(AllPsusOnOneFeed, WarningSubject.Device, device.Id, SiteOfDevice(device),
                    $"All {connected.Count} power supplies of {inst.DeviceDisplay(device)} are fed by {inst.FeedById[allFeeds.First()].Name}."));
            }
            else if (allFeeds.Select(id => FeedSide.Of(inst.FeedById[id])).Distinct().Count() == 1)
            {
                warnings.Add(new(BothPsusOnOneSide, WarningSubject.Device, device.Id, SiteOfDevice(device),
                    $"The power supplies of {inst.DeviceDisplay(device)} are all on side {FeedSide.Of(inst.FeedById[allFeeds.First()])}."));
            }
        }
        var ratings = RatingReport.For(report);
        foreach (var (panelId, load) in ratings.Panels)
        {
            if (load.Exceeded && inst.PanelById.TryGetValue(panelId, out var panel))
            {
                warnings.Add(new(PanelOverRating, WarningSubject.PowerPanel, panelId, inst.SiteById.TryGetValue(panel.SiteId, out var s) ? s.Name : "",
                    $"Panel {panel.Name} carries {load.AllocatedVoltAmps} VA, {load.Percent:0.0} % of its main-breaker rating ({load.AvailableVoltAmps} VA)."));
            }
        }
        foreach (var (deviceId, load) in ratings.Devices)
        {
            if (load.Exceeded && inst.DeviceById.TryGetValue(deviceId, out var device))
            {
                warnings.Add(new(DeviceOverRating, WarningSubject.Device, deviceId, SiteOfDevice(device),
                    $"{inst.DeviceDisplay(device)} carries {load.AllocatedVoltAmps} VA, {load.Percent:0.0} % of its rating ({load.AvailableVoltAmps} VA)."));
            }
        }
        return warnings.OrderBy(w => w.SiteName, StringComparer.Ordinal).ThenBy(w => w.Code, StringComparer.Ordinal).ThenBy(w => w.Message, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Whether a plug fits a receptacle, for the types that say so: IEC 60320 inlets fit the next lower connector
    /// (C14 → C13, C20 → C19; C14 also fits C15), NEMA/other plugs (…p) fit the same receptacle (…r). Unknown types fit.
    /// </summary>
    public static bool Fits(string? plug, string? receptacle)
    {
        if (string.IsNullOrEmpty(plug) || string.IsNullOrEmpty(receptacle))
        {
            return true;
        }
        if (plug.StartsWith("iec-60320-c", StringComparison.Ordinal) && receptacle.StartsWith("iec-60320-c", StringComparison.Ordinal)
            && int.TryParse(plug["iec-60320-c".Length..], out int p) && int.TryParse(receptacle["iec-60320-c".Length..], out int r))
        {
            return r == p - 1 || (p == 14 && r == 15);
        }
        if (plug.EndsWith('p') && receptacle.EndsWith('r'))
        {
            return plug[..^1] == receptacle[..^1];
        }
        return true;
    }

    private static IEnumerable<CableTermination> FarEnds(Installation inst, TerminationKind kind, int id) =>
        inst.CableOf.TryGetValue((kind, id), out var link) ? link.Cable.Terminations.Where(t => t.End != link.End) : [];

    /// <summary>The feeds a port reaches upstream (through outlets and their inlets), and whether a path comes back on itself.</summary>
    private static HashSet<int> FeedsOf(Installation inst, int portId, out bool loop)
    {
        var feeds = new HashSet<int>();
        var onPath = new HashSet<int>();
        var done = new HashSet<int>();
        bool looped = false;
        void Walk(int id)
        {
            if (onPath.Contains(id))
            {
                looped = true;
                return;
            }
            if (!done.Add(id))
            {
                return; // reached again by another path (a shared subtree), not a loop
            }
            onPath.Add(id);
            foreach (var far in FarEnds(inst, TerminationKind.PowerPort, id))
            {
                if (far.Kind == TerminationKind.PowerFeed)
                {
                    feeds.Add(far.ObjectId);
                }
                else if (far.Kind == TerminationKind.PowerOutlet && inst.OutletById.TryGetValue(far.ObjectId, out var outlet) && outlet.PowerPortId is { } up)
                {
                    Walk(up);
                }
            }
            onPath.Remove(id);
        }
        Walk(portId);
        loop = looped;
        return feeds;
    }
}

using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Components.Shared;

/// <summary>Names and links of objects as the pages write them (e.g. "PDU1 › Outlet 1", "Panel 1 › Feed 1").</summary>
public static class Describe
{
    public const string Separator = " › ";

    public static string KindName(TerminationKind kind) => kind switch
    {
        TerminationKind.PowerFeed => "power feed",
        TerminationKind.PowerPort => "power port",
        TerminationKind.PowerOutlet => "power outlet",
        _ => "interface",
    };

    /// <summary>The parent and name of a cable termination.</summary>
    public static string Termination(Installation inst, TerminationKind kind, int id) =>
        inst.TerminationExists(kind, id) ? inst.TerminationParentName(kind, id) + Separator + inst.TerminationName(kind, id) : $"{KindName(kind)} #{id}";

    /// <summary>The page that shows a termination: the feed's, or the device's of a port or outlet.</summary>
    public static string? TerminationHref(Installation inst, TerminationKind kind, int id) => kind switch
    {
        TerminationKind.PowerFeed when inst.FeedById.ContainsKey(id) => Links.Feed(id),
        TerminationKind.PowerPort when inst.PortById.TryGetValue(id, out var p) => Links.Device(p.DeviceId),
        TerminationKind.PowerOutlet when inst.OutletById.TryGetValue(id, out var o) => Links.Device(o.DeviceId),
        TerminationKind.Interface when inst.InterfaceById.TryGetValue(id, out var i) => Links.Device(i.DeviceId),
        _ => null,
    };

    /// <summary>All terminations of one end of a cable, comma separated.</summary>
    public static string End(Installation inst, Cable cable, CableEnd end)
    {
        var names = cable.End(end).OrderBy(t => t.Position).Select(t => Termination(inst, t.Kind, t.ObjectId)).ToList();
        return names.Count == 0 ? Format.None : string.Join(", ", names);
    }

    /// <summary>The first termination at the other end of the cable attached to (kind, id), or null when uncabled.</summary>
    public static CableTermination? FarEnd(Installation inst, TerminationKind kind, int id)
    {
        if (!inst.CableOf.TryGetValue((kind, id), out var link))
        {
            return null;
        }
        var other = link.End == CableEnd.A ? CableEnd.B : CableEnd.A;
        return link.Cable.End(other).OrderBy(t => t.Position).FirstOrDefault();
    }

    /// <summary>"cable PDU1 › Outlet 1 ↔ Server › PSU1".</summary>
    public static string Cable(Installation inst, Cable cable) =>
        (string.IsNullOrEmpty(cable.Label) ? "" : cable.Label + ": ") + End(inst, cable, CableEnd.A) + " ↔ " + End(inst, cable, CableEnd.B);

    /// <summary>What a delete confirmation names: "power feed 'Feed 1'".</summary>
    public static string Entity(Installation inst, Entity e) => e switch
    {
        Site x => $"site '{x.Name}'",
        Location x => $"location '{x.Name}'",
        Rack x => $"rack '{x}'",
        PowerPanel x => $"power panel '{x.Name}'",
        PowerFeed x => $"power feed '{x.Name}'",
        DeviceType x => $"device type '{x.Model}'",
        PowerPortTemplate x => $"power port template '{x}'",
        PowerOutletTemplate x => $"power outlet template '{x}'",
        Device x => $"device '{x.Name}'",
        PowerPort x => $"power port '{inst.DeviceName(x.DeviceId)}{Separator}{x}'",
        PowerOutlet x => $"power outlet '{inst.DeviceName(x.DeviceId)}{Separator}{x}'",
        Cable x => $"cable {Cable(inst, x)}",
        _ => e.GetType().Name,
    };

    /// <summary>The sentences of a delete confirmation: what goes with the object.</summary>
    public static IReadOnlyList<string> DeleteEffects(DeleteImpact impact)
    {
        var effects = new List<string>();
        var parts = new List<string>();
        if (impact.PowerPorts > 0) parts.Add(Format.Count(impact.PowerPorts, "power port"));
        if (impact.PowerOutlets > 0) parts.Add(Format.Count(impact.PowerOutlets, "power outlet"));
        if (impact.Interfaces > 0) parts.Add(Format.Count(impact.Interfaces, "interface"));
        if (impact.Cables > 0) parts.Add(Format.Count(impact.Cables, "cable"));
        if (impact.PortTemplates > 0) parts.Add(Format.Count(impact.PortTemplates, "power port template"));
        if (impact.OutletTemplates > 0) parts.Add(Format.Count(impact.OutletTemplates, "power outlet template"));
        if (parts.Count > 0)
        {
            var list = parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
            effects.Add($"Its {list} {(parts.Count == 1 && list.StartsWith("1 ", StringComparison.Ordinal) ? "is" : "are")} deleted with it.");
        }
        if (impact.UnmappedOutlets > 0)
        {
            effects.Add($"{Format.Count(impact.UnmappedOutlets, "power outlet")} mapped to it become{(impact.UnmappedOutlets == 1 ? "s" : "")} unmapped (fed by no port).");
        }
        if (impact.UnmappedOutletTemplates > 0)
        {
            effects.Add($"{Format.Count(impact.UnmappedOutletTemplates, "power outlet template")} mapped to it become{(impact.UnmappedOutletTemplates == 1 ? "s" : "")} unmapped.");
        }
        if (effects.Count == 0)
        {
            effects.Add("Nothing else is deleted with it.");
        }
        return effects;
    }
}

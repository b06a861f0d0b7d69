namespace PowerMap.Core.Dcim;

/// <summary>
/// Which terminations a new cable may use (power-model.md §4): a termination takes one cable and none when it is
/// marked connected; a feed or an outlet connects to a power port, a power port to a feed or an outlet.
/// </summary>
public static class CableCandidates
{
    /// <summary>True when the termination exists, has no cable and is not marked connected.</summary>
    public static bool IsFree(Installation inst, TerminationKind kind, int id) =>
        inst.TerminationExists(kind, id) && !inst.CableOf.ContainsKey((kind, id)) && !inst.TerminationMarkConnected(kind, id);

    /// <summary>The kinds a termination of <paramref name="kind"/> may be cabled to.</summary>
    public static IReadOnlyList<TerminationKind> PeerKinds(TerminationKind kind) =>
        Enum.GetValues<TerminationKind>().Where(k => CableRules.Compatible(kind, k)).ToList();

    /// <summary>The free power ports of a device, by natural name.</summary>
    public static IReadOnlyList<PowerPort> FreePowerPorts(Installation inst, int deviceId) =>
        inst.PowerPorts.Where(p => p.DeviceId == deviceId && IsFree(inst, TerminationKind.PowerPort, p.Id))
            .OrderBy(p => p.Name, NaturalComparer.Instance).ThenBy(p => p.Id).ToList();

    /// <summary>The free power outlets of a device, by natural name.</summary>
    public static IReadOnlyList<PowerOutlet> FreePowerOutlets(Installation inst, int deviceId) =>
        inst.PowerOutlets.Where(o => o.DeviceId == deviceId && IsFree(inst, TerminationKind.PowerOutlet, o.Id))
            .OrderBy(o => o.Name, NaturalComparer.Instance).ThenBy(o => o.Id).ToList();

    /// <summary>Devices with at least one free power port, by natural name.</summary>
    public static IReadOnlyList<Device> DevicesWithFreePowerPorts(Installation inst)
    {
        var ids = new HashSet<int>();
        foreach (var p in inst.PowerPorts)
        {
            if (IsFree(inst, TerminationKind.PowerPort, p.Id))
            {
                ids.Add(p.DeviceId);
            }
        }
        return inst.Devices.Where(d => ids.Contains(d.Id)).OrderBy(d => d.Name, NaturalComparer.Instance).ThenBy(d => d.Id).ToList();
    }

    /// <summary>A cable between two terminations, A end first, status <c>connected</c>.</summary>
    public static Cable Between(TerminationKind aKind, int aId, TerminationKind bKind, int bId, string status = "connected", string label = "") => new()
    {
        Status = status,
        Label = label,
        Terminations =
        [
            new CableTermination { End = CableEnd.A, Kind = aKind, ObjectId = aId },
            new CableTermination { End = CableEnd.B, Kind = bKind, ObjectId = bId },
        ],
    };
}

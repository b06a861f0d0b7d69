using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>
/// What a delete through <see cref="DcimStore.DeleteAsync{T}"/> would take with it, counted before it happens so a
/// confirmation can say so: a device's power ports, outlets, interfaces and their cables; a component's cable; the
/// outlets a deleted port leaves unmapped; a device type's templates. <see cref="BlockedMessage"/> is the store's
/// refusal message when something still references the object.
/// </summary>
public sealed record DeleteImpact(
    string? BlockedMessage,
    int PowerPorts = 0,
    int PowerOutlets = 0,
    int Interfaces = 0,
    int Cables = 0,
    int UnmappedOutlets = 0,
    int PortTemplates = 0,
    int OutletTemplates = 0,
    int UnmappedOutletTemplates = 0)
{
    public bool IsBlocked => BlockedMessage is not null;

    public static DeleteImpact Of(Installation inst, Entity entity)
    {
        if (DcimStore.Blockers(inst, entity) is { } blocked)
        {
            return new DeleteImpact(blocked);
        }
        int CablesOf(IEnumerable<(TerminationKind Kind, int Id)> terminations) =>
            terminations.Select(t => inst.CableOf.TryGetValue(t, out var c) ? c.Cable.Id : 0).Where(id => id != 0).Distinct().Count();
        switch (entity)
        {
            case Device d:
                var ports = inst.PowerPorts.Where(p => p.DeviceId == d.Id).Select(p => (TerminationKind.PowerPort, p.Id)).ToList();
                var outlets = inst.PowerOutlets.Where(o => o.DeviceId == d.Id).Select(o => (TerminationKind.PowerOutlet, o.Id)).ToList();
                var interfaces = inst.Interfaces.Where(i => i.DeviceId == d.Id).Select(i => (TerminationKind.Interface, i.Id)).ToList();
                return new DeleteImpact(null, PowerPorts: ports.Count, PowerOutlets: outlets.Count, Interfaces: interfaces.Count,
                    Cables: CablesOf(ports.Concat(outlets).Concat(interfaces)));
            case PowerPort p:
                return new DeleteImpact(null, Cables: CablesOf([(TerminationKind.PowerPort, p.Id)]),
                    UnmappedOutlets: inst.PowerOutlets.Count(o => o.PowerPortId == p.Id));
            case PowerOutlet o:
                return new DeleteImpact(null, Cables: CablesOf([(TerminationKind.PowerOutlet, o.Id)]));
            case PowerFeed f:
                return new DeleteImpact(null, Cables: CablesOf([(TerminationKind.PowerFeed, f.Id)]));
            case Interface i:
                return new DeleteImpact(null, Cables: CablesOf([(TerminationKind.Interface, i.Id)]));
            case DeviceType t:
                return new DeleteImpact(null, PortTemplates: inst.PowerPortTemplates.Count(x => x.DeviceTypeId == t.Id),
                    OutletTemplates: inst.PowerOutletTemplates.Count(x => x.DeviceTypeId == t.Id));
            case PowerPortTemplate pt:
                return new DeleteImpact(null, UnmappedOutletTemplates: inst.PowerOutletTemplates.Count(x => x.PowerPortTemplateId == pt.Id));
            default:
                return new DeleteImpact(BlockedMessage: null);
        }
    }
}

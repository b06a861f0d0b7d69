using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>A PSU of a reservation: the power port to create (draw set) and the free outlet its planned cable goes to.</summary>
public sealed record ReservedPsu(PowerPort Port, int OutletId);

public sealed partial class DcimStore
{
    /// <summary>
    /// Reserves a placement (issue 11): creates <paramref name="device"/> (status <c>planned</c>), its power ports and a
    /// <c>planned</c> cable from each port to its outlet, in one transaction and one published snapshot. An outlet that is
    /// gone, cabled or marked connected meanwhile → <see cref="WriteStatus.Blocked"/> naming it; nothing is written.
    /// </summary>
    public Task<WriteResult<Device>> ReserveAsync(Device device, IReadOnlyList<ReservedPsu> psus, CancellationToken ct = default) =>
        topology.WriteAsync(async snapshot =>
        {
            var inst = snapshot.Installation;
            device.Id = 0;
            device.Status = PlannedChanges.Planned;
            var errors = DcimValidator.Device(inst, device);
            if (!errors.IsValid)
            {
                return new WriteResult<Device>(WriteStatus.Invalid, Errors: errors);
            }
            foreach (var psu in psus)
            {
                if (!inst.OutletById.TryGetValue(psu.OutletId, out var outlet))
                {
                    return new WriteResult<Device>(WriteStatus.Blocked, Message: $"Power outlet {psu.OutletId} no longer exists.");
                }
                if (outlet.MarkConnected || inst.CableOf.ContainsKey((TerminationKind.PowerOutlet, outlet.Id)))
                {
                    return new WriteResult<Device>(WriteStatus.Blocked,
                        Message: $"{inst.DeviceName(outlet.DeviceId)} {outlet.Name} was taken meanwhile: find the placements again.");
                }
            }
            var cables = new List<Cable>(psus.Count);
            var failure = await CommitAsync(async db =>
            {
                device.Version = 1;
                db.Add(device);
                await db.SaveChangesAsync(ct);
                foreach (var psu in psus)
                {
                    psu.Port.Id = 0;
                    psu.Port.DeviceId = device.Id;
                    psu.Port.Version = 1;
                    db.Add(psu.Port);
                }
                await db.SaveChangesAsync(ct);
                foreach (var psu in psus)
                {
                    var cable = new Cable
                    {
                        Status = PlannedChanges.Planned, Version = 1,
                        Terminations =
                        [
                            new CableTermination { End = CableEnd.A, Kind = TerminationKind.PowerOutlet, ObjectId = psu.OutletId },
                            new CableTermination { End = CableEnd.B, Kind = TerminationKind.PowerPort, ObjectId = psu.Port.Id },
                        ],
                    };
                    db.Add(cable);
                    cables.Add(cable);
                }
                await db.SaveChangesAsync(ct);
            }, ct);
            if (failure is not null)
            {
                return failure.As<Device>(null);
            }
            var change = new Change();
            change.Added.Add(device);
            change.Added.AddRange(psus.Select(p => p.Port));
            change.Added.AddRange(cables);
            Publish(snapshot, change);
            return new WriteResult<Device>(WriteStatus.Ok, device);
        }, ct);

    /// <summary>
    /// Applies the planned objects of a site (null = all sites): planned devices become active and planned cables
    /// connected, in one write (<see cref="PlannedChanges.Activate"/>). Returns how many objects changed.
    /// </summary>
    public Task<(WriteStatus Status, int Count, string? Message)> ApplyPlannedAsync(int? siteId, CancellationToken ct = default) =>
        topology.WriteAsync(async snapshot =>
        {
            var change = PlannedChanges.Activate(snapshot.Installation, siteId);
            if (change.IsEmpty)
            {
                return (WriteStatus.Ok, 0, (string?)null);
            }
            if (await CommitAsync(change, ct) is { } failure)
            {
                return (failure.Status, 0, failure.Message);
            }
            Publish(snapshot, change);
            return (WriteStatus.Ok, change.Updated.Count, null);
        }, ct);
}

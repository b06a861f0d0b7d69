using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>Loads and replaces the whole installation; one context per operation.</summary>
public sealed class TopologyStore(IDbContextFactory<PowerMapDbContext> factory)
{
    /// <summary>Reads every table without tracking into an <see cref="Installation"/>.</summary>
    public async Task<Installation> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var cables = await db.Cables.AsNoTracking().ToListAsync(ct);
        var terminations = await db.CableTerminations.AsNoTracking().ToListAsync(ct);
        var byCable = cables.ToDictionary(c => c.Id);
        foreach (var t in terminations.OrderBy(t => t.CableId).ThenBy(t => t.End).ThenBy(t => t.Position).ThenBy(t => t.Id))
        {
            if (byCable.TryGetValue(t.CableId, out var cable))
            {
                cable.Terminations.Add(t);
            }
        }
        return new Installation(
            await db.Sites.AsNoTracking().ToListAsync(ct),
            await db.Locations.AsNoTracking().ToListAsync(ct),
            await db.Racks.AsNoTracking().ToListAsync(ct),
            await db.PowerPanels.AsNoTracking().ToListAsync(ct),
            await db.PowerFeeds.AsNoTracking().ToListAsync(ct),
            await db.DeviceTypes.AsNoTracking().ToListAsync(ct),
            await db.PowerPortTemplates.AsNoTracking().ToListAsync(ct),
            await db.PowerOutletTemplates.AsNoTracking().ToListAsync(ct),
            await db.Devices.AsNoTracking().ToListAsync(ct),
            await db.PowerPorts.AsNoTracking().ToListAsync(ct),
            await db.PowerOutlets.AsNoTracking().ToListAsync(ct),
            await db.Interfaces.AsNoTracking().ToListAsync(ct),
            cables,
            await db.Manufacturers.AsNoTracking().ToListAsync(ct),
            await db.DeviceRoles.AsNoTracking().ToListAsync(ct));
    }
}

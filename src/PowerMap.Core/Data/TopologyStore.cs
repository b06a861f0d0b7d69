using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>Loads and replaces the whole installation; one context per operation.</summary>
public sealed class TopologyStore(IDbContextFactory<PowerMapDbContext> factory)
{
    /// <summary>
    /// Reads every table without tracking into an <see cref="Installation"/>. The large tables (outlets, ports, cables
    /// with their terminations, devices) are read at the same time, each on a context and connection of its own: most of
    /// a load is materializing rows, which then uses both cores of a small host (start-up at XL). Like the sequential
    /// reads before, the tables are not read in one database snapshot; the caller reads the revision first and catches
    /// up afterwards (see <see cref="TopologyService.ReloadAsync"/>).
    /// </summary>
    public async Task<Installation> LoadAsync(CancellationToken ct = default)
    {
        var outlets = ReadAsync(db => db.PowerOutlets, ct);
        var ports = ReadAsync(db => db.PowerPorts, ct);
        var cables = ReadCablesAsync(ct);
        var devices = ReadAsync(db => db.Devices, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var sites = await db.Sites.AsNoTracking().ToListAsync(ct);
        var locations = await db.Locations.AsNoTracking().ToListAsync(ct);
        var racks = await db.Racks.AsNoTracking().ToListAsync(ct);
        var panels = await db.PowerPanels.AsNoTracking().ToListAsync(ct);
        var feeds = await db.PowerFeeds.AsNoTracking().ToListAsync(ct);
        var deviceTypes = await db.DeviceTypes.AsNoTracking().ToListAsync(ct);
        var portTemplates = await db.PowerPortTemplates.AsNoTracking().ToListAsync(ct);
        var outletTemplates = await db.PowerOutletTemplates.AsNoTracking().ToListAsync(ct);
        var interfaces = await db.Interfaces.AsNoTracking().ToListAsync(ct);
        var manufacturers = await db.Manufacturers.AsNoTracking().ToListAsync(ct);
        var roles = await db.DeviceRoles.AsNoTracking().ToListAsync(ct);
        return new Installation(sites, locations, racks, panels, feeds, deviceTypes, portTemplates, outletTemplates,
            await devices, await ports, await outlets, interfaces, await cables, manufacturers, roles);
    }

    private Task<List<T>> ReadAsync<T>(Func<PowerMapDbContext, DbSet<T>> table, CancellationToken ct) where T : class =>
        Task.Run(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await table(db).AsNoTracking().ToListAsync(ct);
        }, ct);

    private Task<List<Cable>> ReadCablesAsync(CancellationToken ct) =>
        Task.Run(async () =>
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
            return cables;
        }, ct);
}

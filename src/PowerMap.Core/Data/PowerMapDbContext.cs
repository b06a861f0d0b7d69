using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PowerMap.Core.Data.Accounts;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Data.Revisions;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>
/// The database of PowerMap (SQLite; PostgreSQL through <see cref="PostgresPowerMapDbContext"/>, which has its own migrations). Entities hold inputs only; every derived number is computed in memory. It also
/// holds the accounts (ASP.NET Core Identity), the API tokens and the change log: every save of DCIM objects writes
/// their <see cref="ObjectChange"/> records in the same transaction (see <see cref="SaveChangesAsync(bool, CancellationToken)"/>).
/// </summary>
public class PowerMapDbContext(DbContextOptions<PowerMapDbContext> options) : IdentityDbContext<PowerMapUser>(options), IDataProtectionKeyContext
{
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<Rack> Racks => Set<Rack>();
    public DbSet<PowerPanel> PowerPanels => Set<PowerPanel>();
    public DbSet<PowerFeed> PowerFeeds => Set<PowerFeed>();
    public DbSet<DeviceType> DeviceTypes => Set<DeviceType>();
    public DbSet<PowerPortTemplate> PowerPortTemplates => Set<PowerPortTemplate>();
    public DbSet<PowerOutletTemplate> PowerOutletTemplates => Set<PowerOutletTemplate>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<PowerPort> PowerPorts => Set<PowerPort>();
    public DbSet<PowerOutlet> PowerOutlets => Set<PowerOutlet>();
    public DbSet<Interface> Interfaces => Set<Interface>();
    public DbSet<Cable> Cables => Set<Cable>();
    public DbSet<CableTermination> CableTerminations => Set<CableTermination>();
    public DbSet<Manufacturer> Manufacturers => Set<Manufacturer>();
    public DbSet<DeviceRole> DeviceRoles => Set<DeviceRole>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ObjectChange> ObjectChanges => Set<ObjectChange>();
    public DbSet<DataRevision> DataRevisions => Set<DataRevision>();
    public DbSet<History.LoadSample> LoadSamples => Set<History.LoadSample>();

    /// <summary>ASP.NET Core data-protection keys, shared by every app instance (sign-in cookies, antiforgery tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        var token = b.Entity<ApiToken>();
        token.HasIndex(x => x.KeyHash).IsUnique();
        token.HasOne<PowerMapUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        token.Property(x => x.KeyHash).HasMaxLength(64);
        token.Property(x => x.Hint).HasMaxLength(8);
        token.Property(x => x.Description).HasMaxLength(200);

        var revision = b.Entity<DataRevision>();
        revision.Property(x => x.Instance).HasMaxLength(40);

        var change = b.Entity<ObjectChange>();
        change.HasIndex(x => x.Time);
        change.HasIndex(x => new { x.ChangedObjectType, x.ChangedObjectId });
        change.HasIndex(x => x.RequestId);
        change.HasIndex(x => x.UserName);
        change.Property(x => x.Action).HasMaxLength(10);
        change.Property(x => x.ChangedObjectType).HasMaxLength(50);
        change.Property(x => x.RequestId).HasMaxLength(64);
        change.Property(x => x.UserName).HasMaxLength(150);
        var sample = b.Entity<History.LoadSample>();
        sample.Property(x => x.Subject).HasConversion<string>().HasMaxLength(20);
        sample.HasIndex(x => new { x.Day, x.Subject, x.ObjectId }).IsUnique();
        sample.HasIndex(x => new { x.Subject, x.ObjectId, x.Day });
        var site = Entity<Site>(b);
        site.HasIndex(x => x.Name).IsUnique();
        site.HasIndex(x => x.Slug).IsUnique();
        site.Property(x => x.Slug).HasMaxLength(Slugs.MaxLength).HasDefaultValue("");
        // Through the property, so that a slug left empty is generated from the name on save.
        site.Property(x => x.Slug).UsePropertyAccessMode(PropertyAccessMode.Property);

        var location = Entity<Location>(b);
        location.HasIndex(x => new { x.SiteId, x.Name }).IsUnique();
        location.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);

        var rack = Entity<Rack>(b);
        // NetBox: unique per location; a rack without location is unique per site (a NULL never equals in an index).
        rack.HasIndex(x => new { x.SiteId, x.LocationId, x.Name }).IsUnique();
        rack.HasIndex(x => new { x.SiteId, x.Name }).IsUnique().HasFilter("\"LocationId\" IS NULL");
        rack.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        rack.HasOne<Location>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Restrict);

        var panel = Entity<PowerPanel>(b);
        panel.HasIndex(x => new { x.SiteId, x.Name }).IsUnique();
        panel.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        panel.HasOne<Location>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Restrict);

        var feed = Entity<PowerFeed>(b);
        feed.HasIndex(x => new { x.PowerPanelId, x.Name }).IsUnique();
        feed.HasOne<PowerPanel>().WithMany().HasForeignKey(x => x.PowerPanelId).OnDelete(DeleteBehavior.Restrict);
        feed.HasOne<Rack>().WithMany().HasForeignKey(x => x.RackId).OnDelete(DeleteBehavior.Restrict);
        feed.Property(x => x.Status).HasMaxLength(50);
        feed.Property(x => x.Type).HasMaxLength(50);
        feed.Property(x => x.Supply).HasMaxLength(50);
        feed.Property(x => x.Phase).HasMaxLength(50);

        Entity<DeviceType>(b).HasIndex(x => new { x.Manufacturer, x.Model }).IsUnique();

        var portTemplate = Entity<PowerPortTemplate>(b);
        portTemplate.HasIndex(x => new { x.DeviceTypeId, x.Name }).IsUnique();
        portTemplate.HasOne<DeviceType>().WithMany().HasForeignKey(x => x.DeviceTypeId).OnDelete(DeleteBehavior.Cascade);

        var outletTemplate = Entity<PowerOutletTemplate>(b);
        outletTemplate.HasIndex(x => new { x.DeviceTypeId, x.Name }).IsUnique();
        outletTemplate.HasOne<DeviceType>().WithMany().HasForeignKey(x => x.DeviceTypeId).OnDelete(DeleteBehavior.Cascade);
        outletTemplate.HasOne<PowerPortTemplate>().WithMany().HasForeignKey(x => x.PowerPortTemplateId).OnDelete(DeleteBehavior.SetNull);

        var device = Entity<Device>(b);
        // Unnamed devices are not in it. NetBox's Lower('name') per site is the index IX_Devices_SiteId_Name_NoCase,
        // made by hand in the DeviceNamesIgnoreCase migration (an expression index EF cannot describe).
        device.HasIndex(x => new { x.SiteId, x.Name }).IsUnique().HasFilter("\"Name\" <> ''");
        device.HasOne<Location>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Restrict);
        device.Ignore(x => x.IsUnnamed);
        device.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        device.HasOne<Rack>().WithMany().HasForeignKey(x => x.RackId).OnDelete(DeleteBehavior.Restrict);
        device.HasOne<DeviceType>().WithMany().HasForeignKey(x => x.DeviceTypeId).OnDelete(DeleteBehavior.Restrict);

        var port = Entity<PowerPort>(b);
        port.HasIndex(x => new { x.DeviceId, x.Name }).IsUnique();
        port.HasOne<Device>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Cascade);

        var outlet = Entity<PowerOutlet>(b);
        outlet.HasIndex(x => new { x.DeviceId, x.Name }).IsUnique();
        outlet.HasOne<Device>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Cascade);
        outlet.HasOne<PowerPort>().WithMany().HasForeignKey(x => x.PowerPortId).OnDelete(DeleteBehavior.SetNull);

        var iface = Entity<Interface>(b);
        iface.HasIndex(x => new { x.DeviceId, x.Name }).IsUnique();
        iface.HasOne<Device>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Cascade);

        var cable = Entity<Cable>(b);
        cable.HasMany(x => x.Terminations).WithOne().HasForeignKey(x => x.CableId).OnDelete(DeleteBehavior.Cascade);

        // NetBox's catalogues: devices and device types name them by text (see CatalogEntry).
        Catalog(Entity<Manufacturer>(b));
        Catalog(Entity<DeviceRole>(b)).Property(x => x.Color).HasMaxLength(6).HasDefaultValue(DeviceRole.DefaultColor);

        var termination = b.Entity<CableTermination>();
        termination.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        termination.Property(x => x.End).HasConversion<string>().HasMaxLength(1);
        // A termination takes one cable (power-model.md §4), enforced by the database too.
        termination.HasIndex(x => new { x.Kind, x.ObjectId }).IsUnique();
    }

    private static EntityTypeBuilder<T> Catalog<T>(EntityTypeBuilder<T> e) where T : CatalogEntry
    {
        e.HasIndex(x => x.Name).IsUnique();
        e.HasIndex(x => x.Slug).IsUnique();
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Slug).HasMaxLength(Slugs.MaxLength).UsePropertyAccessMode(PropertyAccessMode.Property);
        e.Property(x => x.Description).HasMaxLength(200);
        return e;
    }

    private static EntityTypeBuilder<T> Entity<T>(ModelBuilder b) where T : Entity
    {
        var e = b.Entity<T>();
        e.Property(x => x.Version).IsConcurrencyToken();
        // A NetBox import matches objects by it; NULLs (objects made in PowerMap) never collide in a unique index.
        e.HasIndex(x => x.NetBoxId).IsUnique();
        return e;
    }

    /// <summary>
    /// Set by a writer that attached each updated or deleted object as the stored row (the snapshot's copy, whose version
    /// the UPDATE or DELETE checks): the change log takes the row before from the tracker instead of reading it again.
    /// </summary>
    public bool OriginalValuesAreStored { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves, and for every DCIM object created, updated or deleted writes one <see cref="ObjectChange"/> in the same
    /// transaction (opened here unless the caller has one), and a <see cref="DataRevision"/> naming them: the stored row before (read from the database, so it is
    /// right however the object was attached, unless <see cref="OriginalValuesAreStored"/>) and the values after. A write by an actor who may not edit is refused.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var logged = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && (e.Entity is PowerMap.Core.Dcim.Entity || e.Entity is CableTermination))
            .ToList();
        if (logged.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var actor = ChangeActor.Current;
        if (actor is { CanEdit: false })
        {
            throw new WriteForbiddenException(actor.UserName ?? "anonymous");
        }

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var pending = new List<(object Entity, string Action, string? Before)>(logged.Count);
            foreach (var entry in logged)
            {
                string action = entry.State switch
                {
                    EntityState.Added => ObjectChange.Create,
                    EntityState.Modified => ObjectChange.Update,
                    _ => ObjectChange.Delete,
                };
                string? before = null;
                if (entry.State != EntityState.Added)
                {
                    var stored = OriginalValuesAreStored ? entry.OriginalValues : await entry.GetDatabaseValuesAsync(cancellationToken) ?? entry.OriginalValues;
                    before = Serialize(entry, stored);
                }
                pending.Add((entry.Entity, action, before));
            }
            int count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

            var now = DateTime.UtcNow;
            string requestId = actor?.RequestId ?? ChangeActor.NewRequestId();
            var records = new List<ObjectChange>(pending.Count);
            foreach (var (entity, action, before) in pending)
            {
                records.Add(ObjectChange.Of(entity, action, before,
                    action == ObjectChange.Delete ? null : ChangeData.Serialize(entity), actor, requestId, now));
            }
            ObjectChanges.AddRange(records);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await RevisionWriter.RecordAsync(this, records.Min(r => r.Id), records.Max(r => r.Id), reload: false, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            return count;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private static string Serialize(EntityEntry entry, PropertyValues values) =>
        ChangeData.Serialize(entry.Entity.GetType(), p => entry.Metadata.FindProperty(p.Name) is { } prop ? values[prop] : p.GetValue(entry.Entity));
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>The SQLite database of PowerMap. Entities hold inputs only; every derived number is computed in memory.</summary>
public sealed class PowerMapDbContext(DbContextOptions<PowerMapDbContext> options) : DbContext(options)
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

    protected override void OnModelCreating(ModelBuilder b)
    {
        Entity<Site>(b).HasIndex(x => x.Name).IsUnique();

        var location = Entity<Location>(b);
        location.HasIndex(x => new { x.SiteId, x.Name }).IsUnique();
        location.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);

        var rack = Entity<Rack>(b);
        rack.HasIndex(x => new { x.SiteId, x.Name }).IsUnique();
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

        Entity<DeviceType>(b).HasIndex(x => x.Model).IsUnique();

        var portTemplate = Entity<PowerPortTemplate>(b);
        portTemplate.HasIndex(x => new { x.DeviceTypeId, x.Name }).IsUnique();
        portTemplate.HasOne<DeviceType>().WithMany().HasForeignKey(x => x.DeviceTypeId).OnDelete(DeleteBehavior.Cascade);

        var outletTemplate = Entity<PowerOutletTemplate>(b);
        outletTemplate.HasIndex(x => new { x.DeviceTypeId, x.Name }).IsUnique();
        outletTemplate.HasOne<DeviceType>().WithMany().HasForeignKey(x => x.DeviceTypeId).OnDelete(DeleteBehavior.Cascade);
        outletTemplate.HasOne<PowerPortTemplate>().WithMany().HasForeignKey(x => x.PowerPortTemplateId).OnDelete(DeleteBehavior.SetNull);

        var device = Entity<Device>(b);
        device.HasIndex(x => new { x.SiteId, x.Name }).IsUnique();
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

        var termination = b.Entity<CableTermination>();
        termination.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        termination.Property(x => x.End).HasConversion<string>().HasMaxLength(1);
        // A termination takes one cable (power-model.md §4), enforced by the database too.
        termination.HasIndex(x => new { x.Kind, x.ObjectId }).IsUnique();
    }

    private static EntityTypeBuilder<T> Entity<T>(ModelBuilder b) where T : Entity
    {
        var e = b.Entity<T>();
        e.Property(x => x.Version).IsConcurrencyToken();
        return e;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Core.Data.Providers;

namespace PowerMap.Tests.Core.Data;

// The EF model, its migrations and the database-level constraints.
public class PowerMapDbContextTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task Model_HasNoPendingChanges_AgainstTheMigrations()
    {
        await using var db = await TestDatabase.CreateAsync(provider: Provider);
        await using var ctx = await db.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(ctx.Database.HasPendingModelChanges(), Provider == DatabaseProvider.Postgres
            ? "Run: dotnet ef migrations add <Name> --context PostgresPowerMapDbContext --project src/PowerMap.Core --startup-project src/PowerMap.Web --output-dir Data/Migrations/Postgres"
            : "Run: dotnet ef migrations add <Name> --context PowerMapDbContext --project src/PowerMap.Core --startup-project src/PowerMap.Web --output-dir Data/Migrations");
        Assert.Empty(await ctx.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Database_RejectsDuplicateNames_AndASecondCableOnATermination()
    {
        await using var db = await TestDatabase.CreateAsync(provider: Provider);
        var ct = TestContext.Current.CancellationToken;
        await using (var ctx = await db.Factory.CreateDbContextAsync(ct))
        {
            ctx.Sites.Add(new Site { Name = "DC1" });
            await ctx.SaveChangesAsync(ct);
        }
        await using (var ctx = await db.Factory.CreateDbContextAsync(ct))
        {
            ctx.Sites.Add(new Site { Name = "DC1" });
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync(ct));
        }
        await using (var ctx = await db.Factory.CreateDbContextAsync(ct))
        {
            ctx.Cables.Add(new Cable { Terminations = [new CableTermination { End = CableEnd.A, Kind = TerminationKind.PowerPort, ObjectId = 5 }] });
            ctx.Cables.Add(new Cable { Terminations = [new CableTermination { End = CableEnd.A, Kind = TerminationKind.PowerPort, ObjectId = 5 }] });
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync(ct));
        }
    }

    // NetBox's Lower('name') per site: many unnamed devices, but "web01" and "WEB01" are one name.
    [Fact]
    public async Task Database_DeviceNames_AreUniquePerSiteIgnoringCase_UnnamedDevicesApart()
    {
        await using var db = await TestDatabase.CreateAsync(provider: Provider);
        var ct = TestContext.Current.CancellationToken;
        int siteId;
        await using (var ctx = await db.Factory.CreateDbContextAsync(ct))
        {
            var site = new Site { Name = "DC1" };
            ctx.Sites.Add(site);
            await ctx.SaveChangesAsync(ct);
            siteId = site.Id;
            ctx.Devices.AddRange(new Device { SiteId = siteId }, new Device { SiteId = siteId }, new Device { SiteId = siteId, Name = "web01" });
            await ctx.SaveChangesAsync(ct);
            Assert.Equal("dc1", (await ctx.Sites.AsNoTracking().SingleAsync(ct)).Slug);
        }
        await using (var ctx = await db.Factory.CreateDbContextAsync(ct))
        {
            ctx.Devices.Add(new Device { SiteId = siteId, Name = "WEB01" });
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync(ct));
        }
    }

    // A database made before NetBoxCompatibility keeps its sites, which get NetBox-style slugs (the id where one would repeat).
    [Fact]
    public async Task Migration_GivesExistingSitesSlugs()
    {
        Assert.SkipWhen(Provider == DatabaseProvider.Postgres, "A SQLite migration (PostgreSQL databases start at the current schema).");
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"powermap-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<PowerMap.Core.Data.PowerMapDbContext>().UseSqlite($"Data Source={path}").Options;
            await using (var ctx = new PowerMap.Core.Data.PowerMapDbContext(options))
            {
                var migrator = ctx.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
                await migrator.MigrateAsync("20261126124029_AccountsAndChangeLog", ct);
                await ctx.Database.ExecuteSqlRawAsync(
                    "INSERT INTO Sites (Name, Description, Version) VALUES ('DC1', '', 1), ('D. S. Weaver Labs', '', 1), ('dc1 ', '', 1), ('...', '', 1)", ct);
                await ctx.Database.MigrateAsync(ct);
                var slugs = await ctx.Sites.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Slug).ToListAsync(ct);
                Assert.Equal(["dc1-1", "d-s-weaver-labs", "dc1-3", "4"], slugs);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public void PurePowerCode_DoesNotReferenceEntityFramework()
    {
        var pure = new[] { "PowerMap.Core.Dcim", "PowerMap.Core.Topology", "PowerMap.Core.Power", "PowerMap.Core.Analysis", "PowerMap.Core.Layout" };
        var offenders = typeof(Installation).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && pure.Contains(ns))
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic).Select(f => f.FieldType)
                .Concat(t.GetMethods(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly)
                    .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Where(ft => ft.Namespace?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true || ft.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true)
                .Select(ft => $"{t.FullName} uses {ft.FullName}"))
            .ToList();
        Assert.Empty(offenders);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public class PowerMapDbContextTestsOnPostgres : PowerMapDbContextTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

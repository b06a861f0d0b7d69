using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data;

// The EF model, its migrations and the database-level constraints.
public class PowerMapDbContextTests
{
    [Fact]
    public async Task Model_HasNoPendingChanges_AgainstTheMigrations()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var ctx = await db.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(ctx.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --project src/PowerMap.Core --startup-project src/PowerMap.Web --output-dir Data/Migrations");
        Assert.Empty(await ctx.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Database_RejectsDuplicateNames_AndASecondCableOnATermination()
    {
        await using var db = await TestDatabase.CreateAsync();
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

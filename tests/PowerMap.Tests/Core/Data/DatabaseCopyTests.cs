using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data;
using PowerMap.Core.Data.Providers;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data;

// copy-to: SQLite → PostgreSQL and back, every table, ids kept, counts checked, all or nothing.
public class DatabaseCopyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestDatabase> SeededAsync(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider: provider);
        Assert.True((await db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, Ct)).IsValid);
        var feed = db.Topology.Current.Installation.PowerFeeds[0];
        Assert.True((await db.Store.UpdateAsync<PowerMap.Core.Dcim.PowerFeed>(feed.Id, null, (_, f) => { f.Amperage = 32; return null; }, Ct)).IsOk);
        await using var ctx = await db.Factory.CreateDbContextAsync(Ct);
        var user = new PowerMap.Core.Data.Accounts.PowerMapUser { UserName = "copy-admin", NormalizedUserName = "COPY-ADMIN" };
        ctx.Users.Add(user);
        ctx.ApiTokens.Add(new PowerMap.Core.Data.Accounts.ApiToken { UserId = user.Id, KeyHash = new string('a', 64), Hint = "abcd", Created = DateTime.UtcNow });
        await ctx.SaveChangesAsync(Ct);
        var history = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PowerMap.Core.Data.History.LoadHistoryStore>(db.Services);
        await history.TakeAsync(db.Topology.Current.Report, new DateOnly(2026, 11, 1), Ct);
        return db;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Postgres, DatabaseProvider.Sqlite)]
    public async Task Copy_ToTheOtherProvider_KeepsEveryRow_AndTheInstallation(DatabaseProvider from, DatabaseProvider to)
    {
        await using var source = await SeededAsync(from);
        await using var target = await TestDatabase.CreateAsync(provider: to);

        var result = await DatabaseCopy.CopyAsync(source.Factory, to, await ConnectionStringAsync(target), Ct);

        Assert.True(result.IsOk, result.Error);
        await target.Topology.ReloadAsync(Ct);
        Assert.Equal(TopologyExporter.ExportJson(source.Topology.Current.Installation), TopologyExporter.ExportJson(target.Topology.Current.Installation));
        await using var a = await source.Factory.CreateDbContextAsync(Ct);
        await using var b = await target.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(await a.ObjectChanges.OrderBy(c => c.Id).Select(c => c.Id + c.Action + c.PostchangeData).ToListAsync(Ct),
            await b.ObjectChanges.OrderBy(c => c.Id).Select(c => c.Id + c.Action + c.PostchangeData).ToListAsync(Ct));
        Assert.Equal(await a.ApiTokens.CountAsync(Ct), await b.ApiTokens.CountAsync(Ct));
        Assert.Equal(await a.Users.Select(u => u.UserName).ToListAsync(Ct), await b.Users.Select(u => u.UserName).ToListAsync(Ct));
        Assert.Equal(await source.Topology.DatabaseRevisionAsync(Ct), await target.Topology.DatabaseRevisionAsync(Ct));
        Assert.Contains(result.Tables, t => t.Table == "PowerFeeds" && t.Rows == 2);
        Assert.Equal((await a.LoadSamples.OrderBy(x => x.Id).ToListAsync(Ct)).Select(x => $"{x.Id} {x.Day} {x.Subject} {x.ObjectId} {x.AllocatedVoltAmps}"),
            (await b.LoadSamples.OrderBy(x => x.Id).ToListAsync(Ct)).Select(x => $"{x.Id} {x.Day} {x.Subject} {x.ObjectId} {x.AllocatedVoltAmps}"));
        Assert.Contains(result.Tables, t => t.Table == "LoadSamples" && t.Rows == 4);
        // Ids go on after the copied ones (PostgreSQL's identity sequences were moved past them).
        var created = await target.Store.SaveAsync(new PowerMap.Core.Dcim.Site { Name = "DC2" }, ct: Ct);
        Assert.True(created.IsOk, created.Message);
        Assert.True(created.Current!.Id > source.Topology.Current.Installation.Sites.Max(s => s.Id));
    }

    // The app writes while the copy reads (a site, its change record and a revision, committed after the copy read
    // the sites and before it reads the cables, change log and revisions) ──► the copy is the database before the write:
    // no change record or revision without its site.
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Postgres, DatabaseProvider.Sqlite)]
    public async Task Copy_WhileTheAppWrites_IsOneConsistentSnapshot(DatabaseProvider from, DatabaseProvider to)
    {
        var hook = new WriteBeforeRead("\"Cables\"");
        await using var source = await TestDatabase.CreateAsync(o => o.AddInterceptors(hook), from);
        Assert.True((await source.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, Ct)).IsValid);
        var before = TopologyExporter.ExportJson(source.Topology.Current.Installation);
        long revision = await source.Topology.DatabaseRevisionAsync(Ct);
        int changes = await ChangeCountAsync(source.Factory);
        hook.Write = async () => Assert.True((await source.Store.SaveAsync(new PowerMap.Core.Dcim.Site { Name = "DC-late" }, ct: Ct)).IsOk);
        await using var target = await TestDatabase.CreateAsync(provider: to);

        var result = await DatabaseCopy.CopyAsync(source.Factory, to, await ConnectionStringAsync(target), Ct);

        Assert.True(result.IsOk, result.Error);
        Assert.True(hook.Wrote);
        Assert.Equal(revision + 1, await source.Topology.DatabaseRevisionAsync(Ct));
        await target.Topology.ReloadAsync(Ct);
        Assert.Equal(before, TopologyExporter.ExportJson(target.Topology.Current.Installation));
        Assert.Equal(revision, await target.Topology.DatabaseRevisionAsync(Ct));
        Assert.Equal(changes, await ChangeCountAsync(target.Factory));
    }

    private static async Task<int> ChangeCountAsync(IDbContextFactory<PowerMapDbContext> factory)
    {
        await using var ctx = await factory.CreateDbContextAsync(Ct);
        return await ctx.ObjectChanges.CountAsync(Ct);
    }

    /// <summary>Runs <see cref="Write"/> (once, to completion) just before the first query that reads <paramref name="table"/>.</summary>
    private sealed class WriteBeforeRead(string table) : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _armed = 1;

        public Func<Task>? Write { get; set; }

        public bool Wrote { get; private set; }

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Write is { } write && command.CommandText.Contains("FROM " + table, StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                await write();
                Wrote = true;
            }
            return result;
        }
    }

    [Fact]
    public async Task Copy_IntoADatabaseThatIsNotEmpty_IsRefused_AndChangesNothing()
    {
        await using var source = await SeededAsync(DatabaseProvider.Sqlite);
        await using var target = await SeededAsync(DatabaseProvider.Postgres);
        var before = TopologyExporter.ExportJson(target.Topology.Current.Installation);

        var result = await DatabaseCopy.CopyAsync(source.Factory, DatabaseProvider.Postgres, await ConnectionStringAsync(target), Ct);

        Assert.False(result.IsOk);
        Assert.Contains("not empty", result.Error);
        await target.Topology.ReloadAsync(Ct);
        Assert.Equal(before, TopologyExporter.ExportJson(target.Topology.Current.Installation));
    }

    private static async Task<string> ConnectionStringAsync(TestDatabase db)
    {
        await using var ctx = await db.Factory.CreateDbContextAsync(Ct);
        return ctx.Database.GetConnectionString()!;
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PowerMap.Core.Data.Accounts;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Data.Providers;
using PowerMap.Core.Data.Revisions;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>How many rows of each table a copy wrote (checked against the source before committing).</summary>
public sealed record CopyResult(IReadOnlyList<(string Table, int Rows)> Tables, string? Error)
{
    public bool IsOk => Error is null;

    public int TotalRows => Tables.Sum(t => t.Rows);
}

/// <summary>
/// <c>-- copy-to "CONNECTION" --provider Postgres|Sqlite</c>: every table (installation, change log, revisions,
/// accounts and tokens) from this database into another one, possibly of the other provider, with ids kept. The target
/// is migrated first and must hold no installation and no accounts; the source is read in one snapshot (a read
/// transaction), so the app may go on writing meanwhile; the copy is one transaction, and the row count of every
/// table is compared with the source before it commits, so it is all or nothing.
/// </summary>
public static class DatabaseCopy
{
    public static async Task<CopyResult> CopyAsync(IDbContextFactory<PowerMapDbContext> source, DatabaseProvider provider, string connectionString, CancellationToken ct = default)
    {
        await using var from = await source.CreateDbContextAsync(ct);
        await using var to = Target(provider, connectionString);
        await to.Database.MigrateAsync(ct);
        await DatabaseProviders.PrepareAsync(to, ct);
        if (await to.Sites.AnyAsync(ct) || await to.DeviceTypes.AnyAsync(ct) || await to.Users.AnyAsync(ct) || await to.ObjectChanges.AnyAsync(ct))
        {
            return new CopyResult([], "The target database is not empty (it has an installation, accounts or change records); nothing was copied.");
        }
        // Every table is read in one snapshot, so a copy of a running installation is consistent (no change record
        // without its object, no revision without its change).
        await using var read = await DatabaseProviders.BeginSnapshotReadAsync(from, ct);
        await to.Database.OpenConnectionAsync(ct);
        await using var tx = await to.Database.BeginTransactionAsync(ct);
        var copied = new List<(string, int)>();
        // Parents before children (foreign keys are checked per statement on PostgreSQL).
        await CopyAsync<IdentityRole>(from, to, tx, copied, ct);
        await CopyAsync<PowerMapUser>(from, to, tx, copied, ct);
        await CopyAsync<IdentityRoleClaim<string>>(from, to, tx, copied, ct);
        await CopyAsync<IdentityUserRole<string>>(from, to, tx, copied, ct);
        await CopyAsync<IdentityUserClaim<string>>(from, to, tx, copied, ct);
        await CopyAsync<IdentityUserLogin<string>>(from, to, tx, copied, ct);
        await CopyAsync<IdentityUserToken<string>>(from, to, tx, copied, ct);
        await CopyAsync<ApiToken>(from, to, tx, copied, ct);
        await CopyAsync<Site>(from, to, tx, copied, ct);
        await CopyAsync<Location>(from, to, tx, copied, ct);
        await CopyAsync<Rack>(from, to, tx, copied, ct);
        await CopyAsync<PowerPanel>(from, to, tx, copied, ct);
        await CopyAsync<PowerFeed>(from, to, tx, copied, ct);
        await CopyAsync<DeviceType>(from, to, tx, copied, ct);
        await CopyAsync<PowerPortTemplate>(from, to, tx, copied, ct);
        await CopyAsync<PowerOutletTemplate>(from, to, tx, copied, ct);
        await CopyAsync<Device>(from, to, tx, copied, ct);
        await CopyAsync<PowerPort>(from, to, tx, copied, ct);
        await CopyAsync<PowerOutlet>(from, to, tx, copied, ct);
        await CopyAsync<Interface>(from, to, tx, copied, ct);
        await CopyAsync<Cable>(from, to, tx, copied, ct);
        await CopyAsync<CableTermination>(from, to, tx, copied, ct);
        await CopyAsync<ObjectChange>(from, to, tx, copied, ct);
        await CopyAsync<DataRevision>(from, to, tx, copied, ct);
        await CopyAsync<History.LoadSample>(from, to, tx, copied, ct);
        await CopyAsync<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>(from, to, tx, copied, ct);

        foreach (var (table, rows) in copied)
        {
            int inTarget = await CountAsync(to, table, ct);
            if (inTarget != rows)
            {
                await tx.RollbackAsync(ct);
                return new CopyResult(copied, $"Table {table}: {rows} rows read but {inTarget} in the target; nothing was copied.");
            }
        }
        await tx.CommitAsync(ct);
        return new CopyResult(copied, null);
    }

    /// <summary>A context on another database, outside the app's services (its own provider and migrations).</summary>
    public static PowerMapDbContext Target(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<PowerMapDbContext>();
        return provider == DatabaseProvider.Postgres
            ? new PostgresPowerMapDbContext(options.UseNpgsql(connectionString).Options)
            : new PowerMapDbContext(options.UseSqlite(connectionString).Options);
    }

    private static async Task CopyAsync<T>(PowerMapDbContext from, PowerMapDbContext to, IDbContextTransaction tx, List<(string, int)> copied, CancellationToken ct)
        where T : class
    {
        var rows = await from.Set<T>().AsNoTracking().ToListAsync(ct);
        if (rows is List<Cable> cables)
        {
            // Terminations are their own table (copied next); the navigation is not a column.
            cables.ForEach(c => c.Terminations.Clear());
        }
        await BulkInsert.InsertAsync(to, tx.GetDbTransaction(), rows, ct);
        copied.Add((to.Model.FindEntityType(typeof(T))!.GetTableName()!, rows.Count));
    }

    private static async Task<int> CountAsync(PowerMapDbContext db, string table, CancellationToken ct)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        cmd.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"")}\"";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}

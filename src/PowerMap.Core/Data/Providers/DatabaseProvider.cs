using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PowerMap.Core.Data.Providers;

/// <summary>The database engines PowerMap runs on (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app: the default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several app instances on one database.</summary>
    Postgres,
}

/// <summary>
/// Everything that differs between the providers, in one place: how a context is configured, the SQL run once at
/// start-up, what follows a bulk insert with explicit ids, and which errors mean "busy, retry".
/// </summary>
public static class DatabaseProviders
{
    /// <summary>Parses <c>Database:Provider</c> (case-insensitive; empty = SQLite).</summary>
    public static DatabaseProvider Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new ArgumentException($"Database:Provider '{value}' is not known: use Sqlite or Postgres."),
    };

    /// <summary>
    /// Why <paramref name="connectionString"/> cannot be a PostgreSQL connection string (unset, not parsable — the SQLite
    /// default <c>Data Source=powermap.db</c> is not —, or naming no host), or null when it can.
    /// </summary>
    public static string? PostgresConnectionProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "not set";
        }
        try
        {
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host) ? "names no Host" : null;
        }
        catch (ArgumentException)
        {
            return connectionString.Contains("Data Source", StringComparison.OrdinalIgnoreCase)
                ? "is a SQLite connection string (the default in appsettings.json)"
                : "is not a PostgreSQL connection string";
        }
    }

    /// <summary>The provider of an open context.</summary>
    public static DatabaseProvider Of(DbContext db) => db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Start-up SQL after the migrations. SQLite: WAL, so readers (page loads, API reads) run beside a writer.</summary>
    public static async Task PrepareAsync(DbContext db, CancellationToken ct)
    {
        if (Of(db) == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>
    /// After rows were inserted with explicit ids: PostgreSQL's identity sequence does not see them, so it is moved past
    /// the largest id (else the next generated id collides). SQLite's rowid needs nothing.
    /// </summary>
    public static async Task AfterExplicitIdsAsync(DbConnection connection, DbTransaction transaction, string table, string idColumn, CancellationToken ct)
    {
        if (connection is not NpgsqlConnection)
        {
            return;
        }
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        string quoted = Quote(table);
        cmd.CommandText = $"SELECT setval(pg_get_serial_sequence('{quoted.Replace("'", "''")}', '{idColumn.Replace("'", "''")}'), " +
                          $"GREATEST((SELECT MAX({Quote(idColumn)}) FROM {quoted}), 1))";
        await cmd.ExecuteScalarAsync(ct);
    }

    /// <summary>
    /// A read transaction in which every statement sees the same snapshot, whatever writers commit meanwhile (a copy of
    /// a running installation): PostgreSQL REPEATABLE READ, read only; SQLite a deferred transaction, whose first read
    /// fixes the snapshot in WAL mode without blocking writers (the mode <see cref="PrepareAsync"/> sets).
    /// </summary>
    public static async Task<IDbContextTransaction> BeginSnapshotReadAsync(DbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        if (Of(db) == DatabaseProvider.Postgres)
        {
            var tx = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);
            return tx;
        }
        // EF begins SQLite transactions IMMEDIATE (a write lock); a deferred one only reads.
        var deferred = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        return await db.Database.UseTransactionAsync(deferred, ct) ?? throw new InvalidOperationException("No transaction.");
    }

    /// <summary>Advisory-lock key of PowerMap's writers ("PowrMap" in ASCII).</summary>
    private const long WritersLockKey = 0x506F77724D6170;

    /// <summary>How long start-up waits for another instance's migration (or first admin) under the writers' lock.</summary>
    public static readonly TimeSpan StartUpLockWait = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Serializes writers across app instances on PostgreSQL: a session advisory lock held until the result is
    /// disposed (released by the server if the instance dies). Waits at most the command timeout (or
    /// <paramref name="wait"/>), then "busy". SQLite: nothing (one instance per file; SQLite's own write lock keeps the
    /// file consistent).
    /// </summary>
    public static async Task<IAsyncDisposable> LockWritersAsync(IDbContextFactory<PowerMapDbContext> factory, CancellationToken ct, TimeSpan? wait = null)
    {
        var db = await factory.CreateDbContextAsync(ct);
        if (Of(db) != DatabaseProvider.Postgres)
        {
            await db.DisposeAsync();
            return NoLock.Instance;
        }
        try
        {
            if (wait is { } timeout)
            {
                db.Database.SetCommandTimeout(timeout);
            }
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({WritersLockKey})", ct);
            return new AdvisoryLock(db);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class AdvisoryLock(DbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({WritersLockKey})");
            }
            finally
            {
                // Closing the connection would not release a session lock on a pooled connection; the unlock above does.
                await db.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="ex"/> (or an inner exception) means another writer held the database too long: SQLite's
    /// busy/locked, PostgreSQL's lock timeout, serialization failure or deadlock, or a command timeout while waiting.
    /// </summary>
    public static bool IsBusy(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                case PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                case NpgsqlException { InnerException: TimeoutException }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Whether <paramref name="ex"/> (or an inner exception) is a unique-index violation: another writer inserted the same key first.</summary>
    public static bool IsUniqueViolation(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey }:
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Whether <paramref name="ex"/> is a database error at all (cannot connect, cannot open, refused).</summary>
    public static bool IsDatabaseError(Exception ex) => ex is DbException || ex.GetBaseException() is DbException;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}

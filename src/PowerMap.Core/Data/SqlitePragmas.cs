using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PowerMap.Core.Data;

/// <summary>
/// Per-connection SQLite settings. <c>synchronous=NORMAL</c> with the WAL journal (set at start-up): a commit no longer
/// waits for an fsync of the log, which on this class of disk is most of a small write's time. The database stays
/// consistent after any crash; after a power loss or OS crash the last commits before the next checkpoint may be lost.
/// <c>PowerMap:Synchronous=FULL</c> restores an fsync per commit.
/// </summary>
public sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    private readonly string _pragma = synchronous.ToUpperInvariant() switch
    {
        "FULL" or "NORMAL" or "OFF" or "EXTRA" => $"PRAGMA synchronous={synchronous.ToUpperInvariant()};",
        _ => throw new ArgumentException($"Unknown SQLite synchronous mode '{synchronous}' (FULL, NORMAL).", nameof(synchronous)),
    };

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

using Microsoft.Data.Sqlite;

namespace PowerMap.Core.Data;

/// <summary>SQLite's "database is locked/busy": another process holds the write lock longer than the busy timeout.</summary>
public static class DatabaseBusy
{
    public const string Message = "The database is busy (another writer holds it); nothing was changed. Retry in a few seconds.";

    /// <summary>Seconds a client should wait before retrying (the Retry-After of a 503).</summary>
    public const int RetryAfterSeconds = 2;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>Whether <paramref name="ex"/> or one of its inner exceptions is SQLite's busy or locked error.</summary>
    public static bool Is(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }
        return false;
    }
}

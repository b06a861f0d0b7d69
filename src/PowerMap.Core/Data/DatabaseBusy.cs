namespace PowerMap.Core.Data;

/// <summary>"Database is busy": another writer holds a lock longer than the busy timeout (SQLite or PostgreSQL, see <see cref="Providers.DatabaseProviders.IsBusy"/>).</summary>
public static class DatabaseBusy
{
    public const string Message = "The database is busy (another writer holds it); nothing was changed. Retry in a few seconds.";

    /// <summary>Seconds a client should wait before retrying (the Retry-After of a 503).</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>Whether <paramref name="ex"/> or one of its inner exceptions means "busy" on either provider.</summary>
    public static bool Is(Exception? ex) => Providers.DatabaseProviders.IsBusy(ex);
}

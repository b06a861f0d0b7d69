using Microsoft.EntityFrameworkCore;

namespace PowerMap.Core.Data.ChangeLog;

/// <summary>What the change list is filtered by; null means any.</summary>
public sealed record ChangeFilter(
    string? UserName = null,
    string? ObjectType = null,
    int? ObjectId = null,
    string? RequestId = null,
    string? Action = null,
    DateTime? After = null,
    DateTime? Before = null);

/// <summary>Reads the change log (newest first) and applies its retention.</summary>
public sealed class ChangeLogStore(IDbContextFactory<PowerMapDbContext> factory)
{
    public async Task<(int Count, IReadOnlyList<ObjectChange> Page)> QueryAsync(ChangeFilter filter, int offset, int limit, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.ObjectChanges.AsNoTracking();
        if (filter.UserName is { } user)
        {
            q = q.Where(c => c.UserName == user);
        }
        if (filter.ObjectType is { } type)
        {
            q = q.Where(c => c.ChangedObjectType == type);
        }
        if (filter.ObjectId is { } id)
        {
            q = q.Where(c => c.ChangedObjectId == id);
        }
        if (filter.RequestId is { } request)
        {
            q = q.Where(c => c.RequestId == request);
        }
        if (filter.Action is { } action)
        {
            q = q.Where(c => c.Action == action);
        }
        if (filter.After is { } after)
        {
            q = q.Where(c => c.Time >= after);
        }
        if (filter.Before is { } before)
        {
            q = q.Where(c => c.Time <= before);
        }
        int count = await q.CountAsync(ct);
        var page = await q.OrderByDescending(c => c.Id).Skip(offset).Take(limit).ToListAsync(ct);
        return (count, page);
    }

    public async Task<ObjectChange?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ObjectChanges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>The user names that appear in the log, for the list's filter.</summary>
    public async Task<IReadOnlyList<string>> UserNamesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ObjectChanges.Where(c => c.UserName != null).Select(c => c.UserName!).Distinct().OrderBy(n => n).ToListAsync(ct);
    }

    /// <summary>Deletes the records older than <paramref name="retention"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(TimeSpan retention, CancellationToken ct = default)
    {
        var cutoff = DateTime.UtcNow - retention;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ObjectChanges.Where(c => c.Time < cutoff).ExecuteDeleteAsync(ct);
    }
}

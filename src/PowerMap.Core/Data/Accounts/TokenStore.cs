using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace PowerMap.Core.Data.Accounts;

/// <summary>A token found by its key, with its user's name and role.</summary>
public sealed record TokenIdentity(ApiToken Token, string UserName, string Role);

/// <summary>A token as the Tokens page lists it (never its key).</summary>
public sealed record TokenRow(int Id, string UserName, string Hint, string Description, bool WriteEnabled, DateTime Created, DateTime? Expires, DateTime? LastUsed);

/// <summary>How long a token lookup is reused without asking the database (0: never reused).</summary>
public sealed record TokenCacheOptions(TimeSpan Duration)
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(5);
}

/// <summary>
/// API tokens: 40 random hexadecimal characters (NetBox's v1 token format), shown once at creation; only their SHA-256
/// is stored, so a stolen database gives no usable key.
/// A found token is remembered per key hash for <see cref="TokenCacheOptions.Duration"/> (default 5 s), which saves
/// every API request the two lookups (two round trips on PostgreSQL). A revoke, a user's deletion or role change made
/// on this instance forgets at once; on another instance a revoked token keeps working for at most that duration.
/// Expiry is checked on every request against the remembered expiry time. Unknown keys are not remembered.
/// </summary>
public sealed class TokenStore(IDbContextFactory<PowerMapDbContext> factory, TokenCacheOptions? cacheOptions = null)
{
    private readonly TimeSpan _cacheFor = cacheOptions?.Duration ?? TokenCacheOptions.DefaultDuration;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (TokenIdentity Identity, long Until)> _cache = new();
    private const int MaxCached = 10_000;
    // Bumped by every Forget: a lookup that started before it must not put what it read back into the cache.
    private long _generation;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Forgets every remembered lookup (after a change to tokens, users or roles).</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    /// <summary>Creates a token for <paramref name="userId"/> and returns its key (the only time it is known).</summary>
    public async Task<(ApiToken Token, string Key)> CreateAsync(string userId, bool writeEnabled, DateTime? expires, string description = "", CancellationToken ct = default)
    {
        string key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var token = new ApiToken
        {
            UserId = userId,
            KeyHash = Hash(key),
            Hint = key[^4..],
            Description = description.Trim(),
            WriteEnabled = writeEnabled,
            Created = DateTime.UtcNow,
            Expires = expires,
        };
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, key);
    }

    /// <summary>The token of <paramref name="key"/> with its user and role, or null for an unknown key. Marks it used (at most once a minute).</summary>
    public async Task<TokenIdentity?> FindAsync(string key, CancellationToken ct = default)
    {
        string hash = Hash(key.Trim());
        long now0 = Environment.TickCount64;
        if (_cache.TryGetValue(hash, out var hit) && hit.Until > now0)
        {
            return hit.Identity;
        }
        long generation = Interlocked.Read(ref _generation);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await (from t in db.ApiTokens
                         join u in db.Users on t.UserId equals u.Id
                         where t.KeyHash == hash
                         select new { Token = t, u.UserName, u.LockoutEnd, u.Id }).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        string role = await (from ur in db.UserRoles
                             join r in db.Roles on ur.RoleId equals r.Id
                             where ur.UserId == row.Id
                             select r.Name).FirstOrDefaultAsync(ct) ?? Roles.Viewer;
        var now = DateTime.UtcNow;
        if (row.Token.LastUsed is not { } last || now - last > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == row.Token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsed, now), ct);
        }
        var identity = new TokenIdentity(row.Token, row.UserName ?? "", role);
        if (_cacheFor > TimeSpan.Zero)
        {
            if (_cache.Count >= MaxCached)
            {
                _cache.Clear(); // only real tokens get in, so this takes thousands of them in use: start again
            }
            _cache[hash] = (identity, now0 + (long)_cacheFor.TotalMilliseconds);
            if (Interlocked.Read(ref _generation) != generation)
            {
                _cache.TryRemove(hash, out _);
            }
        }
        return identity;
    }

    /// <summary>Every token, or those of one user, newest first.</summary>
    public async Task<IReadOnlyList<TokenRow>> ListAsync(string? userId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from t in db.ApiTokens
                          join u in db.Users on t.UserId equals u.Id
                          where userId == null || t.UserId == userId
                          select new TokenRow(t.Id, u.UserName ?? "", t.Hint, t.Description, t.WriteEnabled, t.Created, t.Expires, t.LastUsed)).ToListAsync(ct);
        return rows.OrderByDescending(r => r.Created).ToList();
    }

    /// <summary>Deletes a token (of <paramref name="userId"/> unless null); false when there is none.</summary>
    public async Task<bool> RevokeAsync(int id, string? userId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        bool deleted = await db.ApiTokens.Where(t => t.Id == id && (userId == null || t.UserId == userId)).ExecuteDeleteAsync(ct) > 0;
        Forget();
        return deleted;
    }
}

using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data.Accounts;
using PowerMap.Core.Data.Providers;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data.Accounts;

/// <summary>The short cache of token lookups: what it saves, and when it forgets.</summary>
public class TokenStoreTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private string _userId = "";

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: Provider);
        await using var db = await _db.Factory.CreateDbContextAsync(Ct);
        var user = new PowerMapUser("alice");
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        _userId = user.Id;
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private TokenStore Store(TimeSpan cacheFor) => new(_db.Factory, new TokenCacheOptions(cacheFor));

    /// <summary>Deletes the token's row behind the store's back, as a revoke on another instance does.</summary>
    private async Task DeleteRowAsync(int id)
    {
        await using var db = await _db.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.ApiTokens.Where(t => t.Id == id).ExecuteDeleteAsync(Ct));
    }

    [Fact]
    public async Task AFoundToken_IsRemembered_ForTheCacheDuration()
    {
        var store = Store(TimeSpan.FromMinutes(1));
        var (token, key) = await store.CreateAsync(_userId, writeEnabled: true, expires: null, ct: Ct);
        Assert.Equal("alice", (await store.FindAsync(key, Ct))?.UserName);

        await DeleteRowAsync(token.Id);

        // Another instance's revoke is seen here only after the cache duration (the documented bound) or a Forget.
        Assert.NotNull(await store.FindAsync(key, Ct));
        store.Forget();
        Assert.Null(await store.FindAsync(key, Ct));
    }

    [Fact]
    public async Task ARevokeOnThisInstance_IsRefusedAtOnce()
    {
        var store = Store(TimeSpan.FromMinutes(1));
        var (token, key) = await store.CreateAsync(_userId, writeEnabled: true, expires: null, ct: Ct);
        Assert.NotNull(await store.FindAsync(key, Ct));

        Assert.True(await store.RevokeAsync(token.Id, ct: Ct));

        Assert.Null(await store.FindAsync(key, Ct));
    }

    [Fact]
    public async Task WithoutACache_EveryLookupAsksTheDatabase()
    {
        var store = Store(TimeSpan.Zero);
        var (token, key) = await store.CreateAsync(_userId, writeEnabled: true, expires: null, ct: Ct);
        Assert.NotNull(await store.FindAsync(key, Ct));

        await DeleteRowAsync(token.Id);

        Assert.Null(await store.FindAsync(key, Ct));
    }

    [Fact]
    public async Task AnUnknownKey_IsNotRemembered()
    {
        var store = Store(TimeSpan.FromMinutes(1));
        Assert.Null(await store.FindAsync("0123456789abcdef0123456789abcdef01234567", Ct));
        var (_, key) = await store.CreateAsync(_userId, writeEnabled: false, expires: null, ct: Ct);

        Assert.NotNull(await store.FindAsync(key, Ct));
    }
}

public class TokenStoreTestsOnPostgres : TokenStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

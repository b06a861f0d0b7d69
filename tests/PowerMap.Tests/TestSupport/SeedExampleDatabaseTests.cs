using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data;
using PowerMap.Core.Data.Providers;

namespace PowerMap.Tests.TestSupport;

/// <summary>A test class with its own database per test, holding the seed's example; SQLite unless a subclass says PostgreSQL.</summary>
public abstract class SeedExampleDatabaseTests : IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = null!;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>More options for the test database's contexts (interceptors).</summary>
    protected virtual void Configure(DbContextOptionsBuilder options)
    {
    }

    public async ValueTask InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(Configure, Provider);
        var plan = await Db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, Ct);
        Assert.True(plan.IsValid, plan.Errors.ToString());
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();
}

using Microsoft.Extensions.Configuration;
using PowerMap.Core.Data.Providers;
using PowerMap.Web.Features.Operations;

namespace PowerMap.Tests.Web.Operations;

public class DatabaseSettingsTests
{
    private static IConfiguration Config(string? provider, string? connectionString) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        [DatabaseSettings.ProviderKey] = provider,
        [DatabaseSettings.ConnectionStringKey] = connectionString,
    }).Build();

    [Theory]
    [InlineData(null, "Data Source=powermap.db", DatabaseProvider.Sqlite)]
    [InlineData("sqlite", null, DatabaseProvider.Sqlite)] // the default file
    [InlineData("Postgres", "Host=db;Database=powermap;Username=powermap;Password=x", DatabaseProvider.Postgres)]
    public void Valid_Read(string? provider, string? connectionString, DatabaseProvider expected)
    {
        Assert.Equal((expected, connectionString), DatabaseSettings.Read(Config(provider, connectionString)));
    }

    [Theory]
    [InlineData("Postgres", null, DatabaseSettings.ConnectionStringKey, "not set")]
    [InlineData("Postgres", " ", DatabaseSettings.ConnectionStringKey, "not set")]
    [InlineData("Postgres", "Data Source=powermap.db", DatabaseSettings.ConnectionStringKey, "SQLite")]
    [InlineData("Postgres", "Database=powermap", DatabaseSettings.ConnectionStringKey, "no Host")]
    [InlineData("Oracle", null, DatabaseSettings.ProviderKey, "Sqlite or Postgres")]
    public void Invalid_StartUpErrorNamesTheKey(string provider, string? connectionString, string key, string reason)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.Read(Config(provider, connectionString)));

        Assert.StartsWith(key + ":", ex.Message);
        Assert.Contains(reason, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}

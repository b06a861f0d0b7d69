using PowerMap.Core.Data.Providers;

namespace PowerMap.Web.Features.Operations;

/// <summary>
/// <c>Database:Provider</c> and <c>ConnectionStrings:PowerMap</c>, checked before anything opens the database, so that a
/// mistake is one line naming the key (not a driver's error from a SQLite connection string handed to Npgsql).
/// </summary>
public static class DatabaseSettings
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:PowerMap";

    /// <summary>The provider and connection string; <see cref="InvalidOperationException"/> naming the key when they do not fit.</summary>
    public static (DatabaseProvider Provider, string? ConnectionString) Read(IConfiguration configuration)
    {
        string? name = configuration[ProviderKey];
        DatabaseProvider provider;
        try
        {
            provider = DatabaseProviders.Parse(name);
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException($"{ProviderKey}: '{name}' is not known; use Sqlite or Postgres.");
        }
        string? connectionString = configuration[ConnectionStringKey];
        if (provider == DatabaseProvider.Postgres && DatabaseProviders.PostgresConnectionProblem(connectionString) is { } problem)
        {
            throw new InvalidOperationException($"{ConnectionStringKey}: {problem}; {ProviderKey} is Postgres, so set it to a PostgreSQL " +
                "connection string (e.g. Host=db;Database=powermap;Username=powermap;Password=…).");
        }
        return (provider, connectionString);
    }

    /// <summary>
    /// The connection string for a log line: every password (<c>Password</c>, <c>Pwd</c>) replaced by <c>***</c>, so a
    /// start-up error never writes a PostgreSQL password into the journal. Unparseable text is not echoed at all.
    /// </summary>
    public static string Redacted(string connectionString)
    {
        try
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (string key in builder.Keys.Cast<string>().ToList())
            {
                if (key.Equals("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase))
                {
                    builder[key] = "***";
                }
            }
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
    }
}

using System.Diagnostics;

namespace PowerMap.Tests.Web.Accounts;

// issue 15: a database that cannot be opened or written at start: one clear line and exit code 1, no stack trace.
public class StartupFailureTests
{
    [Theory]
    [InlineData("Data Source=/nonexistent-powermap-dir/x.db", "unable to open database file")]
    [InlineData("Data Source={readonly};Mode=ReadOnly", "attempt to write a readonly database")]
    public async Task UnusableDatabase_OneLogLine_ExitCode1(string connectionString, string reason)
    {
        var readOnly = Path.Combine(Path.GetTempPath(), $"powermap-ro-{Guid.NewGuid():N}.db");
        await File.WriteAllBytesAsync(readOnly, [], TestContext.Current.CancellationToken);
        try
        {
            var (exitCode, output) = await RunAppAsync(connectionString.Replace("{readonly}", readOnly));

            Assert.Equal(1, exitCode);
            Assert.Contains("Cannot open or write the database", output);
            Assert.Contains(reason, output);
            Assert.DoesNotContain("   at ", output);
            Assert.DoesNotContain("fail:", output);
        }
        finally
        {
            File.Delete(readOnly);
        }
    }

    // issue 14: Database:Provider=Postgres with the SQLite default connection string (appsettings.json), or none ──►
    // one line naming ConnectionStrings:PowerMap, exit code 1, no Npgsql error or stack trace.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task PostgresWithoutAPostgresConnectionString_OneLineNamingTheKey_ExitCode1(string? connectionString)
    {
        var (exitCode, output) = await RunAppAsync(connectionString, provider: "Postgres");

        Assert.Equal(1, exitCode);
        Assert.Contains("Invalid configuration: ConnectionStrings:PowerMap:", output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Keyword not supported", output);
    }

    // A PostgreSQL server that does not answer: the one line names the database without its password.
    [Fact]
    public async Task PostgresUnreachable_TheLogLineHidesThePassword()
    {
        var (exitCode, output) = await RunAppAsync("Host=127.0.0.1;Port=1;Database=powermap;Username=powermap;Password=s3cret-pw;Timeout=3", provider: "Postgres");

        Assert.Equal(1, exitCode);
        Assert.Contains("Cannot open or write the database", output);
        Assert.Contains("password=***", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("s3cret-pw", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("Host=db;Username=pm;Password=x;Database=p", "host=db;username=pm;password=***;database=p")]
    [InlineData("Data Source=powermap.db", "data source=powermap.db")]
    [InlineData("Server=db;Pwd=secret", "server=db;pwd=***")]
    public void Redacted_HidesPasswords(string connectionString, string expected) =>
        Assert.Equal(expected, PowerMap.Web.Features.Operations.DatabaseSettings.Redacted(connectionString), ignoreCase: true);

    /// <summary>Runs the built app (src/PowerMap.Web's Debug output, as test.sh builds it) with a connection string (null: appsettings.json's).</summary>
    private static async Task<(int ExitCode, string Output)> RunAppAsync(string? connectionString, string? provider = null)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "PowerMap.sln")))
        {
            dir = dir.Parent;
        }
        var dll = Path.Combine(dir.FullName, "src", "PowerMap.Web", "bin", "Debug", "net10.0", "PowerMap.Web.dll");
        Assert.True(File.Exists(dll), $"Build the app first: {dll}");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        if (connectionString is not null)
        {
            start.Environment["ConnectionStrings__PowerMap"] = connectionString;
        }
        if (provider is not null)
        {
            start.Environment["Database__Provider"] = provider;
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

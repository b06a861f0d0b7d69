using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(PowerMap.Tests.TestSupport.PostgresServerShutdown))]

namespace PowerMap.Tests.TestSupport;

/// <summary>
/// Stops the shared cluster when the last test has run, inside the test run: xunit.v3 allows a process only a few seconds
/// to exit after its runner returns, and stopping PostgreSQL from a <c>ProcessExit</c> handler on a loaded machine can take
/// longer ("Foreground threads were left running, forcing process exit", exit code 1 with every test green).
/// </summary>
public sealed class PostgresServerShutdown : IAsyncDisposable
{
    public ValueTask DisposeAsync() => PostgresServer.StopSharedAsync();
}

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: <c>initdb</c> in a temporary directory, <c>pg_ctl start</c> on a free
/// loopback port, stopped and deleted when the test process exits. Started on first use (runs without PostgreSQL tests
/// pay nothing) and shared by every test, each of which takes a database of its own (<see cref="CreateDatabaseAsync"/>).
/// Where it cannot start (no <c>initdb</c> on PATH or in /usr/lib/postgresql/*/bin), <see cref="SkipReason"/> says why.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string _directory;
    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;

    public int Port { get; }

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public string? SkipReason { get; private init; }

    private PostgresServer(string directory, string binDirectory, bool asPostgresUser, int port)
    {
        _directory = directory;
        _binDirectory = binDirectory;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    /// <summary>The shared server (started by the first caller).</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Stops the shared server if a test started it (once; the <c>ProcessExit</c> handler is the fallback).</summary>
    internal static async ValueTask StopSharedAsync()
    {
        if (Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully)
        {
            await Shared.Value.Result.StopAsync();
        }
    }

    /// <summary>
    /// Each test database has its own pool and a run makes hundreds: idle connections are closed after 10 s (Npgsql keeps
    /// them 300 s by default), so finished tests do not hold the cluster's connections ("53300: too many clients").
    /// </summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=40;Connection Idle Lifetime=10;Connection Pruning Interval=2";

    /// <summary>A new empty database; returns its connection string. Skips the calling test when there is no server.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");
        string name = "powermap_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"CREATE DATABASE {name}";
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        string? bin = FindBinDirectory();
        if (bin is null)
        {
            return new PostgresServer("", "", false, 0)
            {
                SkipReason = "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): ./test.sh installs it with apt.",
            };
        }
        bool asRoot = Environment.UserName == "root";
        string directory = Path.Combine(Path.GetTempPath(), "powermap-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        int port = FreePort();
        var server = new PostgresServer(directory, bin, asRoot, port);
        if (asRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres account that the Debian package creates.
            await server.RunAsync("/bin/chown", ["postgres:postgres", directory], asUser: false);
        }
        string data = Path.Combine(directory, "data");
        await server.RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
        // fsync off: a throwaway cluster; the socket directory is the temp dir (no /var/run/postgresql needed).
        string options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=800";
        await server.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(directory, "log"), "-o", options, "-w", "-t", "60", "start"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }

    private int _stopped;

    private async ValueTask StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || SkipReason is not null)
        {
            return;
        }
        try
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception)
        {
            // best effort: the directory is in the temp dir
        }
    }

    private async Task RunAsync(string file, string[] args, bool asUser = true)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asUser && _asPostgresUser)
        {
            start.FileName = "/usr/sbin/runuser";
            foreach (var a in (string[])["-u", "postgres", "--", file, .. args])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = file;
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }

    private static string? FindBinDirectory()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(dir, "initdb");
            if (File.Exists(initdb))
            {
                // Debian links /usr/bin tools to a wrapper; the real binaries sit together in the version's bin directory.
                var real = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
                var bin = Path.GetDirectoryName(real)!;
                if (File.Exists(Path.Combine(bin, "pg_ctl")))
                {
                    return bin;
                }
            }
        }
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PowerMap.Tests.TestSupport;

/// <summary>
/// nginx in front of two app instances with the site configuration printed in <c>docs/deploy.md</c> (the text between
/// <c>&lt;&lt;'EOF'</c> and <c>EOF</c>), so the documentation is what is tested: only the listen address and the two
/// upstream ports are replaced, and the file is wrapped in a minimal main configuration with its logs and temp files in
/// a temporary directory. Started with <c>daemon off</c>, killed on dispose.
/// </summary>
public sealed partial class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxProxy(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>The loopback port nginx listens on (the documented <c>listen 80</c>).</summary>
    public int Port { get; }

    /// <summary>nginx's access log so far (one line per request, with the status: 101 for a WebSocket upgrade).</summary>
    public string AccessLog => File.Exists(Path.Combine(_directory, "access.log")) ? ReadShared(Path.Combine(_directory, "access.log")) : "";

    /// <summary>Why nginx cannot run here, or null.</summary>
    public static string? SkipReason => FindNginx() is null ? "nginx is not installed (no /usr/sbin/nginx): ./test.sh installs it with apt." : null;

    /// <summary>The site configuration of <c>docs/deploy.md</c>, section 3.</summary>
    public static string DocumentedSite()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "deploy.md"));
        var block = SiteBlock().Match(doc);
        Assert.True(block.Success, "docs/deploy.md has no nginx site written with tee <<'EOF' … EOF");
        return block.Groups[1].Value;
    }

    /// <summary>The <c>server_name</c> of the documented site (the browser resolves it to the proxy in the tests).</summary>
    public static string DocumentedServerName() =>
        Regex.Match(DocumentedSite(), @"server_name\s+([^;\s]+);").Groups[1].Value is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException("the documented nginx site has no server_name");

    /// <summary>The value of <c>Environment="NAME=value"</c> (or <c>Environment=NAME=value</c>) in the documented systemd unit.</summary>
    public static string DocumentedEnvironment(string name)
    {
        var match = Regex.Match(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "deploy.md")),
            "^Environment=\"?" + Regex.Escape(name) + "=([^\"\r\n]*)\"?\r?$", RegexOptions.Multiline);
        Assert.True(match.Success, $"docs/deploy.md's systemd unit sets no {name}");
        return match.Groups[1].Value;
    }

    /// <summary>Starts nginx with the documented site, its two upstream servers replaced by <paramref name="instanceA"/> and <paramref name="instanceB"/> (base URLs).</summary>
    public static async Task<NginxProxy> StartAsync(Uri instanceA, Uri instanceB)
    {
        string nginx = FindNginx() ?? throw new InvalidOperationException(SkipReason);
        string site = DocumentedSite();
        int port = FreePort();
        string Upstream(string documented, Uri instance)
        {
            Assert.Contains($"server {documented}", site, StringComparison.Ordinal);
            return $"server 127.0.0.1:{instance.Port}";
        }
        site = site.Replace("server 127.0.0.1:5081", Upstream("127.0.0.1:5081", instanceA), StringComparison.Ordinal)
                   .Replace("server 127.0.0.1:5082", Upstream("127.0.0.1:5082", instanceB), StringComparison.Ordinal);
        Assert.Contains("listen 80;", site, StringComparison.Ordinal);
        site = site.Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);

        string directory = Path.Combine(Path.GetTempPath(), "powermap-nginx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        string conf = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(conf, $$"""
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log info;
            events { worker_connections 256; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
            {{site}}
            }
            """);
        var start = new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-p", directory, "-c", conf, "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var proxy = new NginxProxy(process, directory, port);
        // Ready when it accepts connections; an error in the configuration ends the process with the reason in error.log.
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                string log = ReadShared(Path.Combine(directory, "error.log"));
                await proxy.DisposeAsync();
                Assert.Fail($"nginx exited ({process.ExitCode}) with the documented site: {log}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // best effort: the directory is in the temp dir
        }
    }

    private static string? FindNginx() =>
        new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PowerMap.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("PowerMap.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"<<'EOF'\r?\n(.*?upstream powermap.*?)\r?\nEOF", RegexOptions.Singleline)]
    private static partial Regex SiteBlock();
}

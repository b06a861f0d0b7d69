using Microsoft.EntityFrameworkCore;
using Npgsql;
using PowerMap.Core.Data;

namespace PowerMap.Web.Features.Operations;

/// <summary>
/// Keeps this instance's snapshot at the database's revision when other instances (or a command-line restore) write:
/// on PostgreSQL it LISTENs on <c>powermap_revision</c> (NOTIFY is sent by a trigger at each write's commit) and catches
/// up at once, polling every <c>PowerMap:RevisionPollSeconds</c> (default 5) as a safety net for a lost connection;
/// on SQLite it polls every second (default 1). Catching up applies only what changed (see <see cref="TopologyService.CatchUpAsync"/>),
/// and the published snapshot updates every open browser as a local write does.
/// </summary>
public sealed class RevisionFollower(TopologyService topology, IConfiguration configuration, ILogger<RevisionFollower> logger) : BackgroundService
{
    public const string Channel = "powermap_revision";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? postgres;
        await using (var db = await topology.DbFactory.CreateDbContextAsync(stoppingToken))
        {
            postgres = db.Database.IsNpgsql() ? db.Database.GetConnectionString() : null;
        }
        var poll = TimeSpan.FromSeconds(configuration.GetValue("PowerMap:RevisionPollSeconds", postgres is null ? 1.0 : 5.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (postgres is not null)
                {
                    await ListenAsync(postgres, poll, stoppingToken);
                }
                else
                {
                    await Task.Delay(poll, stoppingToken);
                    await topology.CatchUpAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Following the database's revisions failed, retrying: {Message}", ex.GetBaseException().Message);
                try
                {
                    await Task.Delay(poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(string connectionString, TimeSpan poll, CancellationToken ct)
    {
        // A connection of its own, outside the pool: it stays open for LISTEN for the life of the instance.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var listen = connection.CreateCommand())
        {
            listen.CommandText = "LISTEN " + Channel;
            await listen.ExecuteNonQueryAsync(ct);
        }
        // Anything written before LISTEN took effect.
        await topology.CatchUpAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            // True on a notification, false when the poll interval passed: catch up either way.
            await connection.WaitAsync(poll, ct);
            await topology.CatchUpAsync(ct);
        }
    }
}

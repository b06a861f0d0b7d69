using PowerMap.Core.Data;

namespace PowerMap.Web.Features.Operations;

/// <summary>
/// Deletes old <c>DataRevisions</c> rows every hour (the first a minute after start): those older than
/// <c>PowerMap:RevisionRetentionHours</c> (default 24) and not among the newest <c>PowerMap:RevisionsKept</c> (default
/// 1,000). An instance that was away longer finds its revision purged and reloads everything (see
/// <see cref="TopologyService.CatchUpAsync"/>). Hours 0 turns the purge off.
/// </summary>
public sealed class RevisionRetention(TopologyService topology, IConfiguration configuration, ILogger<RevisionRetention> logger) : BackgroundService
{
    public const double DefaultHours = 24;
    public const int DefaultKept = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                double hours = configuration.GetValue("PowerMap:RevisionRetentionHours", DefaultHours);
                if (hours > 0)
                {
                    try
                    {
                        int purged = await topology.PurgeRevisionsAsync(configuration.GetValue("PowerMap:RevisionsKept", DefaultKept), TimeSpan.FromHours(hours), stoppingToken);
                        if (purged > 0)
                        {
                            logger.LogInformation("Deleted {Count} data revisions older than {Hours} h.", purged, hours);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning("Purging the data revisions failed: {Message}", ex.GetBaseException().Message);
                    }
                }
                await Task.Delay(TimeSpan.FromHours(1), stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}

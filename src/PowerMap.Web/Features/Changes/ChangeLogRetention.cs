using PowerMap.Core.Data.ChangeLog;

namespace PowerMap.Web.Features.Changes;

/// <summary>Deletes change records older than <c>ChangeLog:RetentionDays</c> (default 90; 0 keeps them for ever) a minute after start and daily.</summary>
public sealed class ChangeLogRetention(ChangeLogStore store, IConfiguration configuration, ILogger<ChangeLogRetention> logger) : BackgroundService
{
    public const int DefaultRetentionDays = 90;

    /// <summary>The first purge waits this long after start, so that it does not compete with the start-up for the CPU.</summary>
    public static readonly TimeSpan StartDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(StartDelay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            int days = configuration.GetValue("ChangeLog:RetentionDays", DefaultRetentionDays);
            if (days > 0)
            {
                try
                {
                    int purged = await store.PurgeAsync(TimeSpan.FromDays(days), stoppingToken);
                    if (purged > 0)
                    {
                        logger.LogInformation("Change log: deleted {Count} records older than {Days} days.", purged, days);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("Change log retention failed: {Message}", ex.Message);
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromDays(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

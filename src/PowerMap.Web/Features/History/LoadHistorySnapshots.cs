using PowerMap.Core.Data;
using PowerMap.Core.Data.History;

namespace PowerMap.Web.Features.History;

/// <summary>
/// Takes the day's load snapshot (<see cref="LoadHistoryStore.TakeAsync"/>) at start-up when today (UTC) has none, then
/// checks every <c>History:Interval</c> (default 1 day) and takes it again only when the UTC day has none yet — one
/// snapshot a day, whatever the interval. Purges days older than <c>History:RetentionDays</c> (default 730; 0 keeps them).
/// <c>History:Enabled=false</c> turns it off (tests; the on-demand snapshot still works).
/// </summary>
public sealed class LoadHistorySnapshots(LoadHistoryStore store, TopologyService topology, IConfiguration configuration,
    ILogger<LoadHistorySnapshots> logger, TimeProvider? clock = null) : BackgroundService
{
    public const int DefaultRetentionDays = 730;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private int _taken;

    /// <summary>How many snapshots this service took (not the on-demand ones).</summary>
    public int Taken => _taken;

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue("History:Enabled", true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("History:Interval", TimeSpan.FromDays(1));
        if (interval <= TimeSpan.Zero)
        {
            interval = TimeSpan.FromDays(1);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await TickAsync(stoppingToken);
            try
            {
                await Task.Delay(interval, _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One check: today's snapshot if missing, the retention purge, the overview's forecasts.</summary>
    public async Task TickAsync(CancellationToken ct = default)
    {
        try
        {
            var today = LoadHistoryStore.Today(_clock);
            var snapshot = topology.Current;
            if (!await store.HasDayAsync(today, ct))
            {
                int count = await store.TakeAsync(snapshot.Report, today, ct);
                Interlocked.Increment(ref _taken);
                logger.LogInformation("Load history: took the snapshot of {Day} ({Count} samples).", today, count);
            }
            else
            {
                await store.RefreshAsync(today, snapshot.Report.Options.WarningPercent, ct);
            }
            int days = configuration.GetValue("History:RetentionDays", DefaultRetentionDays);
            if (days > 0)
            {
                int purged = await store.PurgeAsync(today.AddDays(-days), ct);
                if (purged > 0)
                {
                    logger.LogInformation("Load history: deleted {Count} samples older than {Days} days.", purged, days);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Load history snapshot failed: {Message}", ex.Message);
        }
    }
}

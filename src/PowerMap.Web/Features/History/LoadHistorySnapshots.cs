using PowerMap.Core.Data;
using PowerMap.Core.Data.History;
using PowerMap.Core.Data.Providers;

namespace PowerMap.Web.Features.History;

/// <summary>
/// Takes the day's load snapshot (<see cref="LoadHistoryStore.TakeAsync"/>) at start-up when today (UTC) has none, then
/// checks every <c>History:RefreshInterval</c> (default 5 minutes; <c>History:Interval</c> when shorter) and takes it
/// again only when the UTC day has none yet — one snapshot a day, whatever the interval. Every check also refreshes the
/// overview's forecasts when the samples changed, so each app instance on one database shows the snapshot whichever
/// instance took it; two instances that take the same day at once collide on its unique index: the loser reads the
/// winner's (logged at Information). Purges days older than <c>History:RetentionDays</c> (default 730; 0 keeps them)
/// once a day. <c>History:Enabled=false</c> turns it off (tests; the on-demand snapshot still works).
/// </summary>
public sealed class LoadHistorySnapshots(LoadHistoryStore store, TopologyService topology, IConfiguration configuration,
    ILogger<LoadHistorySnapshots> logger, TimeProvider? clock = null) : BackgroundService
{
    public const int DefaultRetentionDays = 730;

    /// <summary>How often an instance looks for a snapshot or purge made by another instance.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private int _taken;
    private DateOnly? _purgedOn;

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
        var refresh = configuration.GetValue("History:RefreshInterval", DefaultRefreshInterval);
        if (refresh <= TimeSpan.Zero)
        {
            refresh = DefaultRefreshInterval;
        }
        var every = interval < refresh ? interval : refresh;
        while (!stoppingToken.IsCancellationRequested)
        {
            await TickAsync(stoppingToken);
            try
            {
                await Task.Delay(every, _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One check: today's snapshot if missing, the overview's forecasts if the samples changed, the day's purge.</summary>
    public async Task TickAsync(CancellationToken ct = default)
    {
        try
        {
            var today = LoadHistoryStore.Today(_clock);
            var snapshot = topology.Current;
            double warningPercent = snapshot.Report.Options.WarningPercent;
            if (!await store.HasDayAsync(today, ct))
            {
                try
                {
                    int count = await store.TakeAsync(snapshot.Report, today, ct);
                    Interlocked.Increment(ref _taken);
                    logger.LogInformation("Load history: took the snapshot of {Day} ({Count} samples).", today, count);
                }
                catch (Exception ex) when (DatabaseProviders.IsUniqueViolation(ex))
                {
                    // Another instance took the day's snapshot at the same moment: theirs stands.
                    logger.LogInformation("Load history: another instance took the snapshot of {Day} first; using it.", today);
                    await store.RefreshAsync(today, warningPercent, ct);
                }
            }
            else
            {
                await store.RefreshIfChangedAsync(today, warningPercent, ct);
            }
            int days = configuration.GetValue("History:RetentionDays", DefaultRetentionDays);
            if (days > 0 && _purgedOn != today)
            {
                int purged = await store.PurgeAsync(today.AddDays(-days), ct);
                _purgedOn = today;
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

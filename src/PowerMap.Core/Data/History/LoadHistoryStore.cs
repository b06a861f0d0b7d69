using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Analysis;
using PowerMap.Core.Power;

namespace PowerMap.Core.Data.History;

/// <summary>
/// The daily load history: takes a day's snapshot from the current <see cref="PowerReport"/> (replacing that day's
/// samples), reads an object's samples, purges old days, and keeps the forecast list of the overview (recomputed after
/// every change, so pages read it without a query; <see cref="RefreshIfChangedAsync"/> notices other instances' snapshots).
/// </summary>
public sealed class LoadHistoryStore(IDbContextFactory<PowerMapDbContext> factory)
{
    /// <summary>Days of samples a trend is fitted over (the overview's forecasts and each object's chart).</summary>
    public const int DefaultTrendDays = 90;

    /// <summary>The overview lists crossings this many days ahead.</summary>
    public const int HorizonDays = 90;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile IReadOnlyList<UpcomingCrossing> _upcoming = [];
    private volatile Refreshed? _refreshed;

    /// <summary>
    /// What the samples table held, told by index reads only: the newest id (every snapshot inserts new rows, whichever
    /// instance took it) and the first and last day (a purge moves the first).
    /// </summary>
    private sealed record Mark(long NewestId, DateOnly? FirstDay, DateOnly? LastDay);

    /// <summary>What <see cref="Upcoming"/> was computed from.</summary>
    private sealed record Refreshed(Mark Mark, DateOnly Today, double WarningPercent);

    public int TrendDays { get; set; } = DefaultTrendDays;

    /// <summary>The objects crossing a threshold in the next <see cref="HorizonDays"/> days, as of the last <see cref="RefreshAsync"/>.</summary>
    public IReadOnlyList<UpcomingCrossing> Upcoming => _upcoming;

    /// <summary>Raised after a snapshot or a refresh changed <see cref="Upcoming"/>.</summary>
    public event Action? Changed;

    /// <summary>Today in UTC: the day a snapshot taken now is of.</summary>
    public static DateOnly Today(TimeProvider? clock = null) => DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);

    /// <summary>
    /// Records every feed's, rack's and panel's load of <paramref name="report"/> as the samples of <paramref name="day"/>
    /// (replacing that day's); returns how many. Planned devices and cables are left out: the history is the load that
    /// was there, so reserving a placement is not a jump in the trend (it shows when the planned objects are applied).
    /// </summary>
    public async Task<int> TakeAsync(PowerReport report, DateOnly day, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        report = Analysis.PlannedChanges.WithoutPlanned(report);
        var rows = LoadHistory.Loads(report).Select(l => new LoadSample
        {
            Day = day, Subject = l.Subject, ObjectId = l.Id, AllocatedVoltAmps = l.AllocatedVoltAmps, AvailableVoltAmps = l.AvailableVoltAmps,
        }).ToList();
        await ReplaceDaysAsync([day], rows, ct);
        await RefreshAsync(day, report.Options.WarningPercent, ct);
        return rows.Count;
    }

    /// <summary>
    /// The snapshot on request ("Take snapshot now", <c>POST /api/power/history/snapshot</c>): <see cref="TakeAsync"/>, and
    /// when another instance wrote the same day at the same moment (its unique index refused this one), once more, which
    /// replaces the other's samples by these (the same numbers, or newer), instead of failing the request.
    /// </summary>
    public async Task<int> TakeNowAsync(PowerReport report, DateOnly day, CancellationToken ct = default)
    {
        try
        {
            return await TakeAsync(report, day, ct);
        }
        catch (Exception ex) when (Providers.DatabaseProviders.IsUniqueViolation(ex))
        {
            return await TakeAsync(report, day, ct);
        }
    }

    /// <summary>Replaces the samples of <paramref name="days"/> by <paramref name="rows"/> in one transaction.</summary>
    public async Task ReplaceDaysAsync(IReadOnlyCollection<DateOnly> days, IReadOnlyList<LoadSample> rows, CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var day in days)
            {
                await db.LoadSamples.Where(s => s.Day == day).ExecuteDeleteAsync(ct);
            }
            db.LoadSamples.AddRange(rows.Select(r => new LoadSample
            {
                Day = r.Day, Subject = r.Subject, ObjectId = r.ObjectId, AllocatedVoltAmps = r.AllocatedVoltAmps, AvailableVoltAmps = r.AvailableVoltAmps,
            }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>True when <paramref name="day"/> has samples.</summary>
    public async Task<bool> HasDayAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.LoadSamples.AnyAsync(s => s.Day == day, ct);
    }

    /// <summary>One object's samples, oldest first (all of them, or from <paramref name="from"/>).</summary>
    public async Task<IReadOnlyList<LoadPoint>> SamplesAsync(CapacitySubject subject, int id, DateOnly? from = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.LoadSamples.AsNoTracking().Where(s => s.Subject == subject && s.ObjectId == id);
        if (from is { } f)
        {
            q = q.Where(s => s.Day >= f);
        }
        return await q.OrderBy(s => s.Day).Select(s => new LoadPoint(s.Day, s.AllocatedVoltAmps, s.AvailableVoltAmps)).ToListAsync(ct);
    }

    /// <summary>Every sample (for the backup and the export), by day, subject and id.</summary>
    public async Task<IReadOnlyList<LoadSample>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.LoadSamples.AsNoTracking().OrderBy(s => s.Day).ThenBy(s => s.Subject).ThenBy(s => s.ObjectId).ToListAsync(ct);
    }

    /// <summary>Deletes the samples of days before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateOnly before, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.LoadSamples.Where(s => s.Day < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>Recomputes <see cref="Upcoming"/> from the samples of the last <see cref="TrendDays"/> days before <paramref name="today"/>.</summary>
    public async Task RefreshAsync(DateOnly today, double warningPercent, CancellationToken ct = default)
    {
        var from = today.AddDays(-TrendDays);
        List<(CapacitySubject, int, LoadPoint)> samples;
        Mark mark;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // Read before the samples: a snapshot committed in between makes the next check refresh again (harmless).
            mark = await MarkAsync(db, ct);
            samples = (await db.LoadSamples.AsNoTracking().Where(s => s.Day >= from)
                    .Select(s => new { s.Subject, s.ObjectId, s.Day, s.AllocatedVoltAmps, s.AvailableVoltAmps }).ToListAsync(ct))
                .Select(s => (s.Subject, s.ObjectId, new LoadPoint(s.Day, s.AllocatedVoltAmps, s.AvailableVoltAmps))).ToList();
        }
        _upcoming = LoadHistory.Upcoming(samples, today, HorizonDays, warningPercent);
        _refreshed = new Refreshed(mark, today, warningPercent);
        Changed?.Invoke();
    }

    /// <summary>
    /// Recomputes <see cref="Upcoming"/> only when the samples changed since the last refresh (a snapshot or purge by
    /// any instance on the database), or the day or threshold did; true when it did. Costs three index reads otherwise.
    /// </summary>
    public async Task<bool> RefreshIfChangedAsync(DateOnly today, double warningPercent, CancellationToken ct = default)
    {
        Mark mark;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            mark = await MarkAsync(db, ct);
        }
        if (_refreshed == new Refreshed(mark, today, warningPercent))
        {
            return false;
        }
        await RefreshAsync(today, warningPercent, ct);
        return true;
    }

    private static async Task<Mark> MarkAsync(PowerMapDbContext db, CancellationToken ct) => new(
        await db.LoadSamples.MaxAsync(s => (long?)s.Id, ct) ?? 0,
        await db.LoadSamples.MinAsync(s => (DateOnly?)s.Day, ct),
        await db.LoadSamples.MaxAsync(s => (DateOnly?)s.Day, ct));
}

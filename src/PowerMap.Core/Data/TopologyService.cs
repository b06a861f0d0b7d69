using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Data.Providers;
using PowerMap.Core.Data.Revisions;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Data;

/// <summary>One published state: the installation, its computed report and a revision that grows with every write.</summary>
public sealed record TopologySnapshot(Installation Installation, PowerReport Report, long Revision);

/// <summary>
/// The single in-memory copy of the database and its power report, shared by every circuit, API call and import.
/// Writes go through <see cref="DcimStore"/> one at a time (a write lock) and publish a new snapshot;
/// <see cref="Changed"/> tells every subscriber (each open browser) at once.
/// </summary>
public sealed partial class TopologyService(IDbContextFactory<PowerMapDbContext> factory)
{
    private TopologySnapshot? _current;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public TopologySnapshot Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("The topology has not been loaded yet.");

    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    /// <summary>Raised after every published change, on the writer's thread. Handlers must not block.</summary>
    public event Action<TopologySnapshot>? Changed;

    public IDbContextFactory<PowerMapDbContext> DbFactory => factory;

    /// <summary>The thresholds of the published reports (<c>Power:Thresholds</c>); set before the first load.</summary>
    public UtilizationOptions Thresholds { get; set; } = UtilizationOptions.Default;

    /// <summary>Reads the whole database and publishes it (at the database's revision, read first: a write in between is applied again later, which is harmless).</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        long revision = await DatabaseRevisionAsync(ct);
        var installation = await new TopologyStore(factory).LoadAsync(ct);
        Volatile.Write(ref _dataRevision, revision);
        Publish(installation);
    }

    /// <summary>Runs a write with the write lock held, so that validation sees the state the write applies to.</summary>
    public async Task<T> WriteAsync<T>(Func<TopologySnapshot, Task<T>> write, CancellationToken ct = default)
    {
        if (ChangeActor.Current is { CanEdit: false } actor)
        {
            throw new WriteForbiddenException(actor.UserName ?? "anonymous");
        }
        using var activity = PowerMapTelemetry.Source.StartActivity("powermap.write");
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        await _writeLock.WaitAsync(ct);
        try
        {
            // Other instances wait here too (PostgreSQL), so the snapshot validated against is the database's state.
            await using var writers = await DatabaseProviders.LockWritersAsync(factory, ct);
            if (!IsLoaded)
            {
                await ReloadAsync(ct);
            }
            else
            {
                await CatchUpCoreAsync(ct);
            }
            T result;
            long known = DataRevision;
            using var revisions = RevisionWriter.Use(InstanceId);
            result = await write(Current);
            // Nobody else writes while this lock (and on PostgreSQL the writers' lock) is held: when the write committed
            // exactly the revisions after the known one, the database is at its last one without reading it back.
            if (revisions.RevisionAfter(known) is { } after && DataRevision == known)
            {
                Volatile.Write(ref _dataRevision, after);
            }
            else
            {
                await CatchUpCoreAsync(ct);
            }
            return result;
        }
        finally
        {
            _writeLock.Release();
            PowerMapTelemetry.WriteDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>Publishes a new installation (its report is computed here unless given).</summary>
    public TopologySnapshot Publish(Installation installation, PowerReport? report = null)
    {
        var previous = Volatile.Read(ref _current);
        var snapshot = new TopologySnapshot(installation, report ?? PowerReport.Compute(installation, Thresholds), (previous?.Revision ?? 0) + 1);
        Volatile.Write(ref _current, snapshot);
        var handlers = Changed;
        if (handlers is not null)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Action<TopologySnapshot>>())
            {
                try
                {
                    handler(snapshot);
                }
                catch (Exception)
                {
                    // A subscriber that failed (a closed circuit) must not stop the others or the writer.
                }
            }
        }
        return snapshot;
    }
}

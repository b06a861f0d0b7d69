using Microsoft.EntityFrameworkCore;
using PowerMap.Core.Data.ChangeLog;
using PowerMap.Core.Data.Revisions;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;

namespace PowerMap.Core.Data;

/// <summary>One published state: the installation and its computed report.</summary>
/// <param name="Revision">This instance's publish counter (grows with every published snapshot): for code that skips a
/// stale snapshot; other instances count differently, so users never see it.</param>
/// <param name="DataRevision">The database's data revision the snapshot includes (<see cref="TopologyService.DataRevision"/>
/// when it was published): the same number on every instance for the same data, the one shown to users.</param>
public sealed record TopologySnapshot(Installation Installation, PowerReport Report, long Revision, long DataRevision);

/// <summary>
/// The single in-memory copy of the database and its power report, shared by every circuit, API call and import.
/// Writes go through <see cref="DcimStore"/> one at a time (a write queue, <see cref="WriteAsync{T}"/>) and publish a
/// new snapshot; <see cref="Changed"/> tells every subscriber (each open browser) at once.
/// </summary>
public sealed partial class TopologyService(IDbContextFactory<PowerMapDbContext> factory)
{
    private TopologySnapshot? _current;

    public TopologySnapshot Current => InBatch && _working is { } working ? working : Volatile.Read(ref _current) ?? throw new InvalidOperationException("The topology has not been loaded yet.");

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

    /// <summary>
    /// Publishes a new installation (its report is computed here unless given). Inside a batch of writes
    /// (<see cref="WriteBatchableAsync{T}"/>) it becomes the batch's working snapshot, published when the batch commits.
    /// </summary>
    public TopologySnapshot Publish(Installation installation, PowerReport? report = null)
    {
        var previous = InBatch && _working is { } working ? working : Volatile.Read(ref _current);
        // A write publishes after its commit, before DataRevision is moved on: its own committed revision counts.
        long dataRevision = Math.Max(DataRevision, RevisionWriter.LastCommitted);
        var snapshot = new TopologySnapshot(installation, report ?? PowerReport.Compute(installation, Thresholds), (previous?.Revision ?? 0) + 1, dataRevision);
        if (InBatch)
        {
            _working = snapshot;
            return snapshot;
        }
        PublishNow(snapshot);
        return snapshot;
    }

    private void PublishNow(TopologySnapshot snapshot)
    {
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
    }
}

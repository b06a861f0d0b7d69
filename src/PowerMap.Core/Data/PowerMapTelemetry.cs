using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PowerMap.Core.Data;

/// <summary>
/// PowerMap's own metrics and traces (meter and activity source <c>PowerMap</c>), exported by the host when it configures
/// OpenTelemetry: the duration of each write under the write lock, how long another instance's write took to reach this
/// snapshot, and catch-ups that had to reload.
/// </summary>
public static class PowerMapTelemetry
{
    public const string Name = "PowerMap";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Seconds from taking the write lock to the published snapshot (validation, database, recompute).</summary>
    public static readonly Histogram<double> WriteDuration = Meter.CreateHistogram<double>("powermap.write.duration", "s",
        "Duration of a write: lock, validation, transaction and recompute.");

    /// <summary>Seconds from another instance's commit to this instance's snapshot having it: the revision lag.</summary>
    public static readonly Histogram<double> RevisionLag = Meter.CreateHistogram<double>("powermap.revision.lag", "s",
        "Time from another instance's commit of a revision to this instance applying it.");

    public static readonly Counter<long> Reloads = Meter.CreateCounter<long>("powermap.snapshot.reloads", "{reload}",
        "Catch-ups that reloaded the whole installation (bulk writes, purged change records).");
}

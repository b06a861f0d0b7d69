using PowerMap.Core.Analysis;

namespace PowerMap.Core.Data.History;

/// <summary>
/// One day's load of one feed, rack or panel: the allocated VA and the capacity (available VA) the engine's
/// <see cref="Power.PowerReport"/> gave when the snapshot was taken. Unique per (day, subject, object id): taking the
/// same day again replaces it. Not a DCIM object: no change log, not in the topology document.
/// </summary>
public class LoadSample
{
    public long Id { get; set; }

    /// <summary>The UTC day the snapshot is of.</summary>
    public DateOnly Day { get; set; }

    public CapacitySubject Subject { get; set; }

    public int ObjectId { get; set; }

    public long AllocatedVoltAmps { get; set; }

    public long AvailableVoltAmps { get; set; }
}

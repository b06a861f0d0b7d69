namespace PowerMap.Core.Dcim;

/// <summary>
/// The objects one write adds, updates (stored object → new object) and removes. The same change is written to the
/// database (one transaction, through EF's change tracker) and applied to the in-memory installation
/// (<see cref="Installation.Apply"/>), so both always agree.
/// </summary>
public sealed class Change
{
    public List<Entity> Added { get; } = [];
    public List<(Entity Before, Entity After)> Updated { get; } = [];
    public List<Entity> Removed { get; } = [];

    public bool IsEmpty => Added.Count == 0 && Updated.Count == 0 && Removed.Count == 0;

    /// <summary>Updates <paramref name="before"/> to <paramref name="after"/> with the next version.</summary>
    public Change Update(Entity before, Entity after)
    {
        after.Version = before.Version + 1;
        Updated.Add((before, after));
        return this;
    }

    /// <summary>Removes <paramref name="e"/> unless this change already removes it.</summary>
    public Change Remove(Entity e)
    {
        if (!Removed.Any(r => r.GetType() == e.GetType() && r.Id == e.Id))
        {
            Removed.Add(e);
        }
        return this;
    }
}

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

    private readonly HashSet<(Type, int)> _removed = [];

    /// <summary>A change that adds <paramref name="entities"/>.</summary>
    public static Change Adding(IEnumerable<Entity> entities)
    {
        var change = new Change();
        change.Added.AddRange(entities);
        return change;
    }

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
        if (_removed.Add((e.GetType(), e.Id)))
        {
            Removed.Add(e);
        }
        return this;
    }

    public bool IsRemoved(Entity e) => _removed.Contains((e.GetType(), e.Id));

    /// <summary>Adds <paramref name="other"/> to this change: an object removed by either is removed once and not also updated.</summary>
    public Change Merge(Change other)
    {
        Added.AddRange(other.Added);
        other.Removed.ForEach(e => Remove(e));
        var updated = new HashSet<(Type, int)>(Updated.Select(u => (u.Before.GetType(), u.Before.Id)));
        Updated.AddRange(other.Updated.Where(u => updated.Add((u.Before.GetType(), u.Before.Id))));
        Updated.RemoveAll(u => IsRemoved(u.Before));
        return this;
    }
}

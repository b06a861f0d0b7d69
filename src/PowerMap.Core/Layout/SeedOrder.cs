using PowerMap.Core.Dcim;

namespace PowerMap.Core.Layout;

/// <summary>
/// The sort key of the initial left-to-right order of the nodes of one tier: by site, then rack (racked before
/// unracked), then side (A before B), then name (natural order), then kind and id.
/// </summary>
internal readonly record struct SeedKey(string? Site, string? Rack, int RackId, string? Side, string Label, NodeKind Kind, string Id)
{
    public static SeedKey Of(TopologyNode node) =>
        new(node.SiteName, node.RackName, node.RackId.GetValueOrDefault(), node.Side, node.Label, node.Kind, node.Id);
}

/// <summary>A total order on <see cref="SeedKey"/>, so every sort that uses it is deterministic.</summary>
internal sealed class SeedOrder : IComparer<SeedKey>
{
    public static SeedOrder Instance { get; } = new();

    public int Compare(SeedKey a, SeedKey b)
    {
        int c = NullLast(a.Site, b.Site);
        if (c == 0) c = NullLast(a.Rack, b.Rack);
        if (c == 0) c = a.RackId.CompareTo(b.RackId);
        if (c == 0) c = NullLast(a.Side, b.Side);
        if (c == 0) c = NaturalComparer.Instance.Compare(a.Label, b.Label);
        if (c == 0) c = a.Kind.CompareTo(b.Kind);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>The rank of each key in the order (0 = first).</summary>
    public static int[] Ranks(SeedKey[] keys)
    {
        var order = new int[keys.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (x, y) => Instance.Compare(keys[x], keys[y]));
        var rank = new int[keys.Length];
        for (int k = 0; k < order.Length; k++)
        {
            rank[order[k]] = k;
        }
        return rank;
    }

    private static int NullLast(string? x, string? y)
    {
        if (x is null)
        {
            return y is null ? 0 : 1;
        }
        return y is null ? -1 : NaturalComparer.Instance.Compare(x, y);
    }
}

namespace PowerMap.Core.Layout;

/// <summary>Box sizes and spacing of <see cref="TopologyLayout"/>, in diagram units (CSS pixels at zoom 1).</summary>
public sealed record LayoutOptions
{
    public static LayoutOptions Default { get; } = new();

    public Size PanelSize { get; init; } = new(180, 60);
    public Size FeedSize { get; init; } = new(170, 64);
    public Size DistributionSize { get; init; } = new(190, 76);
    public Size DeviceSize { get; init; } = new(150, 52);
    public Size AggregateSize { get; init; } = new(150, 52);

    /// <summary>Minimum horizontal space between two boxes of one tier.</summary>
    public double NodeGap { get; init; } = 24;

    /// <summary>Vertical space between two tiers; edges bend in the middle of it.</summary>
    public double TierGap { get; init; } = 96;

    /// <summary>Down + up barycentre sweeps of the crossing reduction (the best order seen is kept).</summary>
    public int OrderingIterations { get; init; } = 8;

    /// <summary>Down + up passes of the placement that pull each box towards the mean of its neighbours.</summary>
    public int PlacementIterations { get; init; } = 4;

    public Size SizeOf(NodeKind kind) => kind switch
    {
        NodeKind.Panel => PanelSize,
        NodeKind.Feed => FeedSize,
        NodeKind.Distribution => DistributionSize,
        NodeKind.Device => DeviceSize,
        _ => AggregateSize,
    };
}

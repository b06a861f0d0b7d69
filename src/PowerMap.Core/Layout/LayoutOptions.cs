namespace PowerMap.Core.Layout;

/// <summary>Box sizes and spacing of <see cref="TopologyLayout"/>, in diagram units (CSS pixels at zoom 1).</summary>
public sealed record LayoutOptions
{
    public static LayoutOptions Default { get; } = new();

    public Size PanelSize { get; init; } = new(160, 52);
    public Size FeedSize { get; init; } = new(150, 52);
    public Size DistributionSize { get; init; } = new(160, 64);
    public Size DeviceSize { get; init; } = new(140, 46);
    public Size AggregateSize { get; init; } = new(140, 46);

    /// <summary>Minimum horizontal space between two boxes of one tier.</summary>
    public double NodeGap { get; init; } = 16;

    /// <summary>Vertical space between two tiers; edges bend in the middle of it.</summary>
    public double TierGap { get; init; } = 28;

    /// <summary>Space between two rack cells, two locations or two sites; the edges between groups run in it.</summary>
    public double GroupGap { get; init; } = 24;

    /// <summary>Height of the label band above a rack cell, a location or a site (its name is drawn there).</summary>
    public double LabelHeight { get; init; } = 16;

    /// <summary>
    /// Width ÷ height the grouping aims at: racks wrap into rows and locations into shelves so that a location, and a
    /// site made of them, comes out near this shape (16:10, a laptop screen).
    /// </summary>
    public double TargetAspectRatio { get; init; } = 1.6;

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

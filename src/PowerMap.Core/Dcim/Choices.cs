namespace PowerMap.Core.Dcim;

/// <summary>NetBox 4.6 choice values, stored and exchanged as these exact strings.</summary>
public static class Choices
{
    public static readonly string[] PowerFeedStatus = ["offline", "active", "planned", "failed"];
    public static readonly string[] PowerFeedType = ["primary", "redundant"];
    public static readonly string[] PowerFeedSupply = ["ac", "dc"];
    public static readonly string[] PowerFeedPhase = ["single-phase", "three-phase"];
    public static readonly string[] FeedLeg = ["A", "B", "C"];
    public static readonly string[] PowerOutletStatus = ["enabled", "disabled", "faulty"];
    public static readonly string[] DeviceStatus = ["offline", "active", "planned", "staged", "failed", "inventory", "decommissioning"];
    public static readonly string[] CableStatus = ["connected", "planned", "decommissioning"];
    public static readonly string[] CableLengthUnit = ["km", "m", "cm", "mi", "ft", "in"];

    public const string SinglePhase = "single-phase";
    public const string ThreePhase = "three-phase";
    public const string Ac = "ac";
    public const string Dc = "dc";
}

/// <summary>The kinds of object a cable end may terminate on; <see cref="Name"/> is NetBox's lower-case model name.</summary>
public enum TerminationKind
{
    PowerFeed,
    PowerPort,
    PowerOutlet,
    Interface,
}

public static class TerminationKindExtensions
{
    /// <summary>NetBox's model name, e.g. <c>powerfeed</c>.</summary>
    public static string ModelName(this TerminationKind kind) => kind switch
    {
        TerminationKind.PowerFeed => "powerfeed",
        TerminationKind.PowerPort => "powerport",
        TerminationKind.PowerOutlet => "poweroutlet",
        _ => "interface",
    };

    /// <summary>The API's object type, e.g. <c>dcim.powerfeed</c>.</summary>
    public static string ObjectType(this TerminationKind kind) => "dcim." + kind.ModelName();

    public static bool TryParseObjectType(string? value, out TerminationKind kind)
    {
        foreach (var k in Enum.GetValues<TerminationKind>())
        {
            if (string.Equals(value, k.ObjectType(), StringComparison.Ordinal) || string.Equals(value, k.ModelName(), StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}

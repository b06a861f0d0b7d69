namespace PowerMap.Core.Dcim;

/// <summary>
/// A feed's side (analysis.md §1): its NetBox <c>type</c> is its side, <c>primary</c> = A, <c>redundant</c> = B. The one
/// place that maps the field to the letter, so the diagram, the trace and the tables never guess it from names.
/// </summary>
public static class FeedSide
{
    public const string A = "A";
    public const string B = "B";

    /// <summary>"A" for a primary feed, "B" for a redundant one.</summary>
    public static string Of(PowerFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        return Of(feed.Type);
    }

    /// <summary>"B" for <c>redundant</c>, "A" for anything else (<c>primary</c> is the default type).</summary>
    public static string Of(string? type) => type == "redundant" ? B : A;

    /// <summary>The <c>type</c> that gives a side: A → <c>primary</c>, B → <c>redundant</c>.</summary>
    public static string TypeOf(string side) => side == B ? "redundant" : "primary";
}

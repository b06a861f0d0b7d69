using PowerMap.Core.Analysis;
using PowerMap.Core.Data;

namespace PowerMap.Web.Components.Shared;

/// <summary>
/// The overview's and review's <c>?planned=include|exclude</c>: <c>include</c> (the default) shows the engine's numbers,
/// which count planned devices and cables as NetBox does; <c>exclude</c> shows the installation as it is now
/// (<see cref="PlannedChanges.WithoutPlanned(Core.Power.PowerReport)"/>).
/// </summary>
public static class PlannedQuery
{
    public const string Name = "planned";
    public const string Include = "include";
    public const string Exclude = "exclude";

    /// <summary>True unless the query says <c>exclude</c>; <paramref name="unknown"/> when it says something else.</summary>
    public static bool WithPlanned(string? value, out bool unknown)
    {
        unknown = !string.IsNullOrEmpty(value) && value != Include && value != Exclude;
        return value != Exclude;
    }

    /// <summary>The query value for the URL: null (the default) with planned, <c>exclude</c> without.</summary>
    public static string? Value(bool withPlanned) => withPlanned ? null : Exclude;

    /// <summary>The snapshot to show: the current one, or the same revision without its planned objects.</summary>
    public static TopologySnapshot View(TopologySnapshot snapshot, bool withPlanned)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (withPlanned)
        {
            return snapshot;
        }
        var now = PlannedChanges.WithoutPlanned(snapshot.Report);
        return snapshot with { Installation = now.Installation, Report = now };
    }
}

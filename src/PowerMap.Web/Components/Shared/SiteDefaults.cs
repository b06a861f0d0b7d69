using PowerMap.Core.Dcim;

namespace PowerMap.Web.Components.Shared;

/// <summary>Pre-filled choices of new objects: the only option when there is exactly one.</summary>
public static class SiteDefaults
{
    /// <summary>The id of the only site, or 0 (none chosen) when there are several or none.</summary>
    public static int Single(Installation inst) => inst.Sites.Count == 1 ? inst.Sites[0].Id : 0;

    /// <summary>The only item's id, or 0.</summary>
    public static int Single<T>(IReadOnlyCollection<T> items) where T : Entity => items.Count == 1 ? items.First().Id : 0;
}

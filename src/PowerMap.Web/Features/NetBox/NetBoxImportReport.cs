using PowerMap.Core.Data;

namespace PowerMap.Web.Features.NetBox;

/// <summary>The created / updated / deleted counts of a NetBox import, as the command line prints them.</summary>
public static class NetBoxImportReport
{
    /// <summary>A total line, then one line per kind: <c>Power feed: 1 created, 2 updated, 0 deleted</c>.</summary>
    public static string Format(NetBoxImportResult result) =>
        string.Join(Environment.NewLine, result.Counts.Select(c => $"  {c.Kind}: {c.Created} created, {c.Updated} updated, {c.Deleted} deleted")
            .Prepend($"Imported in place: {result.Created} created, {result.Updated} updated, {result.Deleted} deleted."));
}

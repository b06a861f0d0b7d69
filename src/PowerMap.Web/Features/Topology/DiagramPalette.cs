using MudBlazor;
using PowerMap.Core.Power;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.Topology;

/// <summary>
/// The diagram's colours for the places that need a value rather than a CSS class (link models, the SVG export).
/// The same values are the custom properties of wwwroot-assets/diagram.css; statuses go through
/// <see cref="UtilizationBar.ColorOf"/>, the one status → colour mapping, and MainLayout's palette.
/// </summary>
public static class DiagramPalette
{
    public const string SideA = "#1565c0";
    public const string SideB = "#ef6c00";
    public const string NoSide = "#9e9e9e";

    public static string Side(string? side) => side switch { "A" => SideA, "B" => SideB, _ => NoSide };

    /// <summary>The theme colour <see cref="UtilizationBar.ColorOf"/> picks for a status, as hex (MainLayout's palette).</summary>
    public static string Status(UtilizationStatus? status) => UtilizationBar.ColorOf(status) switch
    {
        Color.Error => "#d32f2f",
        Color.Warning => "#ed6c02",
        _ => "#2e7d32",
    };
}

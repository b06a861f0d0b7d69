using PowerMap.Core.Dcim;

namespace PowerMap.Tests.E2E;

/// <summary>The main pages of the app (lists, detail pages, import), addressed on the demo data.</summary>
internal static class PageTour
{
    public static IReadOnlyList<(string Name, string Url)> MainPages(AppServerFixture app) => [.. Lists, .. Details(app)];

    /// <summary>The menu's list pages and the import page.</summary>
    public static IReadOnlyList<(string Name, string Url)> Lists { get; } =
    [
        ("overview-page", "/"),
        ("sites", "/sites"),
        ("power-panels", "/power-panels"),
        ("power-feeds", "/power-feeds"),
        ("devices", "/devices"),
        ("device-types", "/device-types"),
        ("cables", "/cables"),
        ("import-export", "/import-export"),
        ("warnings", "/warnings"),
        ("changes", "/changes"),
    ];

    /// <summary>Detail pages of the seed example (and a three-phase PDU of the generated site).</summary>
    public static IReadOnlyList<(string Name, string Url)> Details(AppServerFixture app)
    {
        var inst = app.Topology.Current.Installation;
        var panel = inst.PowerPanels.First(p => p.Name == "Panel 1");
        var feed = inst.PowerFeeds.First(f => f.PowerPanelId == panel.Id && f.Name == "Feed 1");
        var pdu = inst.Devices.First(d => d.Name == "PDU1");
        var rack = inst.Racks.First(r => r.Name == "R1");
        // A three-phase PDU of the generated site shows leg rows.
        var legged = inst.Devices.FirstOrDefault(d => app.Topology.Current.Report.DeviceRows(d.Id) is { } rows && rows.Any(r => r.Legs.Count > 0)) ?? pdu;
        var type = inst.DeviceTypes.First();
        return
        [
            ("feed-page", $"/power-feeds/{feed.Id}"),
            ("device-page", $"/devices/{pdu.Id}"),
            ("device-page-legs", $"/devices/{legged.Id}"),
            ("panel-page", $"/power-panels/{panel.Id}"),
            ("rack-page", $"/racks/{rack.Id}"),
            ("device-type-page", $"/device-types/{type.Id}"),
        ];
    }
}

using System.Text.Json;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data;

/// <summary>
/// NetBox's own demo data (power part: 24 sites, 4 panels, 48 feeds, 72 devices of which 22 unnamed, 75 power ports,
/// 104 outlets, 26 power cables) goes into PowerMap as it is, and its numbers are NetBox's.
/// </summary>
public class NetBoxDemoImportTests
{
    private static readonly JsonElement Fixture = NetBoxDemoData.LoadFixture();

    private static ImportPlan Plan() => TopologyImporter.Plan(Installation.Empty, NetBoxDemoData.ToTopologyDocument(Fixture), ImportMode.Replace);

    [Fact]
    public void DemoData_Imports_EveryPowerObject()
    {
        var plan = Plan();

        Assert.True(plan.IsValid, string.Join("\n", plan.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var inst = plan.Result;
        Assert.Equal((24, 4, 42, 4, 48, 14, 72, 75, 104, 26),
            (inst.Sites.Count, inst.Locations.Count, inst.Racks.Count, inst.PowerPanels.Count, inst.PowerFeeds.Count, inst.DeviceTypes.Count,
             inst.Devices.Count, inst.PowerPorts.Count, inst.PowerOutlets.Count, inst.Cables.Count));
        Assert.Equal(22, inst.Devices.Count(d => d.IsUnnamed));
    }

    [Fact]
    public void DemoData_FeedNumbers_AreNetBoxs()
    {
        var inst = Plan().Result;
        var report = PowerReport.Compute(inst);
        var netbox = NetBoxDemoData.Records(Fixture, "dcim.powerfeed");
        var panels = NetBoxDemoData.Records(Fixture, "dcim.powerpanel");

        foreach (var (pk, fields) in netbox)
        {
            var panelName = panels[fields.GetProperty("power_panel").GetInt32()].GetProperty("name").GetString()!;
            var feed = inst.PowerFeeds.Single(f => f.Name == fields.GetProperty("name").GetString() && inst.PanelById[f.PowerPanelId].Name == panelName);
            Assert.True(fields.GetProperty("available_power").GetInt64() == report.Feed(feed.Id)!.AvailableVoltAmps, $"feed {pk} {feed.Name}");
            // No demo feed is cabled: NetBox shows no utilization.
            Assert.Null(report.Feed(feed.Id)!.Utilization);
        }
    }

    [Fact]
    public void UnnamedDevices_ShowAsNetBoxDoes_WithTheirNetBoxId()
    {
        var inst = Plan().Result;

        var panel = inst.Devices.Single(d => d.NetBoxId == 74);
        Assert.True(panel.IsUnnamed);
        Assert.Equal("Panduit 48-Port Patch Panel (74)", inst.DeviceDisplay(panel));
        Assert.Equal(72, inst.Devices.Select(d => d.NetBoxId).Distinct().Count());
        Assert.Equal(inst.Devices.Count, inst.Devices.Select(d => (d.SiteId, inst.DeviceDisplay(d))).Distinct().Count());
    }

    [Fact]
    public void DemoData_Export_RoundTripsExactly()
    {
        var export = TopologyExporter.ExportJson(Plan().Result);

        var again = TopologyImporter.Plan(Installation.Empty, export, ImportMode.Replace);

        Assert.True(again.IsValid, string.Join("\n", again.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal(export, TopologyExporter.ExportJson(again.Result));
        Assert.Contains("\"slug\": \"ncsu-117\"", export);
        Assert.Contains("\"netbox_id\": 74", export);
    }

    [Fact]
    public async Task DemoData_ThroughTheDatabase_ReloadsIdentical()
    {
        await using var db = await TestDatabase.CreateAsync();
        var document = NetBoxDemoData.ToTopologyDocument(Fixture);

        var plan = await db.Store.ImportAsync(document, ImportMode.Replace, TestContext.Current.CancellationToken);
        Assert.True(plan.IsValid);
        var loaded = await new TopologyStore(db.Factory).LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TopologyExporter.ExportJson(plan.Result), TopologyExporter.ExportJson(loaded));
        Assert.Equal(72, loaded.Devices.Count);
    }

    [Theory]
    [InlineData("DM-NYC", "dm-nyc")]
    [InlineData("D. S. Weaver Labs", "d-s-weaver-labs")]
    [InlineData("JBB Branch 104", "jbb-branch-104")]
    [InlineData("  Café  -- Nord_2 ", "cafe-nord_2")]
    [InlineData("O'Hare (North)", "ohare-north")]
    [InlineData("...", "")]
    public void Slugify_IsNetBoxs(string name, string slug) => Assert.Equal(slug, Slugs.FromName(name));

    [Fact]
    public void Slugify_OfEveryDemoSite_GivesNetBoxsSlug()
    {
        // The four NCSU sites were given their own slugs (ncsu-065 …); the twenty others have NetBox's generated ones.
        foreach (var site in NetBoxDemoData.Records(Fixture, "dcim.site").Values.Where(s => !s.GetProperty("slug").GetString()!.StartsWith("ncsu-")))
        {
            Assert.Equal(site.GetProperty("slug").GetString(), Slugs.FromName(site.GetProperty("name").GetString()!));
        }
    }
}

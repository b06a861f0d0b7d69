using System.Text;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;
using PowerMap.Web;

namespace PowerMap.Tests.Core.Data;

/// <summary>NetBox's CSV bulk-import files, parsed back (RFC 4180) and compared with the installation they came from.</summary>
public class NetBoxCsvExporterTests
{
    private static readonly Installation Demo =
        TopologyImporter.Plan(Installation.Empty, NetBoxDemoData.ToTopologyDocument(NetBoxDemoData.LoadFixture()), ImportMode.Replace).Result;

    /// <summary>A plain RFC 4180 reader: header → rows of column → value.</summary>
    private static List<Dictionary<string, string>> Parse(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < csv.Length; i++)
        {
            char c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; i++;
            }
            else field.Append(c);
        }
        Assert.Empty(record);
        var header = records[0];
        return records.Skip(1).Select(r =>
        {
            Assert.Equal(header.Count, r.Count);
            return header.Zip(r).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }

    private static Dictionary<string, List<Dictionary<string, string>>> Files(Installation inst) =>
        NetBoxCsvExporter.Export(inst).ToDictionary(f => f.FileName, f => Parse(f.Csv));

    [Fact]
    public void DemoData_Files_AreInNetBoxsImportOrder_WithEveryObject()
    {
        var files = NetBoxCsvExporter.Export(Demo);

        Assert.Equal(["01-sites.csv", "02-locations.csv", "03-racks.csv", "04-power-panels.csv", "05-power-feeds.csv", "06-manufacturers.csv",
            "07-device-roles.csv", "08-device-types.csv", "09-power-port-templates.csv", "10-power-outlet-templates.csv", "11-devices.csv",
            "12-power-ports.csv", "13-power-outlets.csv", "14-cables.csv"], files.Select(f => f.FileName));
        var parsed = files.ToDictionary(f => f.FileName, f => Parse(f.Csv));
        Assert.Equal((24, 4, 42, 4, 48, 14, 72, 26), (parsed["01-sites.csv"].Count, parsed["02-locations.csv"].Count, parsed["03-racks.csv"].Count,
            parsed["04-power-panels.csv"].Count, parsed["05-power-feeds.csv"].Count, parsed["08-device-types.csv"].Count,
            parsed["11-devices.csv"].Count, parsed["14-cables.csv"].Count));
        Assert.Contains(parsed["01-sites.csv"], r => r["name"] == "D. S. Weaver Labs" && r["slug"] == "ncsu-117");
        // Unnamed devices stay unnamed: NetBox gives them their display again.
        Assert.Equal(22, parsed["11-devices.csv"].Count(r => r["name"] == ""));
    }

    // A device role entry gives its slug and colour; a role named only by a device's text gets a slug from the name and grey.
    [Fact]
    public void DeviceRoles_TakeTheirEntrysSlugAndColour()
    {
        var plan = TopologyImporter.Plan(Installation.Empty, """
            {"sites": [{"name": "DC1"}],
             "device_roles": [{"name": "Rack PDU", "slug": "pdu", "color": "ff9800"}],
             "devices": [{"name": "PDU1", "site": "DC1", "role": "Rack PDU"}, {"name": "web01", "site": "DC1", "role": "Web Server"}]}
            """, ImportMode.Replace);
        Assert.True(plan.IsValid, plan.Errors.ToString());
        var inst = plan.Result;

        var roles = Files(inst)["07-device-roles.csv"];

        Assert.Equal([("Rack PDU", "pdu", "ff9800"), ("Web Server", "web-server", "9e9e9e")], roles.Select(r => (r["name"], r["slug"], r["color"])));
    }

    [Fact]
    public void Feeds_ParseBack_ToTheSameFields()
    {
        var rows = Files(Demo)["05-power-feeds.csv"];

        foreach (var (feed, row) in Demo.PowerFeeds.Zip(rows))
        {
            var panel = Demo.PanelById[feed.PowerPanelId];
            Assert.Equal(
                (Demo.SiteById[panel.SiteId].Name, panel.Name, feed.RackId is { } r ? Demo.RackById[r].Name : "", feed.Name, feed.Status, feed.Type,
                 feed.Supply, feed.Phase, feed.Voltage, feed.Amperage, feed.MaxUtilization),
                (row["site"], row["power_panel"], row["rack"], row["name"], row["status"], row["type"], row["supply"], row["phase"],
                 int.Parse(row["voltage"]), int.Parse(row["amperage"]), int.Parse(row["max_utilization"])));
        }
    }

    // Seed example: Panel 1 ─ Feed 1/2 ─ PDU1/2 Inlet; PDU outlets ─ Server/Router PSU1/2.
    [Fact]
    public void Cables_ParseBack_ToTheSameTerminations()
    {
        var seed = TopologyImporter.Plan(Installation.Empty, DemoData.SeedExampleJson(), ImportMode.Replace).Result;
        var rows = Files(seed)["14-cables.csv"];

        Assert.Equal(seed.Cables.Count, rows.Count);
        foreach (var (cable, row) in seed.Cables.Zip(rows))
        {
            foreach (var (end, side) in new[] { (CableEnd.A, "side_a_"), (CableEnd.B, "side_b_") })
            {
                var expected = cable.End(end).Select(t => (t.Kind, t.ObjectId)).ToList();
                var names = row[side + "name"].Split(',');
                var actual = names.Select(name => Resolve(seed, row[side + "site"], row[side + "device"], row[side + "power_panel"], row[side + "type"], name)).ToList();
                Assert.Equal(expected, actual);
            }
            Assert.Equal(cable.Status, row["status"]);
        }
        Assert.Contains(rows, r => r["side_a_type"] == "dcim.powerfeed" && r["side_a_power_panel"] == "Panel 1" && r["side_a_device"] == "");
    }

    private static (TerminationKind, int) Resolve(Installation inst, string site, string device, string panel, string type, string name)
    {
        int siteId = inst.SiteByName[site].Id;
        if (type == "dcim.powerfeed")
        {
            return (TerminationKind.PowerFeed, inst.FeedByName[(inst.PanelByName[(siteId, panel)].Id, name)].Id);
        }
        int deviceId = inst.DeviceByName[(siteId, device)].Id;
        return type == "dcim.powerport"
            ? (TerminationKind.PowerPort, inst.PortByName[(deviceId, name)].Id)
            : (TerminationKind.PowerOutlet, inst.OutletByName[(deviceId, name)].Id);
    }

    [Fact]
    public void Components_TheTemplatesMake_AreLeftToNetBox_OthersListed()
    {
        var b = new TopologyBuilder();
        var type = b.DeviceType("PDU-2");
        b.PortTemplate(type, "Inlet");
        var pdu = b.Device("PDU1");
        pdu.DeviceTypeId = type.Id;
        pdu.Role = "";
        b.Port(pdu, "Inlet");
        b.Port(pdu, "Aux, \"spare\"");
        var feed = b.Feed(b.Panel("PP1"), "Feed A");
        feed.Comments = "line one\nline \"two\", three";

        var files = Files(b.Build());

        Assert.Equal(["Aux, \"spare\""], files["12-power-ports.csv"].Select(r => r["name"]));
        Assert.Equal("line one\nline \"two\", three", files["05-power-feeds.csv"].Single()["comments"]);
        Assert.Equal("Generic", files["08-device-types.csv"].Single()["manufacturer"]);
        Assert.Equal(NetBoxCsvExporter.UnknownRole, files["11-devices.csv"].Single()["role"]);
    }

    [Fact]
    public async Task CommandLine_ExportNetBox_WritesTheFiles()
    {
        await using var db = await TestDatabase.CreateAsync();
        var dir = Path.Combine(Path.GetTempPath(), $"powermap-netbox-{Guid.NewGuid():N}");
        try
        {
            await db.Store.ImportAsync(DemoData.SeedExampleJson(), ImportMode.Replace, TestContext.Current.CancellationToken);

            Assert.Equal(0, await CommandLine.RunAsync(db.Services, ["export-netbox", dir]));

            Assert.Equal(14, Directory.GetFiles(dir, "*.csv").Length);
            Assert.Equal(6, Parse(await File.ReadAllTextAsync(Path.Combine(dir, "14-cables.csv"), TestContext.Current.CancellationToken)).Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

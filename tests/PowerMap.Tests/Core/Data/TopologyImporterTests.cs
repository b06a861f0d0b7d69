using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Tests.Core.Data;

/// <summary>The topology document with NetBox's data shapes: unnamed devices, racks per location, one model under two manufacturers.</summary>
public class TopologyImporterTests
{
    // Row 1/R1 and Row 2/R1 in DC1; model "X1" from two makers; an unnamed PDU cabled to a named server.
    private const string Document = """
        {
          "sites": [{"name": "DC1"}, {"name": "DC 2", "slug": "dc-two"}],
          "locations": [{"name": "Row 1", "site": "DC1"}, {"name": "Row 2", "site": "DC1"}],
          "racks": [{"name": "R1", "site": "DC1", "location": "Row 1"}, {"name": "R1", "site": "DC1", "location": "Row 2"}],
          "power_panels": [{"name": "P1", "site": "DC1"}],
          "power_feeds": [{"name": "F1", "power_panel": "P1", "rack": {"location": "Row 2", "name": "R1"}}],
          "device_types": [{"model": "X1", "manufacturer": "Acme"}, {"model": "X1", "manufacturer": "Zeta"}],
          "devices": [
            {"name": null, "netbox_id": 106, "site": "DC1", "location": "Row 2", "rack": "R1", "device_type": {"manufacturer": "Zeta", "model": "X1"},
             "power_outlets": [{"name": "O1"}]},
            {"name": "Server", "site": "DC1", "location": "Row 1", "rack": "R1", "power_ports": [{"name": "PSU1"}]}
          ],
          "cables": [{"a": [{"device": "Zeta X1 (106)", "power_outlet": "O1"}], "b": [{"device": "Server", "power_port": "PSU1"}]}]
        }
        """;

    private static string Errors(ImportPlan plan) => plan.Errors.ToString();

    [Fact]
    public void NetBoxShapes_Import()
    {
        var plan = TopologyImporter.Plan(Installation.Empty, Document, ImportMode.Replace);

        Assert.True(plan.IsValid, Errors(plan));
        var inst = plan.Result;
        var row2 = inst.Locations.Single(l => l.Name == "Row 2");
        Assert.Equal(row2.Id, inst.RackById[inst.PowerFeeds[0].RackId!.Value].LocationId);
        var pdu = inst.Devices.Single(d => d.NetBoxId == 106);
        Assert.Equal(("Zeta", row2.Id), (inst.DeviceTypeById[pdu.DeviceTypeId!.Value].Manufacturer, inst.RackById[pdu.RackId!.Value].LocationId!.Value));
        Assert.Equal("Zeta X1 (106)", inst.DeviceDisplay(pdu));
        Assert.Single(inst.Cables);
        Assert.Equal(["dc1", "dc-two"], inst.Sites.Select(s => s.Slug));
    }

    [Fact]
    public void Export_OfNetBoxShapes_RoundTripsExactly()
    {
        var export = TopologyExporter.ExportJson(TopologyImporter.Plan(Installation.Empty, Document, ImportMode.Replace).Result);

        var again = TopologyImporter.Plan(Installation.Empty, export, ImportMode.Replace);

        Assert.True(again.IsValid, Errors(again));
        Assert.Equal(export, TopologyExporter.ExportJson(again.Result));
        Assert.Contains("\"device\": \"Zeta X1 (106)\"", export);
        Assert.Contains("\"name\": null", export);
    }

    [Fact]
    public void AmbiguousRackOrModel_IsReported_AsNetBoxDoes()
    {
        var doc = Document
            .Replace("\"rack\": {\"location\": \"Row 2\", \"name\": \"R1\"}", "\"rack\": \"R1\"")
            .Replace("{\"manufacturer\": \"Zeta\", \"model\": \"X1\"}", "\"X1\"");

        var plan = TopologyImporter.Plan(Installation.Empty, doc, ImportMode.Replace);

        Assert.Equal(["Multiple objects match the provided attributes: {'name': 'R1'}"], plan.Errors["power_feeds[0].rack"]);
        Assert.Equal(["Multiple objects match the provided attributes: {'model': 'X1'}"], plan.Errors["devices[0].device_type"]);
    }

    [Fact]
    public void DeviceNames_DifferingOnlyInCase_AreOneName()
    {
        var doc = """{"sites": [{"name": "DC1"}], "devices": [{"name": "web01", "site": "DC1"}, {"name": "WEB01", "site": "DC1"}]}""";

        var plan = TopologyImporter.Plan(Installation.Empty, doc, ImportMode.Replace);

        Assert.Equal(["Device name must be unique per site."], plan.Errors["devices[1]"]);
    }

    [Fact]
    public void OldDocument_WithoutSlugsOrLocations_StillImports()
    {
        var plan = TopologyImporter.Plan(Installation.Empty, DemoData.SeedExampleJson(), ImportMode.Replace);

        Assert.True(plan.IsValid, Errors(plan));
        Assert.Equal("dc1", plan.Result.Sites.Single().Slug);
    }
}

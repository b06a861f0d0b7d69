using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Dcim;

// power-model.md §4: feed↔port and outlet↔port only, one cable per termination, mark_connected excludes a cable.
public class CableRulesTests
{
    private static Cable NewCable(IEnumerable<Entity> a, IEnumerable<Entity> b)
    {
        var c = new Cable();
        int i = 0;
        foreach (var x in a) c.Terminations.Add(new CableTermination { End = CableEnd.A, Kind = TopologyBuilder.KindOf(x), ObjectId = x.Id, Position = i++ });
        i = 0;
        foreach (var x in b) c.Terminations.Add(new CableTermination { End = CableEnd.B, Kind = TopologyBuilder.KindOf(x), ObjectId = x.Id, Position = i++ });
        return c;
    }

    private static string Only(ValidationErrors e) => Assert.Single(Assert.Single(e).Value);

    [Fact]
    public void Cable_FeedToPort_AndOutletToPort_AreAllowedBothWays()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1");
        var pdu = b.Pdu("PDU1", 2);
        var psu = b.Port(b.Device("S1"), "PSU1");
        var inst = b.Build();
        Assert.True(DcimValidator.Cable(inst, NewCable([feed], [pdu.Inlet])).IsValid);
        Assert.True(DcimValidator.Cable(inst, NewCable([pdu.Inlet], [feed])).IsValid);
        Assert.True(DcimValidator.Cable(inst, NewCable([pdu.Outlets[0]], [psu])).IsValid);
        Assert.True(DcimValidator.Cable(inst, NewCable([psu], [pdu.Outlets[0]])).IsValid);
    }

    [Fact]
    public void Cable_OutletToPortOnTheSameDevice_IsAllowed()
    {
        var b = new TopologyBuilder();
        var pdu = b.Pdu("PDU1", 2);
        var fuse = b.Port(pdu.Device, "Fuse");
        Assert.True(DcimValidator.Cable(b.Build(), NewCable([pdu.Outlets[0]], [fuse])).IsValid);
    }

    [Theory]
    [InlineData("feed", "outlet", "Incompatible termination types: powerfeed and poweroutlet")]
    [InlineData("outlet", "feed", "Incompatible termination types: poweroutlet and powerfeed")]
    [InlineData("port", "port2", "Incompatible termination types: powerport and powerport")]
    [InlineData("outlet", "outlet2", "Incompatible termination types: poweroutlet and poweroutlet")]
    [InlineData("feed", "feed2", "Incompatible termination types: powerfeed and powerfeed")]
    [InlineData("interface", "port", "Incompatible termination types: interface and powerport")]
    [InlineData("port", "interface", "Incompatible termination types: powerport and interface")]
    [InlineData("interface", "interface2", "Incompatible termination types: interface and interface")]
    public void Cable_IncompatiblePair_IsRejected(string a, string bName, string expected)
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("PP1");
        var device = b.Device("D1");
        var objects = new Dictionary<string, Entity>
        {
            ["feed"] = b.Feed(panel, "F1"),
            ["feed2"] = b.Feed(panel, "F2"),
            ["port"] = b.Port(device, "P1"),
            ["port2"] = b.Port(device, "P2"),
            ["outlet"] = b.Outlet(device, "O1"),
            ["outlet2"] = b.Outlet(device, "O2"),
            ["interface"] = b.Interface(device, "eth0"),
            ["interface2"] = b.Interface(device, "eth1"),
        };
        var errors = DcimValidator.Cable(b.Build(), NewCable([objects[a]], [objects[bName]]));
        Assert.Equal(expected, Only(errors));
        Assert.True(errors.ContainsKey("non_field_errors"));
    }

    [Fact]
    public void Cable_WithAnEmptyEnd_IsRejected()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1");
        Assert.Equal("Must define A and B terminations when creating a new cable.", Only(DcimValidator.Cable(b.Build(), NewCable([feed], []))));
    }

    [Fact]
    public void Cable_MixedTypesOnOneEnd_IsRejected()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1");
        var pdu = b.Pdu("PDU1", 1);
        var psu = b.Port(b.Device("S1"), "PSU1");
        Assert.Equal("Cannot connect different termination types to same end of cable.", Only(DcimValidator.Cable(b.Build(), NewCable([feed, pdu.Outlets[0]], [psu]))));
    }

    [Fact]
    public void Cable_OnAnAlreadyCabledTermination_NamesTheExistingCable()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1");
        var pdu = b.Pdu("PDU1", 1);
        var existing = b.Cable(feed, pdu.Inlet);
        var feed2 = b.Feed(b.Panel("PP2"), "F2");
        Assert.Equal($"Duplicate termination found for dcim.powerport {pdu.Inlet.Id}: cable {existing.Id}",
            Only(DcimValidator.Cable(b.Build(), NewCable([feed2], [pdu.Inlet]))));
    }

    [Fact]
    public void Cable_OnAMarkedConnectedTermination_IsRejected()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("PP1");
        var feed = b.Feed(panel, "F1");
        feed.MarkConnected = true;
        var psu = b.Port(b.Device("S1"), "PSU1");
        Assert.Equal("Cannot connect a cable to PP1 > F1 because it is marked as connected.", Only(DcimValidator.Cable(b.Build(), NewCable([feed], [psu]))));

        var b2 = new TopologyBuilder();
        var outlet = b2.Outlet(b2.Device("PDU1"), "Outlet 1");
        var port = b2.Port(b2.Device("S1"), "PSU1", markConnected: true);
        Assert.Equal("Cannot connect a cable to S1 > PSU1 because it is marked as connected.", Only(DcimValidator.Cable(b2.Build(), NewCable([outlet], [port]))));
    }

    // CableTermination.clean() checks mark_connected before the duplicate termination
    [Fact]
    public void Cable_OnATerminationBothMarkedAndCabled_ReportsTheMarkFirst()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1");
        var port = b.Port(b.Device("S1"), "PSU1", markConnected: true);
        b.Cable(feed, port);
        var feed2 = b.Feed(b.Panel("PP2"), "F2");
        Assert.Equal("Cannot connect a cable to S1 > PSU1 because it is marked as connected.", Only(DcimValidator.Cable(b.Build(), NewCable([feed2], [port]))));
    }

    // Cable.clean() starts with the length unit, as a non-field error, and stops there
    [Fact]
    public void Cable_LengthWithoutUnit_IsANonFieldError_ReportedAlone()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1");
        var cable = NewCable([feed], []);
        cable.Length = 3;
        var errors = DcimValidator.Cable(b.Build(), cable);
        Assert.Equal("Must specify a unit when setting a cable length", Only(errors));
        Assert.True(errors.ContainsKey("non_field_errors"));
    }

    [Fact]
    public void Cable_UnknownStatus_IsRejected()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1");
        var psu = b.Port(b.Device("S1"), "PSU1");
        var cable = NewCable([feed], [psu]);
        cable.Status = "live";
        Assert.Equal(["Value 'live' is not a valid choice."], DcimValidator.Cable(b.Build(), cable)["status"]);
    }
}

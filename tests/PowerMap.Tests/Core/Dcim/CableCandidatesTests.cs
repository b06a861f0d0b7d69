using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Dcim;

public class CableCandidatesTests
{
    // PDU ─ Inlet (cabled to Feed), Outlet 1 (cabled), Outlet 2 (free), Outlet 3 (marked connected)
    // Server ─ PSU1 (cabled), PSU2 (free), PSU10 (free), PSU3 (marked connected)
    private static (Installation Inst, Device Pdu, Device Server, Device Dark) Build()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("P");
        var feed = b.Feed(panel, "Feed");
        var pdu = b.Device("PDU", role: "pdu");
        var inlet = b.Port(pdu, "Inlet");
        var o1 = b.Outlet(pdu, "Outlet 1", inlet);
        b.Outlet(pdu, "Outlet 2", inlet);
        b.Outlet(pdu, "Outlet 3", inlet, markConnected: true);
        var server = b.Device("Server");
        var psu1 = b.Port(server, "PSU1", 100);
        b.Port(server, "PSU10", 100);
        b.Port(server, "PSU2", 100);
        b.Port(server, "PSU3", 100, markConnected: true);
        var dark = b.Device("Dark");
        b.Port(dark, "PSU", markConnected: true);
        b.Cable(feed, inlet);
        b.Cable(o1, psu1);
        return (b.Build(), pdu, server, dark);
    }

    [Fact]
    public void FreePowerPorts_SkipCabledAndMarkedConnected_InNaturalOrder()
    {
        var (inst, _, server, _) = Build();
        Assert.Equal(["PSU2", "PSU10"], CableCandidates.FreePowerPorts(inst, server.Id).Select(p => p.Name));
    }

    [Fact]
    public void FreePowerOutlets_SkipCabledAndMarkedConnected()
    {
        var (inst, pdu, _, _) = Build();
        Assert.Equal(["Outlet 2"], CableCandidates.FreePowerOutlets(inst, pdu.Id).Select(o => o.Name));
    }

    [Fact]
    public void DevicesWithFreePowerPorts_OnlyThoseWithOne()
    {
        var (inst, _, server, _) = Build();
        Assert.Equal([server.Id], CableCandidates.DevicesWithFreePowerPorts(inst).Select(d => d.Id));
    }

    [Fact]
    public void IsFree_UnknownTermination_IsFalse()
    {
        var (inst, _, _, _) = Build();
        Assert.False(CableCandidates.IsFree(inst, TerminationKind.PowerPort, 9999));
    }

    [Theory]
    [InlineData(TerminationKind.PowerFeed, new[] { TerminationKind.PowerPort })]
    [InlineData(TerminationKind.PowerOutlet, new[] { TerminationKind.PowerPort })]
    [InlineData(TerminationKind.PowerPort, new[] { TerminationKind.PowerFeed, TerminationKind.PowerOutlet })]
    [InlineData(TerminationKind.Interface, new TerminationKind[0])]
    public void PeerKinds_FollowTheCableRules(TerminationKind kind, TerminationKind[] expected) =>
        Assert.Equal(expected, CableCandidates.PeerKinds(kind));

    [Fact]
    public void Between_IsAValidCableForFreeEnds()
    {
        var (inst, pdu, server, _) = Build();
        var outlet = CableCandidates.FreePowerOutlets(inst, pdu.Id)[0];
        var port = CableCandidates.FreePowerPorts(inst, server.Id)[0];
        var cable = CableCandidates.Between(TerminationKind.PowerOutlet, outlet.Id, TerminationKind.PowerPort, port.Id);
        Assert.True(DcimValidator.Cable(inst, cable).IsValid);
        Assert.Equal("connected", cable.Status);
    }
}

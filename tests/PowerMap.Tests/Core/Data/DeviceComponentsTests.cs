using PowerMap.Core.Data;

namespace PowerMap.Tests.Core.Data;

public class DeviceComponentsTests
{
    [Fact]
    public void Pdu_WithLegs_AssignsABCRoundRobin_AllMappedToTheInlet()
    {
        var (ports, outlets) = DeviceComponents.Pdu(5, legsRoundRobin: true);

        var inlet = Assert.Single(ports);
        Assert.Equal(("Inlet", (int?)null, (int?)null), (inlet.Name, inlet.AllocatedDrawWatts, inlet.MaximumDrawWatts));
        Assert.Equal(["Outlet 1", "Outlet 2", "Outlet 3", "Outlet 4", "Outlet 5"], outlets.Select(o => o.Outlet.Name));
        Assert.Equal(["A", "B", "C", "A", "B"], outlets.Select(o => o.Outlet.FeedLeg));
        Assert.All(outlets, o => Assert.Equal("Inlet", o.PortName));
    }

    [Fact]
    public void Pdu_WithoutLegs_LeavesLegsEmpty()
    {
        var (_, outlets) = DeviceComponents.Pdu(3, legsRoundRobin: false, inletName: "Input");
        Assert.All(outlets, o => Assert.Null(o.Outlet.FeedLeg));
        Assert.All(outlets, o => Assert.Equal("Input", o.PortName));
    }
}

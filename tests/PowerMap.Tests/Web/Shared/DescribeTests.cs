using PowerMap.Core.Data;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Tests.Web.Shared;

public class DescribeTests
{
    [Theory]
    [InlineData(1, 8, 3, 0, "Its 1 power port, 8 power outlets and 3 cables are deleted with it.")]
    [InlineData(2, 0, 2, 0, "Its 2 power ports and 2 cables are deleted with it.")]
    [InlineData(0, 0, 1, 0, "Its 1 cable is deleted with it.")]
    [InlineData(0, 0, 0, 1, "1 power outlet mapped to it becomes unmapped (fed by no port).")]
    [InlineData(0, 0, 0, 0, "Nothing else is deleted with it.")]
    public void DeleteEffects_SayWhatGoesWithIt(int ports, int outlets, int cables, int unmapped, string expected) =>
        Assert.Equal(expected, Describe.DeleteEffects(new DeleteImpact(null, PowerPorts: ports, PowerOutlets: outlets, Cables: cables, UnmappedOutlets: unmapped))[0]);

    [Fact]
    public void FarEnd_OfAnOutlet_IsThePortItFeeds()
    {
        var (inst, ids) = PowerMap.Tests.TestSupport.TopologyBuilder.Seed();
        var outlet = inst.PowerOutlets.First(o => o.DeviceId == ids.Pdu1 && o.Name == "Outlet 1");

        var far = Describe.FarEnd(inst, PowerMap.Core.Dcim.TerminationKind.PowerOutlet, outlet.Id)!;

        Assert.Equal(ids.ServerPsu1, far.ObjectId);
        Assert.Equal("Server › PSU1", Describe.Termination(inst, far.Kind, far.ObjectId));
        Assert.Equal("devices/" + ids.Server, Describe.TerminationHref(inst, far.Kind, far.ObjectId));
        Assert.Null(Describe.FarEnd(inst, PowerMap.Core.Dcim.TerminationKind.PowerOutlet, inst.PowerOutlets.First(o => o.DeviceId == ids.Pdu1 && o.Name == "Outlet 8").Id));
    }
}

using PowerMap.Core.Data;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data;

public class DeleteImpactTests
{
    [Fact]
    public void Device_CountsItsComponentsAndTheirCables()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var impact = DeleteImpact.Of(inst, inst.DeviceById[ids.Pdu1]);
        // PDU1: Inlet (feed cable) + 8 outlets, 2 of them cabled.
        Assert.Equal(new DeleteImpact(null, PowerPorts: 1, PowerOutlets: 8, Cables: 3), impact);
        Assert.False(impact.IsBlocked);
    }

    [Fact]
    public void Port_UnmapsItsOutlets_AndTakesItsCable()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        Assert.Equal(new DeleteImpact(null, Cables: 1, UnmappedOutlets: 8), DeleteImpact.Of(inst, inst.PortById[ids.Pdu1Inlet]));
    }

    [Fact]
    public void Feed_TakesItsCable()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        Assert.Equal(1, DeleteImpact.Of(inst, inst.FeedById[ids.Feed1]).Cables);
    }

    [Fact]
    public void ReferencedPanel_IsBlocked_WithTheStoreMessage()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var impact = DeleteImpact.Of(inst, inst.PanelById[ids.Panel]);
        Assert.True(impact.IsBlocked);
        Assert.Equal("Cannot delete power panel 'Panel 1': it is still referenced by power feeds: Feed 1, Feed 2.", impact.BlockedMessage);
    }

    [Fact]
    public void DeviceType_CountsTemplates_PortTemplateUnmapsOutletTemplates()
    {
        var b = new TopologyBuilder();
        var type = b.DeviceType("PDU-2");
        var inlet = b.PortTemplate(type, "Inlet");
        b.OutletTemplate(type, "Outlet 1", inlet);
        b.OutletTemplate(type, "Outlet 2", inlet);
        var inst = b.Build();

        Assert.Equal(new DeleteImpact(null, PortTemplates: 1, OutletTemplates: 2), DeleteImpact.Of(inst, type));
        Assert.Equal(new DeleteImpact(null, UnmappedOutletTemplates: 2), DeleteImpact.Of(inst, inlet));
    }
}

using PowerMap.Core.Analysis;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Analysis;

public class PlannedChangesTests
{
    // The seed + a planned 400 W dual-corded server "New" on PDU1/PDU2 Outlet 3 by planned cables (200 W per PSU):
    //   Feed 1 (2944 VA): 470 VA = 16.0 % now; + 200 = 670 VA = 22.8 % with planned
    internal static (Installation Inst, TopologyBuilder.SeedIds Ids, Device Planned) SeedWithPlannedServer(string cableStatus = "planned", string deviceStatus = "planned")
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R1");
        var panel = b.Panel("Panel 1");
        var feed1 = b.Feed(panel, "Feed 1", 230, 16, 80, rack: rack);
        var feed2 = b.Feed(panel, "Feed 2", 230, 16, 80, rack: rack);
        feed2.Type = "redundant";
        var pdu1 = b.Pdu("PDU1", 8, rack);
        var pdu2 = b.Pdu("PDU2", 8, rack);
        var server = b.Device("Server", rack: rack);
        var router = b.Device("Router", rack: rack, role: "router");
        b.Cable(feed1, pdu1.Inlet);
        b.Cable(feed2, pdu2.Inlet);
        b.Cable(pdu1.Outlets[0], b.Port(server, "PSU1", 350, 600));
        b.Cable(pdu2.Outlets[0], b.Port(server, "PSU2", 350, 600));
        b.Cable(pdu1.Outlets[1], b.Port(router, "PSU1", 120, 250));
        b.Cable(pdu2.Outlets[1], b.Port(router, "PSU2", 120, 250));
        var planned = b.Device("New", rack: rack);
        planned.Status = deviceStatus;
        b.Cable(pdu1.Outlets[2], b.Port(planned, "PSU1", 200, 250), cableStatus);
        b.Cable(pdu2.Outlets[2], b.Port(planned, "PSU2", 200, 250), cableStatus);
        var ids = new TopologyBuilder.SeedIds(rack.Id, panel.Id, feed1.Id, feed2.Id, pdu1.Device.Id, pdu1.Inlet.Id, pdu2.Device.Id, pdu2.Inlet.Id, server.Id, 0, router.Id);
        return (b.Build(), ids, planned);
    }

    [Fact]
    public void WithoutPlanned_Seed400WPlannedServer_Feed1Is16_0Excluded_22_8Included()
    {
        var (inst, ids, planned) = SeedWithPlannedServer();
        var report = PowerReport.Compute(inst);

        var now = PlannedChanges.WithoutPlanned(report);

        Assert.Equal(22.8, report.Feed(ids.Feed1)!.Utilization!.Percent);
        Assert.Equal(16.0, now.Feed(ids.Feed1)!.Utilization!.Percent);
        Assert.Equal(16.0, now.Feed(ids.Feed2)!.Utilization!.Percent);
        Assert.False(now.Installation.DeviceById.ContainsKey(planned.Id));
        Assert.DoesNotContain(now.Installation.PowerPorts, p => p.DeviceId == planned.Id);
        Assert.Equal(6, now.Installation.Cables.Count);
        Assert.Equal(8, inst.Cables.Count); // the input is unchanged
    }

    [Fact]
    public void WithoutPlanned_SameReport_IsCachedAndNothingPlannedGivesTheReportItself()
    {
        var (inst, _, _) = SeedWithPlannedServer();
        var report = PowerReport.Compute(inst);
        Assert.Same(PlannedChanges.WithoutPlanned(report), PlannedChanges.WithoutPlanned(report));

        var (seed, _) = TopologyBuilder.Seed();
        var plain = PowerReport.Compute(seed);
        Assert.Same(plain, PlannedChanges.WithoutPlanned(plain));
    }

    // An active device on planned cables: the cables go, the device stays (with no draw on the feeds).
    [Fact]
    public void WithoutPlanned_PlannedCablesOnly_DropsTheCablesKeepsTheDevice()
    {
        var (inst, ids, device) = SeedWithPlannedServer(cableStatus: "planned", deviceStatus: "active");

        var now = PlannedChanges.WithoutPlanned(PowerReport.Compute(inst));

        Assert.True(now.Installation.DeviceById.ContainsKey(device.Id));
        Assert.Equal(16.0, now.Feed(ids.Feed1)!.Utilization!.Percent);
    }

    [Fact]
    public void Activate_PlannedDeviceAndCables_BecomeActiveAndConnected()
    {
        var (inst, ids, device) = SeedWithPlannedServer();
        Assert.Equal(3, PlannedChanges.Of(inst).Count);
        Assert.Equal(0, PlannedChanges.Of(inst, siteId: 999).Count);

        var change = PlannedChanges.Activate(inst, inst.Sites[0].Id);
        var after = inst.Apply(change);

        Assert.Equal(3, change.Updated.Count);
        Assert.Equal("active", after.DeviceById[device.Id].Status);
        Assert.Equal("planned", inst.DeviceById[device.Id].Status);
        Assert.Equal(0, PlannedChanges.Of(after).Count);
        Assert.All(after.Cables, c => Assert.Equal("connected", c.Status));
        Assert.Equal(22.8, PlannedChanges.WithoutPlanned(PowerReport.Compute(after)).Feed(ids.Feed1)!.Utilization!.Percent);
    }
}

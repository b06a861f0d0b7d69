using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Power;

public class PowerSummaryTests
{
    // Panel 1 ─ Feed 1 (2944 VA) ─ PDU1 ─ Server PSU1 350 W + Router PSU1 120 W
    //         └ Feed 2 (2944 VA) ─ PDU2 ─ Server PSU2 350 W + Router PSU2 120 W
    [Fact]
    public void Panel_SeedExample_SumsItsFeeds()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);

        var load = PowerSummary.Panel(report, ids.Panel)!;

        Assert.Equal((2, 2, 940L, 5888L, 4948L), (load.FeedCount, load.ConnectedFeedCount, load.AllocatedVoltAmps, load.AvailableVoltAmps, load.RemainingVoltAmps));
        Assert.Equal(16.0, load.Percent);
        Assert.Equal(UtilizationStatus.Normal, load.Status);
    }

    // Panel ─ (no feeds)
    [Fact]
    public void Panel_WithoutFeeds_HasNoPercent()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("Empty");
        var load = PowerSummary.Panel(PowerReport.Compute(b.Build()), panel.Id)!;
        Assert.Equal((0, 0L, (double?)null, (UtilizationStatus?)null), (load.FeedCount, load.AvailableVoltAmps, load.Percent, load.Status));
    }

    // Panel ─ Feed (120 V 15 A 80 % = 1440 VA, in rack R1) ─ Server PSU 1300 W   → 90.3 % danger; uncabled feed counts capacity only
    [Fact]
    public void Panel_CountsCapacityOfUncabledFeeds_AndStatusFromRoundedPercent()
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R1");
        var panel = b.Panel("P");
        var feed = b.Feed(panel, "F1", rack: rack);
        b.Feed(panel, "F2");
        var server = b.Device("S");
        b.Cable(feed, b.Port(server, "PSU", 1300));
        var report = PowerReport.Compute(b.Build());

        var load = PowerSummary.Panel(report, panel.Id)!;
        var rack1 = PowerSummary.Rack(report, rack.Id)!;

        Assert.Equal((2, 1, 1300L, 2880L), (load.FeedCount, load.ConnectedFeedCount, load.AllocatedVoltAmps, load.AvailableVoltAmps));
        Assert.Equal(45.1, load.Percent);
        Assert.Equal((1, 1440L, 90.3, UtilizationStatus.Danger), (rack1.FeedCount, rack1.AvailableVoltAmps, rack1.Percent, rack1.Status));
    }

    [Fact]
    public void Rack_SeedExample_IsSixteenPercent()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var racks = PowerSummary.Racks(PowerReport.Compute(inst));
        Assert.Equal(new RackLoad(ids.Rack, 2, 940, 5888, 16.0, UtilizationStatus.Normal), racks[ids.Rack]);
        Assert.Equal(5888 - 940, racks[ids.Rack].RemainingVoltAmps);
    }

    [Fact]
    public void Device_CountsPortsOutletsAndSumsPortDraws()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        var all = PowerSummary.Devices(report);

        Assert.Equal(new DevicePowerSummary(ids.Server, 2, 2, 0, 700, 1200), all[ids.Server]);
        Assert.Equal(new DevicePowerSummary(ids.Pdu1, 1, 1, 8, 470, 850), all[ids.Pdu1]);
        Assert.Equal(all[ids.Router], PowerSummary.Device(report, ids.Router));
        Assert.Equal(inst.Devices.Count, all.Count);
    }
}

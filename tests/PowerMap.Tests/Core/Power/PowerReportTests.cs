using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Power;

// The recursive roll-up of power-model.md §3 and the feed/rack/device numbers of §5, NetBox's own test list (§8) first.
public class PowerReportTests
{
    // Feed ─ PDU.Inlet(auto) ─ Outlet 1..3 ─ PSU(100/200), PSU(150/300), PSU(manual max only 400); Outlet 4 uncabled
    [Fact]
    public void Draw_DirectAggregation_SumsCabledDownstreamPorts()
    {
        var b = new TopologyBuilder();
        var pdu = b.Pdu("PDU1", 4);
        var s1 = b.Device("S1");
        var s2 = b.Device("S2");
        var s3 = b.Device("S3");
        b.Cable(pdu.Outlets[0], b.Port(s1, "PSU1", 100, 200));
        b.Cable(pdu.Outlets[1], b.Port(s2, "PSU1", 150, 300));
        b.Cable(pdu.Outlets[2], b.Port(s3, "PSU1", null, 400));

        var draw = PowerReport.Compute(b.Build()).PortDraw(pdu.Inlet.Id);

        Assert.Equal(250, draw.AllocatedWatts);
        Assert.Equal(900, draw.MaximumWatts);
        Assert.Equal(4, draw.OutletCount);
        Assert.Empty(draw.Legs);
    }

    // Inlet(auto) ─ Outlet F ─ (same device) Fuse(auto) ─ Outlet 1,2 ─ PSUs 200 + 300
    [Fact]
    public void Draw_ThroughIntermediateAutoPort_Recurses()
    {
        var b = new TopologyBuilder();
        var pdu = b.Device("PDU1", role: "pdu");
        var inlet = b.Port(pdu, "Inlet");
        var fuseOut = b.Outlet(pdu, "Fuse out", inlet);
        var fuse = b.Port(pdu, "Fuse A");
        var o1 = b.Outlet(pdu, "Outlet 1", fuse);
        var o2 = b.Outlet(pdu, "Outlet 2", fuse);
        b.Cable(fuseOut, fuse);
        b.Cable(o1, b.Port(b.Device("S1"), "PSU1", 200, 250));
        b.Cable(o2, b.Port(b.Device("S2"), "PSU1", 300, 350));

        var report = PowerReport.Compute(b.Build());

        Assert.Equal(new PortDraw(500, 600, 1, []).AllocatedWatts, report.PortDraw(inlet.Id).AllocatedWatts);
        Assert.Equal(600, report.PortDraw(inlet.Id).MaximumWatts);
        Assert.Equal(500, report.PortDraw(fuse.Id).AllocatedWatts);
        Assert.Equal(2, report.PortDraw(fuse.Id).OutletCount);
    }

    // UPS.Inlet(auto) ─ Outlet ─ PDU.Inlet(auto) ─ Outlet ─ PSU 350: the cascade rolls all the way up
    [Fact]
    public void Draw_Cascade_RollsUpRecursively()
    {
        var b = new TopologyBuilder();
        var ups = b.Pdu("UPS1", 2);
        var pdu = b.Pdu("PDU1", 2);
        b.Cable(ups.Outlets[0], pdu.Inlet);
        b.Cable(pdu.Outlets[0], b.Port(b.Device("S1"), "PSU1", 350, 600));

        var report = PowerReport.Compute(b.Build());

        Assert.Equal(350, report.PortDraw(ups.Inlet.Id).AllocatedWatts);
        Assert.Equal(600, report.PortDraw(ups.Inlet.Id).MaximumWatts);
    }

    // Inlet(auto) ─ Outlet F ─ Fuse(manual 1000/2000) ─ Outlet ─ PSU 300: the manual value stops the roll-up
    [Fact]
    public void Draw_ManualIntermediatePort_StopsRecursion()
    {
        var b = new TopologyBuilder();
        var pdu = b.Device("PDU1", role: "pdu");
        var inlet = b.Port(pdu, "Inlet");
        var fuseOut = b.Outlet(pdu, "Fuse out", inlet);
        var fuse = b.Port(pdu, "Fuse A", allocated: 1000, maximum: 2000);
        var o1 = b.Outlet(pdu, "Outlet 1", fuse);
        b.Cable(fuseOut, fuse);
        b.Cable(o1, b.Port(b.Device("S1"), "PSU1", 300, 400));

        var report = PowerReport.Compute(b.Build());

        Assert.Equal(1000, report.PortDraw(inlet.Id).AllocatedWatts);
        Assert.Equal(2000, report.PortDraw(inlet.Id).MaximumWatts);
        Assert.Equal(1000, report.PortDraw(fuse.Id).AllocatedWatts);
        Assert.Equal(1, report.PortDraw(fuse.Id).OutletCount);
        Assert.Empty(report.PortDraw(fuse.Id).Legs);
    }

    [Fact]
    public void Draw_ManualPortWithOnlyMaximum_HasZeroAllocated()
    {
        var b = new TopologyBuilder();
        var port = b.Port(b.Device("S1"), "PSU1", null, 500);
        var draw = PowerReport.Compute(b.Build()).PortDraw(port.Id);
        Assert.Equal(0, draw.AllocatedWatts);
        Assert.Equal(500, draw.MaximumWatts);
    }

    // 3φ feed ─ Inlet ─ Outlets A,B,C,A,B,C + one without leg ─ PSUs 100..700
    [Fact]
    public void Draw_ThreePhaseFeed_GivesPerLegTotals()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("PP1");
        var feed = b.Feed(panel, "F1", 400, 32, 80, Choices.ThreePhase);
        var pdu = b.Pdu("PDU1", 6, null, "A", "B", "C");
        var extra = b.Outlet(pdu.Device, "Outlet 7", pdu.Inlet);
        b.Cable(feed, pdu.Inlet);
        for (int i = 0; i < 6; i++)
        {
            b.Cable(pdu.Outlets[i], b.Port(b.Device($"S{i}"), "PSU1", (i + 1) * 100, (i + 1) * 200));
        }
        b.Cable(extra, b.Port(b.Device("S7"), "PSU1", 700, 800));

        var draw = PowerReport.Compute(b.Build()).PortDraw(pdu.Inlet.Id);

        Assert.Equal(2800, draw.AllocatedWatts);
        Assert.Equal(7, draw.OutletCount);
        Assert.Equal(["A", "B", "C"], draw.Legs.Select(l => l.Name));
        Assert.Equal([500, 700, 900], draw.Legs.Select(l => l.AllocatedWatts));
        Assert.Equal([1000, 1400, 1800], draw.Legs.Select(l => l.MaximumWatts));
        Assert.Equal([2, 2, 2], draw.Legs.Select(l => l.OutletCount));
    }

    [Fact]
    public void Draw_SinglePhaseFeed_HasNoLegs()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1", 230, 16);
        var pdu = b.Pdu("PDU1", 3, null, "A", "B", "C");
        b.Cable(feed, pdu.Inlet);
        b.Cable(pdu.Outlets[0], b.Port(b.Device("S1"), "PSU1", 100, 200));
        Assert.Empty(PowerReport.Compute(b.Build()).PortDraw(pdu.Inlet.Id).Legs);
    }

    // 3φ feed ─ PDU1 ─ Outlet(A) ─ PDU2 (cascaded, behind an outlet: no legs of its own)
    [Fact]
    public void Draw_CascadedPdu_NeverHasLegs()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1", 400, 32, 80, Choices.ThreePhase);
        var pdu1 = b.Pdu("PDU1", 3, null, "A", "B", "C");
        var pdu2 = b.Pdu("PDU2", 3, null, "A", "B", "C");
        b.Cable(feed, pdu1.Inlet);
        b.Cable(pdu1.Outlets[0], pdu2.Inlet);
        b.Cable(pdu2.Outlets[1], b.Port(b.Device("S1"), "PSU1", 100, 200));

        var report = PowerReport.Compute(b.Build());

        Assert.Empty(report.PortDraw(pdu2.Inlet.Id).Legs);
        Assert.Equal([100, 0, 0], report.PortDraw(pdu1.Inlet.Id).Legs.Select(l => l.AllocatedWatts));
    }

    // 3φ feed ─ Inlet ─ Outlet(leg A) ─ Fuse(auto) ─ Outlets (no leg) ─ PSUs 200 + 300; Outlet(leg B) ─ PSU 50
    [Fact]
    public void Draw_PerLegRecursion_ThroughFuseOnLegA()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1", 400, 32, 80, Choices.ThreePhase);
        var pdu = b.Device("PDU1", role: "pdu");
        var inlet = b.Port(pdu, "Inlet");
        var fuseOut = b.Outlet(pdu, "Fuse A out", inlet, "A");
        var legB = b.Outlet(pdu, "Outlet B1", inlet, "B");
        var fuse = b.Port(pdu, "Fuse A");
        var f1 = b.Outlet(pdu, "Outlet A1", fuse);
        var f2 = b.Outlet(pdu, "Outlet A2", fuse);
        b.Cable(feed, inlet);
        b.Cable(fuseOut, fuse);
        b.Cable(f1, b.Port(b.Device("S1"), "PSU1", 200, 300));
        b.Cable(f2, b.Port(b.Device("S2"), "PSU1", 300, 400));
        b.Cable(legB, b.Port(b.Device("S3"), "PSU1", 50, 60));

        var draw = PowerReport.Compute(b.Build()).PortDraw(inlet.Id);

        Assert.Equal(550, draw.AllocatedWatts);
        Assert.Equal([500, 50, 0], draw.Legs.Select(l => l.AllocatedWatts));
        Assert.Equal([700, 60, 0], draw.Legs.Select(l => l.MaximumWatts));
        Assert.Equal([1, 1, 0], draw.Legs.Select(l => l.OutletCount));
    }

    // Uncabled, mark_connected-only and unmapped outlets contribute nothing; outlet and cable status are labels
    [Fact]
    public void Draw_IgnoresUncabledMarkedAndUnmappedOutlets_AndStatuses()
    {
        var b = new TopologyBuilder();
        var pdu = b.Pdu("PDU1", 2);
        var marked = b.Outlet(pdu.Device, "Outlet 3", pdu.Inlet, markConnected: true);
        var unmapped = b.Outlet(pdu.Device, "Outlet 4");
        pdu.Outlets[0].Status = "faulty";
        b.Cable(pdu.Outlets[0], b.Port(b.Device("S1"), "PSU1", 100, 200), status: "planned");
        b.Cable(unmapped, b.Port(b.Device("S2"), "PSU1", 999, 999));

        var draw = PowerReport.Compute(b.Build()).PortDraw(pdu.Inlet.Id);

        Assert.Equal(100, draw.AllocatedWatts);
        Assert.Equal(3, draw.OutletCount);
        Assert.True(marked.MarkConnected);
    }

    // PDU outlet ─ its own inlet: terminates, counts nothing twice
    [Fact]
    public void Draw_SelfLoop_Terminates()
    {
        var b = new TopologyBuilder();
        var pdu = b.Pdu("PDU1", 3);
        b.Cable(pdu.Outlets[0], pdu.Inlet);
        b.Cable(pdu.Outlets[1], b.Port(b.Device("S1"), "PSU1", 100, 150));

        var draw = PowerReport.Compute(b.Build()).PortDraw(pdu.Inlet.Id);

        Assert.Equal(100, draw.AllocatedWatts);
        Assert.Equal(150, draw.MaximumWatts);
    }

    // PDU-A ⇄ PDU-B feed each other; each also feeds one server (100, 200)
    [Fact]
    public void Draw_TwoPdusFeedingEachOther_TerminateAndCountEachPortOncePerChain()
    {
        var b = new TopologyBuilder();
        var a = b.Pdu("PDU-A", 2);
        var c = b.Pdu("PDU-B", 2);
        b.Cable(a.Outlets[0], c.Inlet);
        b.Cable(c.Outlets[0], a.Inlet);
        b.Cable(a.Outlets[1], b.Port(b.Device("S1"), "PSU1", 100, 100));
        b.Cable(c.Outlets[1], b.Port(b.Device("S2"), "PSU1", 200, 200));

        var report = PowerReport.Compute(b.Build());

        Assert.Equal(300, report.PortDraw(a.Inlet.Id).AllocatedWatts);
        Assert.Equal(300, report.PortDraw(c.Inlet.Id).AllocatedWatts);
    }

    // A port cabled to outlets of two ports through one multi-termination cable is counted under each
    [Fact]
    public void Draw_DiamondThroughSharedCable_CountsOnEachBranch()
    {
        var b = new TopologyBuilder();
        var top = b.Pdu("TOP", 2);
        var left = b.Pdu("LEFT", 1);
        var right = b.Pdu("RIGHT", 1);
        b.Cable(top.Outlets[0], left.Inlet);
        b.Cable(top.Outlets[1], right.Inlet);
        var server = b.Port(b.Device("S1"), "PSU1", 100, 100);
        b.Cable([left.Outlets[0], right.Outlets[0]], [server]);

        var report = PowerReport.Compute(b.Build());

        Assert.Equal(100, report.PortDraw(left.Inlet.Id).AllocatedWatts);
        Assert.Equal(100, report.PortDraw(right.Inlet.Id).AllocatedWatts);
        Assert.Equal(200, report.PortDraw(top.Inlet.Id).AllocatedWatts);
    }

    [Fact]
    public void SeedExample_GivesTheSpecNumbers()
    {
        var (inst, ids) = TopologyBuilder.Seed();

        var report = PowerReport.Compute(inst);

        var inlet = report.PortDraw(ids.Pdu1Inlet);
        Assert.Equal((470, 850, 8), (inlet.AllocatedWatts, inlet.MaximumWatts, inlet.OutletCount));
        Assert.Equal((470, 850, 8), (report.PortDraw(ids.Pdu2Inlet).AllocatedWatts, report.PortDraw(ids.Pdu2Inlet).MaximumWatts, report.PortDraw(ids.Pdu2Inlet).OutletCount));
        foreach (var feedId in new[] { ids.Feed1, ids.Feed2 })
        {
            var feed = report.Feed(feedId)!;
            Assert.Equal(2944, feed.AvailableVoltAmps);
            Assert.Equal(470, feed.Utilization!.AllocatedVoltAmps);
            Assert.Equal(16.0, feed.Utilization.Percent);
            Assert.Equal(UtilizationStatus.Normal, feed.Utilization.Status);
            Assert.Equal("bg-success", feed.Utilization.BarClass);
            Assert.Equal(2474, feed.RemainingVoltAmps);
        }
        Assert.Equal(ids.Pdu1Inlet, report.Feed(ids.Feed1)!.ConnectedPortId);
        Assert.Equal(16.0, report.RackUtilization(ids.Rack));
    }

    [Fact]
    public void DeviceRows_SeedPdu_OneRowPerPortWithFeedCapacity()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);

        var rows = report.DeviceRows(ids.Pdu1)!;

        var row = Assert.Single(rows);
        Assert.Equal(("Inlet", 8, 470L, (long?)2944, (double?)16.0), (row.Port, row.OutletCount, row.AllocatedVoltAmps, row.AvailableVoltAmps, row.Percent));
        Assert.Empty(row.Legs);
        Assert.Null(report.DeviceRows(ids.Server));
    }

    // 3φ 400/32/80 = 17736 VA → each leg round(17736 / 3) = 5912 VA
    [Fact]
    public void DeviceRows_ThreePhase_LegRowsUseAThirdOfTheFeed()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1", 400, 32, 80, Choices.ThreePhase);
        var pdu = b.Pdu("PDU1", 3, null, "A", "B", "C");
        b.Cable(feed, pdu.Inlet);
        b.Cable(pdu.Outlets[0], b.Port(b.Device("S1"), "PSU1", 591, 700));

        var row = Assert.Single(PowerReport.Compute(b.Build()).DeviceRows(pdu.Device.Id)!);

        Assert.Equal(17736, row.AvailableVoltAmps);
        Assert.Equal(3.3, row.Percent);
        Assert.Equal([5912L, 5912L, 5912L], row.Legs.Select(l => l.AvailableVoltAmps!.Value));
        Assert.Equal([10.0, 0.0, 0.0], row.Legs.Select(l => l.Percent!.Value));
        Assert.Equal([1, 1, 1], row.Legs.Select(l => l.OutletCount));
    }

    [Fact]
    public void DeviceRows_PortFedFromAnOutlet_HasNoAvailable()
    {
        var b = new TopologyBuilder();
        var ups = b.Pdu("UPS", 1);
        var pdu = b.Pdu("PDU", 1);
        b.Cable(ups.Outlets[0], pdu.Inlet);
        var row = Assert.Single(PowerReport.Compute(b.Build()).DeviceRows(pdu.Device.Id)!);
        Assert.Null(row.AvailableVoltAmps);
        Assert.Null(row.Percent);
    }

    [Fact]
    public void Feed_WithoutCable_HasNoUtilization()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1");
        var report = PowerReport.Compute(b.Build()).Feed(feed.Id)!;
        Assert.Equal(1440, report.AvailableVoltAmps);
        Assert.Null(report.Utilization);
        Assert.Null(report.ConnectedPortId);
    }

    [Fact]
    public void Feed_WithZeroCapacity_HasNoPercentOrClass()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1", 1, 1, 1);
        b.Cable(feed, b.Port(b.Device("S1"), "PSU1", 10, 20));
        var u = PowerReport.Compute(b.Build()).Feed(feed.Id)!.Utilization!;
        Assert.Equal((10L, 0L), (u.AllocatedVoltAmps, u.AvailableVoltAmps));
        Assert.Null(u.Percent);
        Assert.Null(u.Status);
        Assert.Null(u.BarClass);
    }

    [Fact]
    public void Feed_OverCapacity_IsShownAboveHundredAsDanger()
    {
        var b = new TopologyBuilder();
        var feed = b.Feed(b.Panel("PP1"), "F1"); // 1440 VA
        b.Cable(feed, b.Port(b.Device("S1"), "PSU1", 1500, 1600));
        var u = PowerReport.Compute(b.Build()).Feed(feed.Id)!.Utilization!;
        Assert.Equal(104.2, u.Percent);
        Assert.Equal(UtilizationStatus.Danger, u.Status);
    }

    // Rack counts every feed whose rack it is, cabled or not, whatever its status
    [Fact]
    public void Rack_SumsAllItsFeeds_AndIsZeroWithoutCapacity()
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R1");
        var empty = b.Rack("R2");
        var panel = b.Panel("PP1");
        var f1 = b.Feed(panel, "F1", 230, 16, 80, rack: rack);
        var f2 = b.Feed(panel, "F2", 230, 16, 80, rack: rack);
        f2.Status = "offline";
        b.Feed(panel, "F3", 230, 16, 80, rack: rack); // uncabled: capacity counts
        b.Cable(f1, b.Port(b.Device("S1"), "PSU1", 1000, 1200));
        b.Cable(f2, b.Port(b.Device("S2"), "PSU1", 500, 600));

        var report = PowerReport.Compute(b.Build());

        Assert.Equal(17.0, report.RackUtilization(rack.Id)); // 1500 / 8832
        Assert.Equal(0, report.RackUtilization(empty.Id));
    }

    [Fact]
    public void WithPortDraw_EqualsFullRecompute()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);

        var updated = report.WithPortDraw(ids.ServerPsu1, 500, 600);

        Assert.Equal(620, updated.PortDraw(ids.Pdu1Inlet).AllocatedWatts);
        Assert.Equal(21.1, updated.Feed(ids.Feed1)!.Utilization!.Percent);
        Assert.Equal(470, updated.PortDraw(ids.Pdu2Inlet).AllocatedWatts);
        Assert.Equal(18.5, updated.RackUtilization(ids.Rack)); // 1090 / 5888
        Assert.Equal(620, updated.DeviceRows(ids.Pdu1)![0].AllocatedVoltAmps);
        Assert.Equal(470, report.PortDraw(ids.Pdu1Inlet).AllocatedWatts); // the old report is unchanged
    }

    [Fact]
    public void WithPortDraw_OnGeneratedInstallation_MatchesComputeForRandomEdits()
    {
        var inst = InstallationGenerator.Generate(InstallationSize.S, seed: 7);
        var report = PowerReport.Compute(inst);
        var random = new Random(3);
        var ports = inst.PowerPorts.ToList();
        for (int i = 0; i < 30; i++)
        {
            var port = ports[random.Next(ports.Count)];
            int? allocated = random.Next(3) == 0 ? null : random.Next(1, 900);
            int? maximum = allocated is null ? null : allocated + random.Next(0, 300);
            report = report.WithPortDraw(port.Id, allocated, maximum);
            var copy = Clone(port);
            copy.AllocatedDrawWatts = allocated;
            copy.MaximumDrawWatts = maximum;
            ports[ports.FindIndex(p => p.Id == port.Id)] = copy;
            var full = PowerReport.Compute(inst.With(powerPorts: ports));
            foreach (var p in ports)
            {
                Assert.Equal(full.PortDraw(p.Id), report.PortDraw(p.Id), PortDrawComparer.Instance);
            }
            foreach (var f in inst.PowerFeeds)
            {
                Assert.Equal(full.Feed(f.Id), report.Feed(f.Id));
            }
            foreach (var r in inst.Racks)
            {
                Assert.Equal(full.RackUtilization(r.Id), report.RackUtilization(r.Id));
            }
        }
    }

    // A device's role or status changed, a site described: nothing the engine reads changed, so the numbers are rebound, not recomputed.
    [Fact]
    public void WithInstallation_ForAChangeTheEngineDoesNotRead_KeepsTheNumbers_OverTheNewObjects()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var report = PowerReport.Compute(inst);
        var server = inst.Devices.Single(d => d.Name == "Server");
        var renamed = (Device)server.Clone();
        renamed.Role = "storage";
        var change = new Change().Update(server, renamed);
        var next = inst.Apply(change);

        var rebound = report.WithInstallation(next);
        var full = PowerReport.Compute(next);

        Assert.Same(next, rebound.Installation);
        Assert.Equal("storage", rebound.Installation.DeviceById[server.Id].Role);
        Assert.Equal(full.Feed(ids.Feed1), rebound.Feed(ids.Feed1));
        Assert.Equal(full.PortDraw(ids.Pdu1Inlet), rebound.PortDraw(ids.Pdu1Inlet), PortDrawComparer.Instance);
        Assert.Equal(full.RackUtilization(ids.Rack), rebound.RackUtilization(ids.Rack));
    }

    private static PowerPort Clone(PowerPort p) => new()
    {
        Id = p.Id, DeviceId = p.DeviceId, Name = p.Name, Label = p.Label, Type = p.Type, MaximumDrawWatts = p.MaximumDrawWatts,
        AllocatedDrawWatts = p.AllocatedDrawWatts, MarkConnected = p.MarkConnected, Version = p.Version,
    };

    private sealed class PortDrawComparer : IEqualityComparer<PortDraw>
    {
        public static PortDrawComparer Instance { get; } = new();
        public bool Equals(PortDraw? x, PortDraw? y) =>
            x is not null && y is not null && x.AllocatedWatts == y.AllocatedWatts && x.MaximumWatts == y.MaximumWatts &&
            x.OutletCount == y.OutletCount && x.Legs.SequenceEqual(y.Legs);
        public int GetHashCode(PortDraw obj) => obj.AllocatedWatts.GetHashCode();
    }
}

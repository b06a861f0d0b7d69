using CsCheck;
using PowerMap.Core.Analysis;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Analysis;

public class FailureAnalysisTests
{
    private static FailureElement Panel(int id) => new(FailureElementKind.PowerPanel, id);
    private static FailureElement Feed(int id) => new(FailureElementKind.PowerFeed, id);
    private static FailureElement Dev(int id) => new(FailureElementKind.Device, id);

    // Panel 1 ─┬─ Feed 1 ✗ ── PDU1 ─┬─ Server PSU1 350/600, Router PSU1 120/250
    //          └─ Feed 2 ──── PDU2 ─┴─ Server PSU2 350/600, Router PSU2 120/250
    [Fact]
    public void WhatIf_SeedFeed1FailsSplit_Feed2Carries940Of2944()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var analysis = FailureAnalysis.For(PowerReport.Compute(inst));

        var result = analysis.WhatIf([Feed(ids.Feed1)]);

        Assert.Equal(TransferRule.Split, result.Transfer);
        Assert.Equal(0, result.DevicesDown);
        Assert.Equal(2, result.DevicesDegraded);
        Assert.Equal(0, result.WattsLost);
        Assert.Equal([ids.Server, ids.Router], result.Devices.Select(d => d.DeviceId));
        Assert.All(result.Devices, d => Assert.Equal((DeviceFailureState.Degraded, 2, 1), (d.State, d.LivePortsBefore, d.LivePortsAfter)));

        var feed1 = Assert.Single(result.Feeds, f => f.FeedId == ids.Feed1);
        Assert.True(feed1.Failed);
        Assert.Null(feed1.After);
        Assert.Equal(new CapacityLoad(470, 2944, 16.0, UtilizationStatus.Normal), feed1.Before);
        var feed2 = Assert.Single(result.Feeds, f => f.FeedId == ids.Feed2);
        Assert.False(feed2.Failed);
        Assert.Equal(new CapacityLoad(940, 2944, 31.9, UtilizationStatus.Normal), feed2.After);

        var inlet2 = Assert.Single(result.Ports, p => p.PortId == ids.Pdu2Inlet);
        Assert.Equal((470, 850, 940, 1700), (inlet2.AllocatedWattsBefore, inlet2.MaximumWattsBefore, inlet2.AllocatedWattsAfter, inlet2.MaximumWattsAfter));
        var psu1 = Assert.Single(result.Ports, p => p.PortId == ids.ServerPsu1);
        Assert.Equal((350L, 600L, 0L, 0L), (psu1.AllocatedWattsBefore, psu1.MaximumWattsBefore, psu1.AllocatedWattsAfter, psu1.MaximumWattsAfter));

        var rack = Assert.Single(result.Racks);
        Assert.Equal((16.0, (double?)31.9), (rack.Before, rack.After));
        Assert.Equal(0, result.OverloadedFeeds);
    }

    [Fact]
    public void WhatIf_SeedFeed1FailsAllocated_Feed2Stays470()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var analysis = FailureAnalysis.For(PowerReport.Compute(inst));

        var result = analysis.WhatIf([Feed(ids.Feed1)], TransferRule.Allocated);

        Assert.Equal(2, result.DevicesDegraded);
        Assert.DoesNotContain(result.Feeds, f => f.FeedId == ids.Feed2); // unchanged: 470 VA, 16.0 %
        Assert.DoesNotContain(result.Ports, p => p.PortId == ids.Pdu2Inlet);
        Assert.Empty(result.Racks); // 470 / 2944 = 16.0 %, as before
    }

    // Panel 1 ✗ ─┬─ Feed 1 ── PDU1 ─┬─ Server, Router
    //            └─ Feed 2 ── PDU2 ─┘
    [Fact]
    public void WhatIf_SeedPanelFails_BothDevicesDown940WattsLost()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var analysis = FailureAnalysis.For(PowerReport.Compute(inst));

        var result = analysis.WhatIf([Panel(ids.Panel)]);

        Assert.Equal(2, result.DevicesDown);
        Assert.Equal(940, result.WattsLost);
        Assert.All(result.Feeds, f => Assert.True(f.Failed));
        var rack = Assert.Single(result.Racks);
        Assert.Null(rack.After);
    }

    // Feed 1 ── PDU1 ✗ ─┬─ Server PSU1   (PDU1 fails: Feed 1 loses its cable and carries nothing)
    // Feed 2 ── PDU2 ───┴─ Server PSU2
    [Fact]
    public void WhatIf_SeedPduFails_ItsFeedCarriesNothing()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var analysis = FailureAnalysis.For(PowerReport.Compute(inst));

        var result = analysis.WhatIf([Dev(ids.Pdu1)]);

        var feed1 = Assert.Single(result.Feeds, f => f.FeedId == ids.Feed1);
        Assert.False(feed1.Failed);
        Assert.Equal(new CapacityLoad(0, 2944, 0.0, UtilizationStatus.Normal), feed1.After);
        Assert.Equal(940, Assert.Single(result.Feeds, f => f.FeedId == ids.Feed2).After!.AllocatedVoltAmps);
        Assert.Empty(result.Racks); // (0 + 940) / 5888 = 16.0 %, as before: not listed
    }

    [Fact]
    public void Resilience_Seed_ServerAndRouterPartialWithPanel1AsSinglePoint()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var resilience = FailureAnalysis.For(PowerReport.Compute(inst)).Resilience();

        Assert.Equal([ids.Server, ids.Router], resilience.Devices.Select(d => d.DeviceId));
        Assert.All(resilience.Devices, d =>
        {
            Assert.Equal(RedundancyLevel.Partial, d.Redundancy);
            Assert.Equal(2, d.LivePorts);
            Assert.Equal([Panel(ids.Panel)], d.SinglePointsOfFailure);
        });
        var spof = Assert.Single(resilience.SinglePointsOfFailure);
        Assert.Equal((Panel(ids.Panel), 2, 940L), (spof.Element, spof.DevicesDown, spof.WattsLost));
    }

    [Fact]
    public void Resilience_Seed_N1HeadroomOfFeedsAndRack()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var resilience = FailureAnalysis.For(PowerReport.Compute(inst)).Resilience();

        var feed2 = Assert.Single(resilience.Feeds, f => f.FeedId == ids.Feed2);
        Assert.Equal((2944L, 470L), (feed2.AvailableVoltAmps, feed2.AllocatedVoltAmps));
        Assert.Equal(new CapacityLoad(940, 2944, 31.9, UtilizationStatus.Normal), feed2.N1);
        Assert.Contains(feed2.Cause, new FailureElement?[] { Feed(ids.Feed1), Dev(ids.Pdu1) }); // a tie: either may be named
        var rack = Assert.Single(resilience.Racks);
        Assert.Equal((16.0, 31.9), (rack.Utilization, rack.N1Utilization));
        Assert.Contains(rack.Cause, new FailureElement?[] { Feed(ids.Feed1), Feed(ids.Feed2) });
    }

    // Panel A ── Feed A ── PDU-A ─┐
    // Panel B ── Feed B ── PDU-B ─┴─ Server PSU1/PSU2 (2N: nothing but the server itself takes it down)
    [Fact]
    public void Resilience_TwoNRack_Full()
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R1");
        var (pa, pb) = (b.Panel("Panel A"), b.Panel("Panel B"));
        var (fa, fb) = (b.Feed(pa, "Feed A", 230, 16, rack: rack), b.Feed(pb, "Feed B", 230, 16, rack: rack));
        var (duA, duB) = (b.Pdu("PDU-A", 2, rack), b.Pdu("PDU-B", 2, rack));
        var server = b.Device("Server", rack: rack);
        b.Cable(fa, duA.Inlet);
        b.Cable(fb, duB.Inlet);
        b.Cable(duA.Outlets[0], b.Port(server, "PSU1", 300, 500));
        b.Cable(duB.Outlets[0], b.Port(server, "PSU2", 300, 500));
        var resilience = FailureAnalysis.For(PowerReport.Compute(b.Build())).Resilience();

        var device = Assert.Single(resilience.Devices);
        Assert.Equal(RedundancyLevel.Full, device.Redundancy);
        Assert.Empty(device.SinglePointsOfFailure);
        Assert.Empty(resilience.SinglePointsOfFailure);
    }

    // Feed 1 ── PDU ── Switch PSU (single-corded: none; feed, panel and PDU are its single points)
    [Fact]
    public void Resilience_SingleCordedDevice_NoneWithEveryUpstreamElement()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("Panel 1");
        var feed = b.Feed(panel, "Feed 1");
        var pdu = b.Pdu("PDU", 2);
        var sw = b.Device("Switch");
        b.Cable(feed, pdu.Inlet);
        b.Cable(pdu.Outlets[0], b.Port(sw, "PSU", 100, 150));
        var resilience = FailureAnalysis.For(PowerReport.Compute(b.Build())).Resilience();

        var device = Assert.Single(resilience.Devices);
        Assert.Equal(RedundancyLevel.None, device.Redundancy);
        Assert.Equal([Panel(panel.Id), Feed(feed.Id), Dev(pdu.Device.Id)], device.SinglePointsOfFailure);
    }

    // Feed A ── PDU-A ─┬─ PSU1 (the three PSUs of an N+1 server: 701 W over three, then over two)
    //                  └─ PSU2
    // Feed B ── PDU-B ─── PSU3
    [Fact]
    public void WhatIf_NPlusOneOddSum_SplitsWithHalfEvenRounding()
    {
        var b = new TopologyBuilder();
        var (pa, pb) = (b.Panel("Panel A"), b.Panel("Panel B"));
        var (fa, fb) = (b.Feed(pa, "Feed A", 230, 16), b.Feed(pb, "Feed B", 230, 16));
        var (duA, duB) = (b.Pdu("PDU-A", 2), b.Pdu("PDU-B", 2));
        var server = b.Device("Server");
        b.Cable(fa, duA.Inlet);
        b.Cable(fb, duB.Inlet);
        var psu1 = b.Port(server, "PSU1", 234, 400);
        var psu2 = b.Port(server, "PSU2", 234, 400);
        var psu3 = b.Port(server, "PSU3", 233, 401);
        b.Cable(duA.Outlets[0], psu1);
        b.Cable(duA.Outlets[1], psu2);
        b.Cable(duB.Outlets[0], psu3);
        var analysis = FailureAnalysis.For(PowerReport.Compute(b.Build()));

        var result = analysis.WhatIf([Feed(fa.Id)]);

        // A = 701, M = 1201, n = 1: the survivor takes it all.
        Assert.Equal(701, Assert.Single(result.Feeds, f => f.FeedId == fb.Id).After!.AllocatedVoltAmps);
        var onB = analysis.WhatIf([Feed(fb.Id)]);
        // n = 2: round(350.5) = 350, round(600.5) = 600 (half to even) on each of PSU1 and PSU2.
        Assert.Equal(700, Assert.Single(onB.Feeds, f => f.FeedId == fa.Id).After!.AllocatedVoltAmps);
        Assert.Equal((350L, 600L), onB.Ports.Where(p => p.PortId == psu1.Id).Select(p => (p.AllocatedWattsAfter, p.MaximumWattsAfter)).Single());
        Assert.Equal(RedundancyLevel.Full, Assert.Single(analysis.Resilience().Devices).Redundancy);
    }

    // Feed 1 ── UPS ── PDU-1 ── PDU-2 ── Server PSU1   (a cascade; the server's PSU2 on Feed 2)
    // Feed 2 ── PDU-3 ───────────────── Server PSU2
    [Fact]
    public void WhatIf_Cascade_MiddlePduFailureMovesLoadAndEmptiesUpstream()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("Panel 1");
        var (f1, f2) = (b.Feed(panel, "Feed 1", 230, 16), b.Feed(panel, "Feed 2", 230, 16));
        var ups = b.Pdu("UPS", 2);
        var pdu1 = b.Pdu("PDU-1", 2);
        var pdu2 = b.Pdu("PDU-2", 2);
        var pdu3 = b.Pdu("PDU-3", 2);
        var server = b.Device("Server");
        b.Cable(f1, ups.Inlet);
        b.Cable(ups.Outlets[0], pdu1.Inlet);
        b.Cable(pdu1.Outlets[0], pdu2.Inlet);
        b.Cable(pdu2.Outlets[0], b.Port(server, "PSU1", 400, 500));
        b.Cable(f2, pdu3.Inlet);
        b.Cable(pdu3.Outlets[0], b.Port(server, "PSU2", 400, 500));
        var analysis = FailureAnalysis.For(PowerReport.Compute(b.Build()));

        var result = analysis.WhatIf([Dev(pdu1.Device.Id)]);

        Assert.Equal(DeviceFailureState.Degraded, Assert.Single(result.Devices).State);
        Assert.Equal(0, result.Feeds.Single(f => f.FeedId == f1.Id).After!.AllocatedVoltAmps);
        Assert.Equal(800, result.Feeds.Single(f => f.FeedId == f2.Id).After!.AllocatedVoltAmps);
        Assert.Equal(0, result.Ports.Single(p => p.PortId == ups.Inlet.Id).AllocatedWattsAfter);
        var resilience = analysis.Resilience();
        Assert.Equal([Panel(panel.Id)], Assert.Single(resilience.Devices).SinglePointsOfFailure);
    }

    // Feed 1 ── PDU-A ─ PSU1 ┐ both PDUs on one feed: the feed is a single point, and the device is partial
    //        └─ (PDU-A Outlet 2 ── PDU-B) ─ PSU2 ┘
    [Fact]
    public void Resilience_TwoPsusOnTwoPdusSharingOneFeed_FeedIsASinglePoint()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("Panel 1");
        var feed = b.Feed(panel, "Feed 1", 230, 16);
        var pduA = b.Pdu("PDU-A", 2);
        var pduB = b.Pdu("PDU-B", 2);
        var server = b.Device("Server");
        b.Cable(feed, pduA.Inlet);
        b.Cable(pduA.Outlets[1], pduB.Inlet);
        b.Cable(pduA.Outlets[0], b.Port(server, "PSU1", 200, 300));
        b.Cable(pduB.Outlets[0], b.Port(server, "PSU2", 200, 300));
        var resilience = FailureAnalysis.For(PowerReport.Compute(b.Build())).Resilience();

        var device = Assert.Single(resilience.Devices);
        Assert.Equal(RedundancyLevel.Partial, device.Redundancy);
        Assert.Equal([Panel(panel.Id), Feed(feed.Id), Dev(pduA.Device.Id)], device.SinglePointsOfFailure);
    }

    // Feed 1 ── PDU-A ⇄ PDU-B (each feeds the other: a loop) ── Server PSU1; Feed 2 ── PDU-C ── PSU2
    [Fact]
    public void WhatIf_Loop_TerminatesAndMatchesTheFullEngine()
    {
        var b = new TopologyBuilder();
        var panel = b.Panel("Panel 1");
        var (f1, f2) = (b.Feed(panel, "Feed 1", 230, 16), b.Feed(panel, "Feed 2", 230, 16));
        var pduA = b.Pdu("PDU-A", 2);
        var pduB = b.Device("PDU-B", role: "pdu");
        var inB1 = b.Port(pduB, "Inlet 1");
        var inB2 = b.Port(pduB, "Inlet 2");
        var outB = b.Outlets(pduB, inB1, 2);
        var pduC = b.Pdu("PDU-C", 2);
        var server = b.Device("Server");
        b.Cable(f1, pduA.Inlet);
        b.Cable(pduA.Outlets[0], inB1);
        b.Cable(outB[0], inB2); // the outlet feeds its own device's second inlet, whose outlets…
        b.Cable(outB[1], b.Port(server, "PSU1", 300, 400));
        b.Cable(f2, pduC.Inlet);
        b.Cable(pduC.Outlets[0], b.Port(server, "PSU2", 300, 400));
        var analysis = FailureAnalysis.For(PowerReport.Compute(b.Build()));

        foreach (var failed in new[] { Feed(f1.Id), Feed(f2.Id), Dev(pduA.Device.Id), Dev(pduB.Id), Panel(panel.Id) })
        {
            AssertSame(analysis.WhatIf([failed], forceExact: true), analysis.WhatIf([failed]));
        }
        Assert.Equal(600, analysis.WhatIf([Feed(f2.Id)]).Feeds.Single(f => f.FeedId == f1.Id).After!.AllocatedVoltAmps);
    }

    // Rack R1: Feed A 2944 VA at 60 %, Feed B 2944 VA at 60 %: each alone 120 % after the other fails
    [Fact]
    public void WhatIf_OverloadOnlyAfterFailover_IsCountedAndTheN1Shows120()
    {
        var b = new TopologyBuilder();
        var rack = b.Rack("R1");
        var (pa, pb) = (b.Panel("Panel A"), b.Panel("Panel B"));
        var (fa, fb) = (b.Feed(pa, "Feed A", 230, 16, rack: rack), b.Feed(pb, "Feed B", 230, 16, rack: rack));
        var (duA, duB) = (b.Pdu("PDU-A", 4, rack), b.Pdu("PDU-B", 4, rack));
        b.Cable(fa, duA.Inlet);
        b.Cable(fb, duB.Inlet);
        for (int i = 0; i < 2; i++)
        {
            var s = b.Device($"Server {i + 1}", rack: rack);
            b.Cable(duA.Outlets[i], b.Port(s, "PSU1", 883, 1000));
            b.Cable(duB.Outlets[i], b.Port(s, "PSU2", 883, 1000));
        }
        var analysis = FailureAnalysis.For(PowerReport.Compute(b.Build()));

        var result = analysis.WhatIf([Feed(fa.Id)]);

        Assert.Equal(1, result.OverloadedFeeds);
        Assert.Equal(new CapacityLoad(3532, 2944, 120.0, UtilizationStatus.Danger), result.Feeds.Single(f => f.FeedId == fb.Id).After);
        var headroom = analysis.Resilience().Feeds.Single(f => f.FeedId == fb.Id);
        Assert.Equal((120.0, (FailureElement?)Panel(pa.Id)), (headroom.N1.Percent, headroom.Cause)); // the panel comes first in the sweep
        Assert.Equal(120.0, Assert.Single(analysis.Resilience().Racks).N1Utilization);
    }

    // Two failed at once: Feed 1 and PDU2 — both of the seed's paths are gone.
    [Fact]
    public void WhatIf_TwoFailedElements_DevicesDown()
    {
        var (inst, ids) = TopologyBuilder.Seed();
        var analysis = FailureAnalysis.For(PowerReport.Compute(inst));

        var result = analysis.WhatIf([Feed(ids.Feed1), Dev(ids.Pdu2)]);

        Assert.Equal(2, result.DevicesDown);
        Assert.Equal(940, result.WattsLost);
        Assert.Equal(0, result.Feeds.Single(f => f.FeedId == ids.Feed2).After!.AllocatedVoltAmps);
    }

    [Fact]
    public void For_SameReport_ReturnsTheCachedAnalysis()
    {
        var report = PowerReport.Compute(TopologyBuilder.Seed().Inst);
        Assert.Same(FailureAnalysis.For(report), FailureAnalysis.For(report));
    }

    private static readonly Gen<(int Seed, int[] Picks, bool Split)> FailureCase =
        Gen.Select(Gen.Int[1, 10_000], Gen.Int[0, int.MaxValue].Array[0, 3], Gen.Bool);

    private static readonly Lazy<Installation> Generated = new(() => InstallationGenerator.Generate(InstallationSize.S, seed: 11));

    [Fact]
    public void WhatIf_NothingFailed_ChangesNothingAndKeepsTheParityNumbers()
    {
        Gen.Int[1, 10_000].Sample(seed =>
        {
            var inst = RandomTopology(seed);
            var report = PowerReport.Compute(inst);
            var analysis = FailureAnalysis.For(report);
            foreach (var exact in new[] { false, true })
            {
                var result = analysis.WhatIf([], forceExact: exact);
                Assert.Empty(result.Devices);
                Assert.Empty(result.Feeds);
                Assert.Empty(result.Ports);
                Assert.Empty(result.Racks);
            }
        }, iter: 60);
    }

    [Fact]
    public void WhatIf_LocalPath_EqualsTheFullEngineOnTheChangedGraph()
    {
        FailureCase.Sample(c =>
        {
            var inst = c.Seed % 3 == 0 ? Generated.Value : RandomTopology(c.Seed);
            var analysis = FailureAnalysis.For(PowerReport.Compute(inst));
            var failed = Pick(inst, c.Picks);
            var transfer = c.Split ? TransferRule.Split : TransferRule.Allocated;
            AssertSame(analysis.WhatIf(failed, transfer, forceExact: true), analysis.WhatIf(failed, transfer));
        }, iter: 150);
    }

    [Fact]
    public void WhatIf_LoadOnLiveFeeds_NeverExceedsTheLoadDevicesTotal()
    {
        FailureCase.Sample(c =>
        {
            var inst = InstallationGenerator.Generate(InstallationSize.S, seed: c.Seed);
            var report = PowerReport.Compute(inst);
            var analysis = FailureAnalysis.For(report);
            var result = analysis.WhatIf(Pick(inst, c.Picks), c.Split ? TransferRule.Split : TransferRule.Allocated);
            var after = result.Ports.ToDictionary(p => p.PortId, p => p.AllocatedWattsAfter);
            long devicesTotal = inst.PowerPorts.Where(p => p.AllocatedDrawWatts is not null || p.MaximumDrawWatts is not null)
                .Sum(p => after.TryGetValue(p.Id, out var a) ? a : p.AllocatedDrawWatts ?? 0);
            var feedAfter = result.Feeds.ToDictionary(f => f.FeedId, f => f.After?.AllocatedVoltAmps ?? 0);
            long onFeeds = inst.PowerFeeds.Sum(f => feedAfter.TryGetValue(f.Id, out var a) ? a : report.Feed(f.Id)!.Utilization?.AllocatedVoltAmps ?? 0);
            Assert.True(onFeeds <= devicesTotal, $"{onFeeds} VA on feeds > {devicesTotal} W of load devices");
        }, iter: 40);
    }

    [Fact]
    public void WhatIf_DeviceDown_IffNoLivePathRemains()
    {
        FailureCase.Sample(c =>
        {
            var inst = c.Seed % 2 == 0 ? Generated.Value : RandomTopology(c.Seed);
            var analysis = FailureAnalysis.For(PowerReport.Compute(inst));
            var failed = Pick(inst, c.Picks);
            var result = analysis.WhatIf(failed);
            var live = LivePortsFromScratch(inst, failed);
            var liveBefore = LivePortsFromScratch(inst, []);
            foreach (var device in inst.Devices)
            {
                var manual = inst.PowerPorts.Where(p => p.DeviceId == device.Id && (p.AllocatedDrawWatts is not null || p.MaximumDrawWatts is not null)).ToList();
                int before = manual.Count(p => liveBefore.Contains(p.Id));
                int afterCount = manual.Count(p => liveBefore.Contains(p.Id) && live.Contains(p.Id));
                var impact = result.Devices.SingleOrDefault(d => d.DeviceId == device.Id);
                var expected = before == 0 || afterCount == before ? DeviceFailureState.Unaffected
                    : afterCount == 0 ? DeviceFailureState.Down : DeviceFailureState.Degraded;
                Assert.Equal(expected, impact?.State ?? DeviceFailureState.Unaffected);
            }
        }, iter: 100);
    }

    [Fact]
    public void Resilience_GeneratedSite_MatchesOneWhatIfPerElement()
    {
        var inst = InstallationGenerator.Generate(InstallationSize.S, seed: 5);
        var analysis = FailureAnalysis.For(PowerReport.Compute(inst));
        var resilience = analysis.Resilience();

        foreach (var spof in resilience.SinglePointsOfFailure)
        {
            var result = analysis.WhatIf([spof.Element], forceExact: true);
            Assert.Equal((result.DevicesDown, result.WattsLost), (spof.DevicesDown, spof.WattsLost));
        }
        foreach (var feed in resilience.Feeds.Where(f => f.Cause is not null))
        {
            var result = analysis.WhatIf([feed.Cause!.Value], forceExact: true);
            Assert.Equal(feed.N1, result.Feeds.Single(f => f.FeedId == feed.FeedId).After);
            Assert.True(feed.N1.AllocatedVoltAmps > feed.AllocatedVoltAmps);
        }
        Assert.Contains(resilience.Devices, d => d.Redundancy == RedundancyLevel.Full);
        Assert.True(resilience.SinglePointsOfFailure.Zip(resilience.SinglePointsOfFailure.Skip(1)).All(p => p.First.WattsLost >= p.Second.WattsLost));
    }

    [Fact]
    public void Resilience_N1_IsTheLargestLoadOfAnySingleFailureOfTheSite()
    {
        Gen.Int[1, 10_000].Sample(seed =>
        {
            var inst = RandomTopology(seed);
            var report = PowerReport.Compute(inst);
            var analysis = FailureAnalysis.For(report);
            var resilience = analysis.Resilience();
            var elements = inst.PowerPanels.Select(p => Panel(p.Id)).Concat(inst.PowerFeeds.Select(f => Feed(f.Id)))
                .Concat(inst.Devices.Where(d => inst.PowerOutlets.Any(o => o.DeviceId == d.Id)).Select(d => Dev(d.Id))).ToList();
            var expected = inst.PowerFeeds.ToDictionary(f => f.Id, f => report.Feed(f.Id)!.Utilization?.AllocatedVoltAmps ?? 0);
            var expectedRack = inst.Racks.ToDictionary(r => r.Id, r => report.RackUtilization(r.Id));
            var down = new Dictionary<int, List<FailureElement>>();
            foreach (var e in elements)
            {
                var result = analysis.WhatIf([e], forceExact: true);
                foreach (var f in result.Feeds.Where(f => f.After is not null))
                {
                    expected[f.FeedId] = Math.Max(expected[f.FeedId], f.After!.AllocatedVoltAmps);
                }
                foreach (var r in result.Racks.Where(r => r.After is not null))
                {
                    expectedRack[r.RackId] = Math.Max(expectedRack[r.RackId], r.After!.Value);
                }
                foreach (var d in result.Devices.Where(d => d.State == DeviceFailureState.Down && !(e.Kind == FailureElementKind.Device && e.Id == d.DeviceId)))
                {
                    (down.TryGetValue(d.DeviceId, out var l) ? l : down[d.DeviceId] = []).Add(e);
                }
            }
            Assert.Equal(expected, resilience.Feeds.ToDictionary(f => f.FeedId, f => f.N1.AllocatedVoltAmps));
            Assert.Equal(expectedRack, resilience.Racks.ToDictionary(r => r.RackId, r => r.N1Utilization));
            foreach (var d in resilience.Devices)
            {
                Assert.Equal(down.GetValueOrDefault(d.DeviceId) ?? [], d.SinglePointsOfFailure);
            }
        }, iter: 60);
    }

    private static void AssertSame(WhatIfResult expected, WhatIfResult actual)
    {
        Assert.Equal(expected.Devices, actual.Devices);
        Assert.Equal(expected.Feeds, actual.Feeds);
        Assert.Equal(expected.Ports, actual.Ports);
        Assert.Equal(expected.Racks, actual.Racks);
        Assert.Equal((expected.DevicesDown, expected.DevicesDegraded, expected.WattsLost, expected.OverloadedFeeds),
            (actual.DevicesDown, actual.DevicesDegraded, actual.WattsLost, actual.OverloadedFeeds));
    }

    private static List<FailureElement> Pick(Installation inst, int[] picks)
    {
        var all = inst.PowerPanels.Select(x => Panel(x.Id))
            .Concat(inst.PowerFeeds.Select(x => Feed(x.Id)))
            .Concat(inst.Devices.Select(x => Dev(x.Id)))
            .Concat(inst.PowerPorts.Select(x => new FailureElement(FailureElementKind.PowerPort, x.Id)))
            .Concat(inst.PowerOutlets.Select(x => new FailureElement(FailureElementKind.PowerOutlet, x.Id)))
            .ToList();
        return [.. picks.Select(p => all[p % all.Count])];
    }

    /// <summary>analysis.md §1 "live" from its definition: a walk up from each port, never revisiting one.</summary>
    private static HashSet<int> LivePortsFromScratch(Installation inst, IReadOnlyList<FailureElement> failed)
    {
        var failedFeeds = new HashSet<int>(failed.Where(e => e.Kind == FailureElementKind.PowerFeed).Select(e => e.Id)
            .Concat(inst.PowerFeeds.Where(f => failed.Contains(Panel(f.PowerPanelId))).Select(f => f.Id)));
        var failedPorts = new HashSet<int>(failed.Where(e => e.Kind == FailureElementKind.PowerPort).Select(e => e.Id)
            .Concat(inst.PowerPorts.Where(p => failed.Contains(Dev(p.DeviceId))).Select(p => p.Id)));
        var failedOutlets = new HashSet<int>(failed.Where(e => e.Kind == FailureElementKind.PowerOutlet).Select(e => e.Id)
            .Concat(inst.PowerOutlets.Where(o => failed.Contains(Dev(o.DeviceId))).Select(o => o.Id)));
        bool Removed(Cable c) => c.Terminations.Any(t =>
            (t.Kind == TerminationKind.PowerFeed && failedFeeds.Contains(t.ObjectId)) ||
            (t.Kind == TerminationKind.PowerPort && failedPorts.Contains(t.ObjectId)) ||
            (t.Kind == TerminationKind.PowerOutlet && failedOutlets.Contains(t.ObjectId)));

        bool Live(int portId, HashSet<int> chain)
        {
            if (!chain.Add(portId) || !inst.CableOf.TryGetValue((TerminationKind.PowerPort, portId), out var link) || Removed(link.Cable))
            {
                return false;
            }
            foreach (var t in link.Cable.Terminations.Where(t => t.End != link.End))
            {
                if (t.Kind == TerminationKind.PowerFeed)
                {
                    return true;
                }
                if (t.Kind == TerminationKind.PowerOutlet && inst.OutletById[t.ObjectId].PowerPortId is { } owner && Live(owner, new HashSet<int>(chain)))
                {
                    return true;
                }
            }
            return false;
        }
        return [.. inst.PowerPorts.Where(p => Live(p.Id, [])).Select(p => p.Id)];
    }

    /// <summary>
    /// A small random installation: panels, feeds (some in racks), PDUs with one or two inlets, servers with one to three
    /// PSUs (some without draws), and random cables, including cascades, loops and outlets on their own device.
    /// </summary>
    private static Installation RandomTopology(int seed)
    {
        var random = new Random(seed);
        var b = new TopologyBuilder();
        var racks = Enumerable.Range(0, random.Next(1, 3)).Select(i => b.Rack($"R{i}")).ToList();
        var panels = Enumerable.Range(0, random.Next(1, 3)).Select(i => b.Panel($"P{i}")).ToList();
        var feeds = Enumerable.Range(0, random.Next(1, 5))
            .Select(i => b.Feed(panels[random.Next(panels.Count)], $"F{i}", 230, random.Next(1, 33), rack: random.Next(3) == 0 ? null : racks[random.Next(racks.Count)]))
            .ToList();
        var inlets = new List<PowerPort>();
        var outlets = new List<PowerOutlet>();
        for (int i = 0; i < random.Next(1, 5); i++)
        {
            var pdu = b.Device($"PDU{i}", role: "pdu");
            for (int k = 0; k < random.Next(1, 3); k++)
            {
                var inlet = random.Next(6) == 0 ? b.Port(pdu, $"Inlet {k}", random.Next(1, 900), null) : b.Port(pdu, $"Inlet {k}");
                inlets.Add(inlet);
                for (int o = 0; o < random.Next(1, 4); o++)
                {
                    outlets.Add(b.Outlet(pdu, $"Outlet {k}.{o}", random.Next(8) == 0 ? null : inlet));
                }
            }
        }
        var psus = new List<PowerPort>();
        for (int i = 0; i < random.Next(1, 5); i++)
        {
            var server = b.Device($"S{i}");
            for (int k = 0; k < random.Next(1, 4); k++)
            {
                int allocated = random.Next(1, 800);
                psus.Add(random.Next(8) == 0 ? b.Port(server, $"PSU{k}") : b.Port(server, $"PSU{k}", allocated, allocated + random.Next(0, 300)));
            }
        }
        var freePorts = inlets.Concat(psus).OrderBy(_ => random.Next()).ToList();
        var freeFeeds = feeds.OrderBy(_ => random.Next()).ToList();
        var freeOutlets = outlets.OrderBy(_ => random.Next()).ToList();
        foreach (var port in freePorts)
        {
            int choice = random.Next(10);
            if (choice < 3 && freeFeeds.Count > 0)
            {
                b.Cable(freeFeeds[^1], port);
                freeFeeds.RemoveAt(freeFeeds.Count - 1);
            }
            else if (choice < 9 && freeOutlets.Count > 0)
            {
                b.Cable(freeOutlets[^1], port);
                freeOutlets.RemoveAt(freeOutlets.Count - 1);
            }
        }
        return b.Build();
    }
}

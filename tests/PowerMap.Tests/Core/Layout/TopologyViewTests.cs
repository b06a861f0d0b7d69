using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;

namespace PowerMap.Tests.Core.Layout;

public class TopologyViewTests
{
    // Panel 1 → Feed 1/Feed 2 → PDU1/PDU2 → Server, Router (each on both PDUs)
    // Panel 1 ─┬─ "Feed 1" (type redundant) ── PDU1 ── Server PSU1
    //          └─ "Feed 2" (type primary)   ── PDU2 ── Server PSU2   (the side is the type, never the name order)
    [Fact]
    public void Build_FeedSides_ComeFromTheTypeNotTheNameOrder()
    {
        var b = new LayoutTopologyBuilder();
        int site = b.Site("DC1");
        int panel = b.Panel(site, "Panel 1");
        int feed1 = b.Feed(panel, "Feed 1", type: "redundant");
        int feed2 = b.Feed(panel, "Feed 2");

        var view = TopologyView.Build(b.Build());

        Assert.Equal("B", view.Nodes.Single(n => n.Id == "feed:" + feed1).Side);
        Assert.Equal("A", view.Nodes.Single(n => n.Id == "feed:" + feed2).Side);
    }

    [Fact]
    public void Build_SeedExample_ShowsEveryNodeAndTwoEdgesPerDevice()
    {
        var seed = LayoutTopologies.SeedExample();

        var view = TopologyView.Build(seed.Installation);

        Assert.True(view.IsFullyExpanded);
        Assert.False(view.Truncated);
        Assert.Equal(
            ["panel:" + seed.Panel, "feed:" + seed.Feed1, "feed:" + seed.Feed2, "device:" + seed.Pdu1, "device:" + seed.Pdu2, "device:" + seed.Router, "device:" + seed.Server],
            view.Nodes.Select(n => n.Id));
        Assert.Equal([NodeKind.Panel, NodeKind.Feed, NodeKind.Feed, NodeKind.Distribution, NodeKind.Distribution, NodeKind.Device, NodeKind.Device], view.Nodes.Select(n => n.Kind));
        Assert.Equal([0, 1, 1, 2, 2, 3, 3], view.Nodes.Select(n => n.Tier));
        Assert.Equal(8, view.Edges.Count);
        foreach (var device in new[] { seed.Server, seed.Router })
        {
            var incoming = view.Edges.Where(e => e.To == "device:" + device).ToList();
            Assert.Equal(["device:" + seed.Pdu1, "device:" + seed.Pdu2], incoming.Select(e => e.From));
            Assert.Equal(["A", "B"], incoming.Select(e => e.Side));
            Assert.All(incoming, e => Assert.NotNull(e.PortId));
        }
        Assert.Contains(view.Edges, e => e.From == "panel:" + seed.Panel && e.To == "feed:" + seed.Feed2 && e.Side == "B" && e.PortId is null);
        Assert.Contains(view.Edges, e => e.From == "feed:" + seed.Feed1 && e.To == "device:" + seed.Pdu1);
    }

    // PDU1 ─ ─ ─▶ Server: the edge of the planned cable says so (the Server itself stays active); the others do not.
    [Fact]
    public void Build_PlannedCable_MarksOnlyItsEdge()
    {
        var seed = LayoutTopologies.SeedExample();
        var inst = seed.Installation;
        var port = inst.PowerPorts.First(p => p.DeviceId == seed.Server);
        inst.CableOf[(TerminationKind.PowerPort, port.Id)].Cable.Status = "planned";

        var view = TopologyView.Build(inst);

        var planned = Assert.Single(view.Edges, e => e.Planned);
        Assert.Equal(port.Id, planned.PortId);
        Assert.Equal("device:" + seed.Server, planned.To);
    }

    [Fact]
    public void Build_SeedExampleWithReport_CarriesLoadsInWatts()
    {
        var seed = LayoutTopologies.SeedExample();
        var report = PowerReport.Compute(seed.Installation);

        var view = TopologyView.Build(seed.Installation, null, report);

        var byId = view.Nodes.ToDictionary(n => n.Id);
        Assert.Equal(940, byId["panel:" + seed.Panel].AllocatedWatts);
        Assert.Equal(470, byId["feed:" + seed.Feed1].AllocatedWatts);
        Assert.Equal(470, byId["device:" + seed.Pdu2].AllocatedWatts);
        Assert.Equal(700, byId["device:" + seed.Server].AllocatedWatts);
        Assert.Equal(2, byId["device:" + seed.Pdu1].DeviceCount);
        Assert.Equal(2, byId["panel:" + seed.Panel].DistributionCount);
        Assert.Equal(350, view.Edges.Single(e => e.From == "device:" + seed.Pdu1 && e.To == "device:" + seed.Server).AllocatedWatts);
        Assert.Equal(470, view.Edges.Single(e => e.To == "feed:" + seed.Feed1).AllocatedWatts);
    }

    [Fact]
    public void Build_WithoutReport_LeavesLoadsNull()
    {
        var view = TopologyView.Build(LayoutTopologies.SeedExample().Installation);

        Assert.All(view.Nodes, n => Assert.Null(n.AllocatedWatts));
        Assert.All(view.Edges, e => Assert.Null(e.AllocatedWatts));
    }

    // Panel ── Feed ── UPS ── PDU ── Server
    [Fact]
    public void Build_CascadeUpsPduServer_PutsPduOneTierBelowUps()
    {
        var cascade = LayoutTopologies.UpsPduServer();

        var view = TopologyView.Build(cascade.Installation);

        var byId = view.Nodes.ToDictionary(n => n.Id);
        Assert.Equal(2, byId["device:" + cascade.Ups].Tier);
        Assert.Equal(3, byId["device:" + cascade.Pdu].Tier);
        Assert.Equal(4, byId["device:" + cascade.Server].Tier);
        Assert.Contains(view.Edges, e => e.From == "device:" + cascade.Ups && e.To == "device:" + cascade.Pdu);
        Assert.All(view.Edges, e => Assert.True(byId[e.From].Tier < byId[e.To].Tier));
    }

    // 40 racks × (PDU A + PDU B) × 10 dual-corded servers = 400 devices > 150: collapsed overview
    [Fact]
    public void Build_LargeSite_DefaultsToPanelsFeedsPdusWithAggregates()
    {
        var row = LayoutTopologies.RowSite(40, 10);

        var view = TopologyView.Build(row.Installation, new TopologyViewOptions { SiteId = row.Site });

        Assert.False(view.Truncated);
        Assert.False(view.IsFullyExpanded);
        Assert.Equal(2 + 80 + 80 + 80, view.Nodes.Count);
        Assert.DoesNotContain(view.Nodes, n => n.Kind == NodeKind.Device);
        var aggregates = view.Nodes.Where(n => n.Kind == NodeKind.Aggregate).ToList();
        Assert.Equal(80, aggregates.Count);
        Assert.All(aggregates, a => Assert.Equal(10, a.DeviceCount));
        Assert.All(aggregates, a => Assert.Contains(view.Edges, e => e.From == a.ParentId && e.To == a.Id));
        Assert.All(view.Nodes.Where(n => n.Kind == NodeKind.Distribution), n => Assert.Equal(10, n.DeviceCount));
    }

    // 80 racks: with aggregates 2 + 160 + 160 + 160 = 482 > 400, without 322
    [Fact]
    public void Build_SiteTooBigForPduAggregates_ShowsPdusWithTheirDeviceCounts()
    {
        var row = LayoutTopologies.RowSite(80, 10);

        var view = TopologyView.Build(row.Installation);

        Assert.False(view.Truncated);
        Assert.Equal(2 + 160 + 160, view.Nodes.Count);
        var pdus = view.Nodes.Where(n => n.Kind == NodeKind.Distribution).ToList();
        Assert.Equal(160, pdus.Count);
        Assert.All(pdus, p => Assert.Equal(10, p.DeviceCount));
        Assert.All(pdus, p => Assert.False(p.IsExpanded));
    }

    [Theory]
    [InlineData(40, 10)]
    [InlineData(150, 20)]
    [InlineData(600, 20)]
    public void Build_AnySize_StaysWithinMaxNodes(int racks, int servers)
    {
        var row = LayoutTopologies.RowSite(racks, servers);

        var view = TopologyView.Build(row.Installation, new TopologyViewOptions { SiteId = row.Site, Expanded = ["rack:" + row.Racks[^1]] });

        Assert.InRange(view.Nodes.Count, 1, 400);
        Assert.False(view.Truncated);
        Assert.Equal(servers, view.Nodes.Count(n => n.Kind == NodeKind.Device && n.RackId == row.Racks[^1]));
        var ids = view.Nodes.Select(n => n.Id).ToHashSet();
        Assert.All(view.Edges, e => Assert.True(ids.Contains(e.From) && ids.Contains(e.To)));
    }

    [Theory]
    [InlineData(InstallationSize.S)]
    [InlineData(InstallationSize.M)]
    [InlineData(InstallationSize.L)]
    [InlineData(InstallationSize.XL)]
    public void Build_GeneratedInstallation_StaysWithinMaxNodesWithRoomForARackPair(InstallationSize size)
    {
        var inst = InstallationGenerator.Generate(size);
        var racks = inst.Racks.Take(2).Select(r => TopologyNodeId.Rack(r.Id)).ToList();

        var overview = TopologyView.Build(inst);
        var expanded = TopologyView.Build(inst, new TopologyViewOptions { Expanded = racks });

        Assert.InRange(overview.Nodes.Count, 1, 400);
        Assert.InRange(expanded.Nodes.Count, 1, 400);
        Assert.False(expanded.Truncated);
        Assert.Contains(expanded.Nodes, n => n.Kind == NodeKind.Device && n.RackId == inst.Racks[0].Id);
        var tiers = expanded.Nodes.ToDictionary(n => n.Id, n => n.Tier);
        Assert.All(expanded.Edges, e => Assert.True(tiers[e.From] < tiers[e.To]));
    }

    [Fact]
    public void Build_ExpandOnePdu_ShowsItsDevicesAndKeepsThemInTheOtherAggregate()
    {
        var row = LayoutTopologies.RowSite(40, 10);
        string pduA = "device:" + row.PduA[0], pduB = "device:" + row.PduB[0];

        var view = TopologyView.Build(row.Installation, new TopologyViewOptions { Expanded = [pduA] });

        var devices = view.Nodes.Where(n => n.Kind == NodeKind.Device).ToList();
        Assert.Equal(10, devices.Count);
        Assert.All(devices, d => Assert.Contains(view.Edges, e => e.From == pduA && e.To == d.Id));
        Assert.DoesNotContain(view.Edges, e => e.From == pduB && e.To.StartsWith("device:", StringComparison.Ordinal));
        Assert.DoesNotContain(view.Nodes, n => n.Id == TopologyNodeId.Aggregate(pduA));
        Assert.Equal(10, view.Nodes.Single(n => n.Id == TopologyNodeId.Aggregate(pduB)).DeviceCount);
        Assert.True(view.Nodes.Single(n => n.Id == pduA).IsExpanded);
        Assert.False(view.Nodes.Single(n => n.Id == pduB).IsExpanded);
    }

    [Fact]
    public void Build_ExpandBothPdusOfARack_DrawsBothEdgesOfEachServer()
    {
        var row = LayoutTopologies.RowSite(40, 10);

        var view = TopologyView.Build(row.Installation, new TopologyViewOptions { Expanded = ["device:" + row.PduA[3], TopologyNodeId.Aggregate("device:" + row.PduB[3])] });

        var devices = view.Nodes.Where(n => n.Kind == NodeKind.Device).ToList();
        Assert.Equal(10, devices.Count);
        Assert.All(devices, d => Assert.Equal(2, view.Edges.Count(e => e.To == d.Id)));
    }

    [Fact]
    public void Build_ExpandRack_ShowsTheRackDevicesUnderBothPdus()
    {
        var row = LayoutTopologies.RowSite(40, 10);

        var view = TopologyView.Build(row.Installation, new TopologyViewOptions { Expanded = [TopologyNodeId.Rack(row.Racks[5])] });

        var devices = view.Nodes.Where(n => n.Kind == NodeKind.Device).ToList();
        Assert.Equal(10, devices.Count);
        Assert.All(devices, d => Assert.Equal(row.Racks[5], d.RackId));
        Assert.All(devices, d => Assert.Equal(2, view.Edges.Count(e => e.To == d.Id)));
    }

    [Fact]
    public void Build_ExpansionsBeyondMaxNodes_KeepsTheEarliestAndSetsTruncated()
    {
        var row = LayoutTopologies.RowSite(40, 10);
        // Overview 242 nodes (within 260 − 18); each PDU expansion adds 10 devices and removes 1 aggregate.
        var options = new TopologyViewOptions
        {
            MaxNodes = 260,
            ExpansionReserve = 18,
            Expanded = ["device:" + row.PduA[0], "device:" + row.PduA[1], "device:" + row.PduA[2], "device:" + row.PduA[3]],
        };

        var view = TopologyView.Build(row.Installation, options);

        Assert.True(view.Truncated);
        Assert.Equal(260, view.Nodes.Count);
        Assert.True(view.Nodes.Single(n => n.Id == "device:" + row.PduA[0]).IsExpanded);
        Assert.True(view.Nodes.Single(n => n.Id == "device:" + row.PduA[1]).IsExpanded);
        Assert.False(view.Nodes.Single(n => n.Id == "device:" + row.PduA[2]).IsExpanded);
        Assert.False(view.Nodes.Single(n => n.Id == "device:" + row.PduA[3]).IsExpanded);
    }

    [Fact]
    public void Build_ExpansionsWithinMaxNodes_NotTruncated()
    {
        var row = LayoutTopologies.RowSite(40, 10);

        var view = TopologyView.Build(row.Installation, new TopologyViewOptions { Expanded = ["device:" + row.PduA[0], "no-such-key", "device:999999"] });

        Assert.False(view.Truncated);
        Assert.Equal(242 + 9, view.Nodes.Count);
    }

    [Fact]
    public void Build_PduBothExpandedAndCollapsed_ShowsTheOverviewAgain()
    {
        var row = LayoutTopologies.RowSite(40, 10);
        string pdu = "device:" + row.PduA[0];

        var overview = TopologyView.Build(row.Installation);
        var collapsedAgain = TopologyView.Build(row.Installation, new TopologyViewOptions { Expanded = [pdu], Collapsed = [pdu] });

        Assert.Equal(overview.Nodes, collapsedAgain.Nodes);
        Assert.Equal(overview.Edges, collapsedAgain.Edges);
    }

    [Fact]
    public void Build_CollapsedPduInSmallSite_AggregatesItsDevicesAndKeepsTheOtherEdges()
    {
        var seed = LayoutTopologies.SeedExample();
        string pdu1 = "device:" + seed.Pdu1;

        var view = TopologyView.Build(seed.Installation, new TopologyViewOptions { Collapsed = [pdu1] });

        Assert.False(view.IsFullyExpanded);
        var aggregate = view.Nodes.Single(n => n.Kind == NodeKind.Aggregate);
        Assert.Equal(TopologyNodeId.Aggregate(pdu1), aggregate.Id);
        Assert.Equal(2, aggregate.DeviceCount);
        Assert.Equal(3, aggregate.Tier);
        Assert.DoesNotContain(view.Edges, e => e.From == pdu1 && e.To != aggregate.Id);
        Assert.Contains(view.Edges, e => e.From == "device:" + seed.Pdu2 && e.To == "device:" + seed.Server);
    }

    [Fact]
    public void Build_MaxNodesBelowTheRoots_KeepsTheFirstPanelsWithTheirCountsAndSetsTruncated()
    {
        var row = LayoutTopologies.RowSite(3, 2);

        var view = TopologyView.Build(row.Installation, new TopologyViewOptions { MaxNodes = 1 });

        Assert.True(view.Truncated);
        var panel = Assert.Single(view.Nodes);
        Assert.Equal("Panel A", panel.Label);
        Assert.False(panel.IsExpanded);
        Assert.Equal(3, panel.FeedCount);
        Assert.Equal(3, panel.DistributionCount);
        Assert.Equal(6, panel.DeviceCount);
    }

    [Fact]
    public void Build_RoomForRootsOnly_ShowsPanelsWithTheirAggregates()
    {
        var row = LayoutTopologies.RowSite(3, 2);

        var view = TopologyView.Build(row.Installation, new TopologyViewOptions { MaxNodes = 8, ExpandAll = false });

        Assert.False(view.Truncated);
        Assert.Equal(["Panel A", "Panel B", "Panel A", "Panel B"], view.Nodes.Select(n => n.Label));
        var aggregate = view.Nodes[2];
        Assert.Equal(NodeKind.Aggregate, aggregate.Kind);
        Assert.Equal(1, aggregate.Tier);
        Assert.Equal(3, aggregate.FeedCount);
        Assert.Equal(6, aggregate.DeviceCount);
    }

    // 300 panels, each: feed → PDU → 4 servers (rack per panel). The roots alone fill the overview; the reserve
    // still lets the user open a rack.
    [Fact]
    public void Build_ManyPanels_LeavesRoomToExpandARack()
    {
        var b = new LayoutTopologyBuilder();
        int site = b.Site("DC9");
        int lastRack = 0;
        for (int i = 1; i <= 300; i++)
        {
            int panel = b.Panel(site, $"PP-{i:000}");
            lastRack = b.Rack(site, $"R{i:000}");
            int feed = b.Feed(panel, $"F-{i:000}", lastRack);
            var pdu = b.Distribution(site, lastRack, $"PDU-{i:000}", 4);
            b.CableFeed(feed, pdu.Inlet);
            for (int s = 0; s < 4; s++)
            {
                var server = b.Server(site, lastRack, $"S-{i:000}-{s}", ("PSU1", 100, 200));
                b.CableOutlet(pdu.Outlets[s], server.Ports[0]);
            }
        }

        var overview = TopologyView.Build(b.Build());
        var expanded = TopologyView.Build(b.Build(), new TopologyViewOptions { Expanded = [TopologyNodeId.Rack(lastRack)] });

        Assert.Equal(300, overview.Nodes.Count);
        Assert.All(overview.Nodes, n => Assert.Equal(NodeKind.Panel, n.Kind));
        Assert.False(expanded.Truncated);
        Assert.InRange(expanded.Nodes.Count, 301, 400);
        Assert.Equal(4, expanded.Nodes.Count(n => n.Kind == NodeKind.Device && n.RackId == lastRack));
    }

    [Fact]
    public void Build_SiteFilter_ShowsOnlyThatSite()
    {
        var seed = LayoutTopologies.SeedExample();

        var view = TopologyView.Build(seed.Installation, new TopologyViewOptions { SiteId = seed.Site + 1000 });

        Assert.Empty(view.Nodes);
        Assert.Empty(view.Edges);
    }

    [Fact]
    public void Build_Twice_GivesTheSameNodesAndEdges()
    {
        var row = LayoutTopologies.RowSite(30, 8);
        var options = new TopologyViewOptions { Expanded = ["device:" + row.PduB[7], "rack:" + row.Racks[2]] };

        var first = TopologyView.Build(row.Installation, options);
        var second = TopologyView.Build(row.Installation, options);

        Assert.Equal(first.Nodes, second.Nodes);
        Assert.Equal(first.Edges, second.Edges);
    }

    // The generated M site: "collapse all" is the panels with an aggregate each; "expand all" (1,098 nodes) opens whole
    // racks in natural order until the 400-node budget, beyond the overview.
    [Fact]
    public void Build_GeneratedSite_CollapseAllIsThePanelsAndExpandAllFillsTheBudgetRackByRack()
    {
        var installation = PowerMap.Core.Data.InstallationGenerator.Generate(PowerMap.Core.Data.InstallationSize.M);

        var overview = TopologyView.Build(installation);
        var collapsed = TopologyView.Build(installation, new TopologyViewOptions { ExpandAll = false });
        var expanded = TopologyView.Build(installation, new TopologyViewOptions { ExpandAll = true });

        Assert.All(collapsed.Nodes, n => Assert.True(n.Kind is NodeKind.Panel || (n.Kind == NodeKind.Aggregate && n.ParentId!.StartsWith("panel:", StringComparison.Ordinal)), n.Id));
        Assert.Equal(collapsed.Nodes.Count(n => n.Kind == NodeKind.Panel), collapsed.Nodes.Count(n => n.Kind == NodeKind.Aggregate));
        Assert.True(expanded.Truncated);
        Assert.InRange(expanded.Nodes.Count, overview.Nodes.Count + 1, 400);
        var firstRack = installation.Racks.OrderBy(r => r.Name, PowerMap.Core.Dcim.NaturalComparer.Instance).First();
        int devicesInFirstRack = installation.Devices.Count(d => d.RackId == firstRack.Id);
        Assert.Equal(devicesInFirstRack, expanded.Nodes.Count(n => n.RackId == firstRack.Id && n.Kind is NodeKind.Device or NodeKind.Distribution));
    }
}

using PowerMap.Core.Layout;

namespace PowerMap.Tests.Core.Layout;

public class TopologyLayoutTests
{
    public static TheoryData<string> Views => ["seed", "cascade", "collapsed", "expanded", "mixed", "long-edges", "loop"];

    [Theory]
    [MemberData(nameof(Views))]
    public void Compute_AnyView_EveryForwardEdgeGoesDownATier(string name)
    {
        var view = ViewOf(name);

        var layout = TopologyLayout.Compute(view);

        var boxes = layout.Nodes.ToDictionary(n => n.Id);
        foreach (var edge in layout.Edges.Where(e => !e.IsBackEdge))
        {
            Assert.True(boxes[edge.From].Tier < boxes[edge.To].Tier, $"{edge.From} → {edge.To}");
            Assert.True(boxes[edge.From].Box.Bottom < boxes[edge.To].Box.Top, $"{edge.From} → {edge.To}");
        }
    }

    // Within each group (a rack's cell, the panels of a location, the objects without a rack) tiers are rows, top to bottom.
    [Theory]
    [MemberData(nameof(Views))]
    public void Compute_AnyView_TiersAreRowsInOrderWithinEachGroup(string name)
    {
        var view = ViewOf(name);

        var layout = TopologyLayout.Compute(view);

        var group = view.Nodes.ToDictionary(n => n.Id, GroupOf);
        foreach (var cell in layout.Nodes.GroupBy(n => group[n.Id]))
        {
            var rows = cell.GroupBy(n => n.Tier).OrderBy(g => g.Key).ToList();
            for (int i = 1; i < rows.Count; i++)
            {
                Assert.True(rows[i - 1].Max(n => n.Box.Bottom) < rows[i].Min(n => n.Box.Top), $"{cell.Key}: tier {rows[i].Key}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void Compute_AnyView_NoBoxesOverlap(string name)
    {
        var layout = TopologyLayout.Compute(ViewOf(name));

        // Sweep by left edge: every pair whose x ranges overlap must be apart vertically.
        var sorted = layout.Nodes.OrderBy(n => n.Box.Left).ToList();
        for (int i = 0; i < sorted.Count; i++)
        {
            for (int j = i + 1; j < sorted.Count && sorted[j].Box.Left < sorted[i].Box.Right; j++)
            {
                Assert.False(sorted[i].Box.Intersects(sorted[j].Box), $"{sorted[i].Id} overlaps {sorted[j].Id}");
            }
        }
    }

    [Fact]
    public void Compute_SeedExample_NoPairOfBoxesOverlaps()
    {
        var layout = TopologyLayout.Compute(ViewOf("seed"));

        foreach (var a in layout.Nodes)
        {
            Assert.All(layout.Nodes.Where(b => b != a), b => Assert.False(a.Box.Intersects(b.Box)));
        }
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void Compute_AnyView_EveryEdgeStartsAndEndsOnItsBoxes(string name)
    {
        var view = ViewOf(name);

        var layout = TopologyLayout.Compute(view);

        Assert.Equal(view.Edges.Count, layout.Edges.Count);
        var boxes = layout.Nodes.ToDictionary(n => n.Id, n => n.Box);
        for (int i = 0; i < view.Edges.Count; i++)
        {
            var path = layout.Edges[i];
            Assert.Equal(view.Edges[i].From, path.From);
            Assert.Equal(view.Edges[i].To, path.To);
            Assert.True(path.Points.Count >= 2);
            var source = boxes[path.From];
            var target = boxes[path.To];
            Assert.True(source.IsOnBorder(path.Points[0]), $"{path.From} start {path.Points[0]} not on {source}");
            Assert.True(target.IsOnBorder(path.Points[^1]), $"{path.To} end {path.Points[^1]} not on {target}");
            Assert.Equal(source.Bottom, path.Points[0].Y);
            Assert.Equal(target.Top, path.Points[^1].Y);
            for (int k = 1; k < path.Points.Count; k++)
            {
                var (p, q) = (path.Points[k - 1], path.Points[k]);
                Assert.True(p.X == q.X || p.Y == q.Y, $"segment {p} → {q} is not orthogonal");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void Compute_Twice_GivesTheSameBoxesAndPoints(string name)
    {
        var first = TopologyLayout.Compute(ViewOf(name));
        var second = TopologyLayout.Compute(ViewOf(name));

        Assert.Equal(first.Nodes, second.Nodes);
        Assert.Equal(first.Edges.Count, second.Edges.Count);
        for (int i = 0; i < first.Edges.Count; i++)
        {
            Assert.Equal(first.Edges[i] with { Points = [] }, second.Edges[i] with { Points = [] });
            Assert.Equal(first.Edges[i].Points, second.Edges[i].Points);
        }
        Assert.Equal(first.Bounds, second.Bounds);
        Assert.Equal(first.Crossings, second.Crossings);
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void Compute_AnyView_BoundsHoldEveryBoxAndPoint(string name)
    {
        var layout = TopologyLayout.Compute(ViewOf(name));

        Assert.All(layout.Nodes, n => Assert.True(
            n.Box.Left >= layout.Bounds.Left && n.Box.Right <= layout.Bounds.Right && n.Box.Top >= layout.Bounds.Top && n.Box.Bottom <= layout.Bounds.Bottom));
        Assert.All(layout.Edges.SelectMany(e => e.Points), p => Assert.True(
            p.X >= layout.Bounds.Left && p.X <= layout.Bounds.Right && p.Y >= layout.Bounds.Top && p.Y <= layout.Bounds.Bottom));
        Assert.Equal(0, layout.Bounds.X);
        Assert.Equal(0, layout.Bounds.Y);
    }

    // Panel 1 → Feed 1/2 → PDU1/2 → Server, Router on both: the two PDU → device pairs must cross once, nothing else.
    [Fact]
    public void Compute_SeedExample_OrdersAByRackThenSideWithOneCrossing()
    {
        var layout = TopologyLayout.Compute(ViewOf("seed"));

        var boxes = layout.Nodes.ToDictionary(n => n.Id, n => n.Box);
        var seed = LayoutTopologies.SeedExample();
        Assert.True(boxes["feed:" + seed.Feed1].Left < boxes["feed:" + seed.Feed2].Left);
        Assert.True(boxes["device:" + seed.Pdu1].Left < boxes["device:" + seed.Pdu2].Left);
        Assert.Equal(1, layout.Crossings);
    }

    // Panel ── Feed ── UPS ── PDU ── Server
    [Fact]
    public void Compute_Cascade_PutsThePduOneRowBelowTheUps()
    {
        var cascade = LayoutTopologies.UpsPduServer();
        var layout = TopologyLayout.Compute(TopologyView.Build(cascade.Installation));

        var ups = layout.Nodes.Single(n => n.Id == "device:" + cascade.Ups);
        var pdu = layout.Nodes.Single(n => n.Id == "device:" + cascade.Pdu);
        var server = layout.Nodes.Single(n => n.Id == "device:" + cascade.Server);
        Assert.Equal(ups.Tier + 1, pdu.Tier);
        Assert.True(ups.Box.Bottom < pdu.Box.Top && pdu.Box.Bottom < server.Box.Top);
        Assert.Equal(0, layout.Crossings);
    }

    // 40 racks, both PDUs of every rack expanded: the servers of a rack cross only among themselves (C(10,2) per
    // rack, unavoidable) and the A/B feeds cross between the panels (at most C(40,2)).
    [Fact]
    public void Compute_ExpandedRowSite_KeepsCrossingsWithinRacks()
    {
        var layout = TopologyLayout.Compute(ViewOf("expanded"));

        Assert.InRange(layout.Crossings, 0, (40 * 45) + (40 * 39 / 2));
    }

    [Fact]
    public void Compute_EmptyView_ReturnsNothing()
    {
        var layout = TopologyLayout.Compute(new TopologyView([], []));

        Assert.Empty(layout.Nodes);
        Assert.Empty(layout.Edges);
        Assert.Equal(0, layout.Crossings);
    }

    [Fact]
    public void Compute_EdgeToUnknownNode_Throws()
    {
        var view = new TopologyView([Node("panel:1", NodeKind.Panel, 0)], [new TopologyEdge("panel:1", "feed:9", null, null, null)]);

        Assert.Throws<ArgumentException>(() => TopologyLayout.Compute(view));
    }

    [Fact]
    public void Compute_DuplicateNodeId_Throws()
    {
        var view = new TopologyView([Node("panel:1", NodeKind.Panel, 0), Node("panel:1", NodeKind.Panel, 0)], []);

        Assert.Throws<ArgumentException>(() => TopologyLayout.Compute(view));
    }

    // PDU1 ⇄ PDU2 (each feeds the other): the edge that closes the loop is a back edge routed around the boxes.
    [Fact]
    public void Compute_CablingLoop_MarksTheBackEdge()
    {
        var layout = TopologyLayout.Compute(ViewOf("loop"));

        var back = Assert.Single(layout.Edges, e => e.IsBackEdge);
        Assert.True(back.Points.Count > 2);
    }

    [Fact]
    public void Compute_WiderBoxes_KeepsTheGapBetweenNeighbours()
    {
        var options = new LayoutOptions { DeviceSize = new Size(300, 40), NodeGap = 50 };

        var view = ViewOf("expanded");

        var layout = TopologyLayout.Compute(view, options);

        var devices = layout.Nodes.Where(n => n.Kind == NodeKind.Device).ToList();
        Assert.All(devices, d => Assert.Equal(300, d.Box.Width));
        var group = view.Nodes.ToDictionary(n => n.Id, GroupOf);
        foreach (var line in devices.GroupBy(d => (d.Box.Top, group[d.Id])))
        {
            var sorted = line.OrderBy(n => n.Box.Left).ToList();
            for (int i = 1; i < sorted.Count; i++)
            {
                Assert.True(sorted[i].Box.Left - sorted[i - 1].Box.Right >= 50 - 1e-9);
            }
        }
    }

    private static TopologyView ViewOf(string name)
    {
        switch (name)
        {
            case "seed":
                return TopologyView.Build(LayoutTopologies.SeedExample().Installation);
            case "cascade":
                return TopologyView.Build(LayoutTopologies.UpsPduServer().Installation);
            case "collapsed":
                return TopologyView.Build(LayoutTopologies.RowSite(40, 10).Installation);
            case "expanded":
                return TopologyView.Build(LayoutTopologies.RowSite(40, 10).Installation, new TopologyViewOptions { ExpandAll = true, MaxNodes = int.MaxValue });
            case "mixed":
                var row = LayoutTopologies.RowSite(40, 10);
                return TopologyView.Build(row.Installation, new TopologyViewOptions { Expanded = ["device:" + row.PduA[1], "rack:" + row.Racks[7], "device:" + row.PduB[30]] });
            case "long-edges":
                return LongEdges();
            default:
                return Loop();
        }
    }

    // Panel ─┬─ Feed 1 ── UPS ── PDU ─┬─ S1
    //        └─ Feed 2 ───────────────┴─ S1 PSU2 (feed → device spans three tiers), S2 on Feed 2 alone
    private static TopologyView LongEdges()
    {
        var b = new LayoutTopologyBuilder();
        int site = b.Site("DC4");
        int rack = b.Rack(site, "R1");
        int panel = b.Panel(site, "Panel 1");
        int feed1 = b.Feed(panel, "Feed 1", rack);
        int feed2 = b.Feed(panel, "Feed 2", rack);
        var ups = b.Distribution(site, rack, "UPS", 2);
        var pdu = b.Distribution(site, rack, "PDU", 2);
        var s1 = b.Server(site, rack, "S1", ("PSU1", 100, 200), ("PSU2", 100, 200));
        var s2 = b.Server(site, rack, "S2", ("PSU1", 100, 200));
        b.CableFeed(feed1, ups.Inlet);
        b.CableOutlet(ups.Outlets[0], pdu.Inlet);
        b.CableOutlet(pdu.Outlets[0], s1.Ports[0]);
        b.CableFeed(feed2, s1.Ports[1]);
        b.CableFeed(feed2, s2.Ports[0]);
        return TopologyView.Build(b.Build());
    }

    // Panel ── Feed ── PDU1 ⇄ PDU2 ── Server
    private static TopologyView Loop()
    {
        var b = new LayoutTopologyBuilder();
        int site = b.Site("DC5");
        int panel = b.Panel(site, "Panel 1");
        int feed = b.Feed(panel, "Feed 1");
        var pdu1 = b.Distribution(site, null, "PDU1", 2);
        var pdu2 = b.Distribution(site, null, "PDU2", 2);
        var server = b.Server(site, null, "Server", ("PSU1", 100, 200));
        b.CableFeed(feed, pdu1.Inlet);
        b.CableOutlet(pdu1.Outlets[0], pdu2.Inlet);
        b.CableOutlet(pdu2.Outlets[0], server.Ports[0]);
        // PDU2 also feeds PDU1 through a second inlet.
        var installation = b.Build();
        var inlet2 = new PowerMap.Core.Dcim.PowerPort { Id = 10_000, DeviceId = pdu1.Device, Name = "Inlet 2" };
        installation.Add(inlet2);
        b.CableOutlet(pdu2.Outlets[1], inlet2.Id);
        return TopologyView.Build(installation);
    }

    private static string GroupOf(TopologyNode node) =>
        node.Kind == NodeKind.Panel || node.ParentId?.StartsWith("panel:", StringComparison.Ordinal) == true
            ? "panels"
            : node.RackId is { } rack ? "rack " + rack : "no rack";

    private static TopologyNode Node(string id, NodeKind kind, int tier) =>
        new(id, kind, tier, 0, id, null, null, null, null, null, false, 0, 0, 0, null);
}

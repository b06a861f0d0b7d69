using CsCheck;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Layout;
using PowerMap.Core.Power;

namespace PowerMap.Tests.Core.Layout;

/// <summary>The grouping of <see cref="TopologyLayout"/> (site → location → rack cells), tested through <see cref="TopologyLayout.Compute"/>.</summary>
public class SiteGridTests
{
    private const double ScreenWidth = 1280;
    private const double ScreenHeight = 800;

    public static TheoryData<InstallationSize> Sizes => [InstallationSize.S, InstallationSize.M, InstallationSize.L, InstallationSize.XL];

    // Generated sites, default (overview) view: the whole site is roughly screen-shaped.
    [Theory]
    [MemberData(nameof(Sizes))]
    public void Compute_GeneratedDefaultView_AspectRatioAtMostThreeToOne(InstallationSize size)
    {
        var layout = TopologyLayout.Compute(DefaultView(Generated(size)));

        double aspect = Math.Max(layout.Bounds.Width / layout.Bounds.Height, layout.Bounds.Height / layout.Bounds.Width);
        Assert.True(aspect <= 3, $"{size}: {layout.Bounds.Width:0} × {layout.Bounds.Height:0} ({aspect:0.00}:1)");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Compute_GeneratedDefaultView_NoBoxesOverlap(InstallationSize size)
    {
        var layout = TopologyLayout.Compute(DefaultView(Generated(size)));

        AssertNoOverlap(layout);
    }

    // DC2 (the generated M site of the demo data) at 1280 × 800: fit must leave nodes legible.
    [Fact]
    public void Compute_Dc2DefaultView_FitsA1280By800ScreenAtZoomAtLeastAQuarter()
    {
        var installation = DemoData.Build();
        int site = installation.SiteByName[DemoData.GeneratedSiteName].Id;

        var layout = TopologyLayout.Compute(TopologyView.Build(installation, new TopologyViewOptions { SiteId = site }));

        double zoom = Math.Min(ScreenWidth / layout.Bounds.Width, ScreenHeight / layout.Bounds.Height);
        Assert.True(zoom >= 0.25, $"fit zoom {zoom:0.000} ({layout.Bounds.Width:0} × {layout.Bounds.Height:0})");
    }

    // Per rack: ─ R01-A ─ R01-B ─ side by side, nothing of another rack between them.
    [Theory]
    [InlineData(InstallationSize.S, true)]
    [InlineData(InstallationSize.M, false)]
    [InlineData(InstallationSize.M, true)]
    public void Compute_GeneratedSite_EveryRacksAAndBFeedsAreNeighbours(InstallationSize size, bool expandAll)
    {
        var installation = Generated(size);
        var view = TopologyView.Build(installation, new TopologyViewOptions { ExpandAll = expandAll ? true : null, MaxNodes = expandAll ? int.MaxValue : 400 });

        var layout = TopologyLayout.Compute(view);

        Assert.True(AssertAAndBFeedsNeighbours(view, layout, touching: !expandAll) >= 3);
    }

    // L and XL open on their panels only (the 400-node overview has no room for feeds: the A/B rule has nothing to check
    // there). A user expands a room's panels: the racks of that room then show both feeds, side by side.
    [Theory]
    [InlineData(InstallationSize.L)]
    [InlineData(InstallationSize.XL)]
    public void Compute_GeneratedLargeSite_DefaultViewWithARoomsPanelsExpanded_EveryRacksAAndBFeedsAreNeighbours(InstallationSize size)
    {
        var installation = Generated(size);
        Assert.DoesNotContain(TopologyView.Build(installation).Nodes, n => n.Kind == NodeKind.Feed);
        int room = installation.Racks.OrderBy(r => r.Id).First().LocationId!.Value;
        var panels = installation.PowerFeeds.Where(f => f.RackId is { } r && installation.RackById[r].LocationId == room)
            .Select(f => TopologyNodeId.Panel(f.PowerPanelId)).Distinct().ToList();
        var view = TopologyView.Build(installation, new TopologyViewOptions { Expanded = panels });
        Assert.False(view.Truncated);

        var layout = TopologyLayout.Compute(view);

        Assert.True(AssertAAndBFeedsNeighbours(view, layout, touching: true) >= 3);
        AssertNoOverlap(layout);
    }

    /// <summary>For every rack with feeds in the view: one A and one B feed, in one row, nothing between them (and with
    /// <paramref name="touching"/>, at most two node gaps apart). Returns the number of racks checked.</summary>
    private static int AssertAAndBFeedsNeighbours(TopologyView view, LayoutResult layout, bool touching)
    {
        var node = view.Nodes.ToDictionary(n => n.Id);
        var feeds = layout.Nodes.Where(b => b.Kind == NodeKind.Feed).ToList();
        int racksChecked = 0;
        foreach (var rack in feeds.GroupBy(f => node[f.Id].RackId))
        {
            var a = Assert.Single(rack, f => node[f.Id].Side == FeedSide.A);
            var b = Assert.Single(rack, f => node[f.Id].Side == FeedSide.B);
            Assert.Equal(a.Box.Top, b.Box.Top);
            double left = Math.Min(a.Box.Right, b.Box.Right), right = Math.Max(a.Box.Left, b.Box.Left);
            var between = layout.Nodes.Where(n => n.Box.Top < a.Box.Bottom && n.Box.Bottom > a.Box.Top && n.Box.Left >= left && n.Box.Right <= right).ToList();
            Assert.True(between.Count == 0, $"{node[a.Id].Label} and {node[b.Id].Label} have {string.Join(", ", between.Select(n => n.Id))} between them");
            if (touching)
            {
                // Expanded, each feed sits over the middle of its devices; in the overview the two touch.
                Assert.True(Math.Abs(right - left) <= 2 * LayoutOptions.Default.NodeGap, $"{node[a.Id].Label}: {right - left:0} px apart");
            }
            racksChecked++;
        }
        return racksChecked;
    }

    // Every rack has a frame, every node of a rack lies inside its rack's frame, frames of racks do not overlap.
    [Fact]
    public void Compute_GeneratedM_RackFramesHoldTheirNodesAndDoNotOverlap()
    {
        var view = TopologyView.Build(Generated(InstallationSize.M), new TopologyViewOptions { ExpandAll = true, MaxNodes = int.MaxValue });

        var layout = TopologyLayout.Compute(view);

        var racks = layout.Groups.Where(g => g.Kind == GroupKind.Rack).ToDictionary(g => g.Key);
        Assert.Equal(78, racks.Count);
        foreach (var (node, box) in view.Nodes.Zip(layout.Nodes))
        {
            if (node.RackId is { } rack && node.Kind != NodeKind.Panel)
            {
                var frame = racks[TopologyNodeId.Rack(rack)].Box;
                Assert.True(box.Box.Left >= frame.Left && box.Box.Right <= frame.Right && box.Box.Top >= frame.Top && box.Box.Bottom <= frame.Bottom, node.Id);
            }
        }
        var frames = racks.Values.ToList();
        for (int i = 0; i < frames.Count; i++)
        {
            for (int j = i + 1; j < frames.Count; j++)
            {
                Assert.False(frames[i].Box.Intersects(frames[j].Box), $"{frames[i].Label} overlaps {frames[j].Label}");
            }
        }
    }

    // Property: a live edit that changes no structure — draws, a feed's electrical values, status or description, a
    // device's status — moves no node and no edge point.
    [Fact]
    public void Compute_EditsThatChangeNoStructure_NothingMoves()
    {
        var installation = Generated(InstallationSize.S);
        var ports = installation.PowerPorts.Where(p => p.AllocatedDrawWatts is not null).ToList();
        var feeds = installation.PowerFeeds.ToList();
        var devices = installation.Devices.ToList();
        string[] feedStatuses = ["active", "offline", "planned", "failed"];
        string[] deviceStatuses = ["active", "offline", "staged", "failed", "planned"];
        var before = TopologyLayout.Compute(TopologyView.Build(installation, null, PowerReport.Compute(installation)));

        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 100_000], Gen.Int[1, 5_000]).Array[1, 8].Sample(edits =>
        {
            var edited = installation;
            foreach (var (kind, pick, value) in edits)
            {
                switch (kind)
                {
                    case 0:
                        var port = (PowerPort)ports[pick % ports.Count].Clone();
                        port.AllocatedDrawWatts = value;
                        port.MaximumDrawWatts = Math.Max(value, port.MaximumDrawWatts ?? 0);
                        edited = edited.WithUpsert(port);
                        break;
                    case 1:
                        var feed = (PowerFeed)feeds[pick % feeds.Count].Clone();
                        feed.Amperage = 1 + (value % 63);
                        feed.MaxUtilization = 1 + (value % 100);
                        edited = edited.WithUpsert(feed);
                        break;
                    case 2:
                        var described = (PowerFeed)feeds[pick % feeds.Count].Clone();
                        described.Status = feedStatuses[value % feedStatuses.Length];
                        described.Description = "edited " + value;
                        edited = edited.WithUpsert(described);
                        break;
                    default:
                        var device = (Device)devices[pick % devices.Count].Clone();
                        device.Status = deviceStatuses[value % deviceStatuses.Length];
                        edited = edited.WithUpsert(device);
                        break;
                }
            }
            var after = TopologyLayout.Compute(TopologyView.Build(edited, null, PowerReport.Compute(edited)));

            Assert.Equal(before.Nodes, after.Nodes);
            Assert.Equal(before.Edges.SelectMany(e => e.Points), after.Edges.SelectMany(e => e.Points));
        }, iter: 30);
    }

    // A new server under R02's PDU: it lands in R02's cell, right under its PDU; the other racks keep their cells.
    [Fact]
    public void Compute_NewDeviceInARack_LandsUnderItsParentAndOtherRacksKeepTheirPlace()
    {
        var row = LayoutTopologies.RowSite(12, 3);
        var options = new TopologyViewOptions { ExpandAll = true, MaxNodes = int.MaxValue };
        var before = TopologyLayout.Compute(TopologyView.Build(row.Installation, options));
        var installation = row.Installation;
        var pdu = installation.DeviceById[row.PduA[1]];
        var freeOutlet = installation.PowerOutlets.Where(o => o.DeviceId == pdu.Id).OrderBy(o => o.Id).Last();
        var server = new Device { Id = 90_001, SiteId = row.Site, RackId = row.Racks[1], Name = "R02-NEW", Role = "server" };
        var psu = new PowerPort { Id = 90_002, DeviceId = server.Id, Name = "PSU1", AllocatedDrawWatts = 100, MaximumDrawWatts = 200 };
        var cable = new Cable
        {
            Id = 90_003,
            Terminations =
            [
                new CableTermination { CableId = 90_003, End = CableEnd.A, Kind = TerminationKind.PowerOutlet, ObjectId = freeOutlet.Id },
                new CableTermination { CableId = 90_003, End = CableEnd.B, Kind = TerminationKind.PowerPort, ObjectId = psu.Id },
            ],
        };
        installation = installation.WithUpsert(server).WithUpsert(psu).WithUpsert(cable);

        var after = TopologyLayout.Compute(TopologyView.Build(installation, options));

        var added = after.Nodes.Single(n => n.Id == "device:90001");
        var frame = after.Groups.Single(g => g.Key == TopologyNodeId.Rack(row.Racks[1])).Box;
        Assert.True(added.Box.Left >= frame.Left && added.Box.Right <= frame.Right && added.Box.Top >= frame.Top && added.Box.Bottom <= frame.Bottom);
        var parent = after.Nodes.Single(n => n.Id == "device:" + row.PduA[1]).Box;
        Assert.True(added.Box.Top > parent.Bottom);
        Assert.True(Math.Abs(added.Box.Center.X - parent.Center.X) < 600, $"{added.Box.Center.X:0} vs {parent.Center.X:0}");
        var slotsBefore = before.Groups.Where(g => g.Kind == GroupKind.Rack).ToDictionary(g => g.Key, g => (g.Box.Left, g.Box.Top));
        var slotsAfter = after.Groups.Where(g => g.Kind == GroupKind.Rack).ToDictionary(g => g.Key, g => (g.Box.Left, g.Box.Top));
        Assert.Equal(Order(slotsBefore), Order(slotsAfter));
        // Racks before R02 in its grid row and every rack of the rows above do not move at all.
        var r01 = TopologyNodeId.Rack(row.Racks[0]);
        Assert.Equal(slotsBefore[r01], slotsAfter[r01]);
        var keptBoxes = before.Nodes.Where(n => n.Box.Right <= frame.Left && n.Box.Bottom <= frame.Bottom).ToList();
        Assert.NotEmpty(keptBoxes);
        Assert.All(keptBoxes, b => Assert.Equal(b.Box, after.Nodes.Single(n => n.Id == b.Id).Box));
    }

    [Fact]
    public void Compute_GeneratedM_HasALocationFramePerRoomAndASiteFrame()
    {
        var layout = TopologyLayout.Compute(DefaultView(Generated(InstallationSize.M)));

        Assert.Equal(["Room 1", "Room 2", "Room 3", "Room 4"], layout.Groups.Where(g => g.Kind == GroupKind.Location).Select(g => g.Label));
        Assert.Equal("DC-Gen", Assert.Single(layout.Groups, g => g.Kind == GroupKind.Site).Label);
    }

    private static List<string> Order(Dictionary<string, (double Left, double Top)> slots) =>
        [.. slots.OrderBy(s => s.Value.Top).ThenBy(s => s.Value.Left).Select(s => s.Key)];

    private static void AssertNoOverlap(LayoutResult layout)
    {
        var sorted = layout.Nodes.OrderBy(n => n.Box.Left).ToList();
        for (int i = 0; i < sorted.Count; i++)
        {
            for (int j = i + 1; j < sorted.Count && sorted[j].Box.Left < sorted[i].Box.Right; j++)
            {
                Assert.False(sorted[i].Box.Intersects(sorted[j].Box), $"{sorted[i].Id} overlaps {sorted[j].Id}");
            }
        }
    }

    private static readonly Dictionary<InstallationSize, Installation> Cache = [];

    private static Installation Generated(InstallationSize size)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(size, out var installation))
            {
                Cache[size] = installation = InstallationGenerator.Generate(size);
            }
            return installation;
        }
    }

    private static TopologyView DefaultView(Installation installation) => TopologyView.Build(installation);
}

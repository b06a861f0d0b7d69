using System.Text.Json;
using CsCheck;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Core.Topology;

namespace PowerMap.Tests.Core.Topology;

// A change to ports, outlets and cables patches the graph and recomputes only the touched chains
// (PowerReport.WithChange): after any sequence of such changes the patched graph must be the graph built from scratch,
// array for array, and the report the full recompute, number for number.
public class PowerGraphPatchTests
{
    private static readonly Gen<(int Op, int Pick)[]> Operations = Gen.Select(Gen.Int[0, 11], Gen.Int[0, 100_000]).Array[1, 25];

    [Fact]
    public void AnySequenceOfPortOutletAndCableChanges_PatchesTheGraphAsABuildWould_AndTheReportAsARecompute()
    {
        var seeds = new[] { DemoData.Build(InstallationSize.S), InstallationGenerator.Generate(InstallationSize.S) };
        int incremental = 0, steps = 0;
        Operations.Sample(ops =>
        {
            foreach (var seed in seeds)
            {
                var report = PowerReport.Compute(seed);
                foreach (var (op, pick) in ops)
                {
                    var inst = report.Installation;
                    if (Make(inst, op, pick) is not { IsEmpty: false } change)
                    {
                        continue;
                    }
                    var next = inst.Apply(change);
                    var previous = report;
                    report = report.WithChange(next, change);
                    steps++;
                    // The incremental path keeps the untouched ports' draws (the same objects); a full compute makes new ones.
                    if (inst.PowerPorts.Any(p => next.PortById.ContainsKey(p.Id) && ReferenceEquals(previous.PortDraw(p.Id), report.PortDraw(p.Id))))
                    {
                        incremental++;
                    }
                    Assert.Same(next, report.Installation);
                    Assert.Equal(Dump(PowerGraph.Build(next)), Dump(report.Graph));
                    Assert.Equal(Dump(PowerReport.Compute(next)), Dump(report));
                }
            }
        }, iter: 150, threads: 1);
        Assert.True(incremental > steps / 2, $"{incremental} of {steps} changes took the incremental path");
    }

    [Fact]
    public void AddingAPort_IsPatched_NotRebuilt()
    {
        var inst = InstallationGenerator.Generate(InstallationSize.S);
        var report = PowerReport.Compute(inst);
        var device = inst.Devices[0];
        var change = Change.Adding([new PowerPort { Id = inst.MaxId(inst.PowerPorts) + 1, DeviceId = device.Id, Name = "New", AllocatedDrawWatts = 5 }]);
        var (graph, delta) = PowerGraph.TryPatch(report.Graph, inst.Apply(change), change)!.Value;
        Assert.Equal(inst.PowerPorts.Count + 1, graph.PortCount);
        Assert.Equal([graph.PortCount - 1], delta.Ports);
        // Nothing moved: the other ports' adjacency arrays are the same objects.
        Assert.Same(report.Graph.PortDownstream[0], graph.PortDownstream[0]);
        Assert.Same(report.Graph.FeedPeerPorts[0], graph.FeedPeerPorts[0]);
    }

    // POST then DELETE of the newest port (the REST benchmark's pair): the kept ports stay in place, the port index is
    // the shared one patched, and both graphs equal a fresh build.
    [Fact]
    public void AddingThenRemovingTheNewestPort_KeepsTheSharedIndex_AndEqualsABuild()
    {
        var inst = InstallationGenerator.Generate(InstallationSize.S);
        var report = PowerReport.Compute(inst);
        var port = new PowerPort { Id = inst.MaxId(inst.PowerPorts) + 1, DeviceId = inst.Devices[0].Id, Name = "New", AllocatedDrawWatts = 5 };
        var post = Change.Adding([port]);
        var withPort = report.WithChange(inst.Apply(post), post);
        var delete = new Change().Remove(port);
        var after = withPort.WithChange(withPort.Installation.Apply(delete), delete);

        Assert.Equal(Dump(PowerGraph.Build(withPort.Installation)), Dump(withPort.Graph));
        Assert.Equal(Dump(PowerGraph.Build(after.Installation)), Dump(after.Graph));
        Assert.Equal(Dump(PowerReport.Compute(after.Installation)), Dump(after));
        Assert.False(after.Graph.PortIndex.ContainsKey(port.Id));
        Assert.Equal(0, after.Graph.PortIndex.OverlayCount); // the add and the remove of a key the base never had cancel out
    }

    // DELETE of the newest port when it is in the middle of a chain: fed by a PDU's outlet, feeding another port through one of
    // its outlets. The kept ports keep their indices, so nothing is remapped (the untouched ports' adjacency arrays are
    // shared), and the parent-less child and the unmapped outlet are rebuilt: the graph equals a build.
    [Fact]
    public void RemovingTheNewestPortInAChain_RemapsNothing_AndEqualsABuild()
    {
        var inst = InstallationGenerator.Generate(InstallationSize.S);
        var device = inst.Devices[0];
        var upstream = inst.PowerOutlets.First(o => o.DeviceId != device.Id && o.PowerPortId is not null && !inst.CableOf.ContainsKey((TerminationKind.PowerOutlet, o.Id)));
        var child = new PowerPort { Id = inst.MaxId(inst.PowerPorts) + 1, DeviceId = inst.Devices[^1].Id, Name = "PSU", AllocatedDrawWatts = 250 };
        var port = new PowerPort { Id = child.Id + 1, DeviceId = device.Id, Name = "Inlet" };
        var outlet = new PowerOutlet { Id = inst.MaxId(inst.PowerOutlets) + 1, DeviceId = device.Id, Name = "Out", PowerPortId = port.Id };
        Cable Cable(int id, TerminationKind aKind, int aId, int bId) => new()
        {
            Id = id,
            Terminations =
            [
                new CableTermination { End = CableEnd.A, Kind = aKind, ObjectId = aId },
                new CableTermination { End = CableEnd.B, Kind = TerminationKind.PowerPort, ObjectId = bId },
            ],
        };
        var fed = Cable(inst.MaxId(inst.Cables) + 1, TerminationKind.PowerOutlet, upstream.Id, port.Id);
        var feeding = Cable(inst.MaxId(inst.Cables) + 2, TerminationKind.PowerOutlet, outlet.Id, child.Id);
        var built = PowerReport.Compute(inst.Apply(Change.Adding([child, port, outlet, fed, feeding])));
        int portIndex = built.Graph.PortIndex[port.Id], childIndex = built.Graph.PortIndex[child.Id];
        Assert.Equal(built.Graph.PortCount - 1, portIndex);
        Assert.Equal([portIndex], built.Graph.PortParents[childIndex]);
        Assert.NotEmpty(built.Graph.PortParents[portIndex]);

        var unmapped = (PowerOutlet)outlet.Clone();
        unmapped.PowerPortId = null;
        var delete = new Change().Remove(fed).Update(outlet, unmapped).Remove(port);
        var next = built.Installation.Apply(delete);
        var (graph, delta) = PowerGraph.TryPatch(built.Graph, next, delete)!.Value;
        var after = built.WithChange(next, delete);

        Assert.True(delta.PortIdentity);
        Assert.Same(built.Graph.PortDownstream[0], graph.PortDownstream[0]);
        Assert.Empty(graph.PortParents[childIndex]);
        Assert.Contains(built.Graph.PortIndex[upstream.PowerPortId!.Value], delta.Ports); // the parent lost a child
        Assert.Equal(Dump(PowerGraph.Build(next)), Dump(graph));
        Assert.Equal(Dump(PowerGraph.Build(next)), Dump(after.Graph));
        Assert.Equal(Dump(PowerReport.Compute(next)), Dump(after));
    }

    [Fact]
    public void ChangingADevice_IsNotPatched()
    {
        var inst = InstallationGenerator.Generate(InstallationSize.S);
        var report = PowerReport.Compute(inst);
        var device = (Device)inst.Devices[0].Clone();
        device.Name = "Renamed";
        var change = new Change().Update(inst.Devices[0], device);
        Assert.Null(PowerGraph.TryPatch(report.Graph, inst.Apply(change), change));
    }

    private static T Pick<T>(IReadOnlyList<T> items, int pick) => items[pick % items.Count];

    /// <summary>One change as the store makes it (a removed port or outlet takes its cable; a removed port unmaps its outlets), or null.</summary>
    private static Change? Make(Installation inst, int op, int pick)
    {
        var freeOutlets = inst.PowerOutlets.Where(o => !inst.CableOf.ContainsKey((TerminationKind.PowerOutlet, o.Id))).ToList();
        var freePorts = inst.PowerPorts.Where(p => !inst.CableOf.ContainsKey((TerminationKind.PowerPort, p.Id))).ToList();
        var freeFeeds = inst.PowerFeeds.Where(f => !inst.CableOf.ContainsKey((TerminationKind.PowerFeed, f.Id))).ToList();
        var change = new Change();
        void RemoveCableOf(TerminationKind kind, int id)
        {
            if (inst.CableOf.TryGetValue((kind, id), out var link))
            {
                change.Remove(link.Cable);
            }
        }
        Cable Cable(TerminationKind aKind, int aId, int bId) => new()
        {
            Id = inst.MaxId(inst.Cables) + 1,
            Terminations =
            [
                new CableTermination { End = CableEnd.A, Kind = aKind, ObjectId = aId },
                new CableTermination { End = CableEnd.B, Kind = TerminationKind.PowerPort, ObjectId = bId },
            ],
        };
        switch (op)
        {
            case 0 when inst.Devices.Count > 0:
                return Change.Adding([new PowerPort
                {
                    Id = inst.MaxId(inst.PowerPorts) + 1, DeviceId = Pick(inst.Devices, pick).Id, Name = $"P{pick}",
                    AllocatedDrawWatts = pick % 3 == 0 ? null : pick % 400,
                }]);
            case 1 or 11 when inst.PowerPorts.Count > 0:
                var port = op == 11 ? inst.PowerPorts[^1] : Pick(inst.PowerPorts, pick); // 11: the newest (kept ports stay in place)
                RemoveCableOf(TerminationKind.PowerPort, port.Id);
                foreach (var o in inst.PowerOutlets.Where(o => o.PowerPortId == port.Id))
                {
                    var unmapped = (PowerOutlet)o.Clone();
                    unmapped.PowerPortId = null;
                    change.Update(o, unmapped);
                }
                return change.Remove(port);
            case 2 when inst.Devices.Count > 0:
                var device = Pick(inst.Devices, pick);
                var devicePorts = inst.PowerPorts.Where(p => p.DeviceId == device.Id).ToList();
                return Change.Adding([new PowerOutlet
                {
                    Id = inst.MaxId(inst.PowerOutlets) + 1, DeviceId = device.Id, Name = $"O{pick}",
                    PowerPortId = devicePorts.Count > 0 && pick % 4 != 0 ? Pick(devicePorts, pick / 4).Id : null,
                    FeedLeg = (pick / 7 % 4) switch { 0 => null, 1 => "A", 2 => "B", _ => "C" },
                }]);
            case 3 when inst.PowerOutlets.Count > 0:
                var outlet = Pick(inst.PowerOutlets, pick);
                RemoveCableOf(TerminationKind.PowerOutlet, outlet.Id);
                return change.Remove(outlet);
            case 4 when inst.PowerOutlets.Count > 0:
                var before = Pick(inst.PowerOutlets, pick);
                var after = (PowerOutlet)before.Clone();
                var siblings = inst.PowerPorts.Where(p => p.DeviceId == before.DeviceId).ToList();
                after.PowerPortId = siblings.Count > 0 && pick % 3 != 0 ? Pick(siblings, pick / 3).Id : null;
                after.FeedLeg = pick % 2 == 0 ? "B" : after.FeedLeg;
                return change.Update(before, after);
            case 5 when freeOutlets.Count > 0 && freePorts.Count > 0:
                return Change.Adding([Cable(TerminationKind.PowerOutlet, Pick(freeOutlets, pick).Id, Pick(freePorts, pick / 11).Id)]);
            case 6 when freeFeeds.Count > 0 && freePorts.Count > 0:
                return Change.Adding([Cable(TerminationKind.PowerFeed, Pick(freeFeeds, pick).Id, Pick(freePorts, pick / 11).Id)]);
            case 7 when inst.Cables.Count > 0:
                return change.Remove(Pick(inst.Cables, pick));
            case 8 when inst.Cables.Count > 0 && freeOutlets.Count > 0:
                var cable = Pick(inst.Cables, pick);
                var moved = (Cable)cable.Clone();
                if (moved.Terminations.FirstOrDefault(t => t.End == CableEnd.A && t.Kind == TerminationKind.PowerOutlet) is not { } a)
                {
                    return null;
                }
                a.ObjectId = Pick(freeOutlets, pick).Id;
                return change.Update(cable, moved);
            case 9 when inst.PowerPorts.Count > 0:
                var renamed = Pick(inst.PowerPorts, pick);
                var copy = (PowerPort)renamed.Clone();
                copy.Name = $"R{pick}";
                copy.Label = pick % 2 == 0 ? "L" : null;
                copy.MaximumDrawWatts = pick % 5 == 0 ? 900 : copy.MaximumDrawWatts;
                return change.Update(renamed, copy);
            case 10 when inst.Devices.Count > 0:
                var target = Pick(inst.Devices, pick);
                return Change.Adding(Enumerable.Range(1, 3).Select(i => (Entity)new PowerPort
                {
                    Id = inst.MaxId(inst.PowerPorts) + i, DeviceId = target.Id, Name = $"B{pick}-{i}", MaximumDrawWatts = 100 * i,
                }));
        }
        return null;
    }

    private static string Dump(PowerGraph g) => JsonSerializer.Serialize(new object[]
    {
        g.PortIds, g.PortIndex.OrderBy(kv => kv.Key).ToList(), g.PortAllocated, g.PortMaximum, g.PortDevice, g.PortOutlets,
        g.PortDownstream, g.PortParents, g.PortLegFeed, g.PortFeed, g.PortTreeLike, g.PostOrder, g.PostOrderPosition,
        g.OutletLeg, g.OutletCabled, g.OutletDownstream, g.FeedPeerPorts, g.DevicePanelPorts, g.DevicePorts, g.DeviceOutletCount,
    });

    private static string Dump(PowerReport report) => JsonSerializer.Serialize(new object[]
    {
        report.Feeds,
        report.Installation.PowerPorts.Select(p => report.PortDraw(p.Id)),
        report.Installation.Devices.Select(d => report.DeviceRows(d.Id)),
        report.Installation.Racks.Select(r => report.RackUtilization(r.Id)),
    });
}

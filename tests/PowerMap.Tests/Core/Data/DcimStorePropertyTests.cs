using System.Text.Json;
using CsCheck;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;
using PowerMap.Core.Power;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Data;

// Writes patch the in-memory snapshot by their change (no reload): after any sequence of them the snapshot must be what
// a fresh load of the database gives, and its report what a full recompute gives.
public class DcimStorePropertyTests
{
    private static readonly Gen<(int Op, int Pick)[]> Operations = Gen.Select(Gen.Int[0, 14], Gen.Int[0, 10_000]).Array[4, 18];

    [Fact]
    public async Task AnySequenceOfWrites_LeavesTheSnapshotEqualToAFreshLoad_AndTheReportEqualToARecompute()
    {
        await Operations.SampleAsync(async ops =>
        {
            await using var db = await TestDatabase.CreateAsync();
            var ct = TestContext.Current.CancellationToken;
            var seeded = await db.Store.ImportAsync(TopologyExporter.ExportJson(DemoData.Build(InstallationSize.S)), ImportMode.Replace, ct);
            Assert.True(seeded.IsValid, seeded.Errors.ToString());
            foreach (var (op, pick) in ops)
            {
                await ApplyAsync(db, op, pick, ct);
            }

            var snapshot = db.Topology.Current;
            var loaded = await new TopologyStore(db.Factory).LoadAsync(ct);
            Assert.Equal(Dump(loaded), Dump(snapshot.Installation));
            Assert.Equal(Dump(PowerReport.Compute(loaded)), Dump(snapshot.Report));
        }, iter: 12, threads: 1);
    }

    private static T Pick<T>(IReadOnlyList<T> items, int pick) => items[pick % items.Count];

    /// <summary>One write chosen by <paramref name="op"/> on objects chosen by <paramref name="pick"/>; refused writes are fine too.</summary>
    private static async Task ApplyAsync(TestDatabase db, int op, int pick, CancellationToken ct)
    {
        var inst = db.Topology.Current.Installation;
        var store = db.Store;
        var freeOutlets = inst.PowerOutlets.Where(o => !inst.CableOf.ContainsKey((TerminationKind.PowerOutlet, o.Id)) && !o.MarkConnected).ToList();
        var freePorts = inst.PowerPorts.Where(p => !inst.CableOf.ContainsKey((TerminationKind.PowerPort, p.Id)) && !p.MarkConnected).ToList();
        switch (op)
        {
            case 0 when inst.PowerPorts.Count > 0:
                var port = Pick(inst.PowerPorts, pick);
                await store.UpdateAsync<PowerPort>(port.Id, null, (_, p) =>
                {
                    p.AllocatedDrawWatts = pick % 500;
                    p.MaximumDrawWatts = pick % 3 == 0 ? null : 500 + pick % 300;
                    return null;
                }, ct);
                break;
            case 1 when inst.Devices.Count > 0:
                await store.SaveAsync(new PowerPort { DeviceId = Pick(inst.Devices, pick).Id, Name = $"P{pick}", AllocatedDrawWatts = pick % 200 }, null, ct);
                break;
            case 2 when inst.PowerPorts.Count > 0:
                await store.DeleteAsync<PowerPort>(Pick(inst.PowerPorts, pick).Id, null, ct);
                break;
            case 3 when inst.Cables.Count > 0:
                await store.DeleteAsync<Cable>(Pick(inst.Cables, pick).Id, null, ct);
                break;
            case 4 when freeOutlets.Count > 0 && freePorts.Count > 0:
                await store.SaveAsync(new Cable
                {
                    Terminations =
                    [
                        new CableTermination { End = CableEnd.A, Kind = TerminationKind.PowerOutlet, ObjectId = Pick(freeOutlets, pick).Id },
                        new CableTermination { End = CableEnd.B, Kind = TerminationKind.PowerPort, ObjectId = Pick(freePorts, pick / 7).Id },
                    ],
                }, null, ct);
                break;
            case 5 when inst.Devices.Count > 0:
                await store.DeleteAsync<Device>(Pick(inst.Devices, pick).Id, null, ct);
                break;
            case 6 when inst.Devices.Count > 0:
                var device = Pick(inst.Devices, pick);
                await store.CreateManyAsync<PowerPort>(
                    [.. Enumerable.Range(0, 3).Select(i => new PowerPort { DeviceId = device.Id, Name = $"B{pick}-{i}", MaximumDrawWatts = 100 * i })], ct);
                break;
            case 7 when inst.PowerPorts.Count > 1:
                await store.DeleteManyAsync<PowerPort>([Pick(inst.PowerPorts, pick).Id, Pick(inst.PowerPorts, pick / 3).Id], ct);
                break;
            case 8 when inst.Cables.Count > 0 && freeOutlets.Count > 0:
                var cable = Pick(inst.Cables, pick);
                await store.UpdateAsync<Cable>(cable.Id, null, (_, c) =>
                {
                    if (c.Terminations.FirstOrDefault(t => t.End == CableEnd.A && t.Kind == TerminationKind.PowerOutlet) is { } a)
                    {
                        a.ObjectId = Pick(freeOutlets, pick).Id;
                    }
                    return null;
                }, ct);
                break;
            case 9 when inst.Devices.Count > 0:
                await store.UpdateAsync<Device>(Pick(inst.Devices, pick).Id, null, (_, d) =>
                {
                    if (pick % 2 == 0)
                    {
                        d.Name = $"D{pick}";
                    }
                    d.Status = pick % 3 == 0 ? "planned" : "active";
                    return null;
                }, ct);
                break;
            case 10 when inst.PowerPorts.Count > 0:
                var ports = inst.PowerPorts.Where((_, i) => i % 3 == pick % 3).Take(5).ToList();
                await store.UpdateManyAsync(ports.Select(p => new BulkEdit<PowerPort>(p.Id, (_, x) =>
                {
                    x.AllocatedDrawWatts = (x.AllocatedDrawWatts ?? 0) + 1;
                    x.MaximumDrawWatts = null;
                    return null;
                })).ToList(), ct);
                break;
            case 11 when inst.Devices.Count > 0:
                var owner = Pick(inst.Devices, pick);
                var ownPorts = inst.PowerPorts.Where(p => p.DeviceId == owner.Id).ToList();
                await store.SaveAsync(new PowerOutlet
                {
                    DeviceId = owner.Id, Name = $"O{pick}", FeedLeg = pick % 2 == 0 ? "A" : null,
                    PowerPortId = ownPorts.Count > 0 ? Pick(ownPorts, pick).Id : null,
                }, null, ct);
                break;
            case 12 when inst.PowerOutlets.Count > 0:
                await store.DeleteAsync<PowerOutlet>(Pick(inst.PowerOutlets, pick).Id, null, ct);
                break;
            case 13 when inst.PowerOutlets.Count > 0:
                var mapped = Pick(inst.PowerOutlets, pick);
                var siblings = inst.PowerPorts.Where(p => p.DeviceId == mapped.DeviceId).ToList();
                await store.UpdateAsync<PowerOutlet>(mapped.Id, null, (_, o) =>
                {
                    o.PowerPortId = siblings.Count > 0 && pick % 3 != 0 ? Pick(siblings, pick / 3).Id : null;
                    return null;
                }, ct);
                break;
            case 14 when inst.PowerFeeds.Count > 0:
                // A feed edit: mostly what the engine does not read (name, side, description: the report is carried
                // over), sometimes its amperage (computed again).
                await store.UpdateAsync<PowerFeed>(Pick(inst.PowerFeeds, pick).Id, null, (_, f) =>
                {
                    f.Description = $"edit {pick}";
                    f.Type = pick % 2 == 0 ? "primary" : "redundant";
                    if (pick % 3 == 0)
                    {
                        f.Name = $"{f.Name}-{pick}";
                    }
                    if (pick % 5 == 0)
                    {
                        f.Amperage = 16 + pick % 3 * 16;
                    }
                    return null;
                }, ct);
                break;
        }
    }

    /// <summary>Every object with its id and version, in the order of each list; a cable with its terminations.</summary>
    private static string Dump(Installation inst) => JsonSerializer.Serialize(new object[]
    {
        inst.Sites, inst.Locations, inst.Racks, inst.PowerPanels, inst.PowerFeeds, inst.DeviceTypes, inst.PowerPortTemplates,
        inst.PowerOutletTemplates, inst.Devices, inst.PowerPorts, inst.PowerOutlets, inst.Interfaces, inst.Cables,
        inst.CableOf.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key.Kind}:{kv.Key.Id}={kv.Value.Cable.Id}{kv.Value.End}"),
        inst.SiteByName.Count, inst.DeviceByName.Count, inst.PortByName.Count, inst.OutletByName.Count,
    });

    private static string Dump(PowerReport report) => JsonSerializer.Serialize(new object[]
    {
        report.Feeds,
        report.Installation.PowerPorts.Select(p => report.PortDraw(p.Id)),
        report.Installation.Devices.Select(d => report.DeviceRows(d.Id)),
        report.Installation.Racks.Select(r => report.RackUtilization(r.Id)),
    });
}

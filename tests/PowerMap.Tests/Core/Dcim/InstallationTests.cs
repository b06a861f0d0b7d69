using PowerMap.Core.Dcim;
using PowerMap.Tests.TestSupport;

namespace PowerMap.Tests.Core.Dcim;

// Installation.Apply: a write patches the kinds it touches and shares the others; the original is unchanged.
public class InstallationTests
{
    [Fact]
    public void Apply_PatchesTheTouchedKind_SharesTheOthers_AndLeavesTheOriginalUnchanged()
    {
        var (inst, _) = TopologyBuilder.Seed();
        var device = inst.Devices[0];
        var added = new PowerPort { Id = inst.PowerPorts.Max(p => p.Id) + 1, DeviceId = device.Id, Name = "PSU9" };
        var removed = inst.PowerPorts[0];
        var change = new Change();
        change.Added.Add(added);
        change.Remove(removed);

        var next = inst.Apply(change);

        Assert.Same(added, next.PortById[added.Id]);
        Assert.Same(added, next.PortByName[(device.Id, "PSU9")]);
        Assert.Equal(added.Id, next.PowerPorts[^1].Id);
        Assert.False(next.PortById.ContainsKey(removed.Id));
        Assert.False(next.PortByName.ContainsKey((removed.DeviceId, removed.Name)));
        Assert.Equal(inst.PowerPorts.Count, next.PowerPorts.Count);
        Assert.Same(inst.PowerOutlets, next.PowerOutlets);
        Assert.Same(inst.DeviceById, next.DeviceById);
        Assert.Same(inst.CableOf, next.CableOf);
        Assert.True(inst.PortById.ContainsKey(removed.Id));
        Assert.False(inst.PortById.ContainsKey(added.Id));
    }

    [Fact]
    public void Apply_OfACable_ReindexesItsTerminations()
    {
        var (inst, _) = TopologyBuilder.Seed();
        var cable = inst.Cables[0];
        var a = cable.Terminations.Single(t => t.End == CableEnd.A);
        var freed = (a.Kind, a.ObjectId);

        var next = inst.Apply(new Change().Remove(cable));

        Assert.False(next.CableOf.ContainsKey(freed));
        Assert.True(inst.CableOf.ContainsKey(freed));
        Assert.DoesNotContain(next.Cables, c => c.Id == cable.Id);
    }
}

using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Components.Shared;

/// <summary>The store's typed delete for an object known only as an <see cref="Entity"/>.</summary>
public static class EntityDeletion
{
    public sealed record Outcome(WriteStatus Status, string? Message, Entity? Current);

    public static Task<Outcome> DeleteAsync(DcimStore store, Entity e, int expectedVersion) => e switch
    {
        Site => Run(store.DeleteAsync<Site>(e.Id, expectedVersion)),
        Location => Run(store.DeleteAsync<Location>(e.Id, expectedVersion)),
        Rack => Run(store.DeleteAsync<Rack>(e.Id, expectedVersion)),
        PowerPanel => Run(store.DeleteAsync<PowerPanel>(e.Id, expectedVersion)),
        PowerFeed => Run(store.DeleteAsync<PowerFeed>(e.Id, expectedVersion)),
        DeviceType => Run(store.DeleteAsync<DeviceType>(e.Id, expectedVersion)),
        PowerPortTemplate => Run(store.DeleteAsync<PowerPortTemplate>(e.Id, expectedVersion)),
        PowerOutletTemplate => Run(store.DeleteAsync<PowerOutletTemplate>(e.Id, expectedVersion)),
        Device => Run(store.DeleteAsync<Device>(e.Id, expectedVersion)),
        PowerPort => Run(store.DeleteAsync<PowerPort>(e.Id, expectedVersion)),
        PowerOutlet => Run(store.DeleteAsync<PowerOutlet>(e.Id, expectedVersion)),
        Interface => Run(store.DeleteAsync<Interface>(e.Id, expectedVersion)),
        Cable => Run(store.DeleteAsync<Cable>(e.Id, expectedVersion)),
        _ => throw new ArgumentException($"Unknown entity {e.GetType().Name}", nameof(e)),
    };

    private static async Task<Outcome> Run<T>(Task<WriteResult<T>> write) where T : Entity
    {
        var r = await write;
        return new Outcome(r.Status, r.Message, r.Current);
    }
}

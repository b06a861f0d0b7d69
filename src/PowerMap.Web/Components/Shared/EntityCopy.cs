using System.Text.Json;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Components.Shared;

/// <summary>
/// A private deep copy of an entity for a form: the snapshot's objects are shared by every circuit and must never be
/// edited in place, and an object handed to the store becomes part of the next snapshot.
/// </summary>
public static class EntityCopy
{
    public static T Of<T>(T entity) where T : Entity =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(entity))!;
}

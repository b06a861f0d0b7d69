namespace PowerMap.Web.Components.Shared;

/// <summary>The address of every detail page.</summary>
public static class Links
{
    public static string Rack(int id) => $"racks/{id}";
    public static string Panel(int id) => $"power-panels/{id}";
    public static string Feed(int id) => $"power-feeds/{id}";
    public static string Device(int id) => $"devices/{id}";
    public static string DeviceType(int id) => $"device-types/{id}";

    /// <summary>The page of a change log object type (<c>dcim.powerfeed</c>), or null for objects without a page of their own.</summary>
    public static string? ForObject(string objectType, int id) => objectType switch
    {
        "dcim.rack" => Rack(id),
        "dcim.powerpanel" => Panel(id),
        "dcim.powerfeed" => Feed(id),
        "dcim.device" => Device(id),
        "dcim.devicetype" => DeviceType(id),
        _ => null,
    };
}

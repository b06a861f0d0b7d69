namespace PowerMap.Web.Components.Shared;

/// <summary>The address of every detail page.</summary>
public static class Links
{
    public static string Rack(int id) => $"racks/{id}";
    public static string Panel(int id) => $"power-panels/{id}";
    public static string Feed(int id) => $"power-feeds/{id}";
    public static string Device(int id) => $"devices/{id}";
    public static string DeviceType(int id) => $"device-types/{id}";
}

namespace PowerMap.Core.Dcim;

/// <summary>
/// A named catalogue entry of NetBox's (a manufacturer, a device role): name and slug unique among its kind. Devices and
/// device types name it by text (<see cref="Device.Role"/>, <see cref="DeviceType.Manufacturer"/>), so a free-text value
/// without an entry stays valid; renaming an entry renames that text where it is used.
/// </summary>
public abstract class CatalogEntry : Entity
{
    private string _slug = "";

    public string Name { get; set; } = "";

    /// <summary>Left empty it is generated from the name (NetBox's slugify) when first read, and kept from then on, as a site's.</summary>
    public string Slug
    {
        get
        {
            if (_slug.Length == 0)
            {
                _slug = Slugs.FromName(Name);
            }
            return _slug;
        }
        set => _slug = value ?? "";
    }

    public string Description { get; set; } = "";

    public override string ToString() => Name;
}

/// <summary>NetBox's <c>dcim.Manufacturer</c>; the device types of it are those whose <see cref="DeviceType.Manufacturer"/> is its name.</summary>
public sealed class Manufacturer : CatalogEntry;

/// <summary>NetBox's <c>dcim.DeviceRole</c>; the devices of it are those whose <see cref="Device.Role"/> is its name.</summary>
public sealed class DeviceRole : CatalogEntry
{
    /// <summary>NetBox's default colour: grey, six hex digits without <c>#</c>.</summary>
    public const string DefaultColor = "9e9e9e";

    public string Color { get; set; } = DefaultColor;
}

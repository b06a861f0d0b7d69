namespace PowerMap.Core.Dcim;

/// <summary>
/// A named catalogue entry of NetBox's (a manufacturer, a device role): name and slug unique among its kind. Devices and
/// device types name it by text (<see cref="Device.Role"/>, <see cref="DeviceType.Manufacturer"/>), so a free-text value
/// without an entry stays valid; renaming an entry renames that text where it is used.
/// </summary>
public abstract class CatalogEntry : SluggedEntity;

/// <summary>
/// An object with NetBox's unique name and URL-friendly slug (a site, a manufacturer, a device role). Left empty the slug is
/// generated from the name (NetBox's slugify) the first time it is read, and kept from then on: renamed later, the object
/// keeps its slug, as in NetBox.
/// </summary>
public abstract class SluggedEntity : Entity
{
    private string _slug = "";

    public string Name { get; set; } = "";

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

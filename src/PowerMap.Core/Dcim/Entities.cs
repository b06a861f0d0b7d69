namespace PowerMap.Core.Dcim;

/// <summary>Base of every persisted object: a database id and an optimistic-concurrency version (the ETag).</summary>
public abstract class Entity
{
    public int Id { get; set; }

    /// <summary>Incremented on every save; a write that carries an older version is refused.</summary>
    public int Version { get; set; }

    /// <summary>
    /// The object's id in the NetBox it was imported from (null: made in PowerMap). A NetBox import matches on it, so
    /// importing again updates the object in place; unique per kind. An unnamed device is shown with it.
    /// </summary>
    public int? NetBoxId { get; set; }

    /// <summary>A private copy (a cable's terminations are copied too): snapshot objects are shared and never changed in place.</summary>
    public virtual Entity Clone() => (Entity)MemberwiseClone();
}

public sealed class Site : SluggedEntity;

public sealed class Location : Entity
{
    public int SiteId { get; set; }
    public string Name { get; set; } = "";
    public override string ToString() => Name;
}

public sealed class Rack : Entity
{
    public int SiteId { get; set; }
    public int? LocationId { get; set; }
    public string Name { get; set; } = "";
    public string? FacilityId { get; set; }

    /// <summary>NetBox's <c>str(rack)</c>: <c>name (facility_id)</c> when a facility id is set.</summary>
    public override string ToString() => string.IsNullOrEmpty(FacilityId) ? Name : $"{Name} ({FacilityId})";
}

public sealed class PowerPanel : Entity
{
    public int SiteId { get; set; }
    public int? LocationId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Main-breaker rating, volts (PowerMap, not NetBox); null = unknown. Set together with amperage and phase.</summary>
    public int? RatedVoltage { get; set; }

    /// <summary>Main-breaker rating, amperes; null = unknown.</summary>
    public int? RatedAmperage { get; set; }

    /// <summary>Main-breaker phase (<c>single-phase</c> / <c>three-phase</c>); null = unknown.</summary>
    public string? RatedPhase { get; set; }

    public override string ToString() => Name;
}

public sealed class PowerFeed : Entity
{
    public int PowerPanelId { get; set; }
    public int? RackId { get; set; }
    public string Name { get; set; } = "";
    public string Status { get; set; } = "active";
    public string Type { get; set; } = "primary";
    public string Supply { get; set; } = Choices.Ac;
    public string Phase { get; set; } = Choices.SinglePhase;

    /// <summary>Volts; negative only for DC.</summary>
    public int Voltage { get; set; } = 120;

    /// <summary>Amperes.</summary>
    public int Amperage { get; set; } = 15;

    /// <summary>Percent of the breaker rating that may be used (NetBox default 80).</summary>
    public int MaxUtilization { get; set; } = 80;

    public bool MarkConnected { get; set; }
    public string Description { get; set; } = "";
    public string Comments { get; set; } = "";
    public override string ToString() => Name;
}

public sealed class DeviceType : Entity
{
    /// <summary>The manufacturer's name; with the model, the type's natural key (NetBox: unique per manufacturer and model).</summary>
    public string Manufacturer { get; set; } = "";
    public string Model { get; set; } = "";
    public override string ToString() => Model;
}

public sealed class PowerPortTemplate : Entity
{
    public int DeviceTypeId { get; set; }
    public string Name { get; set; } = "";
    public string? Label { get; set; }
    public string? Type { get; set; }
    public int? MaximumDrawWatts { get; set; }
    public int? AllocatedDrawWatts { get; set; }
    public override string ToString() => string.IsNullOrEmpty(Label) ? Name : $"{Name} ({Label})";
}

public sealed class PowerOutletTemplate : Entity
{
    public int DeviceTypeId { get; set; }
    public string Name { get; set; } = "";
    public string? Label { get; set; }
    public string? Type { get; set; }
    public int? PowerPortTemplateId { get; set; }
    public string? FeedLeg { get; set; }
    public override string ToString() => string.IsNullOrEmpty(Label) ? Name : $"{Name} ({Label})";
}

public sealed class Device : Entity
{
    public int SiteId { get; set; }
    public int? LocationId { get; set; }
    public int? RackId { get; set; }
    public int? DeviceTypeId { get; set; }

    /// <summary>Empty for an unnamed device, which NetBox allows; named devices are unique per site, ignoring case.</summary>
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string Status { get; set; } = "active";

    /// <summary>
    /// A PDU's or UPS's rating on its inlet, VA (PowerMap, not NetBox); null = unknown. A limit shown with headroom against the
    /// draw of the device's power ports; unlike a port's maximum_draw it never stops the roll-up.
    /// </summary>
    public int? RatedVoltAmps { get; set; }

    public bool IsUnnamed => Name.Length == 0;

    /// <summary>
    /// NetBox's <c>str(device)</c>: the name, or for an unnamed device <c>{manufacturer} {model} ({id})</c> with the
    /// NetBox id when it came from a NetBox (PowerMap's id otherwise), so it reads as it did there.
    /// </summary>
    public string Display(DeviceType? type)
    {
        if (!IsUnnamed)
        {
            return Name;
        }
        int id = NetBoxId ?? Id;
        return type is null ? $"Device ({id})" : $"{$"{type.Manufacturer} {type.Model}".Trim()} ({id})";
    }

    public override string ToString() => Name;
}

public sealed class PowerPort : Entity
{
    public int DeviceId { get; set; }
    public string Name { get; set; } = "";
    public string? Label { get; set; }
    public string? Type { get; set; }

    /// <summary>Watts; when this or <see cref="AllocatedDrawWatts"/> is set the port is manual and stops the roll-up.</summary>
    public int? MaximumDrawWatts { get; set; }

    /// <summary>Watts.</summary>
    public int? AllocatedDrawWatts { get; set; }

    public bool MarkConnected { get; set; }
    public string Description { get; set; } = "";

    /// <summary>NetBox's <c>str(component)</c>: <c>name (label)</c> when a label is set.</summary>
    public override string ToString() => string.IsNullOrEmpty(Label) ? Name : $"{Name} ({Label})";
}

public sealed class PowerOutlet : Entity
{
    public int DeviceId { get; set; }
    public string Name { get; set; } = "";
    public string? Label { get; set; }
    public string? Type { get; set; }
    public int? PowerPortId { get; set; }
    public string? FeedLeg { get; set; }
    public string Status { get; set; } = "enabled";
    public bool MarkConnected { get; set; }
    public string Description { get; set; } = "";
    public override string ToString() => string.IsNullOrEmpty(Label) ? Name : $"{Name} ({Label})";
}

public sealed class Interface : Entity
{
    public int DeviceId { get; set; }
    public string Name { get; set; } = "";
    public string Type { get; set; } = "1000base-t";
    public bool MarkConnected { get; set; }
    public override string ToString() => Name;
}

public sealed class Cable : Entity
{
    public string Status { get; set; } = "connected";
    public string Label { get; set; } = "";
    /// <summary>NetBox stores it as <c>DecimalField(max_digits=8, decimal_places=2)</c>: at most 999999.99.</summary>
    public double? Length { get; set; }

    public const int LengthMaxDigits = 8;
    public const int LengthDecimalPlaces = 2;
    public string? LengthUnit { get; set; }
    public List<CableTermination> Terminations { get; set; } = [];

    public IEnumerable<CableTermination> End(CableEnd end) => Terminations.Where(t => t.End == end);

    public override Entity Clone()
    {
        var copy = (Cable)MemberwiseClone();
        copy.Terminations = Terminations.Select(t => t.Clone()).ToList();
        return copy;
    }
}

public enum CableEnd
{
    A,
    B,
}

public sealed class CableTermination
{
    public int Id { get; set; }
    public int CableId { get; set; }
    public CableEnd End { get; set; }
    public TerminationKind Kind { get; set; }

    /// <summary>Id of the feed, port, outlet or interface.</summary>
    public int ObjectId { get; set; }

    /// <summary>Position within its end, as given.</summary>
    public int Position { get; set; }

    public CableTermination Clone() => (CableTermination)MemberwiseClone();
}

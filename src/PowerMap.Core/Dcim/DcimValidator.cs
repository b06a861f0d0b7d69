namespace PowerMap.Core.Dcim;

/// <summary>
/// Validation of every rule of power-model.md §6, as NetBox's <c>full_clean()</c> runs them: field checks first
/// (blank, range, choices), then the model's <c>clean()</c> (which stops at its first error), then uniqueness.
/// Pure: it reads the installation the object is about to join and never throws.
/// Pass the stored version as <c>original</c> when validating an update (its id equals the candidate's).
/// </summary>
public static class DcimValidator
{
    public const int SmallIntMin = -32768;
    public const int SmallIntMax = 32767;
    public const long PositiveIntMax = 2147483647;

    public static ValidationErrors Site(Installation inst, Site site)
    {
        var e = new ValidationErrors();
        RequireName(e, site.Name);
        var slug = site.Slug;
        SlugFormat(e, slug);
        bool nameTaken = e.IsValid && Taken(inst.SiteByName, site.Name, site.Id);
        if (nameTaken)
        {
            e.Add(ValidationErrors.NonField, "Site with this Name already exists.");
        }
        // A scan: sites are few. Not repeated for a taken name, whose generated slug is taken too.
        if (!e.Has("slug") && !nameTaken && inst.Sites.Any(s => s.Id != site.Id && s.Slug == slug))
        {
            e.Add("slug", "Site with this Slug already exists.");
        }
        return e;
    }

    /// <summary>NetBox's slug rules: required, at most <see cref="Slugs.MaxLength"/> characters, letters, digits, '-' and '_'.</summary>
    private static void SlugFormat(ValidationErrors e, string slug)
    {
        if (slug.Length == 0)
        {
            e.Add("slug", Messages.Blank);
        }
        else if (slug.Length > Slugs.MaxLength)
        {
            e.Add("slug", Messages.MaxLength(Slugs.MaxLength));
        }
        else if (!Slugs.IsValid(slug))
        {
            e.Add("slug", Slugs.Invalid);
        }
    }

    /// <summary>A manufacturer or device role: name and slug required and unique among its kind; a role's colour six hex digits.</summary>
    public static ValidationErrors CatalogEntry(Installation inst, CatalogEntry entry)
    {
        var e = new ValidationErrors();
        RequireName(e, entry.Name);
        if (entry.Name.Length > 100)
        {
            e.Add("name", Messages.MaxLength(100));
        }
        var slug = entry.Slug;
        SlugFormat(e, slug);
        IEnumerable<CatalogEntry> others = entry is DeviceRole ? inst.DeviceRoles : inst.Manufacturers;
        string kind = entry is DeviceRole ? "Device role" : "Manufacturer";
        if (!e.Has("name") && others.Any(o => o.Id != entry.Id && o.Name == entry.Name))
        {
            e.Add("name", $"{kind} with this Name already exists.");
        }
        else if (!e.Has("slug") && others.Any(o => o.Id != entry.Id && o.Slug == slug))
        {
            e.Add("slug", $"{kind} with this Slug already exists.");
        }
        if (entry is DeviceRole role && (role.Color.Length != 6 || !role.Color.All(Uri.IsHexDigit)))
        {
            e.Add("color", "Enter a valid hexadecimal RGB color code.");
        }
        return e;
    }

    public static ValidationErrors Location(Installation inst, Location location)
    {
        var e = new ValidationErrors();
        RequireName(e, location.Name);
        RequireRef(e, "site", inst.SiteById, location.SiteId);
        if (e.IsValid && Taken(inst.LocationByName, (location.SiteId, location.Name), location.Id))
        {
            e.Add(ValidationErrors.NonField, Messages.Duplicate("Location", "Site"));
        }
        return e;
    }

    public static ValidationErrors Rack(Installation inst, Rack rack)
    {
        var e = new ValidationErrors();
        RequireName(e, rack.Name);
        RequireRef(e, "site", inst.SiteById, rack.SiteId);
        OptionalRef(e, "location", inst.LocationById, rack.LocationId);
        if (!e.IsValid)
        {
            return e;
        }
        if (rack.LocationId is { } locId && inst.LocationById[locId].SiteId != rack.SiteId)
        {
            e.Add(ValidationErrors.NonField, Messages.RackLocationSite(inst.SiteById[rack.SiteId].Name));
        }
        // Uniqueness is checked after clean() whatever it found (full_clean excludes only fields with errors).
        // NetBox's constraint is (location, name); PowerMap also keeps the names of racks without location unique per site.
        if (Taken(inst.RackByName, (rack.SiteId, rack.LocationId, rack.Name), rack.Id))
        {
            e.Add(ValidationErrors.NonField, Messages.Duplicate("Rack", rack.LocationId is null ? "Site" : "Location"));
        }
        return e;
    }

    public static ValidationErrors PowerPanel(Installation inst, PowerPanel panel)
    {
        var e = new ValidationErrors();
        RequireName(e, panel.Name);
        RequireRef(e, "site", inst.SiteById, panel.SiteId);
        OptionalRef(e, "location", inst.LocationById, panel.LocationId);
        PanelRating(e, panel);
        if (!e.IsValid)
        {
            return e;
        }
        if (panel.LocationId is { } locId)
        {
            var location = inst.LocationById[locId];
            if (location.SiteId != panel.SiteId)
            {
                e.Add(ValidationErrors.NonField, Messages.PanelLocationSite(
                    location.Name, inst.SiteById[location.SiteId].Name, inst.SiteById[panel.SiteId].Name));
            }
        }
        // Uniqueness is checked after clean() whatever it found (full_clean excludes only fields with errors).
        if (Taken(inst.PanelByName, (panel.SiteId, panel.Name), panel.Id))
        {
            e.Add(ValidationErrors.NonField, Messages.Duplicate("Power panel", "Site"));
        }
        return e;
    }

    public static ValidationErrors PowerFeed(Installation inst, PowerFeed feed)
    {
        var e = new ValidationErrors();
        RequireName(e, feed.Name);
        RequireRef(e, "power_panel", inst.PanelById, feed.PowerPanelId);
        OptionalRef(e, "rack", inst.RackById, feed.RackId);
        Choice(e, "status", feed.Status, Choices.PowerFeedStatus);
        Choice(e, "type", feed.Type, Choices.PowerFeedType);
        Choice(e, "supply", feed.Supply, Choices.PowerFeedSupply);
        Choice(e, "phase", feed.Phase, Choices.PowerFeedPhase);
        Range(e, "voltage", feed.Voltage, SmallIntMin, SmallIntMax);
        if (feed.Voltage == 0)
        {
            e.Add("voltage", Messages.VoltageNotZero);
        }
        Range(e, "amperage", feed.Amperage, 1, SmallIntMax);
        Range(e, "max_utilization", feed.MaxUtilization, 1, 100);

        // clean(): the cable rule (CabledObjectModel) first, then the feed's own rules; the first failing rule is the only one reported.
        bool stopped = MarkConnected(e, inst, TerminationKind.PowerFeed, feed.Id, feed.MarkConnected);
        if (!stopped && inst.PanelById.TryGetValue(feed.PowerPanelId, out var panel))
        {
            if (feed.RackId is { } rackId && inst.RackById.TryGetValue(rackId, out var rack) && rack.SiteId != panel.SiteId)
            {
                e.Add(ValidationErrors.NonField, Messages.FeedRackSite(
                    rack.ToString(), SiteName(inst, rack.SiteId), panel.Name, SiteName(inst, panel.SiteId)));
            }
            else if (feed.Voltage < 0 && feed.Supply == Choices.Ac)
            {
                e.Add("voltage", Messages.NegativeAcVoltage);
            }
        }

        if (!e.Has("name") && !e.Has("power_panel") &&
            Taken(inst.FeedByName, (feed.PowerPanelId, feed.Name), feed.Id))
        {
            e.Add(ValidationErrors.NonField, Messages.Duplicate("Power feed", "Power panel"));
        }
        return e;
    }

    public static ValidationErrors DeviceType(Installation inst, DeviceType type)
    {
        var e = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(type.Model))
        {
            e.Add("model", Messages.Blank);
        }
        else if (ControlCharacters(type.Model) is { } control)
        {
            e.Add("model", control);
        }
        else if (Taken(inst.DeviceTypeByKey, (type.Manufacturer, type.Model), type.Id))
        {
            e.Add(ValidationErrors.NonField, "Device type with this Manufacturer and Model already exists.");
        }
        return e;
    }

    public static ValidationErrors PowerPortTemplate(Installation inst, PowerPortTemplate t)
    {
        var e = new ValidationErrors();
        RequireName(e, t.Name);
        if (TemplateMoved(e, t.Id, t.DeviceTypeId, inst.PortTemplateById.TryGetValue(t.Id, out var stored) ? stored.DeviceTypeId : null))
        {
            return e;
        }
        RequireRef(e, "device_type", inst.DeviceTypeById, t.DeviceTypeId);
        OptionalChoice(e, "type", t.Type, ConnectorTypes.PowerPort);
        Draws(e, t.MaximumDrawWatts, t.AllocatedDrawWatts);
        if (!e.Has("name") && !e.Has("device_type") &&
            Taken(inst.PortTemplateByName, (t.DeviceTypeId, t.Name), t.Id))
        {
            e.Add(ValidationErrors.NonField, Messages.Duplicate("Power port template", "Device type"));
        }
        return e;
    }

    public static ValidationErrors PowerOutletTemplate(Installation inst, PowerOutletTemplate t)
    {
        var e = new ValidationErrors();
        RequireName(e, t.Name);
        if (TemplateMoved(e, t.Id, t.DeviceTypeId, inst.OutletTemplateById.TryGetValue(t.Id, out var stored) ? stored.DeviceTypeId : null))
        {
            return e;
        }
        RequireRef(e, "device_type", inst.DeviceTypeById, t.DeviceTypeId);
        OptionalRef(e, "power_port", inst.PortTemplateById, t.PowerPortTemplateId);
        OptionalChoice(e, "type", t.Type, ConnectorTypes.PowerOutlet);
        OptionalChoice(e, "feed_leg", t.FeedLeg, Choices.FeedLeg);
        if (t.PowerPortTemplateId is { } pid && inst.PortTemplateById.TryGetValue(pid, out var port) && port.DeviceTypeId != t.DeviceTypeId)
        {
            e.Add(ValidationErrors.NonField, Messages.ParentPortSameDeviceType(port.ToString()));
        }
        if (!e.Has("name") && !e.Has("device_type") &&
            Taken(inst.OutletTemplateByName, (t.DeviceTypeId, t.Name), t.Id))
        {
            e.Add(ValidationErrors.NonField, Messages.Duplicate("Power outlet template", "Device type"));
        }
        return e;
    }

    public static ValidationErrors Device(Installation inst, Device device)
    {
        var e = new ValidationErrors();
        // NetBox allows an unnamed device; a name given must still be clean.
        if (device.Name.Length > 0)
        {
            RequireName(e, device.Name);
        }
        RequireRef(e, "site", inst.SiteById, device.SiteId);
        OptionalRef(e, "location", inst.LocationById, device.LocationId);
        OptionalRef(e, "rack", inst.RackById, device.RackId);
        OptionalRef(e, "device_type", inst.DeviceTypeById, device.DeviceTypeId);
        Choice(e, "status", device.Status, Choices.DeviceStatus);
        if (device.RatedVoltAmps is { } ratedVoltAmps)
        {
            Range(e, "rated_va", ratedVoltAmps, 1, PositiveIntMax);
        }
        if (e.Has("site") || e.Has("rack") || e.Has("location"))
        {
            return e;
        }
        // Device.clean(): the rack's site, the location's site, then the rack's location, stopping at the first.
        if (device.RackId is { } rackId && inst.RackById[rackId].SiteId != device.SiteId)
        {
            e.Add("rack", Messages.DeviceRackSite(inst.RackById[rackId].ToString(), SiteName(inst, device.SiteId)));
        }
        else if (device.LocationId is { } locationId && inst.LocationById[locationId].SiteId != device.SiteId)
        {
            e.Add("location", Messages.DeviceLocationSite(inst.LocationById[locationId].Name, SiteName(inst, device.SiteId)));
        }
        else if (device.RackId is { } rid && device.LocationId is { } lid && inst.RackById[rid].LocationId != lid)
        {
            e.Add("rack", Messages.DeviceRackLocation(inst.RackById[rid].ToString(), inst.LocationById[lid].Name));
        }
        if (!e.Has("name") && !device.IsUnnamed && Taken(inst.DeviceByName, (device.SiteId, device.Name), device.Id))
        {
            e.Add(ValidationErrors.NonField, Messages.DeviceNameUnique);
        }
        return e;
    }

    public static ValidationErrors PowerPort(Installation inst, PowerPort port)
    {
        var e = new ValidationErrors();
        RequireName(e, port.Name);
        // clean() chain: mark_connected (CabledObjectModel), the device move (ComponentModel), then allocated ≤ maximum.
        bool stopped = MarkConnected(e, inst, TerminationKind.PowerPort, port.Id, port.MarkConnected);
        stopped |= Component(e, inst, port.Id, port.DeviceId, inst.PortById.TryGetValue(port.Id, out var old) ? old.DeviceId : null, stopped);
        OptionalChoice(e, "type", port.Type, ConnectorTypes.PowerPort);
        Draws(e, port.MaximumDrawWatts, port.AllocatedDrawWatts, stopped);
        if (!e.Has("name") && !e.Has("device") &&
            Taken(inst.PortByName, (port.DeviceId, port.Name), port.Id))
        {
            e.Add(ValidationErrors.NonField, Messages.Duplicate("Power port", "Device"));
        }
        return e;
    }

    public static ValidationErrors PowerOutlet(Installation inst, PowerOutlet outlet)
    {
        var e = new ValidationErrors();
        RequireName(e, outlet.Name);
        // clean() chain: mark_connected (CabledObjectModel), the device move (ComponentModel), then the parent port's device.
        bool stopped = MarkConnected(e, inst, TerminationKind.PowerOutlet, outlet.Id, outlet.MarkConnected);
        stopped |= Component(e, inst, outlet.Id, outlet.DeviceId, inst.OutletById.TryGetValue(outlet.Id, out var old) ? old.DeviceId : null, stopped);
        OptionalRef(e, "power_port", inst.PortById, outlet.PowerPortId);
        OptionalChoice(e, "type", outlet.Type, ConnectorTypes.PowerOutlet);
        OptionalChoice(e, "feed_leg", outlet.FeedLeg, Choices.FeedLeg);
        Choice(e, "status", outlet.Status, Choices.PowerOutletStatus);
        if (!stopped && outlet.PowerPortId is { } pid && inst.PortById.TryGetValue(pid, out var port) && port.DeviceId != outlet.DeviceId)
        {
            e.Add(ValidationErrors.NonField, Messages.ParentPortSameDevice(port.ToString()));
        }
        if (!e.Has("name") && !e.Has("device") &&
            Taken(inst.OutletByName, (outlet.DeviceId, outlet.Name), outlet.Id))
        {
            e.Add(ValidationErrors.NonField, Messages.Duplicate("Power outlet", "Device"));
        }
        return e;
    }

    public static ValidationErrors Interface(Installation inst, Interface iface)
    {
        var e = new ValidationErrors();
        RequireName(e, iface.Name);
        bool stopped = MarkConnected(e, inst, TerminationKind.Interface, iface.Id, iface.MarkConnected);
        Component(e, inst, iface.Id, iface.DeviceId, inst.InterfaceById.TryGetValue(iface.Id, out var old) ? old.DeviceId : null, stopped);
        if (string.IsNullOrWhiteSpace(iface.Type))
        {
            e.Add("type", Messages.Blank);
        }
        if (!e.Has("name") && !e.Has("device") &&
            Taken(inst.InterfaceByName, (iface.DeviceId, iface.Name), iface.Id))
        {
            e.Add(ValidationErrors.NonField, Messages.Duplicate("Interface", "Device"));
        }
        return e;
    }

    /// <summary>
    /// Cable rules (power-model.md §4) in NetBox's order: both ends present, one type per end, a compatible pair,
    /// then per termination: not already cabled elsewhere, not marked connected.
    /// </summary>
    public static ValidationErrors Cable(Installation inst, Cable cable)
    {
        var e = new ValidationErrors();
        Choice(e, "status", cable.Status, Choices.CableStatus);
        OptionalChoice(e, "length_unit", cable.LengthUnit, Choices.CableLengthUnit);
        if (cable.Length is < 0)
        {
            e.Add("length", Messages.MinValue(0));
        }
        else if (cable.Length is { } length && DecimalPrecision.Error(
                     length.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Dcim.Cable.LengthMaxDigits, Dcim.Cable.LengthDecimalPlaces) is { } precision)
        {
            e.Add("length", precision);
        }

        var a = cable.End(CableEnd.A).ToList();
        var b = cable.End(CableEnd.B).ToList();
        foreach (var t in a.Concat(b))
        {
            if (!inst.TerminationExists(t.Kind, t.ObjectId))
            {
                e.Add(t.End == CableEnd.A ? "a_terminations" : "b_terminations", Messages.DoesNotExist(t.ObjectId));
            }
        }
        if (e.Has("a_terminations") || e.Has("b_terminations"))
        {
            return e;
        }
        var error = CableClean(inst, cable, a, b);
        if (error is not null)
        {
            e.Add(ValidationErrors.NonField, error);
        }
        return e;
    }

    private static string? CableClean(Installation inst, Cable cable, List<CableTermination> a, List<CableTermination> b)
    {
        if (cable.Length is not null && string.IsNullOrEmpty(cable.LengthUnit))
        {
            return Messages.CableLengthUnitRequired;
        }
        if (a.Count == 0 || b.Count == 0)
        {
            return Messages.CableEndsRequired;
        }
        foreach (var end in new[] { a, b })
        {
            if (end.Any(t => t.Kind != end[0].Kind))
            {
                return Messages.CableMixedTypes;
            }
        }
        var aKind = a[0].Kind;
        var bKind = b[0].Kind;
        if (!CableRules.Compatible(aKind, bKind))
        {
            return Messages.CableIncompatible(aKind.ModelName(), bKind.ModelName());
        }
        foreach (var t in a.Concat(b))
        {
            // CableTermination.clean(): the mark_connected rule, then the duplicate.
            if (inst.TerminationMarkConnected(t.Kind, t.ObjectId))
            {
                return Messages.CableMarkedConnected(inst.TerminationParentName(t.Kind, t.ObjectId), inst.TerminationName(t.Kind, t.ObjectId));
            }
            if (inst.CableOf.TryGetValue((t.Kind, t.ObjectId), out var existing) && existing.Cable.Id != cable.Id)
            {
                return Messages.CableDuplicateTermination(t.Kind.ModelName(), t.ObjectId, existing.Cable.Id);
            }
        }
        var seen = new HashSet<(TerminationKind, int)>();
        foreach (var t in a.Concat(b))
        {
            if (!seen.Add((t.Kind, t.ObjectId)))
            {
                return Messages.CableDuplicateTermination(t.Kind.ModelName(), t.ObjectId, cable.Id);
            }
        }
        return null;
    }

    /// <summary>
    /// A panel's main-breaker rating (PowerMap's own fields): each in range, the phase a feed phase, and all three given
    /// together or none (the VA needs all of them); a missing one is reported under its own name.
    /// </summary>
    private static void PanelRating(ValidationErrors e, PowerPanel panel)
    {
        if (panel.RatedVoltage is { } voltage)
        {
            Range(e, "rated_voltage", voltage, 1, SmallIntMax);
        }
        if (panel.RatedAmperage is { } amperage)
        {
            Range(e, "rated_amperage", amperage, 1, SmallIntMax);
        }
        if (panel.RatedPhase is not null)
        {
            Choice(e, "rated_phase", panel.RatedPhase, Choices.PowerFeedPhase);
        }
        bool any = panel.RatedVoltage is not null || panel.RatedAmperage is not null || panel.RatedPhase is not null;
        if (!any)
        {
            return;
        }
        if (panel.RatedVoltage is null)
        {
            e.Add("rated_voltage", Messages.PanelRatingIncomplete);
        }
        if (panel.RatedAmperage is null)
        {
            e.Add("rated_amperage", Messages.PanelRatingIncomplete);
        }
        if (panel.RatedPhase is null)
        {
            e.Add("rated_phase", Messages.PanelRatingIncomplete);
        }
    }

    /// <summary>The device field, and ComponentModel.clean()'s move rule unless an earlier clean() rule already failed; true when the rule failed.</summary>
    /// <summary>NetBox's ComponentTemplateModel.clean(): a template stays with its device type.</summary>
    private static bool TemplateMoved(ValidationErrors e, int id, int deviceTypeId, int? storedDeviceTypeId)
    {
        if (id != 0 && storedDeviceTypeId is { } stored && stored != deviceTypeId)
        {
            e.Add("device_type", Messages.TemplateMoved);
            return true;
        }
        return false;
    }

    private static bool Component(ValidationErrors e, Installation inst, int id, int deviceId, int? storedDeviceId, bool cleanStopped)
    {
        if (!cleanStopped && storedDeviceId is { } stored && stored != deviceId && id != 0)
        {
            e.Add("device", Messages.ComponentMoved);
            return true;
        }
        RequireRef(e, "device", inst.DeviceById, deviceId);
        return false;
    }

    /// <summary>
    /// Field ranges, then clean()'s allocated ≤ maximum, which Django runs whatever the field checks found
    /// (unless an earlier clean() rule failed).
    /// </summary>
    private static void Draws(ValidationErrors e, int? maximum, int? allocated, bool cleanStopped = false)
    {
        if (maximum is { } m)
        {
            Range(e, "maximum_draw", m, 1, PositiveIntMax);
        }
        if (allocated is { } a)
        {
            Range(e, "allocated_draw", a, 1, PositiveIntMax);
        }
        if (!cleanStopped && maximum is { } max && allocated is { } alloc && alloc > max)
        {
            e.Add("allocated_draw", Messages.AllocatedExceedsMaximum(max));
        }
    }

    /// <summary>CabledObjectModel.clean(), the first rule of a termination's clean() chain; true when it failed.</summary>
    private static bool MarkConnected(ValidationErrors e, Installation inst, TerminationKind kind, int id, bool markConnected)
    {
        if (markConnected && id != 0 && inst.CableOf.ContainsKey((kind, id)))
        {
            e.Add("mark_connected", Messages.MarkConnectedWithCable);
            return true;
        }
        return false;
    }

    private static void RequireName(ValidationErrors e, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            e.Add("name", Messages.Blank);
        }
        else if (name.Length > 100)
        {
            e.Add("name", "Ensure this field has no more than 100 characters.");
        }
        else if (ControlCharacters(name) is { } message)
        {
            e.Add("name", message);
        }
    }

    /// <summary>
    /// Django's message for a NUL (<c>ProhibitNullCharactersValidator</c>), and one for the other control characters: a
    /// name is shown in pages, diagrams and SVG/PNG exports, where they break the output. Null when there is none.
    /// </summary>
    public static string? ControlCharacters(string? value) =>
        value is null ? null
        : value.Contains('\0') ? "Null characters are not allowed."
        : value.Any(char.IsControl) ? "Control characters are not allowed."
        : null;

    private static void RequireRef<T>(ValidationErrors e, string field, IReadOnlyDictionary<int, T> byId, int id)
    {
        if (!byId.ContainsKey(id))
        {
            e.Add(field, id == 0 ? Messages.Required : Messages.DoesNotExist(id));
        }
    }

    private static void OptionalRef<T>(ValidationErrors e, string field, IReadOnlyDictionary<int, T> byId, int? id)
    {
        if (id is { } value && !byId.ContainsKey(value))
        {
            e.Add(field, Messages.DoesNotExist(value));
        }
    }

    private static void Choice(ValidationErrors e, string field, string? value, IReadOnlyCollection<string> allowed)
    {
        if (value is null || !allowed.Contains(value))
        {
            e.Add(field, Messages.InvalidChoice(value ?? ""));
        }
    }

    private static void OptionalChoice(ValidationErrors e, string field, string? value, IReadOnlyCollection<string> allowed)
    {
        if (!string.IsNullOrEmpty(value) && !allowed.Contains(value))
        {
            e.Add(field, Messages.InvalidChoice(value));
        }
    }

    private static void Range(ValidationErrors e, string field, long value, long min, long max)
    {
        if (value < min)
        {
            e.Add(field, Messages.MinValue(min));
        }
        else if (value > max)
        {
            e.Add(field, Messages.MaxValue(max));
        }
    }

    private static bool Taken<TKey, T>(IReadOnlyDictionary<TKey, T> index, TKey key, int selfId) where T : Entity =>
        index.TryGetValue(key, out var other) && other.Id != selfId;

    private static string SiteName(Installation inst, int siteId) => inst.SiteById.TryGetValue(siteId, out var s) ? s.Name : "";
}

/// <summary>NetBox's compatibility table reduced to power (power-model.md §4): feed↔port and outlet↔port only.</summary>
public static class CableRules
{
    public static bool Compatible(TerminationKind a, TerminationKind b) => (a, b) switch
    {
        (TerminationKind.PowerFeed, TerminationKind.PowerPort) => true,
        (TerminationKind.PowerPort, TerminationKind.PowerFeed) => true,
        (TerminationKind.PowerOutlet, TerminationKind.PowerPort) => true,
        (TerminationKind.PowerPort, TerminationKind.PowerOutlet) => true,
        _ => false,
    };
}

using System.Globalization;
using System.Reflection;
using System.Text.Json;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Features.Dcim;

/// <summary>
/// One attribute a related object may be looked up by, in a request (<c>"power_panel": {"site": "DC1", "name": "PP-1"}</c>)
/// or in a list filter (<c>?power_panel=PP-1</c>). <see cref="Target"/> is set for relations: their value may be an id,
/// the target's name, or an object of the target's own attributes.
/// </summary>
public sealed record DcimAttribute(Func<Installation, Entity, JsonElement, bool> Matches, DcimResource? Target = null);

/// <summary>
/// The non-generic half of a REST resource: its path, its attributes for lookups and filters, and how related objects
/// are resolved from a request value (NetBox's <c>get_related_object_by_attrs</c>).
/// </summary>
public abstract class DcimResource(string path, string singular, string plural, Type entityType)
{
    /// <summary>The path segment under <c>/api/dcim/</c>, e.g. <c>power-feeds</c>.</summary>
    public string Path => path;
    public string Singular => singular;
    public string Plural => plural;
    public Type EntityType => entityType;

    /// <summary>
    /// The attributes of lookups and filters. Every resource has <c>url</c>, <c>display</c> and <c>id</c>, so that a
    /// related object copied from a response (<c>{"id", "url", "display", "name"}</c>) is accepted back as a reference.
    /// </summary>
    public Dictionary<string, DcimAttribute> Attributes { get; } = new(StringComparer.Ordinal)
    {
        ["url"] = new((_, e, v) => v.ValueKind == JsonValueKind.String && UrlId(v.GetString()!, path) == e.Id),
        ["display"] = new((i, e, v) => v.ValueKind == JsonValueKind.String && Display(e, i) == v.GetString()),
        ["id"] = new((_, e, v) => AsId(v) is { } id && e.Id == id),
    };

    public abstract IEnumerable<Entity> AllEntities(Installation inst);

    public Entity? Find(Installation inst, int id) => inst.Find(EntityType, id);

    /// <summary>NetBox's <c>str(obj)</c>; a cable without label shows as <c>#id</c>.</summary>
    /// <summary>The same with what needs the installation: an unnamed device as <c>{manufacturer} {model} ({id})</c>.</summary>
    public static string Display(Entity e, Installation inst) => e is Device d ? inst.DeviceDisplay(d) : Display(e);

    public static string Display(Entity e) => e switch
    {
        Cable c => string.IsNullOrEmpty(c.Label) ? $"#{c.Id}" : c.Label,
        _ => e.ToString() ?? "",
    };

    /// <summary>The natural name: <c>name</c>, a device type's <c>model</c>, a cable's <c>label</c>.</summary>
    public static string NameOf(Entity e) => e switch
    {
        Site x => x.Name,
        Location x => x.Name,
        Rack x => x.Name,
        PowerPanel x => x.Name,
        PowerFeed x => x.Name,
        DeviceType x => x.Model,
        PowerPortTemplate x => x.Name,
        PowerOutletTemplate x => x.Name,
        Device x => x.Name,
        PowerPort x => x.Name,
        PowerOutlet x => x.Name,
        Interface x => x.Name,
        Cable x => x.Label,
        CatalogEntry x => x.Name,
        _ => "",
    };

    /// <summary>
    /// A related object from a request value: an id (number or numeric string) or an object of attributes that must
    /// match exactly one object. Returns the object, or the error message for the field.
    /// </summary>
    public (Entity? Entity, string? Error) Resolve(Installation inst, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (UnknownAttribute(value) is { } unknown)
                {
                    return (null, unknown);
                }
                var matches = AllEntities(inst).Where(e => MatchesAll(inst, e, value)).Take(2).ToList();
                return matches.Count switch
                {
                    1 => (matches[0], null),
                    0 => (null, "Related object not found using the provided attributes: " + PythonDict(value)),
                    _ => (null, "Multiple objects match the provided attributes: " + PythonDict(value)),
                };
            case JsonValueKind.Number or JsonValueKind.String when AsId(value) is { } id:
                return Find(inst, id) is { } found ? (found, null) : (null, Messages.DoesNotExist(AsIdText(value)));
            default:
                return (null, "Related objects must be referenced by numeric ID or by dictionary of attributes. Received an unrecognized value: "
                    + (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()));
        }
    }

    /// <summary>Whether every attribute of <paramref name="attributes"/> (an object, keys already checked) matches.</summary>
    public bool MatchesAll(Installation inst, Entity e, JsonElement attributes)
    {
        foreach (var p in attributes.EnumerateObject())
        {
            if (!Attributes[p.Name].Matches(inst, e, p.Value))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Django's message for a lookup on a field that does not exist, or null when every key (nested too) is known.</summary>
    public string? UnknownAttribute(JsonElement attributes)
    {
        foreach (var p in attributes.EnumerateObject())
        {
            if (!Attributes.TryGetValue(p.Name, out var attribute))
            {
                return $"Cannot resolve keyword '{p.Name}' into field. Choices are: {string.Join(", ", Attributes.Keys)}.";
            }
            if (attribute.Target is { } target && p.Value.ValueKind == JsonValueKind.Object && target.UnknownAttribute(p.Value) is { } nested)
            {
                return nested;
            }
        }
        return null;
    }

    /// <summary>The id at the end of an object URL of this resource (<c>…/power-feeds/3/</c>), or null.</summary>
    private static int? UrlId(string url, string path)
    {
        var segments = url.TrimEnd('/').Split('/');
        return segments.Length >= 2 && segments[^2] == path && int.TryParse(segments[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>An id from a JSON number or numeric string (Python's <c>int()</c>), or null.</summary>
    public static int? AsId(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt32(out var i))
            {
                return i;
            }
            if (value.TryGetDouble(out var d) && d == Math.Floor(d))
            {
                return d is >= int.MinValue and <= int.MaxValue ? (int)d : 0;
            }
            return null;
        }
        if (value.ValueKind == JsonValueKind.String &&
            long.TryParse(value.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l is >= int.MinValue and <= int.MaxValue ? (int)l : 0; // 0 is never an id: "does not exist"
        }
        return null;
    }

    /// <summary>The id as NetBox prints it, Python's <c>int(value)</c>: "007" and 7.0 are 7, a number beyond int is kept whole.</summary>
    private static string AsIdText(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.Trim();
            return System.Numerics.BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) ? big.ToString(CultureInfo.InvariantCulture) : text;
        }
        return value.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture)
            : value.TryGetDouble(out var d) && double.IsFinite(d) ? new System.Numerics.BigInteger(Math.Truncate(d)).ToString(CultureInfo.InvariantCulture)
            : value.GetRawText();
    }

    /// <summary>The attributes as NetBox prints its filter: nested objects flattened with <c>__</c>, Python literals.</summary>
    public static string PythonDict(JsonElement attributes)
    {
        var parts = new List<string>();
        void Flatten(JsonElement obj, string prefix)
        {
            foreach (var p in obj.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Object)
                {
                    Flatten(p.Value, prefix + p.Name + "__");
                }
                else
                {
                    parts.Add($"{Messages.PythonRepr(prefix + p.Name)}: {PythonLiteral(p.Value)}");
                }
            }
        }
        Flatten(attributes, "");
        return "{" + string.Join(", ", parts) + "}";
    }

    private static string PythonLiteral(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => Messages.PythonRepr(v.GetString()!),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        _ => v.GetRawText(),
    };

    /// <summary>A text attribute: equal to a string (or to a number's digits); null matches an empty value.</summary>
    public static DcimAttribute Text<T>(Func<T, string?> get) where T : Entity =>
        new((_, e, v) => TextMatches(get((T)e), v));

    /// <summary>A relation: matches null (none), an id, the target's name, or an object of the target's attributes.</summary>
    public static DcimAttribute Relation<T>(Func<Installation, T, int?> parentId, DcimResource target) where T : Entity =>
        new((inst, e, v) => RelationMatches(inst, parentId(inst, (T)e), target, v), target);

    public static bool TextMatches(string? actual, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => string.Equals(actual ?? "", v.GetString(), StringComparison.Ordinal),
        JsonValueKind.Number => string.Equals(actual, v.GetRawText(), StringComparison.Ordinal),
        JsonValueKind.Null => string.IsNullOrEmpty(actual),
        _ => false,
    };

    /// <summary>Whether a relation (the parent's id, or null) matches a request value: null, an id, a name or attributes.</summary>
    public static bool RelationMatches(Installation inst, int? parentId, DcimResource target, JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.Null)
        {
            return parentId is null;
        }
        if (parentId is not { } pid || target.Find(inst, pid) is not { } parent)
        {
            return false;
        }
        return v.ValueKind switch
        {
            JsonValueKind.Number => AsId(v) == pid,
            // A site also by its slug: NetBox's ?site= filter takes slugs.
            JsonValueKind.String => string.Equals(NameOf(parent), v.GetString(), StringComparison.Ordinal) ||
                (parent is Site site && string.Equals(site.Slug, v.GetString(), StringComparison.Ordinal)) ||
                (parent is CatalogEntry entry && string.Equals(entry.Slug, v.GetString(), StringComparison.Ordinal)),
            JsonValueKind.Object => target.MatchesAll(inst, parent, v),
            _ => false,
        };
    }
}

/// <summary>
/// A REST resource over one entity type: how its objects are listed, shown (<typeparamref name="TJson"/>), created and
/// read from a request body. The endpoints themselves are generic (<see cref="DcimApi"/>).
/// </summary>
public sealed class DcimResource<T, TJson>(string path, string singular, string plural) : DcimResource(path, singular, plural, typeof(T))
    where T : Entity, new()
{
    private static readonly Func<object, object> ShallowCopy =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.NonPublic | BindingFlags.Instance)!.CreateDelegate<Func<object, object>>();

    /// <summary>Every property name of the response: those a body may carry without being writable (DRF's read-only fields).</summary>
    public static readonly IReadOnlyList<string> ResponseFields =
        typeof(TJson).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToList();

    public required Func<Installation, IReadOnlyList<T>> List { get; init; }
    public required Func<DcimView, T, TJson> ToJson { get; init; }

    /// <summary>Reads the fields present in a body onto the object (create: a new one; update: a private copy of the stored one).</summary>
    public required Action<DcimBody, T> Read { get; init; }

    /// <summary>How a new object is stored; default <see cref="DcimStore.SaveAsync{T}"/>.</summary>
    public Func<DcimStore, T, CancellationToken, Task<WriteResult<T>>> Create { get; init; } = (store, x, ct) => store.SaveAsync(x, null, ct);

    public override IEnumerable<Entity> AllEntities(Installation inst) => List(inst);

    /// <summary>A private copy of a stored object: snapshot objects are shared and never changed in place.</summary>
    public static T Copy(T stored)
    {
        var copy = (T)ShallowCopy(stored);
        if (copy is Cable cable)
        {
            cable.Terminations = cable.Terminations
                .Select(t => new CableTermination { CableId = t.CableId, End = t.End, Kind = t.Kind, ObjectId = t.ObjectId, Position = t.Position })
                .ToList();
        }
        return copy;
    }

    public DcimResource<T, TJson> With(string name, DcimAttribute attribute)
    {
        Attributes[name] = attribute;
        return this;
    }
}

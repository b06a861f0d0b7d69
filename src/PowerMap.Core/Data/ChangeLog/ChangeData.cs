using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data.ChangeLog;

/// <summary>
/// An object's data as the change log stores it: a JSON object of its persisted fields with NetBox's names
/// (snake_case, a relation by its field name holding the related id: <c>power_panel</c>, not <c>power_panel_id</c>),
/// without <c>id</c> and <c>version</c>, like NetBox's <c>serialize_object</c>.
/// </summary>
public static class ChangeData
{
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Fields = new();

    /// <summary>NetBox's content type label of a PowerMap object, e.g. <c>dcim.powerfeed</c>.</summary>
    public static string ObjectType(Type type) => "dcim." + type.Name.ToLowerInvariant();

    public static string ObjectType(TerminationKind kind) => "dcim." + kind.ToString().ToLowerInvariant();

    /// <summary>What the change list shows for an object: its name (a device type's model, a cable's label or #id).</summary>
    public static string Repr(object entity) => entity switch
    {
        DeviceType t => t.Model,
        Cable c => string.IsNullOrEmpty(c.Label) ? $"#{c.Id}" : c.Label,
        CableTermination t => $"{t.End}: {ObjectType(t.Kind)} {t.ObjectId}",
        Entity e => e.ToString() is { Length: > 0 } s && s != e.GetType().FullName ? s : $"#{e.Id}",
        _ => entity.ToString() ?? "",
    };

    public static int IdOf(object entity) => entity switch
    {
        Entity e => e.Id,
        CableTermination t => t.Id,
        _ => 0,
    };

    /// <summary>The JSON object of <paramref name="entity"/>'s fields; <paramref name="value"/> reads one property (current or stored values).</summary>
    public static string Serialize(Type type, Func<PropertyInfo, object?> value)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (name, property) in FieldsOf(type))
            {
                w.WritePropertyName(name);
                switch (value(property))
                {
                    case null:
                        w.WriteNullValue();
                        break;
                    case string s:
                        w.WriteStringValue(s);
                        break;
                    case bool b:
                        w.WriteBooleanValue(b);
                        break;
                    case int i:
                        w.WriteNumberValue(i);
                        break;
                    case long l:
                        w.WriteNumberValue(l);
                        break;
                    case double d:
                        w.WriteNumberValue(d);
                        break;
                    case decimal m:
                        w.WriteNumberValue(m);
                        break;
                    case TerminationKind k:
                        w.WriteStringValue(ObjectType(k));
                        break;
                    case var other:
                        w.WriteStringValue(other.ToString());
                        break;
                }
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Serialize(object entity) => Serialize(entity.GetType(), p => p.GetValue(entity));

    /// <summary>The field-by-field difference of two serialized objects: (field, before, after) for each field that differs.</summary>
    public static IReadOnlyList<(string Field, string? Before, string? After)> Diff(string? before, string? after)
    {
        var b = Parse(before);
        var a = Parse(after);
        var result = new List<(string, string?, string?)>();
        foreach (var key in b.Keys.Union(a.Keys))
        {
            b.TryGetValue(key, out var x);
            a.TryGetValue(key, out var y);
            if (x != y)
            {
                result.Add((key, x, y));
            }
        }
        return result;
    }

    /// <summary>A serialized object's fields as display text (null for a JSON null).</summary>
    public static Dictionary<string, string?> Parse(string? json)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return fields;
        }
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            fields[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                _ => p.Value.GetRawText(),
            };
        }
        return fields;
    }

    private static (string Name, PropertyInfo Property)[] FieldsOf(Type type) => Fields.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.Name is not ("Id" or "Version") && IsScalar(p.PropertyType))
            .Select(p => (FieldName(t, p.Name), p))
            .ToArray());

    private static bool IsScalar(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime);
    }

    private static string FieldName(Type owner, string property)
    {
        if (owner == typeof(CableTermination))
        {
            return property switch
            {
                "CableId" => "cable",
                "End" => "cable_end",
                "Kind" => "termination_type",
                "ObjectId" => "termination_id",
                _ => JsonNamingPolicy.SnakeCaseLower.ConvertName(property),
            };
        }
        if (property.EndsWith("Id", StringComparison.Ordinal) && property.Length > 2 && property != "FacilityId")
        {
            property = property[..^2];
        }
        else if (property.EndsWith("DrawWatts", StringComparison.Ordinal))
        {
            property = property[..^5];
        }
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(property);
    }
}

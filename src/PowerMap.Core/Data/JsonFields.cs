using System.Text.Json;
using PowerMap.Core.Dcim;

namespace PowerMap.Core.Data;

/// <summary>
/// Reads the fields of one JSON object with DRF's messages for wrong types, missing or unknown fields,
/// collecting every error under <c>{path}.{field}</c> instead of throwing.
/// </summary>
public sealed class JsonFields
{
    private readonly JsonElement _obj;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Path { get; }
    public ValidationErrors Errors { get; }
    public bool IsObject { get; }

    public JsonFields(JsonElement element, string path, ValidationErrors errors)
    {
        _obj = element;
        Path = path;
        Errors = errors;
        IsObject = element.ValueKind == JsonValueKind.Object;
        if (!IsObject)
        {
            errors.Add(path, "Invalid data. Expected a dictionary, but got " + KindName(element) + ".");
        }
    }

    public string At(string field) => Path.Length == 0 ? field : Path + "." + field;

    public bool TryGet(string name, out JsonElement value)
    {
        _read.Add(name);
        if (IsObject && _obj.TryGetProperty(name, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>A string field; null when absent or null. Required fields must be non-blank.</summary>
    public string? String(string name, bool required = false, int maxLength = 200)
    {
        if (!TryGet(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Errors.Add(At(name), v.ValueKind == JsonValueKind.Null && IsObject && _obj.TryGetProperty(name, out _) ? "This field may not be null." : Messages.Required);
            }
            return null;
        }
        if (v.ValueKind is JsonValueKind.Number)
        {
            return v.GetRawText(); // DRF's CharField takes numbers as text, but not booleans
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Errors.Add(At(name), "Not a valid string.");
            return null;
        }
        if (!TryReadString(v, At(name), out var s))
        {
            return null;
        }
        if (required && string.IsNullOrWhiteSpace(s))
        {
            Errors.Add(At(name), Messages.Blank);
            return null;
        }
        if (s.Length > maxLength)
        {
            Errors.Add(At(name), $"Ensure this field has no more than {maxLength} characters.");
            return null;
        }
        return s;
    }

    /// <summary>An integer field within [min, max]; <paramref name="fallback"/> when absent.</summary>
    public int? Int(string name, long min, long max, int? fallback = null, bool nullable = true)
    {
        if (!TryGet(name, out var v))
        {
            return fallback;
        }
        if (v.ValueKind == JsonValueKind.Null)
        {
            if (!nullable)
            {
                Errors.Add(At(name), "This field may not be null.");
                return fallback;
            }
            return null;
        }
        long value;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l))
        {
            value = l;
        }
        else if (IsIntegerBeyondLong(v, out var negative))
        {
            // DRF parses any integer and then reports the range, never "not an integer".
            value = negative ? long.MinValue : long.MaxValue;
        }
        else if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e18)
        {
            value = (long)d;
        }
        else if (v.ValueKind == JsonValueKind.String && !IsReadable(v))
        {
            Errors.Add(At(name), Messages.InvalidUtf16);
            return fallback;
        }
        else if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), out var parsed))
        {
            value = parsed;
        }
        else
        {
            Errors.Add(At(name), "A valid integer is required.");
            return fallback;
        }
        if (value < min)
        {
            Errors.Add(At(name), Messages.MinValue(min));
            return fallback;
        }
        if (value > max)
        {
            Errors.Add(At(name), Messages.MaxValue(max));
            return fallback;
        }
        return (int)value;
    }

    private static bool IsIntegerBeyondLong(JsonElement v, out bool negative)
    {
        var text = v.ValueKind switch
        {
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.String => v.GetString()!.Trim(),
            _ => "",
        };
        negative = text.StartsWith('-');
        var digits = negative || text.StartsWith('+') ? text[1..] : text;
        return digits.Length > 18 && digits.All(char.IsAsciiDigit) && !long.TryParse(text, out _);
    }

    public double? Double(string name)
    {
        if (!TryGet(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d))
        {
            return d;
        }
        Errors.Add(At(name), "A valid number is required.");
        return null;
    }

    /// <summary>
    /// A number stored as NetBox's <c>DecimalField(max_digits, decimal_places)</c>: DRF counts the digits as written
    /// (<c>1.500</c> has three decimal places) and reports total digits, decimal places, then whole digits.
    /// </summary>
    public double? Decimal(string name, int maxDigits, int decimalPlaces)
    {
        var d = Double(name);
        if (d is null || !TryGet(name, out var v))
        {
            return d;
        }
        if (DecimalPrecision.Error(v.GetRawText(), maxDigits, decimalPlaces) is { } message)
        {
            Errors.Add(At(name), message);
            return null;
        }
        return d;
    }

    public bool Bool(string name, bool fallback = false)
    {
        if (!TryGet(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }
        Errors.Add(At(name), "Must be a valid boolean.");
        return fallback;
    }

    /// <summary>The items of an array field (absent or null = none).</summary>
    public IReadOnlyList<JsonElement> Array(string name)
    {
        if (!TryGet(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            Errors.Add(At(name), "Expected a list of items but got type \"" + KindName(v) + "\".");
            return [];
        }
        return [.. v.EnumerateArray()];
    }

    /// <summary>Reports every property that no reader asked for, e.g. a misspelt field.</summary>
    public void RejectUnknown()
    {
        if (!IsObject)
        {
            return;
        }
        foreach (var p in _obj.EnumerateObject())
        {
            string field;
            try
            {
                field = p.Name;
            }
            catch (InvalidOperationException)
            {
                Errors.Add(Path.Length == 0 ? ValidationErrors.NonField : Path, Messages.InvalidUtf16);
                continue;
            }
            if (!_read.Contains(field))
            {
                Errors.Add(At(field), "Unknown field.");
            }
        }
    }

    /// <summary>Reads a string, or reports it at <paramref name="at"/> when it is not valid UTF-16 (the parser accepts <c>"\ud800"</c>).</summary>
    private bool TryReadString(JsonElement v, string at, out string s)
    {
        try
        {
            s = v.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            Errors.Add(at, Messages.InvalidUtf16);
            s = "";
            return false;
        }
    }

    private static bool IsReadable(JsonElement v)
    {
        try
        {
            _ = v.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static string KindName(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "dict",
        _ => "undefined",
    };
}

using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Features.Dcim;

/// <summary>
/// The fields of one request body, read with DRF's messages and never an exception: wrong types, nulls, blanks, ranges,
/// unknown fields and related objects (id or attributes) become errors keyed by the snake_case field name.
/// A partial body (PATCH) changes only the fields it carries; a full body (POST, PUT) must carry the required ones.
/// Read-only fields of the response (<c>id</c>, <c>url</c>, computed values…) are ignored, as DRF does.
/// </summary>
public sealed class DcimBody
{
    public const string MayNotBeNull = "This field may not be null.";

    private readonly JsonFields _fields;

    public DcimBody(JsonElement root, Installation inst, bool partial)
    {
        Inst = inst;
        Partial = partial;
        _fields = new JsonFields(root, "", Errors);
    }

    public Installation Inst { get; }
    public bool Partial { get; }
    public ValidationErrors Errors { get; } = new();

    /// <summary>The field's value when the body has it (marks it as known).</summary>
    public bool TryGet(string name, out JsonElement value) => _fields.TryGet(name, out value);

    public void Text(string name, Action<string> set, bool required = false, int maxLength = 200)
    {
        if (Present(name, required, out var v) && NotNull(name, v) && _fields.String(name, required, maxLength) is { } s)
        {
            set(s);
        }
    }

    /// <summary>A text that may be empty; null and "" are stored as null.</summary>
    public void OptionalText(string name, Action<string?> set, int maxLength = 200)
    {
        if (!Present(name, false, out _))
        {
            return;
        }
        int before = Errors.Count;
        var s = _fields.String(name, false, maxLength);
        if (Errors.Count == before)
        {
            set(string.IsNullOrEmpty(s) ? null : s);
        }
    }

    public void Integer(string name, long min, long max, Action<int> set)
    {
        if (!Present(name, false, out var v) || !NotNull(name, v))
        {
            return;
        }
        int before = Errors.Count;
        if (_fields.Int(name, min, max, nullable: false) is { } i && Errors.Count == before)
        {
            set(i);
        }
    }

    public void OptionalInteger(string name, long min, long max, Action<int?> set)
    {
        if (!Present(name, false, out _))
        {
            return;
        }
        int before = Errors.Count;
        var i = _fields.Int(name, min, max);
        if (Errors.Count == before)
        {
            set(i);
        }
    }

    public void OptionalNumber(string name, Action<double?> set)
    {
        if (!Present(name, false, out _))
        {
            return;
        }
        int before = Errors.Count;
        var d = _fields.Double(name);
        if (Errors.Count == before)
        {
            set(d);
        }
    }

    /// <summary>A number of NetBox's <c>DecimalField(max_digits, decimal_places)</c>, with DRF's precision messages.</summary>
    public void OptionalDecimal(string name, int maxDigits, int decimalPlaces, Action<double?> set)
    {
        if (!Present(name, false, out _))
        {
            return;
        }
        int before = Errors.Count;
        var d = _fields.Decimal(name, maxDigits, decimalPlaces);
        if (Errors.Count == before)
        {
            set(d);
        }
    }

    public void Flag(string name, Action<bool> set)
    {
        if (!Present(name, false, out var v) || !NotNull(name, v))
        {
            return;
        }
        int before = Errors.Count;
        var b = _fields.Bool(name);
        if (Errors.Count == before)
        {
            set(b);
        }
    }

    /// <summary>A required relation, given as an id or as an object of attributes that must match exactly one object.</summary>
    public void Ref(string name, DcimResource target, Action<int> set, bool required = true)
    {
        if (Present(name, required, out var v) && NotNull(name, v) && Resolve(name, target, v) is { } id)
        {
            set(id);
        }
    }

    /// <summary>An optional relation; null clears it.</summary>
    public void OptionalRef(string name, DcimResource target, Action<int?> set)
    {
        if (!Present(name, false, out var v))
        {
            return;
        }
        if (v.ValueKind == JsonValueKind.Null)
        {
            set(null);
        }
        else if (Resolve(name, target, v) is { } id)
        {
            set(id);
        }
    }

    public int? Resolve(string errorKey, DcimResource target, JsonElement v)
    {
        var (entity, error) = target.Resolve(Inst, v);
        if (error is not null)
        {
            Errors.Add(errorKey, error);
        }
        return entity?.Id;
    }

    /// <summary>Ignores the read-only fields and reports every other field that nothing read ("Unknown field.").</summary>
    public void Finish(IEnumerable<string> readOnlyFields)
    {
        foreach (var name in readOnlyFields)
        {
            _fields.TryGet(name, out _);
        }
        _fields.RejectUnknown();
    }

    private bool Present(string name, bool required, out JsonElement value)
    {
        if (_fields.TryGet(name, out value))
        {
            return true;
        }
        if (required && !Partial)
        {
            Errors.Add(name, Messages.Required);
        }
        return false;
    }

    private bool NotNull(string name, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        Errors.Add(name, MayNotBeNull);
        return false;
    }
}

/// <summary>Reading a request body: size cap (413), UTF-8 and JSON checks, a JSON object at the top (400 otherwise).</summary>
public static class DcimRequest
{
    /// <summary>Bodies larger than this are refused with 413 before they are parsed.</summary>
    public const long MaxBodyBytes = 10L * 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var (document, problem) = await ReadAsync(request, ct);
        if (document is not null && document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = JsonFields.KindName(document.RootElement);
            document.Dispose();
            return (null, ApiProblems.Invalid(ValidationErrors.NonField, $"Invalid data. Expected a dictionary, but got {kind}."));
        }
        return (document, problem);
    }

    /// <summary>A JSON body of any shape (an object, or a list for NetBox's bulk operations), with the same checks.</summary>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes)
            {
                return (null, TooLarge());
            }
            buffer.Write(chunk, 0, n);
        }
        ReadOnlyMemory<byte> bytes = buffer.ToArray();
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, ApiProblems.Invalid(ValidationErrors.NonField, "The request body is empty: send a JSON object."));
        }
        if (!Utf8.IsValid(bytes.Span))
        {
            return (null, ApiProblems.Invalid(ValidationErrors.NonField, "JSON parse error - the body is not valid UTF-8."));
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Invalid(ValidationErrors.NonField, "JSON parse error - " + ex.Message));
        }
        if (!HasValidStrings(document.RootElement))
        {
            document.Dispose();
            return (null, ApiProblems.Invalid(ValidationErrors.NonField, "JSON parse error - a string is not valid UTF-16 (a lone surrogate escape such as \\ud800)."));
        }
        return (document, null);
    }

    /// <summary>Whether every string and property name can be read: the parser accepts escapes such as <c>\ud800</c> that reading then rejects.</summary>
    private static bool HasValidStrings(JsonElement e)
    {
        try
        {
            return Visit(e);
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static bool Visit(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String:
                    _ = e.GetString();
                    return true;
                case JsonValueKind.Array:
                    return e.EnumerateArray().All(Visit);
                case JsonValueKind.Object:
                    return e.EnumerateObject().All(p => p.Name.Length >= 0 && Visit(p.Value));
                default:
                    return true;
            }
        }
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
            detail: $"The request body is larger than {MaxBodyBytes / (1024 * 1024)} MB.");
}

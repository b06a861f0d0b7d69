namespace PowerMap.Core.Dcim;

/// <summary>Field name (snake_case, or <c>non_field_errors</c>) → messages, in the order found. Never thrown.</summary>
public sealed class ValidationErrors : Dictionary<string, List<string>>
{
    public const string NonField = "non_field_errors";

    public ValidationErrors() : base(StringComparer.Ordinal)
    {
    }

    public bool IsValid => Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!TryGetValue(field, out var list))
        {
            list = [];
            this[field] = list;
        }
        list.Add(message);
        return this;
    }

    public bool Has(string field) => ContainsKey(field);

    /// <summary>Copies these errors under a prefix, e.g. <c>power_feeds[2].</c> + <c>voltage</c>.</summary>
    public void CopyTo(ValidationErrors target, string prefix)
    {
        foreach (var (field, messages) in this)
        {
            foreach (var m in messages)
            {
                target.Add(prefix + field, m);
            }
        }
    }

    public override string ToString() => string.Join("; ", this.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}"));
}

/// <summary>The exact messages NetBox 4.6 gives (power-model.md §6).</summary>
public static class Messages
{
    public const string Required = "This field is required.";
    public const string Blank = "This field may not be blank.";
    public static string MinValue(long n) => $"Ensure this value is greater than or equal to {n}.";
    public static string MaxValue(long n) => $"Ensure this value is less than or equal to {n}.";
    public static string MaxDigits(int n) => $"Ensure that there are no more than {n} digits in total.";
    public static string MaxDecimalPlaces(int n) => $"Ensure that there are no more than {n} decimal places.";
    public static string MaxWholeDigits(int n) => $"Ensure that there are no more than {n} digits before the decimal point.";

    /// <summary>Not NetBox's (Python reads a lone surrogate; PostgreSQL then refuses it): PowerMap refuses it up front.</summary>
    public const string InvalidUtf16 = "JSON parse error - a string is not valid UTF-16 (a lone surrogate escape such as \\ud800).";
    /// <summary>NetBox's verbose name of a kind, capitalised as its messages begin: <c>Power feed</c>.</summary>
    public static string Kind(Type type) => type.Name switch
    {
        "PowerPanel" => "Power panel",
        "PowerFeed" => "Power feed",
        "DeviceType" => "Device type",
        "DeviceRole" => "Device role",
        "PowerPortTemplate" => "Power port template",
        "PowerOutletTemplate" => "Power outlet template",
        "PowerPort" => "Power port",
        "PowerOutlet" => "Power outlet",
        var n => n,
    };

    public static string InvalidChoice(string value) => $"Value '{value}' is not a valid choice.";
    public static string Duplicate(string obj, string parent) => $"{obj} with this {parent} and Name already exists.";
    public static string MaxLength(int n) => $"Ensure this field has no more than {n} characters.";

    /// <summary>PowerMap's own: a panel's main-breaker VA needs its voltage, amperage and phase.</summary>
    public const string PanelRatingIncomplete = "A panel rating needs voltage, amperage and phase together (or none of them).";

    /// <summary>NetBox's device name constraint (<c>Lower('name'), site</c>): names compare ignoring case.</summary>
    public const string DeviceNameUnique = "Device name must be unique per site.";
    public static string DeviceLocationSite(string location, string site) => $"Location {location} does not belong to site {site}.";
    public static string DeviceRackLocation(string rack, string location) => $"Rack {rack} does not belong to location {location}.";
    public const string VoltageNotZero = "This value may not be 0.";
    public const string NegativeAcVoltage = "Voltage cannot be negative for AC supply";
    public static string AllocatedExceedsMaximum(int maximum) => $"Allocated draw cannot exceed the maximum draw ({maximum}W).";
    public static string ParentPortSameDevice(string port) => $"Parent power port ({port}) must belong to the same device";
    public static string ParentPortSameDeviceType(string port) => $"Parent power port ({port}) must belong to the same device type";
    public const string ComponentMoved = "Components cannot be moved to a different device.";
    public const string TemplateMoved = "Component templates cannot be moved to a different device type.";
    public static string PanelLocationSite(string location, string locationSite, string site) => $"Location {location} ({locationSite}) is in a different site than {site}";
    public static string FeedRackSite(string rack, string rackSite, string panel, string panelSite) => $"Rack {rack} ({rackSite}) and power panel {panel} ({panelSite}) are in different sites.";
    public static string RackLocationSite(string site) => $"Assigned location must belong to parent site ({site}).";
    public static string DeviceRackSite(string rack, string site) => $"Rack {rack} does not belong to site {site}.";
    public const string CableLengthUnitRequired = "Must specify a unit when setting a cable length";
    public const string CableEndsRequired = "Must define A and B terminations when creating a new cable.";
    public const string CableMixedTypes = "Cannot connect different termination types to same end of cable.";
    public static string CableIncompatible(string a, string b) => $"Incompatible termination types: {a} and {b}";
    public const string CableSameObject = "A and B terminations cannot connect to the same object.";
    public static string CableDuplicateTermination(string model, int terminationId, int cableId) => $"Duplicate termination found for dcim.{model} {terminationId}: cable {cableId}";
    public static string CableMarkedConnected(string parent, string name) => $"Cannot connect a cable to {parent} > {name} because it is marked as connected.";
    public const string MarkConnectedWithCable = "Cannot mark as connected with a cable attached.";
    /// <summary>
    /// Python's <c>repr(str)</c>, as NetBox prints the attributes of a lookup: single quotes, or double quotes when the
    /// text has a single quote and no double quote; backslash, the quote and non-printable characters escaped.
    /// </summary>
    public static string PythonRepr(string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new System.Text.StringBuilder(s.Length + 2).Append(quote);
        foreach (var rune in s.EnumerateRunes())
        {
            int c = rune.Value;
            if (c == quote || c == '\\')
            {
                sb.Append('\\').Append((char)c);
            }
            else if (c is '\t' or '\n' or '\r')
            {
                sb.Append(c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r");
            }
            else if (c == ' ' || !IsNonPrintable(rune))
            {
                sb.Append(rune.ToString());
            }
            else
            {
                sb.Append(c < 0x100 ? $"\\x{c:x2}" : c < 0x10000 ? $"\\u{c:x4}" : $"\\U{c:x8}");
            }
        }
        return sb.Append(quote).ToString();

        static bool IsNonPrintable(System.Text.Rune r) => System.Text.Rune.GetUnicodeCategory(r) is
            System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format or
            System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse or
            System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.LineSeparator or
            System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.SpaceSeparator;
    }

    /// <summary>NetBox 4 (<c>WritableNestedSerializer</c>) for a related object given by an id that does not exist.</summary>
    public static string DoesNotExist(object key) => $"Related object not found using the provided numeric ID: {key}";
}

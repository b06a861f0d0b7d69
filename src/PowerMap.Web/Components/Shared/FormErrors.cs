using PowerMap.Core.Dcim;

namespace PowerMap.Web.Components.Shared;

/// <summary>
/// The server's validation errors (<see cref="ValidationErrors"/>, snake_case keys) split for a form: the errors of the
/// fields the form shows go under those inputs; <c>non_field_errors</c> and errors of fields the form does not show go
/// to the form's alert, so no message is ever lost.
/// </summary>
public sealed class FormErrors(params string[] fields)
{
    private readonly HashSet<string> _fields = new(fields, StringComparer.Ordinal);
    private ValidationErrors _errors = new();
    private List<string> _general = [];

    public bool Any => _errors.Count > 0 || _general.Count > 0;

    public void Set(ValidationErrors? errors)
    {
        _errors = errors ?? new ValidationErrors();
        _general = [];
        foreach (var (field, messages) in _errors)
        {
            if (field == ValidationErrors.NonField)
            {
                _general.AddRange(messages);
            }
            else if (!_fields.Contains(field))
            {
                _general.AddRange(messages.Select(m => $"{Humanize(field)}: {m}"));
            }
        }
    }

    /// <summary>A message for the alert only (a refusal that is not about a field).</summary>
    public void SetGeneral(string message)
    {
        _errors = new ValidationErrors();
        _general = [message];
    }

    public void Clear() => Set(null);

    public bool Has(string field) => _fields.Contains(field) && _errors.ContainsKey(field);

    /// <summary>The messages of one shown field, or null.</summary>
    public string? Text(string field) => Has(field) ? string.Join(" ", _errors[field]) : null;

    /// <summary>Messages that belong to no shown field, in the order given.</summary>
    public IReadOnlyList<string> General => _general;

    private static string Humanize(string field)
    {
        var text = field.Replace('_', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}

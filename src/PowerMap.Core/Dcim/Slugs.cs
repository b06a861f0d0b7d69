using System.Globalization;
using System.Text;

namespace PowerMap.Core.Dcim;

/// <summary>NetBox's slugs: the rule its forms use to fill a slug from a name, and the field's own check.</summary>
public static class Slugs
{
    /// <summary>NetBox's <c>SlugField</c> length.</summary>
    public const int MaxLength = 100;

    /// <summary>Django's message for a value that is not a slug.</summary>
    public const string Invalid = "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.";

    /// <summary>
    /// NetBox's <c>slugify()</c> (the one its forms run on the name field): accents dropped, lower case, anything but
    /// letters, digits, underscores, spaces and hyphens removed, each run of spaces and hyphens made one hyphen, no
    /// hyphen at either end, at most 100 characters. "D. S. Weaver Labs" → "d-s-weaver-labs".
    /// </summary>
    public static string FromName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        var kept = new StringBuilder(sb.Length);
        bool pendingHyphen = false;
        foreach (char c in sb.ToString().Trim())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')
            {
                if (pendingHyphen && kept.Length > 0)
                {
                    kept.Append('-');
                }
                pendingHyphen = false;
                kept.Append(c);
            }
            else if (c == '-' || char.IsWhiteSpace(c))
            {
                pendingHyphen = true;
            }
        }
        var slug = kept.ToString();
        return slug.Length > MaxLength ? slug[..MaxLength].TrimEnd('-') : slug;
    }

    /// <summary>Django's <c>validate_slug</c>: letters, digits, underscores and hyphens only.</summary>
    public static bool IsValid(string slug) =>
        slug.Length > 0 && slug.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-');
}

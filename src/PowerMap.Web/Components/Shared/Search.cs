namespace PowerMap.Web.Components.Shared;

/// <summary>The search box of the lists: every word must appear in one of the row's texts, case-insensitive.</summary>
public static class Search
{
    public static bool Matches(string? query, params string?[] texts)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }
        foreach (var word in query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            bool found = false;
            foreach (var text in texts)
            {
                if (text is not null && text.Contains(word, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                return false;
            }
        }
        return true;
    }
}

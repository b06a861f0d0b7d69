namespace PowerMap.Core.Dcim;

/// <summary>
/// NetBox's natural ordering of names (<c>naturalize</c>): runs of digits compare as numbers,
/// so "Outlet 2" sorts before "Outlet 10". Ties fall back to ordinal order.
/// </summary>
public sealed class NaturalComparer : IComparer<string?>
{
    public static NaturalComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i, sj = j;
                while (si < x.Length && x[si] == '0') si++;
                while (sj < y.Length && y[sj] == '0') sj++;
                int ei = si, ej = sj;
                while (ei < x.Length && char.IsAsciiDigit(x[ei])) ei++;
                while (ej < y.Length && char.IsAsciiDigit(y[ej])) ej++;
                int lenCmp = (ei - si).CompareTo(ej - sj);
                if (lenCmp != 0)
                {
                    return lenCmp;
                }
                int digitCmp = string.CompareOrdinal(x, si, y, sj, ei - si);
                if (digitCmp != 0)
                {
                    return digitCmp;
                }
                i = ei;
                j = ej;
            }
            else
            {
                if (x[i] != y[j])
                {
                    return x[i].CompareTo(y[j]);
                }
                i++;
                j++;
            }
        }
        int rest = (x.Length - i).CompareTo(y.Length - j);
        return rest != 0 ? rest : string.CompareOrdinal(x, y);
    }
}

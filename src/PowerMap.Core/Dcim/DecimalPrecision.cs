namespace PowerMap.Core.Dcim;

/// <summary>NetBox's decimal fields (<c>DecimalField(max_digits, decimal_places)</c>) as DRF checks them.</summary>
public static class DecimalPrecision
{
    /// <summary>DRF's <c>DecimalField.validate_precision</c> on a number's text, or null when it fits.</summary>
    public static string? Error(string text, int maxDigits, int decimalPlaces)
    {
        if (!decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return Messages.MaxDigits(maxDigits); // beyond decimal's range: far more digits than any field allows
        }
        int scale = value.Scale;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        int digits = mantissa.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        int total, whole, places;
        if (digits > scale)
        {
            (total, whole, places) = (digits, digits - scale, scale);
        }
        else
        {
            (total, whole, places) = (scale, 0, scale);
        }
        if (total > maxDigits)
        {
            return Messages.MaxDigits(maxDigits);
        }
        if (places > decimalPlaces)
        {
            return Messages.MaxDecimalPlaces(decimalPlaces);
        }
        return whole > maxDigits - decimalPlaces ? Messages.MaxWholeDigits(maxDigits - decimalPlaces) : null;
    }
}

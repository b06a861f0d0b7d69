using System.Numerics;

namespace PowerMap.Core.Power;

/// <summary>
/// Python's <c>round()</c>: round half to even on the <b>exact binary value</b> of a double.
/// <see cref="Math.Round(double, int)"/> and <see cref="decimal"/> both differ on values such as
/// 201/2000·100 = 10.050000000000000710… (Python: 10.1) and 211/2000·100 = 10.549999999999998934… (Python: 10.5).
/// </summary>
public static class PythonRound
{
    /// <summary><c>round(x)</c>: the nearest integer, ties to even.</summary>
    public static long ToInteger(double x) => (long)Math.Round(x, MidpointRounding.ToEven);

    /// <summary><c>round(x, digits)</c> for 0 ≤ digits ≤ 15.</summary>
    public static double Round(double x, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 15);
        if (double.IsNaN(x) || double.IsInfinity(x) || x == 0)
        {
            return x;
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        long mantissa;
        if (exponent == 0)
        {
            mantissa = fraction;
            exponent = -1074;
        }
        else
        {
            mantissa = fraction | (1L << 52);
            exponent -= 1075;
        }
        if (exponent >= 0)
        {
            return x; // an integer already
        }
        // |x| = mantissa / 2^-exponent exactly; scale by 10^digits and round half to even.
        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, digits);
        var denominator = BigInteger.One << -exponent;
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        int cmp = (remainder * 2).CompareTo(denominator);
        if (cmp > 0 || (cmp == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }
        // The quotient is exact; one correctly rounded division gives the double nearest to quotient / 10^digits, as Python does.
        double result = (double)quotient / Math.Pow(10, digits);
        return negative ? -result : result;
    }
}

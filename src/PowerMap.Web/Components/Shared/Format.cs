using System.Globalization;

namespace PowerMap.Web.Components.Shared;

/// <summary>
/// How PowerMap writes its numbers: integers up to four digits as NetBox shows them ("2944 VA"), five digits and more with
/// thousands separators ("1,395,392 VA", readable at a glance in a meeting), one decimal for percent, units after a space;
/// capacity-review totals in kVA with thousands separators (<see cref="KiloVoltAmps"/>).
/// </summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string None = "—";

    public static string VoltAmps(long voltAmps) => Integer(voltAmps) + " VA";

    /// <summary>"2944", "17,736", "-12,000": grouped from five digits on.</summary>
    public static string Integer(long value) => value.ToString(value is >= 10_000 or <= -10_000 ? "#,##0" : "0", Invariant);

    public static string VoltAmps(long? voltAmps) => voltAmps is { } v ? VoltAmps(v) : None;

    /// <summary>"1,395.4 kVA" (invariant thousands separator, one decimal): totals of the capacity review.</summary>
    public static string KiloVoltAmps(long voltAmps) => (voltAmps / 1000.0).ToString("#,##0.0", Invariant) + " kVA";

    /// <summary>"1,395.4 kW": the same number as <see cref="KiloVoltAmps"/>, since PowerMap (as NetBox) takes a power factor of 1.</summary>
    public static string KiloWatts(long watts) => (watts / 1000.0).ToString("#,##0.0", Invariant) + " kW";

    /// <summary>"12,345" (invariant thousands separator).</summary>
    public static string Grouped(long value) => value.ToString("#,##0", Invariant);

    public static string Watts(long watts) => Integer(watts) + " W";

    public static string Watts(long? watts) => watts is { } w ? Watts(w) : None;

    /// <summary>"470 VA / 2944 VA".</summary>
    public static string Usage(long allocatedVoltAmps, long availableVoltAmps) => $"{VoltAmps(allocatedVoltAmps)} / {VoltAmps(availableVoltAmps)}";

    /// <summary>"16.0 %" (the percent is already rounded by Core).</summary>
    public static string Percent(double? percent) => percent is { } p ? p.ToString("0.0", Invariant) + " %" : None;

    /// <summary>A stored UTC time as the change log shows it: <c>2026-11-26 14:05:09 UTC</c>.</summary>
    public static string Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC";

    public static string Number(long value) => value.ToString(Invariant);

    public static string Volts(int volts) => volts.ToString(Invariant) + " V";

    public static string Amps(int amps) => amps.ToString(Invariant) + " A";

    /// <summary>A NetBox choice value for display: "single-phase" → "Single-phase", "ac" → "AC".</summary>
    public static string Choice(string? value) => value switch
    {
        null or "" => None,
        "ac" or "dc" => value.ToUpperInvariant(),
        _ => char.ToUpperInvariant(value[0]) + value[1..],
    };

    /// <summary>"1 power port", "2 power ports".</summary>
    public static string Count(int n, string singular, string? plural = null) =>
        $"{n.ToString(Invariant)} {(n == 1 ? singular : plural ?? singular + "s")}";
}

using PowerMap.Core.Dcim;
using PowerMap.Web.Components.Shared;

namespace PowerMap.Web.Features.PowerFeeds;

/// <summary>A feed's electrical characteristics in one line: "230 V 16 A 80 % AC single-phase".</summary>
public static class FeedText
{
    public static string Supply(PowerFeed f) =>
        $"{Format.Volts(f.Voltage)} {Format.Amps(f.Amperage)} {f.MaxUtilization} % {Format.Choice(f.Supply)} {f.Phase}";

    /// <summary>The short form for lists: "230 V · 16 A · 80 %", with "3φ" and "DC" when they apply.</summary>
    public static string Short(PowerFeed f) =>
        $"{Format.Volts(f.Voltage)} · {Format.Amps(f.Amperage)} · {f.MaxUtilization} %{(f.Phase == Choices.ThreePhase ? " · 3φ" : "")}{(f.Supply == Choices.Dc ? " · DC" : "")}";
}

namespace PowerMap.Core.Dcim;

/// <summary>NetBox 4.6 plug and receptacle choice values (dcim/choices.py PowerPortTypeChoices / PowerOutletTypeChoices).</summary>
public static class ConnectorTypes
{
    /// <summary>Values of NetBox's PowerPortTypeChoices (plugs), in NetBox's order.</summary>
    public static readonly IReadOnlySet<string> PowerPort = new HashSet<string>(StringComparer.Ordinal)
    {
        // IEC 60320
        "iec-60320-c6", "iec-60320-c8", "iec-60320-c14", "iec-60320-c16", "iec-60320-c18", "iec-60320-c20", "iec-60320-c22",
        // IEC 60309
        "iec-60309-p-n-e-4h", "iec-60309-p-n-e-6h", "iec-60309-p-n-e-9h",
        "iec-60309-2p-e-4h", "iec-60309-2p-e-6h", "iec-60309-2p-e-9h",
        "iec-60309-3p-e-4h", "iec-60309-3p-e-6h", "iec-60309-3p-e-9h",
        "iec-60309-3p-n-e-4h", "iec-60309-3p-n-e-6h", "iec-60309-3p-n-e-9h",
        // IEC 60906-1
        "iec-60906-1", "nbr-14136-10a", "nbr-14136-20a",
        // NEMA (Non-locking)
        "nema-1-15p", "nema-5-15p", "nema-5-20p", "nema-5-30p", "nema-5-50p",
        "nema-6-15p", "nema-6-20p", "nema-6-30p", "nema-6-50p",
        "nema-10-30p", "nema-10-50p",
        "nema-14-20p", "nema-14-30p", "nema-14-50p", "nema-14-60p",
        "nema-15-15p", "nema-15-20p", "nema-15-30p", "nema-15-50p", "nema-15-60p",
        // NEMA (Locking)
        "nema-l1-15p", "nema-l5-15p", "nema-l5-20p", "nema-l5-30p", "nema-l5-50p",
        "nema-l6-15p", "nema-l6-20p", "nema-l6-30p", "nema-l6-50p",
        "nema-l10-30p",
        "nema-l14-20p", "nema-l14-30p", "nema-l14-50p", "nema-l14-60p",
        "nema-l15-20p", "nema-l15-30p", "nema-l15-50p", "nema-l15-60p",
        "nema-l21-20p", "nema-l21-30p",
        "nema-l22-20p", "nema-l22-30p",
        // California Style
        "cs6361c", "cs6365c", "cs8165c", "cs8265c", "cs8365c", "cs8465c",
        // International/ITA
        "ita-c", "ita-e", "ita-f", "ita-ef", "ita-g", "ita-h", "ita-i", "ita-j", "ita-k", "ita-l", "ita-m", "ita-n", "ita-o",
        // USB
        "usb-a", "usb-b", "usb-c", "usb-mini-a", "usb-mini-b", "usb-micro-a", "usb-micro-b", "usb-micro-ab", "usb-3-b", "usb-3-micro-b",
        // Molex
        "molex-micro-fit-1x2", "molex-micro-fit-2x2", "molex-micro-fit-2x3", "molex-micro-fit-2x4",
        // DC
        "dc-terminal",
        // Proprietary (NetBox spells the plug powerCON values without the trailing "a")
        "saf-d-grid", "neutrik-powercon-20", "neutrik-powercon-32", "neutrik-powercon-true1", "neutrik-powercon-true1-top", "ubiquiti-smartpower",
        // Other
        "hardwired", "other",
    };

    /// <summary>Values of NetBox's PowerOutletTypeChoices (receptacles), in NetBox's order.</summary>
    public static readonly IReadOnlySet<string> PowerOutlet = new HashSet<string>(StringComparer.Ordinal)
    {
        // IEC 60320
        "iec-60320-c5", "iec-60320-c7", "iec-60320-c13", "iec-60320-c15", "iec-60320-c17", "iec-60320-c19", "iec-60320-c21",
        // IEC 60309
        "iec-60309-p-n-e-4h", "iec-60309-p-n-e-6h", "iec-60309-p-n-e-9h",
        "iec-60309-2p-e-4h", "iec-60309-2p-e-6h", "iec-60309-2p-e-9h",
        "iec-60309-3p-e-4h", "iec-60309-3p-e-6h", "iec-60309-3p-e-9h",
        "iec-60309-3p-n-e-4h", "iec-60309-3p-n-e-6h", "iec-60309-3p-n-e-9h",
        // IEC 60906-1
        "iec-60906-1", "nbr-14136-10a", "nbr-14136-20a",
        // NEMA (Non-locking)
        "nema-1-15r", "nema-5-15r", "nema-5-20r", "nema-5-30r", "nema-5-50r",
        "nema-6-15r", "nema-6-20r", "nema-6-30r", "nema-6-50r",
        "nema-10-30r", "nema-10-50r",
        "nema-14-20r", "nema-14-30r", "nema-14-50r", "nema-14-60r",
        "nema-15-15r", "nema-15-20r", "nema-15-30r", "nema-15-50r", "nema-15-60r",
        // NEMA (Locking)
        "nema-l1-15r", "nema-l5-15r", "nema-l5-20r", "nema-l5-30r", "nema-l5-50r",
        "nema-l6-15r", "nema-l6-20r", "nema-l6-30r", "nema-l6-50r",
        "nema-l10-30r",
        "nema-l14-20r", "nema-l14-30r", "nema-l14-50r", "nema-l14-60r",
        "nema-l15-20r", "nema-l15-30r", "nema-l15-50r", "nema-l15-60r",
        "nema-l21-20r", "nema-l21-30r",
        "nema-l22-20r", "nema-l22-30r",
        // California Style (NetBox stores these receptacle values in upper case)
        "CS6360C", "CS6364C", "CS8164C", "CS8264C", "CS8364C", "CS8464C",
        // ITA/International
        "ita-e", "ita-f", "ita-g", "ita-h", "ita-i", "ita-j", "ita-k", "ita-l", "ita-m", "ita-n", "ita-o", "ita-multistandard",
        // USB
        "usb-a", "usb-micro-b", "usb-c",
        // Molex
        "molex-micro-fit-1x2", "molex-micro-fit-2x2", "molex-micro-fit-2x3", "molex-micro-fit-2x4",
        // DC
        "dc-terminal",
        // Proprietary
        "eaton-c39", "hdot-cx", "saf-d-grid", "neutrik-powercon-20a", "neutrik-powercon-32a", "neutrik-powercon-true1", "neutrik-powercon-true1-top", "ubiquiti-smartpower",
        // Other
        "hardwired", "other",
    };
}

namespace QuiltNet.HwCatalog;

/// <summary>Where a hardware figure comes from, so a cost estimate can say how far to trust it.</summary>
public enum FigureQuality
{
    /// <summary>Read in the cited source.</summary>
    Verified,

    /// <summary>Recalled, assumed or borrowed from a similar part; the note says which.</summary>
    Approximate,

    /// <summary>Computed from other figures; the note says how.</summary>
    Derived,

    /// <summary>Measured by calibration on the real device.</summary>
    Measured,
}

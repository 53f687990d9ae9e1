namespace QuiltNet.HwCatalog.Loading;

/// <summary>Every unit a catalog figure may be written in. Decimal prefixes are powers of 1000, binary ones (KiB) of 1024;
/// a lower-case b is a bit.</summary>
internal static class Units
{
    public static readonly Unit MacsPerSecond = new("MAC/s", Dimension.MacRate, 1);
    public static readonly Unit FlopsPerSecond = new("FLOP/s", Dimension.FlopRate, 1);
    public static readonly Unit BytesPerSecond = new("B/s", Dimension.Bandwidth, 1);
    public static readonly Unit Bytes = new("B", Dimension.Size, 1);
    public static readonly Unit Seconds = new("s", Dimension.Time, 1);
    public static readonly Unit PicojoulesPerMac = new("pJ/MAC", Dimension.EnergyPerMac, 1);
    public static readonly Unit PicojoulesPerByte = new("pJ/B", Dimension.EnergyPerData, 1);
    public static readonly Unit PicojoulesPerBit = new("pJ/b", Dimension.EnergyPerData, 8);
    public static readonly Unit Watts = new("W", Dimension.Power, 1);
    public static readonly Unit BytesPerElement = new("B/element", Dimension.BytesPerElement, 1);
    public static readonly Unit Ratio = new("1", Dimension.Ratio, 1);

    private const double Kibi = 1024;

    private static readonly Unit[] All =
    [
        MacsPerSecond,
        new("kMAC/s", Dimension.MacRate, 1e3),
        new("MMAC/s", Dimension.MacRate, 1e6),
        new("GMAC/s", Dimension.MacRate, 1e9),
        new("TMAC/s", Dimension.MacRate, 1e12),

        FlopsPerSecond,
        new("MFLOP/s", Dimension.FlopRate, 1e6),
        new("GFLOP/s", Dimension.FlopRate, 1e9),
        new("TFLOP/s", Dimension.FlopRate, 1e12),

        BytesPerSecond,
        new("KB/s", Dimension.Bandwidth, 1e3),
        new("MB/s", Dimension.Bandwidth, 1e6),
        new("GB/s", Dimension.Bandwidth, 1e9),
        new("TB/s", Dimension.Bandwidth, 1e12),
        new("KiB/s", Dimension.Bandwidth, Kibi),
        new("MiB/s", Dimension.Bandwidth, Kibi * Kibi),
        new("GiB/s", Dimension.Bandwidth, Kibi * Kibi * Kibi),
        new("b/s", Dimension.Bandwidth, 1.0 / 8),
        new("Kb/s", Dimension.Bandwidth, 1e3 / 8),
        new("Mb/s", Dimension.Bandwidth, 1e6 / 8),
        new("Gb/s", Dimension.Bandwidth, 1e9 / 8),
        new("Tb/s", Dimension.Bandwidth, 1e12 / 8),

        Bytes,
        new("KB", Dimension.Size, 1e3),
        new("MB", Dimension.Size, 1e6),
        new("GB", Dimension.Size, 1e9),
        new("TB", Dimension.Size, 1e12),
        new("KiB", Dimension.Size, Kibi),
        new("MiB", Dimension.Size, Kibi * Kibi),
        new("GiB", Dimension.Size, Kibi * Kibi * Kibi),
        new("TiB", Dimension.Size, Kibi * Kibi * Kibi * Kibi),
        new("b", Dimension.Size, 1.0 / 8),
        new("Kb", Dimension.Size, 1e3 / 8),
        new("Mb", Dimension.Size, 1e6 / 8),
        new("Gb", Dimension.Size, 1e9 / 8),

        Seconds,
        new("ms", Dimension.Time, 1e-3),
        new("us", Dimension.Time, 1e-6),
        new("µs", Dimension.Time, 1e-6),
        new("ns", Dimension.Time, 1e-9),
        new("ps", Dimension.Time, 1e-12),

        new("fJ/MAC", Dimension.EnergyPerMac, 1e-3),
        PicojoulesPerMac,
        new("nJ/MAC", Dimension.EnergyPerMac, 1e3),

        new("fJ/B", Dimension.EnergyPerData, 1e-3),
        PicojoulesPerByte,
        new("nJ/B", Dimension.EnergyPerData, 1e3),
        new("fJ/b", Dimension.EnergyPerData, 8e-3),
        PicojoulesPerBit,
        new("nJ/b", Dimension.EnergyPerData, 8e3),

        new("mW", Dimension.Power, 1e-3),
        Watts,
        new("kW", Dimension.Power, 1e3),

        BytesPerElement,
        new("b/element", Dimension.BytesPerElement, 1.0 / 8),

        Ratio,
    ];

    private static readonly Dictionary<string, Unit> BySymbol = All.ToDictionary(unit => unit.Symbol, StringComparer.Ordinal);

    /// <summary>The unit with this exact symbol (case matters: b is a bit, B a byte, mW is not MW).</summary>
    public static Unit? Find(string symbol) => BySymbol.GetValueOrDefault(symbol.Trim());

    public static IEnumerable<string> SymbolsOf(Dimension dimension) =>
        All.Where(unit => unit.Dimension == dimension).Select(unit => unit.Symbol);

    public static string Describe(Dimension dimension) => dimension switch
    {
        Dimension.MacRate => "a MAC rate",
        Dimension.FlopRate => "a FLOP rate",
        Dimension.Bandwidth => "a bandwidth",
        Dimension.Size => "a size",
        Dimension.Time => "a time",
        Dimension.EnergyPerMac => "an energy per MAC",
        Dimension.EnergyPerData => "an energy per byte or bit",
        Dimension.Power => "a power",
        Dimension.BytesPerElement => "a width per element",
        Dimension.Ratio => "a plain ratio",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    /// <summary><paramref name="value"/> given in <paramref name="from"/>, expressed in <paramref name="to"/> of the same dimension.</summary>
    public static double Convert(double value, Unit from, Unit to) => value * from.Factor / to.Factor;
}

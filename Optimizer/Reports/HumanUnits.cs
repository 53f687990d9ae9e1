using System.Globalization;

namespace QuiltNet.Optimizer.Reports;

/// <summary>Figures for people: thousands separators, and each quantity in the unit that suits its size (µs, ms; µJ, mJ; KiB, MiB). JSON keeps the exact values.</summary>
public static class HumanUnits
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A count with a k, M or G suffix once it is large.</summary>
    public static string Count(long value) => value switch
    {
        >= 1_000_000_000 => (value / 1e9).ToString("0.00", Invariant) + " G",
        >= 1_000_000 => (value / 1e6).ToString("0.00", Invariant) + " M",
        >= 10_000 => (value / 1e3).ToString("0.0", Invariant) + " k",
        _ => value.ToString(Invariant),
    };

    /// <summary>Bytes in B, KiB, MiB or GiB.</summary>
    public static string Bytes(long value) => value switch
    {
        >= 1L << 30 => (value / (double)(1L << 30)).ToString("0.00", Invariant) + " GiB",
        >= 1L << 20 => (value / (double)(1L << 20)).ToString("0.00", Invariant) + " MiB",
        >= 10L << 10 => (value / (double)(1L << 10)).ToString("0.0", Invariant) + " KiB",
        _ => value.ToString("N0", Invariant) + " B",
    };

    /// <summary>Energy in nJ, µJ, mJ or J.</summary>
    public static string Energy(double joules) => joules switch
    {
        >= 1 => joules.ToString("0.###", Invariant) + " J",
        >= 1e-3 => (joules * 1e3).ToString("0.###", Invariant) + " mJ",
        >= 1e-6 => (joules * 1e6).ToString("0.###", Invariant) + " µJ",
        _ => (joules * 1e9).ToString("0.###", Invariant) + " nJ",
    };

    /// <summary>A time in ns, µs, ms or s.</summary>
    public static string Seconds(double value) => value switch
    {
        >= 1 => value.ToString("0.###", Invariant) + " s",
        >= 1e-3 => (value * 1e3).ToString("0.###", Invariant) + " ms",
        >= 1e-6 => (value * 1e6).ToString("0.###", Invariant) + " µs",
        _ => (value * 1e9).ToString("0.###", Invariant) + " ns",
    };

    /// <summary>A rate with thousands separators, such as "61,455 inferences/s".</summary>
    public static string PerSecond(double value, string what) => value.ToString(value >= 100 ? "N0" : "N1", Invariant) + $" {what}/s";

    /// <summary>A ratio such as "1.56×".</summary>
    public static string Times(double ratio) => ratio.ToString("0.00", Invariant) + "×";
}

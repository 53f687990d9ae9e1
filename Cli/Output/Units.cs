using System.Globalization;

namespace QuiltNet.Cli.Output;

/// <summary>Human-readable counts and sizes for the tables (JSON carries the exact integers).</summary>
public static class Units
{
    public static string Count(long value) => value switch
    {
        >= 1_000_000_000 => (value / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " G",
        >= 1_000_000 => (value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M",
        >= 10_000 => (value / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    public static string Bytes(long value) => value switch
    {
        >= 1L << 30 => (value / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (value / (double)(1L << 20)).ToString("0.00", CultureInfo.InvariantCulture) + " MiB",
        >= 10L << 10 => (value / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => value.ToString(CultureInfo.InvariantCulture) + " B",
    };

    public static string Energy(double joules) => joules switch
    {
        >= 1 => joules.ToString("0.###", CultureInfo.InvariantCulture) + " J",
        >= 1e-3 => (joules * 1e3).ToString("0.###", CultureInfo.InvariantCulture) + " mJ",
        >= 1e-6 => (joules * 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " µJ",
        _ => (joules * 1e9).ToString("0.###", CultureInfo.InvariantCulture) + " nJ",
    };
}

using System.Globalization;

namespace QuiltNet.Optimizer.Costs;

/// <summary>Parses <c>P1=8x,P2=4x</c>: a factor by which each named cut's bytes shrink.</summary>
public static class CompressionSpec
{
    /// <summary>Each cut's compression: the factors in <paramref name="compression"/>, uncompressed where it names none.</summary>
    public static IReadOnlyList<CutCompression> Parse(string? compression, IReadOnlyList<int> cuts)
    {
        var factors = cuts.ToDictionary(c => c, _ => CutCompression.None);
        if (string.IsNullOrWhiteSpace(compression)) return factors.Values.ToList();
        foreach (string item in compression.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0], out int position)
                || !double.TryParse(parts[1].TrimEnd('x', 'X'), NumberStyles.Float, CultureInfo.InvariantCulture, out double factor))
                throw new ArgumentException($"'{item}' is not POSITION=FACTORx (for example 12=8x)", nameof(compression));
            if (!factors.ContainsKey(position))
                throw new ArgumentException($"position {position} is not one of the cuts ({string.Join(',', cuts)})", nameof(compression));
            if (factor < 1)
                throw new ArgumentException($"factor {factor} for position {position} must be at least 1", nameof(compression));
            factors[position] = new CutCompression(factor);
        }
        return cuts.Select(c => factors[c]).ToList();
    }
}

using QuiltNet.Graph;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>A whole number drawn uniformly from [<see cref="Min"/>, <see cref="Max"/>] (both included), or uniformly in its logarithm.</summary>
/// <remarks>
/// The unit interval is cut into one equal bin per value (equal in the logarithm on a log scale), and a value maps
/// to its bin's centre. Rounding a stretched interval instead would give the two ends half the chance of the others.
/// </remarks>
public sealed class UniformInt : SearchParameter
{
    /// <summary>An integer parameter named <paramref name="name"/> in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="name">The parameter's name, unique within its search space.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value, above <paramref name="min"/>.</param>
    /// <param name="logScale">Spread values evenly on a log scale (both ends must be positive).</param>
    /// <exception cref="QuiltNetException"><paramref name="min"/> is not below <paramref name="max"/>, or a log scale starts at zero or below.</exception>
    public UniformInt(string name, int min, int max, bool logScale = false)
        : base(name)
    {
        CheckRange(min, max, logScale);
        Min = min;
        Max = max;
        LogScale = logScale;
    }

    /// <summary>The smallest value.</summary>
    public int Min { get; }

    /// <summary>The largest value.</summary>
    public int Max { get; }

    /// <summary>Whether values are spread evenly on a log scale.</summary>
    public bool LogScale { get; }

    // Bin edges run from Min to Max + 1, so the last value gets a full bin.
    private double Low => LogScale ? Math.Log(Min) : Min;

    private double High => LogScale ? Math.Log((double)Max + 1) : (double)Max + 1;

    internal override double ToUnit(ParameterValue value)
    {
        double v = value.AsInt();
        double centre = LogScale ? (Math.Log(v) + Math.Log(v + 1)) / 2 : v + 0.5;
        return Clamp01((centre - Low) / (High - Low));
    }

    internal override ParameterValue FromUnit(double unit)
    {
        double scaled = Low + Clamp01(unit) * (High - Low);
        return (int)Math.Clamp(Math.Floor(LogScale ? Math.Exp(scaled) : scaled), Min, Max);
    }

    internal override void Check(ParameterValue value, string input)
    {
        double v = value.IsNumber ? value.AsDouble() : double.NaN;
        if (!(v == Math.Floor(v) && v >= Min && v <= Max))
            throw new QuiltNetException(input, $"{Name} = {value} is not a whole number in [{Min}, {Max}]");
    }
}

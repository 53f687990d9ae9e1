using QuiltNet.Graph;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>A real number drawn uniformly from [<see cref="Min"/>, <see cref="Max"/>], or uniformly in its logarithm.</summary>
public sealed class UniformFloat : SearchParameter
{
    /// <summary>A real parameter named <paramref name="name"/> in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="name">The parameter's name, unique within its search space.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value, above <paramref name="min"/>.</param>
    /// <param name="logScale">Spread values evenly on a log scale (both ends must be positive).</param>
    /// <exception cref="QuiltNetException">A bound is not finite, <paramref name="min"/> is not below <paramref name="max"/>, or a log scale starts at zero or below.</exception>
    public UniformFloat(string name, double min, double max, bool logScale = false)
        : base(name)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
            throw new QuiltNetException(Input, $"the range [{min}, {max}] must be finite");
        CheckRange(min, max, logScale);
        Min = min;
        Max = max;
        LogScale = logScale;
    }

    /// <summary>The smallest value.</summary>
    public double Min { get; }

    /// <summary>The largest value.</summary>
    public double Max { get; }

    /// <summary>Whether values are spread evenly on a log scale.</summary>
    public bool LogScale { get; }

    private double Low => LogScale ? Math.Log(Min) : Min;

    private double High => LogScale ? Math.Log(Max) : Max;

    internal override double ToUnit(ParameterValue value)
    {
        double v = value.AsDouble();
        return Clamp01(((LogScale ? Math.Log(v) : v) - Low) / (High - Low));
    }

    internal override ParameterValue FromUnit(double unit)
    {
        // The ends are set exactly: interpolation (and exp∘log) can miss them by an ulp.
        unit = Clamp01(unit);
        if (unit == 0) return Min;
        if (unit == 1) return Max;
        double scaled = Low + unit * (High - Low);
        return Math.Clamp(LogScale ? Math.Exp(scaled) : scaled, Min, Max);
    }

    internal override void Check(ParameterValue value, string input)
    {
        if (!value.IsNumber || value.AsDouble() < Min || value.AsDouble() > Max)
            throw new QuiltNetException(input, $"{Name} = {value} is outside [{Min}, {Max}]");
    }
}

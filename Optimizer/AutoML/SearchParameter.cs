using QuiltNet.Graph;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// One named dimension of a <see cref="SearchSpace"/>. Each kind maps its values onto [0, 1] so that tuners
/// and the SMAC surrogate work in one unit cube whatever the parameters are. The kinds are closed
/// (<see cref="UniformInt"/>, <see cref="UniformFloat"/>, <see cref="Choice"/>): their mapping members are internal;
/// a tuner written elsewhere maps through <see cref="SearchSpace.ToUnitCube"/> and <see cref="SearchSpace.FromUnitCube"/>.
/// </summary>
public abstract class SearchParameter
{
    private protected SearchParameter(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new QuiltNetException("search space", "a parameter has an empty name");
        Name = name;
    }

    /// <summary>The parameter's name, unique within its search space.</summary>
    public string Name { get; }

    /// <summary>The input name in error messages.</summary>
    private protected string Input => $"search space parameter '{Name}'";

    /// <summary>Where <paramref name="value"/> sits in [0, 1]; <see cref="FromUnit"/> of the result gives it back (to rounding, for a real number).</summary>
    internal abstract double ToUnit(ParameterValue value);

    /// <summary>The value at <paramref name="unit"/> (clamped to [0, 1]); uniform sampling of the unit gives uniform values.</summary>
    internal abstract ParameterValue FromUnit(double unit);

    /// <summary>
    /// The values a grid visits: <paramref name="steps"/> points evenly spread over the unit interval, both ends included,
    /// less repeats (a short integer range has fewer values than steps).
    /// </summary>
    internal virtual IReadOnlyList<ParameterValue> GridValues(int steps) =>
        Enumerable.Range(0, steps).Select(i => FromUnit((double)i / (steps - 1))).Distinct().ToList();

    /// <summary>Throws when <paramref name="value"/> is not one this parameter can take (for values read back from a journal).</summary>
    internal abstract void Check(ParameterValue value, string input);

    /// <summary>Refuses an empty range, and a log scale over values that are not all positive.</summary>
    private protected void CheckRange(double min, double max, bool logScale)
    {
        if (min >= max)
            throw new QuiltNetException(Input, $"min {min} is not less than max {max}");
        if (logScale && min <= 0)
            throw new QuiltNetException(Input, $"a log scale needs min > 0, not {min}");
    }

    private protected static double Clamp01(double unit) => double.IsNaN(unit) ? 0 : Math.Clamp(unit, 0, 1);
}

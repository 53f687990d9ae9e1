using System.Collections;
using QuiltNet.Graph;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// The named parameters a tuner chooses, in a fixed order. Dimension i of the unit cube is parameter i: tuners
/// sample and search there, and the SMAC surrogate learns loss from those coordinates.
/// </summary>
public sealed class SearchSpace : IReadOnlyList<SearchParameter>
{
    private readonly SearchParameter[] parameters;

    /// <summary>A space of <paramref name="parameters"/>, in the given order (the unit cube's axes).</summary>
    /// <exception cref="QuiltNetException">Two parameters share a name, or none is given.</exception>
    public SearchSpace(params SearchParameter[] parameters)
    {
        if (parameters.Length == 0)
            throw new QuiltNetException("search space", "has no parameters; give at least one to tune");
        var repeated = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new QuiltNetException("search space", $"parameter '{repeated.Key}' is defined more than once");
        this.parameters = parameters.ToArray();
    }

    /// <summary>The parameter on axis <paramref name="index"/>.</summary>
    public SearchParameter this[int index] => parameters[index];

    /// <summary>The number of parameters (the unit cube's dimension).</summary>
    public int Count => parameters.Length;

    /// <summary>The parameters, in axis order.</summary>
    public IEnumerator<SearchParameter> GetEnumerator() => ((IEnumerable<SearchParameter>)parameters).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The point of the unit cube that stands for <paramref name="values"/> (one coordinate per parameter).</summary>
    public double[] ToUnitCube(Parameters values) =>
        parameters.Select(p => p.ToUnit(values[p.Name])).ToArray();

    /// <summary>The parameters at <paramref name="point"/>; coordinates outside [0, 1] are clamped.</summary>
    public Parameters FromUnitCube(ReadOnlySpan<double> point)
    {
        if (point.Length != parameters.Length)
            throw new ArgumentException($"the point has {point.Length} coordinates, the search space {parameters.Length} parameters", nameof(point));
        var values = new KeyValuePair<string, ParameterValue>[parameters.Length];
        for (int i = 0; i < parameters.Length; i++) values[i] = new(parameters[i].Name, parameters[i].FromUnit(point[i]));
        return new Parameters(values);
    }

    /// <summary>
    /// <paramref name="values"/> in this space's order, after checking it names exactly these parameters with values
    /// they can take; <paramref name="input"/> names the source in the error (a journal line, say).
    /// </summary>
    public Parameters Check(IReadOnlyDictionary<string, ParameterValue> values, string input)
    {
        var unknown = values.Keys.FirstOrDefault(name => parameters.All(p => p.Name != name));
        if (unknown is not null)
            throw new QuiltNetException(input, $"parameter '{unknown}' is not in the search space");
        var ordered = new KeyValuePair<string, ParameterValue>[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (!values.TryGetValue(parameter.Name, out var value))
                throw new QuiltNetException(input, $"parameter '{parameter.Name}' has no value");
            parameter.Check(value, input);
            ordered[i] = new(parameter.Name, value);
        }
        return new Parameters(ordered);
    }
}

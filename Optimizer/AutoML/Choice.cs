using QuiltNet.Graph;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>One of a fixed list of options (strings or numbers), each equally likely.</summary>
/// <remarks>Option i maps to the centre of the i-th of n equal bins; the order of the options is the order the surrogate sees.</remarks>
public sealed class Choice : SearchParameter
{
    /// <summary>A parameter named <paramref name="name"/> that takes one of <paramref name="options"/>, in the given order.</summary>
    /// <param name="name">The parameter's name, unique within its search space.</param>
    /// <param name="options">The values, at least one, none repeated.</param>
    /// <exception cref="QuiltNetException">No option is given, or one is given twice.</exception>
    public Choice(string name, params ParameterValue[] options)
        : base(name)
    {
        if (options.Length == 0)
            throw new QuiltNetException(Input, "the choice has no options");
        var repeated = options.GroupBy(o => o).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new QuiltNetException(Input, $"option '{repeated.Key}' appears more than once");
        this.options = options.ToArray();
    }

    private readonly ParameterValue[] options;

    /// <summary>The values the parameter can take, in order.</summary>
    public IReadOnlyList<ParameterValue> Options => options;

    internal override double ToUnit(ParameterValue value)
    {
        int index = Array.IndexOf(options, value);
        if (index < 0) throw new ArgumentException($"{Name} = {value} is not one of the options", nameof(value));
        return (index + 0.5) / Options.Count;
    }

    internal override ParameterValue FromUnit(double unit) =>
        Options[Math.Min((int)Math.Floor(Clamp01(unit) * Options.Count), Options.Count - 1)];

    /// <summary>Every option, however many steps the numeric ranges take.</summary>
    internal override IReadOnlyList<ParameterValue> GridValues(int steps) => Options;

    internal override void Check(ParameterValue value, string input)
    {
        if (!Options.Contains(value))
            throw new QuiltNetException(input, $"{Name} = {value} is not one of {string.Join(", ", Options)}");
    }
}

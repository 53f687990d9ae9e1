using System.Globalization;

namespace QuiltNet.Graph;

/// <summary>
/// How a model's dynamic dimensions are bound for profiling and splitting: whole shapes per input
/// (<c>input=1x1x28x28</c>), and one value for every dimension left symbolic (the batch, 1 by default).
/// </summary>
public sealed record ShapeBindings
{
    /// <summary>The value a symbolic dimension takes when none is given: a batch of one.</summary>
    public const long DefaultDynamicDim = 1;

    /// <summary>Whole shapes for named inputs; they take precedence over <see cref="DynamicDim"/>.</summary>
    public IReadOnlyDictionary<string, long[]> InputShapes { get; init; } = new Dictionary<string, long[]>();

    /// <summary>
    /// Per named input, the values its symbolic dimensions take while they stay symbolic (grown like
    /// <see cref="DynamicDim"/> to find what follows them): a graph derived from a bound model, bound alike.
    /// Its fixed dimensions keep their declared values.
    /// </summary>
    public IReadOnlyDictionary<string, long[]> SymbolicValues { get; init; } = new Dictionary<string, long[]>();

    /// <summary>The value of every symbolic dimension of an input not named in <see cref="InputShapes"/> or <see cref="SymbolicValues"/>.</summary>
    public long DynamicDim { get; init; } = DefaultDynamicDim;

    /// <summary>Parses <c>NAME=1x1x28x28</c> items as given on the command line.</summary>
    public static ShapeBindings Parse(IEnumerable<string> inputShapes, long dynamicDim = DefaultDynamicDim)
    {
        if (dynamicDim < 1)
            throw new ArgumentException($"must be at least 1, got {dynamicDim}", nameof(dynamicDim));
        var shapes = new Dictionary<string, long[]>();
        foreach (string item in inputShapes)
        {
            int eq = item.LastIndexOf('=');
            if (eq <= 0 || eq == item.Length - 1)
                throw new ArgumentException($"'{item}' is not NAME=DIMS (for example input=1x1x28x28)", nameof(inputShapes));
            string name = item[..eq];
            var dims = item[(eq + 1)..].Split('x', ',');
            var shape = new long[dims.Length];
            for (int i = 0; i < dims.Length; i++)
                if (!long.TryParse(dims[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]) || shape[i] < 1)
                    throw new ArgumentException($"'{item}': dimension '{dims[i]}' is not a positive integer", nameof(inputShapes));
            shapes[name] = shape;
        }
        return new ShapeBindings { InputShapes = shapes, DynamicDim = dynamicDim };
    }
}

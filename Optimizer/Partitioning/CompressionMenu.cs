using QuiltNet.Graph;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// The compression options measured at each candidate cut, by cut position. A cut without options can
/// still be used, uncompressed; leaving a cut uncompressed is always an option and is not listed here.
/// </summary>
public sealed class CompressionMenu
{
    private readonly Dictionary<int, IReadOnlyList<CompressionOption>> options;

    /// <summary>A menu of measured <paramref name="options"/> per cut position.</summary>
    public CompressionMenu(IReadOnlyDictionary<int, IReadOnlyList<CompressionOption>> options)
    {
        foreach (var (position, list) in options)
            foreach (var option in list)
            {
                if (!(option.Factor >= 1))
                    throw new QuiltNetException("compression menu", $"an option at cut {position} shrinks bytes by {option.Factor}: the factor must be at least 1");
                if (!double.IsFinite(option.AccuracyDropPp))
                    throw new QuiltNetException("compression menu", $"an option at cut {position} has no measured accuracy drop ({option.AccuracyDropPp})");
            }
        this.options = options.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<CompressionOption>)pair.Value.ToList());
    }

    /// <summary>No options anywhere: every cut is sent as it is (the baseline's menu).</summary>
    public static CompressionMenu Empty { get; } = new(new Dictionary<int, IReadOnlyList<CompressionOption>>());

    /// <summary>The cut positions that have options.</summary>
    public IEnumerable<int> Positions => options.Keys;

    /// <summary>The options at <paramref name="position"/>; none where the position has no entry.</summary>
    public IReadOnlyList<CompressionOption> At(int position) => options.TryGetValue(position, out var list) ? list : [];
}

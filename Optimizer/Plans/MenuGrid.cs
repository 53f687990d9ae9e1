using QuiltNet.Estimators.Autoencoders;

namespace QuiltNet.Optimizer.Plans;

/// <summary>The compression options measured at a cut the partitioner wants: every ratio × bits at one stride. Defaults in one place.</summary>
public sealed record MenuGrid
{
    public IReadOnlyList<int> Ratios { get; init; } = [2, 4, 8];

    public IReadOnlyList<int> Bits { get; init; } = [32, 8, 4];

    public int Stride { get; init; } = 1;

    public SweepGrid At(int cut) => new([cut], Ratios, Bits, Stride);
}

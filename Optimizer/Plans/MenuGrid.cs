using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;

namespace QuiltNet.Optimizer.Plans;

/// <summary>The compression options measured at a cut the partitioner wants: every ratio × bits at one stride (where the cut takes it). Defaults in one place.</summary>
public sealed record MenuGrid
{
    /// <summary>How many times fewer features a code has than its tensor.</summary>
    public IReadOnlyList<int> Ratios { get; init; } = [2, 4, 8];

    /// <summary>Bits per code value.</summary>
    public IReadOnlyList<int> Bits { get; init; } = [32, 8, 4];

    /// <summary>The spatial stride of the codes where a cut takes it (<see cref="CutPoint.TakesStride"/>); other cuts keep stride 1.</summary>
    public int Stride { get; init; } = 1;

    /// <summary>The stride codes at <paramref name="cut"/> get: <see cref="Stride"/> where the cut takes it, else 1.</summary>
    public int StrideAt(CutPoint cut) => cut.TakesStride(Stride) ? Stride : 1;

    /// <summary>Every option of the grid at <paramref name="cut"/>, as a sweep measures them.</summary>
    public SweepGrid At(CutPoint cut) => new([cut.Position], Ratios, Bits, StrideAt(cut));
}

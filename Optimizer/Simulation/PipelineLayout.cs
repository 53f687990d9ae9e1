using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Simulation;

/// <summary>
/// Where a model is cut, which chip runs each stage, and how each cut is compressed. Stage k holds node
/// positions [cut k-1, cut k).
/// </summary>
public sealed record PipelineLayout(IReadOnlyList<int> Cuts, IReadOnlyList<int> ChipOfStage, IReadOnlyList<CutCompression> Compression)
{
    /// <summary>How many stages the cuts make.</summary>
    public int StageCount => Cuts.Count + 1;

    /// <summary>Stage k on chip k, every cut uncompressed unless <paramref name="compression"/> says otherwise.</summary>
    public static PipelineLayout Sequential(IReadOnlyList<int> cuts, IReadOnlyList<CutCompression>? compression = null) =>
        new(cuts, Enumerable.Range(0, cuts.Count + 1).ToList(), compression ?? cuts.Select(_ => CutCompression.None).ToList());
}

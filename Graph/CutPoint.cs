namespace QuiltNet.Graph;

/// <summary>
/// A place to cut the model: between node positions <c>Position-1</c> and <c>Position</c>. Its frontier
/// <see cref="Tensors"/> is everything produced before the cut and needed after it: what the link carries.
/// </summary>
public sealed record CutPoint(int Position, IReadOnlyList<TensorInfo> Tensors)
{
    /// <summary>Bytes the cut sends per inference: the crossing tensors' sizes added up at their own element types.</summary>
    public long Bytes => Tensors.Sum(t => t.Bytes);

    /// <summary>Whether codes of this spatial stride fit every frontier tensor: stride 1 always; more only on NCHW tensors whose height and width it divides.</summary>
    public bool TakesStride(int stride) => stride == 1 || Tensors.All(t => Bottlenecks.FeatureAxes.Of(t.Shape) == Bottlenecks.FeatureAxis.Channels && t.Shape[2] % stride == 0 && t.Shape[3] % stride == 0);
}

namespace QuiltNet.Graph;

/// <summary>
/// A place to cut the model: between node positions <c>Position-1</c> and <c>Position</c>. Its frontier
/// <see cref="Tensors"/> is everything produced before the cut and needed after it: what the link carries.
/// </summary>
public sealed record CutPoint(int Position, IReadOnlyList<TensorInfo> Tensors)
{
    public long Bytes => Tensors.Sum(t => t.Bytes);
}

namespace QuiltNet.Graph;

/// <summary>
/// What one node costs: multiply-accumulates (matrix ops), other arithmetic as FLOPs, the constant
/// bytes it reads (weights, attributed to their first consumer), and the bytes it writes.
/// <see cref="CostEstimated"/> marks an operator without a cost rule, costed by the stated fallback.
/// Element counts (not bytes) of the activations it reads and of everything alive while it runs let a
/// cost model price them at a chip's own precision.
/// </summary>
public sealed record LayerProfile(
    int Position,
    string Name,
    string OpType,
    IReadOnlyList<TensorInfo> Outputs,
    long Macs,
    long Flops,
    long Parameters,
    long WeightBytes,
    long InputElements,
    long LiveElements,
    bool CostEstimated)
{
    /// <summary>Bytes of the layer's outputs at their element types.</summary>
    public long OutputBytes => Outputs.Sum(o => o.Bytes);

    /// <summary>Elements in the layer's outputs.</summary>
    public long OutputElements => Outputs.Sum(o => o.Elements);
}

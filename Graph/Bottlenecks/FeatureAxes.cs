namespace QuiltNet.Graph.Bottlenecks;

/// <summary>
/// Picks the axis an autoencoder compresses a frontier tensor along, or says in one line why the tensor
/// cannot be compressed. NCHW maps with more than one channel: the channels (1×1 convolutions). Everything
/// else — [N,T,D] sequences, [N,D] vectors, single-channel [N,1,H,W] maps (row by row) — the last axis. The
/// axis must be fixed (the weights have one row per feature) and hold more than one feature.
/// </summary>
public static class FeatureAxes
{
    /// <summary>The axis a tensor of <paramref name="shape"/> (batch first) is compressed along.</summary>
    public static FeatureAxis Of(IReadOnlyList<long> shape) =>
        shape.Count == 4 && shape[1] > 1 ? FeatureAxis.Channels : FeatureAxis.Last;

    /// <summary>The index of <paramref name="axis"/> in a tensor of rank <paramref name="rank"/>.</summary>
    public static int Index(FeatureAxis axis, int rank) => axis == FeatureAxis.Channels ? 1 : rank - 1;

    /// <summary>The features along the axis <see cref="Of"/> picks.</summary>
    public static int Features(IReadOnlyList<long> shape) => checked((int)shape[Index(Of(shape), shape.Count)]);

    /// <summary>Why <paramref name="tensor"/> cannot get an autoencoder, in one line naming it; null when it can.</summary>
    public static string? Obstacle(TensorInfo tensor)
    {
        string what = $"'{tensor.Name}' ({tensor.ShapeText})";
        if (tensor.Shape.Count < 2)
            return $"{what} has no axis beside the batch to compress";
        if (!tensor.ElementType.IsFloatingPoint())
            return $"{what} is {tensor.ElementType.OnnxName()}, not floating point";
        var axis = Of(tensor.Shape);
        int index = Index(axis, tensor.Shape.Count);
        string where = axis == FeatureAxis.Channels ? "channel axis"
            : tensor.Shape.Count == 4 ? "single channel's width (its last axis)"
            : "last axis";
        if (tensor.SymbolicDims.ElementAtOrDefault(index) is not null)
            return $"{what}: its {where} is dynamic, and an autoencoder needs a fixed number of features";
        if (tensor.Shape[index] < 2)
            return $"{what}: its {where} holds {tensor.Shape[index]} feature, so there is nothing to compress";
        return null;
    }

    /// <summary>Why the cut cannot be compressed (the first of its tensors that cannot), or null when every tensor can.</summary>
    public static string? Obstacle(CutPoint cut) => cut.Tensors.Select(Obstacle).FirstOrDefault(reason => reason is not null);
}

namespace QuiltNet.Estimators.MlNet;

/// <summary>
/// One cut of a partitioned model and its bottleneck: a tensor of C features is coded as C / <see cref="Ratio"/>
/// features of <see cref="Bits"/> bits (32, 8 or 4), at spatial <see cref="Stride"/> 1 or 2. The defaults
/// send 16× fewer bytes than the fp32 frontier; ratio 1 at 32 bits and stride 1 sends the tensors as they are.
/// </summary>
public sealed record PartitionCut(int Position, int Ratio = 4, int Bits = 8, int Stride = 1)
{
    /// <summary>A cut at <paramref name="position"/> that sends its tensors as they are (fp32, no autoencoder).</summary>
    public static PartitionCut Uncompressed(int position) => new(position, 1, 32);

    /// <summary>Whether the cut has an autoencoder (fewer features, fewer bits or a stride).</summary>
    public bool IsCompressed => Ratio > 1 || Bits < 32 || Stride > 1;
}

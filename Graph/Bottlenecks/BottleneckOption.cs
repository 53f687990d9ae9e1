namespace QuiltNet.Graph.Bottlenecks;

/// <summary>
/// One compression option for a frontier tensor: <see cref="CodeWidth"/> features kept of C, spatial
/// <see cref="Stride"/> 1 or 2 (NCHW only), and the code's precision in <see cref="Bits"/>: 32 (fp32),
/// 16 (fp16), 8 or 4 (per-feature affine quantisation).
/// </summary>
public sealed record BottleneckOption(int CodeWidth, int Stride = 1, int Bits = 32)
{
    /// <summary>The code precisions that can be emitted: fp32, fp16, and 8- or 4-bit per-feature quantised levels.</summary>
    public static readonly IReadOnlyList<int> SupportedBits = [32, 16, 8, 4];

    /// <summary>The factor by which the code is smaller than the fp32 tensor it replaces.</summary>
    public double Ratio(int channels) => (double)channels / CodeWidth * Stride * Stride * 32 / Bits;
}

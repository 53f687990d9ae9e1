using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// What a compression option does to the pipeline, from the cut's shapes alone: the factor its bytes
/// shrink by against what an uncompressed link would really carry, and its encoder and decoder (1×1
/// convolutions, or matrix products on the last axis) MACs and parameters.
/// </summary>
internal static class OptionCosts
{
    /// <param name="cut">The cut whose tensors are coded.</param>
    /// <param name="ratio">How many times fewer features the code has.</param>
    /// <param name="stride">The code's spatial stride.</param>
    /// <param name="bits">Bits per code value.</param>
    /// <param name="activationBytes">Bytes per element an uncompressed cut moves. Where chips differ, the
    /// system's smallest: a factor is then never larger than on the chip that sends it.</param>
    public static CutCompression Of(CutPoint cut, int ratio, int stride, int bits, double activationBytes)
    {
        double before = 0, after = 0;
        long encoderMacs = 0, decoderMacs = 0, encoderParameters = 0, decoderParameters = 0;
        foreach (var tensor in cut.Tensors)
        {
            long elements = tensor.Shape.Skip(1).Aggregate(1L, (p, d) => p * d);
            int channels = FeatureAxes.Features(tensor.Shape);
            int code = Math.Max(1, channels / ratio);
            long positions = elements / channels;
            long codedPositions = FeatureAxes.Of(tensor.Shape) == FeatureAxis.Channels ? positions / (stride * stride) : positions;
            before += elements * activationBytes;
            after += codedPositions * code * bits / 8.0;
            encoderMacs += codedPositions * channels * code;
            decoderMacs += positions * channels * code;
            encoderParameters += channels * code + code;
            decoderParameters += code * channels + channels;
        }
        return new CutCompression(before / after, encoderMacs, decoderMacs, encoderParameters, decoderParameters);
    }

    public static double SmallestActivationBytes(HwSystem system) => system.Chips.Min(c => c.Chip.ActivationBytesPerElement.Value);
}

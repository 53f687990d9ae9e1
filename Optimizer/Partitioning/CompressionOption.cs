using System.Globalization;
using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// One way to compress one cut, as a compression sweep measured it: the autoencoder's shape (channels
/// reduced <see cref="Ratio"/>-fold, spatial <see cref="Stride"/>, a <see cref="Bits"/>-bit code), the top-1
/// accuracy it cost on held-out data, and what it does to the pipeline. <see cref="Cost"/> carries the
/// factor the cut's bytes shrink by and the encoder/decoder MACs and parameters, so the partitioner prices
/// an option exactly as the cost model and the simulator do.
/// </summary>
/// <param name="AccuracyDropPp">Percentage points of top-1 accuracy lost (negative: the compressed model scored higher).</param>
/// <param name="Ratio">The factor the features are reduced by.</param>
/// <param name="Stride">The spatial stride of the code.</param>
/// <param name="Bits">Bits per code value.</param>
/// <param name="Cost">What the option does to the pipeline: the bytes' factor, the encoder and decoder MACs and parameters.</param>
public sealed record CompressionOption(int Ratio, int Stride, int Bits, double AccuracyDropPp, CutCompression Cost)
{
    /// <summary>How many times fewer bytes the cut sends with this option.</summary>
    public double Factor => Cost.Factor;

    /// <summary>The option as ratio, stride and bits, with its factor and accuracy drop.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Ratio}x channels, stride {Stride}, {Bits}-bit: {Factor:0.##}x fewer bytes, {AccuracyDropPp:0.###} pp");
}

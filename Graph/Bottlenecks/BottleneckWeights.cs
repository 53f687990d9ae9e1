namespace QuiltNet.Graph.Bottlenecks;

/// <summary>
/// A fitted autoencoder for one frontier tensor: encoder k×C and decoder C×k weights (row-major) with
/// biases, whether the decoder ends in a ReLU (the source is non-negative), and for 8- and 4-bit codes
/// the per-feature range [<see cref="CodeMin"/>, <see cref="CodeMax"/>] the code is clipped to and quantised over.
/// <see cref="Positions"/> counts the feature vectors of one sample (H·W, or T tokens).
/// </summary>
public sealed record BottleneckWeights(
    string Tensor,
    FeatureAxis Axis,
    int Channels,
    BottleneckOption Option,
    float[] EncoderWeight,
    float[] EncoderBias,
    float[] DecoderWeight,
    float[] DecoderBias,
    bool ReluOutput,
    float[]? CodeMin = null,
    float[]? CodeMax = null,
    long Positions = 1)
{
    /// <summary>Features per position in the code (the bottleneck's width).</summary>
    public int CodeWidth => Option.CodeWidth;
}

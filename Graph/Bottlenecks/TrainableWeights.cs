namespace QuiltNet.Graph.Bottlenecks;

/// <summary>
/// Graph input names of an autoencoder emitted for training: the source tensor, its four weights, and for
/// quantised codes the quantisation residual.
/// </summary>
public sealed record TrainableWeights(string Source, string EncoderWeight, string EncoderBias, string DecoderWeight, string DecoderBias, string? QuantizationResidual)
{
    /// <summary>The names of the four trained tensors: encoder weight and bias, decoder weight and bias.</summary>
    public IEnumerable<string> Weights => [EncoderWeight, EncoderBias, DecoderWeight, DecoderBias];
}

namespace QuiltNet.Graph.Bottlenecks;

/// <summary>Graph input names of an autoencoder emitted for training: the source tensor and its four weights.</summary>
public sealed record TrainableWeights(string Source, string EncoderWeight, string EncoderBias, string DecoderWeight, string DecoderBias)
{
    public IEnumerable<string> Weights => [EncoderWeight, EncoderBias, DecoderWeight, DecoderBias];
}

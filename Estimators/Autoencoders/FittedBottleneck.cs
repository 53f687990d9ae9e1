using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>The autoencoders of one cut at one option, and how long fitting them took when they were trained.</summary>
public sealed record FittedBottleneck(IReadOnlyList<BottleneckWeights> Weights, double TrainSeconds);

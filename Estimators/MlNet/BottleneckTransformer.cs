using Microsoft.ML;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.MlNet;

/// <summary>A fitted bottleneck autoencoder applied as an ONNX model; saves and loads as ML.NET's own ONNX transformer.</summary>
public sealed class BottleneckTransformer : DelegatingTransformer
{
    internal BottleneckTransformer(ITransformer inner, BottleneckWeights weights, string modelFile) : base(inner)
    {
        Weights = weights;
        ModelFile = modelFile;
    }

    /// <summary>The fitted autoencoder.</summary>
    public BottleneckWeights Weights { get; }

    /// <summary>The generated ONNX model the transformer runs.</summary>
    public string ModelFile { get; }
}

using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Graph.Data;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>Top-1 accuracy of a model cut at several positions with their autoencoders fused, run stage after stage in ONNX Runtime.</summary>
public static class JointAccuracy
{
    public static double Measure(OnnxGraph graph, TensorShapes shapes, IReadOnlyList<int> cuts, IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>> weights, LabelledImages evaluation, CancellationToken cancellationToken = default)
    {
        var stages = ModelSplitter.Stages(graph, shapes, cuts, weights);
        using var chain = new StageChain(stages.Select(s => new OnnxRunner(OrtSessions.Open(Google.Protobuf.MessageExtensions.ToByteArray(s)))));
        return Top1.Accuracy(f => chain.Run(f), shapes.Inputs[0], graph.Outputs[0], evaluation, cancellationToken: cancellationToken);
    }
}

using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>Top-1 accuracy of a model cut at several positions with their autoencoders fused, run stage after stage in ONNX Runtime.</summary>
public static class JointAccuracy
{
    /// <summary>Top-1 accuracy, from 0 to 1, of <paramref name="graph"/> cut at <paramref name="cuts"/> with <paramref name="weights"/> fused, on <paramref name="evaluation"/>.</summary>
    /// <param name="graph">The model.</param>
    /// <param name="shapes">Its tensors' shapes.</param>
    /// <param name="cuts">The cut positions, ascending.</param>
    /// <param name="weights">Per cut, the autoencoders of its frontier tensors; a cut absent here is sent uncompressed.</param>
    /// <param name="evaluation">The labelled images.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public static double Measure(OnnxGraph graph, TensorShapes shapes, IReadOnlyList<int> cuts, IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>> weights, SampleSet evaluation, CancellationToken cancellationToken = default)
    {
        var stages = ModelSplitter.Stages(graph, shapes, cuts, weights);
        using var chain = new StageChain(stages.Select(s => new OnnxRunner(OrtSessions.Open(Google.Protobuf.MessageExtensions.ToByteArray(s)))));
        return Top1.Accuracy(f => chain.Run(f), shapes.Inputs[0], graph.Outputs[0], evaluation, cancellationToken: cancellationToken);
    }
}

using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>How close a model cut at several positions, with their autoencoders fused and run stage after stage in ONNX Runtime, comes to the uncompressed model.</summary>
public static class JointFidelity
{
    /// <summary>The scores of <paramref name="graph"/> cut at <paramref name="cuts"/> with <paramref name="weights"/> fused, on <paramref name="evaluation"/>, against <paramref name="reference"/>.</summary>
    /// <param name="graph">The model.</param>
    /// <param name="shapes">Its tensors' shapes.</param>
    /// <param name="cuts">The cut positions, ascending.</param>
    /// <param name="weights">Per cut, the autoencoders of its frontier tensors; a cut absent here is sent uncompressed.</param>
    /// <param name="evaluation">The evaluation samples (labelled or not).</param>
    /// <param name="reference">The uncompressed model's outputs on <paramref name="evaluation"/>.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public static FidelityScores Measure(OnnxGraph graph, TensorShapes shapes, IReadOnlyList<int> cuts, IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>> weights,
        SampleSet evaluation, ReferenceOutputs reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var stages = ModelSplitter.Stages(graph, shapes, cuts, weights);
        using var chain = new StageChain(stages.Select(s => new OnnxRunner(OrtSessions.Open(Google.Protobuf.MessageExtensions.ToByteArray(s)))));
        return reference.Score(f => chain.Run(f), evaluation, cancellationToken);
    }
}

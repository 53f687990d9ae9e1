using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Accuracies without compression, which every sweep and every trial of a search compares against: the whole model's
/// and the uncompressed baseline split's. They depend only on the model, the cuts and the evaluation data, so each is
/// measured once and kept in the cache.
/// </summary>
public static class ReferenceAccuracy
{
    /// <summary>The whole model's top-1 accuracy, the reference every accuracy drop is taken from.</summary>
    public static double Measure(OnnxGraph graph, TensorShapes shapes, SampleSet evaluation, AutoencoderCache cache) =>
        Cached(cache, $"reference|{Fingerprint.Of(graph)}|{evaluation.Fingerprint()}",
            () => JointAccuracy.Measure(graph, shapes, [], new Dictionary<int, IReadOnlyList<BottleneckWeights>>(), evaluation));

    /// <summary>The accuracy of the model split at <paramref name="cuts"/> with nothing compressed, as <paramref name="measure"/> measures it.</summary>
    public static double OfSplit(OnnxGraph graph, IReadOnlyList<int> cuts, SampleSet evaluation, AutoencoderCache cache, Func<double> measure) =>
        Cached(cache, $"split|{Fingerprint.Of(graph)}|{string.Join(',', cuts)}|{evaluation.Fingerprint()}", measure);

    private static double Cached(AutoencoderCache cache, string key, Func<double> measure) => cache.GetOrAdd(key, () => new Entry(measure())).Top1;

    private sealed record Entry(double Top1);
}

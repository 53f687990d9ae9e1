using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Graph;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Scores without compression, which every sweep and every trial of a search compares against: the whole model's
/// (its accuracy where there are labels) and the uncompressed baseline split's. They depend only on the model, the cuts
/// and the evaluation data, so each is measured once and kept in the cache.
/// </summary>
public static class ReferenceFidelity
{
    /// <summary>The whole model's scores, the reference every loss is taken from: its top-1 accuracy where there are labels, agreement 1, no error.</summary>
    /// <param name="graph">The model.</param>
    /// <param name="evaluation">The evaluation samples.</param>
    /// <param name="cache">Where the scores are kept.</param>
    /// <param name="reference">The model's outputs on <paramref name="evaluation"/>, captured only when the cache lacks the scores.</param>
    public static FidelityScores Measure(OnnxGraph graph, SampleSet evaluation, AutoencoderCache cache, Func<ReferenceOutputs> reference)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(reference);
        return cache.GetOrAdd($"reference-fidelity|{Fingerprint.Of(graph)}|{evaluation.Fingerprint()}", () => reference().Itself(evaluation));
    }

    /// <summary>The scores of the model split at <paramref name="cuts"/> with nothing compressed, as <paramref name="measure"/> measures them.</summary>
    /// <param name="graph">The model.</param>
    /// <param name="cuts">The cut positions.</param>
    /// <param name="evaluation">The evaluation samples.</param>
    /// <param name="cache">Where the scores are kept.</param>
    /// <param name="measure">Measures them when the cache lacks them.</param>
    public static FidelityScores OfSplit(OnnxGraph graph, IReadOnlyList<int> cuts, SampleSet evaluation, AutoencoderCache cache, Func<FidelityScores> measure)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return cache.GetOrAdd($"split-fidelity|{Fingerprint.Of(graph)}|{string.Join(',', cuts)}|{evaluation.Fingerprint()}", measure);
    }
}

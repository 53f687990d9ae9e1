using QuiltNet.Data.Metrics;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>A compression sweep: the uncompressed model's scores on the evaluation data, the metric the rows' losses are in, one row per option, and what fitting warned about.</summary>
public sealed record CompressionSweepResult(FidelityScores Original, string Metric, IReadOnlyList<CompressionRow> Rows, IReadOnlyList<string> Warnings)
{
    /// <summary>The uncompressed model's top-1 accuracy; null when the evaluation data has no labels.</summary>
    public double? OriginalAccuracy => Original.Accuracy;
}

using QuiltNet.Data.Metrics;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// One (cut, ratio, bits) of a compression sweep: the fp32 frontier's bytes and the code's, the relative
/// reconstruction error, the model's scores on held-out data against the uncompressed model (agreement, relative
/// error and cosine of each output; accuracy where there are labels), the top-1 accuracy drop where there are labels
/// (percentage points lost; negative means the compressed model scored higher), the loss under the sweep's metric in
/// percentage points (see <see cref="FidelityMetric"/>), and how long training took.
/// </summary>
public sealed record CompressionRow(
    int Cut,
    int Ratio,
    int Stride,
    int Bits,
    string Method,
    long BytesBefore,
    long BytesAfter,
    double ReconstructionError,
    FidelityScores Fidelity,
    double? AccuracyDropPp,
    string Metric,
    double LossPp,
    double TrainSeconds)
{
    /// <summary>Top-1 accuracy with this option; null when the evaluation data has no labels.</summary>
    public double? Accuracy => Fidelity.Accuracy;
}

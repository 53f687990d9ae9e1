using QuiltNet.Data.Metrics;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// A plan made in memory (nothing written yet): the solved layout and its baseline with their simulated estimates, the fitted
/// autoencoders of the compressed cuts, both as measured against the uncompressed model, and the compression options measured on the way.
/// </summary>
/// <param name="Settings">What the plan was made with.</param>
/// <param name="Plan">The chosen layout; the baseline itself when compression does not pay.</param>
/// <param name="Baseline">The best layout the same solver finds with compression disabled.</param>
/// <param name="Weights">The fitted autoencoders, by cut position.</param>
/// <param name="Metric">What the plan was measured by.</param>
/// <param name="Fidelity">The plan's scores on the evaluation data, autoencoders fused.</param>
/// <param name="BaselineFidelity">The baseline's scores on the same data.</param>
/// <param name="Sweep">Every compression option measured while making the plan.</param>
public sealed record MadePlan(
    PlanSettings Settings,
    PartitionPlan Plan,
    PartitionPlan Baseline,
    IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>> Weights,
    FidelityMetric Metric,
    FidelityScores Fidelity,
    FidelityScores BaselineFidelity,
    IReadOnlyList<CompressionRow> Sweep)
{
    /// <summary>The plan's score under <see cref="Metric"/> (higher is better, see <see cref="FidelityMetric.Score"/>).</summary>
    public double Score => Metric.Score(Fidelity);

    /// <summary>The baseline's score under <see cref="Metric"/>.</summary>
    public double BaselineScore => Metric.Score(BaselineFidelity);

    /// <summary>The score against the baseline's in percentage points (negative = lost): what the constraint is checked on.</summary>
    public double ScoreDeltaPp => 100 * (Score - BaselineScore);

    /// <summary>The plan's top-1 accuracy on the evaluation data, as a fraction; null when it has no labels.</summary>
    public double? Accuracy => Fidelity.Accuracy;

    /// <summary>The baseline's top-1 accuracy; null when the evaluation data has no labels.</summary>
    public double? BaselineAccuracy => BaselineFidelity.Accuracy;

    /// <summary>Accuracy against the baseline's in percentage points (negative = lost); null without labels.</summary>
    public double? AccuracyDeltaPp => 100 * (Accuracy - BaselineAccuracy);

    /// <summary>Predicted inferences per second.</summary>
    public double ThroughputPerSecond => Plan.Estimate.ThroughputPerSecond;

    /// <summary>Predicted energy per inference, in joules.</summary>
    public double EnergyJoulesPerInference => Plan.Estimate.EnergyJoulesPerInference;
}

using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// A plan made in memory (nothing written yet): the solved layout and its baseline with their simulated estimates, the fitted
/// autoencoders of the compressed cuts, both accuracies as measured, and the compression options measured on the way.
/// </summary>
/// <param name="Settings">What the plan was made with.</param>
/// <param name="Plan">The chosen layout; the baseline itself when compression does not pay.</param>
/// <param name="Baseline">The best layout the same solver finds with compression disabled.</param>
/// <param name="Weights">The fitted autoencoders, by cut position.</param>
/// <param name="Accuracy">The plan's top-1 accuracy on the evaluation data, autoencoders fused, as a fraction.</param>
/// <param name="BaselineAccuracy">The baseline's top-1 accuracy on the same data, as a fraction.</param>
/// <param name="Sweep">Every compression option measured while making the plan.</param>
public sealed record MadePlan(
    PlanSettings Settings,
    PartitionPlan Plan,
    PartitionPlan Baseline,
    IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>> Weights,
    double Accuracy,
    double BaselineAccuracy,
    IReadOnlyList<CompressionRow> Sweep)
{
    /// <summary>Accuracy against the baseline's in percentage points (negative = lost).</summary>
    public double AccuracyDeltaPp => 100 * (Accuracy - BaselineAccuracy);

    /// <summary>Predicted inferences per second.</summary>
    public double ThroughputPerSecond => Plan.Estimate.ThroughputPerSecond;

    /// <summary>Predicted energy per inference, in joules.</summary>
    public double EnergyJoulesPerInference => Plan.Estimate.EnergyJoulesPerInference;
}

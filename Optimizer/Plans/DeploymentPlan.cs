using QuiltNet.Data.Metrics;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// <c>plan.json</c>: where a model is cut, which chip runs each stage, how each cut is compressed, the
/// predicted figures (from the simulator), what limits them (the bottleneck stage or link), the metric the plan was
/// measured by with its constraint, and the measured accuracy where the data has labels — beside the same figures for the
/// baseline (the best plan the same solver finds with compression disabled) and the ratios between them.
/// Stage files, with the autoencoders fused in, lie beside the plan. Plans written before metrics existed have no
/// <see cref="Metric"/>: they were measured by accuracy.
/// </summary>
public sealed record DeploymentPlan(
    int SchemaVersion,
    PlanModel Model,
    string HardwareSystem,
    string Objective,
    double? MaxAccuracyLossPp,
    bool ProvenOptimal,
    IReadOnlyList<PlanStage> Stages,
    IReadOnlyList<PlanCut> Cuts,
    double ThroughputPerSecond,
    double LatencySeconds,
    double EnergyJoulesPerInference,
    double? Accuracy,
    string Bottleneck,
    PlanBaseline Baseline,
    PlanImprovement Improvement,
    PlanMetric? Metric = null)
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;
}

/// <summary>The model file (relative to the plan's folder when it lies below it) and its SHA-256.</summary>
public sealed record PlanModel(string File, string Sha256);

/// <summary>One stage: its chip, the node positions [Start, End) it holds, its file and that file's SHA-256, its work and predicted time.</summary>
public sealed record PlanStage(int Index, string Chip, string ChipType, int Start, int End, string File, string Sha256, long Macs, double WeightBytes, double PredictedSeconds);

/// <summary>One cut: the tensors crossing it, the compression chosen (none: null), and the bytes per inference before and after.</summary>
public sealed record PlanCut(int Position, IReadOnlyList<string> Tensors, PlanOption? Option, double BytesBefore, double BytesAfter);

/// <summary>
/// A compression option as measured: code reduction ratio, spatial stride, bits, method, its top-1 accuracy drop in
/// percentage points (null without labels) and its loss under the plan's metric in percentage points (absent in plans
/// written before metrics existed, whose loss is the accuracy drop).
/// </summary>
public sealed record PlanOption(int Ratio, int Stride, int Bits, string Method, double? AccuracyDropPp, double? LossPp = null);

/// <summary>
/// The metric a plan was measured by: its name (accuracy, agreement or relative-error), the constraint as the user gave it
/// (accuracy: percentage points it may lose; agreement: the least fraction; relative error: the most), the plan's and the
/// baseline's value of it, and, against the uncompressed model, the plan's top-1 agreement and each output's mean relative
/// L2 error and cosine similarity.
/// </summary>
public sealed record PlanMetric(string Name, double Constraint, double Value, double BaselineValue, double Agreement, IReadOnlyList<OutputFidelity> Outputs);

/// <summary>The uncompressed plan's layout and figures, measured and simulated the same way; <see cref="Bottleneck"/> names what sets its period.</summary>
public sealed record PlanBaseline(
    IReadOnlyList<PlanStage> Stages,
    IReadOnlyList<PlanCut> Cuts,
    double ThroughputPerSecond,
    double LatencySeconds,
    double EnergyJoulesPerInference,
    double? Accuracy,
    string Bottleneck);

/// <summary>Plan against baseline: throughput ×, energy efficiency × (both &gt; 1 is better) and accuracy change in pp (negative = lost; null without labels).</summary>
public sealed record PlanImprovement(double Throughput, double Energy, double? AccuracyDeltaPp)
{
    /// <summary>The ratios of a plan with these figures against <paramref name="baseline"/>.</summary>
    /// <param name="throughput">The plan's inferences per second.</param>
    /// <param name="energy">The plan's joules per inference.</param>
    /// <param name="accuracy">The plan's measured top-1 accuracy, as a fraction; null without labels.</param>
    /// <param name="baseline">The baseline's figures.</param>
    public static PlanImprovement Of(double throughput, double energy, double? accuracy, PlanBaseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return new(throughput / baseline.ThroughputPerSecond, baseline.EnergyJoulesPerInference / energy, 100 * (accuracy - baseline.Accuracy));
    }
}

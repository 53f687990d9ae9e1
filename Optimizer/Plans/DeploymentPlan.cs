namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// <c>plan.json</c>: where a model is cut, which chip runs each stage, how each cut is compressed, the
/// predicted figures (from the simulator), what limits them (the bottleneck stage or link) and the measured accuracy — beside the same figures for the
/// baseline (the best plan the same solver finds with compression disabled) and the ratios between them.
/// Stage files, with the autoencoders fused in, lie beside the plan.
/// </summary>
public sealed record DeploymentPlan(
    int SchemaVersion,
    PlanModel Model,
    string HardwareSystem,
    string Objective,
    double MaxAccuracyLossPp,
    bool ProvenOptimal,
    IReadOnlyList<PlanStage> Stages,
    IReadOnlyList<PlanCut> Cuts,
    double ThroughputPerSecond,
    double LatencySeconds,
    double EnergyJoulesPerInference,
    double Accuracy,
    string Bottleneck,
    PlanBaseline Baseline,
    PlanImprovement Improvement)
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

/// <summary>A compression option as measured: code reduction ratio, spatial stride, bits, method, and its accuracy drop in percentage points.</summary>
public sealed record PlanOption(int Ratio, int Stride, int Bits, string Method, double AccuracyDropPp);

/// <summary>The uncompressed plan's layout and figures, measured and simulated the same way; <see cref="Bottleneck"/> names what sets its period.</summary>
public sealed record PlanBaseline(
    IReadOnlyList<PlanStage> Stages,
    IReadOnlyList<PlanCut> Cuts,
    double ThroughputPerSecond,
    double LatencySeconds,
    double EnergyJoulesPerInference,
    double Accuracy,
    string Bottleneck);

/// <summary>Plan against baseline: throughput ×, energy efficiency × (both &gt; 1 is better) and accuracy change in pp (negative = lost).</summary>
public sealed record PlanImprovement(double Throughput, double Energy, double AccuracyDeltaPp)
{
    /// <summary>The ratios of a plan with these figures against <paramref name="baseline"/>.</summary>
    /// <param name="throughput">The plan's inferences per second.</param>
    /// <param name="energy">The plan's joules per inference.</param>
    /// <param name="accuracy">The plan's measured top-1 accuracy, as a fraction.</param>
    /// <param name="baseline">The baseline's figures.</param>
    public static PlanImprovement Of(double throughput, double energy, double accuracy, PlanBaseline baseline) =>
        new(throughput / baseline.ThroughputPerSecond, baseline.EnergyJoulesPerInference / energy, 100 * (accuracy - baseline.Accuracy));
}

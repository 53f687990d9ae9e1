using QuiltNet.Data.Metrics;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// Writes a plan made in memory: the stage files with the autoencoders fused in, the baseline's stages under
/// <c>baseline/</c>, and <c>plan.json</c> last, all into a temporary folder moved into place once complete. Every path
/// in <c>plan.json</c> is relative to it, so the folder can be moved and the plan read from any working directory.
/// </summary>
public static class PlanWriter
{
    /// <summary>The subfolder of the baseline's stages.</summary>
    public const string BaselineFolder = "baseline";

    /// <summary>Writes <paramref name="made"/> into <paramref name="outFolder"/> and returns what <c>plan.json</c> says.</summary>
    /// <param name="context">The context the plan was made on.</param>
    /// <param name="made">The plan.</param>
    /// <param name="outFolder">The folder; an existing one keeps its other files.</param>
    /// <param name="maxLossPp">The constraint to record, as a budget in the metric's percentage points: the user's (a search's trials solve under budgets of their own); null records the plan's own budget.</param>
    public static DeploymentPlan Write(PlanningContext context, MadePlan made, string outFolder, double? maxLossPp = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(made);
        string full = Path.GetFullPath(outFolder);
        DeploymentPlan result = null!;
        AtomicOutput.WriteDirectory(full, folder =>
        {
            var planStages = ModelSplitter.Split(context.Graph, context.Shapes, made.Plan.Layout.Cuts, folder, made.Weights);
            var baselineStages = ModelSplitter.Split(context.Graph, context.Shapes, made.Baseline.Layout.Cuts, Path.Combine(folder, BaselineFolder));
            var baseline = new PlanBaseline(Stages(made.Baseline, baselineStages, BaselineFolder + "/"), Cuts(context, made, made.Baseline),
                made.Baseline.Estimate.ThroughputPerSecond, made.Baseline.Estimate.LatencySeconds, made.Baseline.Estimate.EnergyJoulesPerInference,
                made.BaselineAccuracy, made.Baseline.Estimate.Bottleneck);
            var e = made.Plan.Estimate;
            double budget = maxLossPp ?? made.Settings.Partition.AccuracyBudgetPp;
            var metric = new PlanMetric(made.Metric.Name, made.Metric.Constraint(budget), made.Metric.Value(made.Fidelity), made.Metric.Value(made.BaselineFidelity),
                made.Fidelity.Agreement, made.Fidelity.Outputs);
            result = new DeploymentPlan(DeploymentPlan.CurrentSchemaVersion,
                new PlanModel(Path.GetRelativePath(full, context.ModelFile).Replace('\\', '/'), Fingerprint.OfFile(context.ModelFile)),
                context.System.Name, made.Plan.Objective.ToString().ToLowerInvariant(), made.Metric == FidelityMetric.Accuracy ? budget : null,
                made.Plan.ProvenOptimal, Stages(made.Plan, planStages, ""), Cuts(context, made, made.Plan),
                e.ThroughputPerSecond, e.LatencySeconds, e.EnergyJoulesPerInference, made.Accuracy, e.Bottleneck,
                baseline, PlanImprovement.Of(e.ThroughputPerSecond, e.EnergyJoulesPerInference, made.Accuracy, baseline), metric);
            PlanFile.Write(result, Path.Combine(folder, PlanFile.Name));
        }, PlanFile.Name);
        return result;
    }

    private static List<PlanStage> Stages(PartitionPlan plan, SplitManifest manifest, string prefix) =>
        plan.Estimate.Stages.Select((s, k) => new PlanStage(k, s.ChipId, s.Chip.Name, s.Start, s.End,
            prefix + manifest.Stages[k].File, manifest.Stages[k].Sha256!, s.Macs, s.WeightBytes, s.TimeSeconds)).ToList();

    /// <summary>Links run host → first chip, the cuts in order, last chip → host: cut i is link i + 1.</summary>
    private static List<PlanCut> Cuts(PlanningContext context, MadePlan made, PartitionPlan plan) =>
        plan.Layout.Cuts.Select((position, i) =>
        {
            var link = plan.Estimate.Links[i + 1];
            // The solver's drops are in the metric's points; the accuracy drop comes from the option's measurement, where there are labels.
            var option = plan.Options[i] is { } o
                ? new PlanOption(o.Ratio, o.Stride, o.Bits, made.Settings.Training.Method.ToString().ToLowerInvariant(),
                    made.Sweep.LastOrDefault(r => r.Cut == position && r.Ratio == o.Ratio && r.Bits == o.Bits && r.Stride == o.Stride)?.AccuracyDropPp, o.AccuracyDropPp)
                : null;
            return new PlanCut(position, context.Candidates[position].Tensors.Select(t => t.Name).ToList(), option, link.Bytes * link.CompressionFactor, link.Bytes);
        }).ToList();
}

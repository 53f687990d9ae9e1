using QuiltNet.Graph;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Optimizer.Plans;

/// <summary>Turns solved layouts, their written stages and measured accuracies into the records of <c>plan.json</c>.</summary>
internal sealed class PlanDocument(PlanRequest request, string outFolder, IReadOnlyDictionary<int, CutPoint> candidates)
{
    public PlanBaseline Baseline(PartitionPlan baseline, SplitManifest stages, double accuracy) =>
        new(Stages(baseline, stages, "baseline"), Cuts(baseline), baseline.Estimate.ThroughputPerSecond, baseline.Estimate.LatencySeconds,
            baseline.Estimate.EnergyJoulesPerInference, accuracy, baseline.Estimate.Bottleneck);

    public DeploymentPlan Plan(PartitionPlan plan, SplitManifest stages, double accuracy, PlanBaseline baseline)
    {
        var e = plan.Estimate;
        return new DeploymentPlan(DeploymentPlan.CurrentSchemaVersion,
            new PlanModel(Path.GetRelativePath(outFolder, Path.GetFullPath(request.ModelFile)), Fingerprint.OfFile(request.ModelFile)),
            request.System.Name, plan.Objective.ToString().ToLowerInvariant(), request.Partition.AccuracyBudgetPp, plan.ProvenOptimal,
            Stages(plan, stages, ""), Cuts(plan), e.ThroughputPerSecond, e.LatencySeconds, e.EnergyJoulesPerInference, accuracy, e.Bottleneck,
            baseline, PlanImprovement.Of(e.ThroughputPerSecond, e.EnergyJoulesPerInference, accuracy, baseline));
    }

    private static List<PlanStage> Stages(PartitionPlan plan, SplitManifest manifest, string subfolder) =>
        plan.Estimate.Stages.Select((s, k) => new PlanStage(k, s.ChipId, s.Chip.Name, s.Start, s.End,
            Path.Combine(subfolder, manifest.Stages[k].File).Replace('\\', '/'), manifest.Stages[k].Sha256!, s.Macs, s.WeightBytes, s.TimeSeconds)).ToList();

    /// <summary>Links run host → first chip, the cuts in order, last chip → host: cut i is link i + 1.</summary>
    private List<PlanCut> Cuts(PartitionPlan plan) =>
        plan.Layout.Cuts.Select((position, i) =>
        {
            var link = plan.Estimate.Links[i + 1];
            var option = plan.Options[i] is { } o ? new PlanOption(o.Ratio, o.Stride, o.Bits, request.Training.Method.ToString().ToLowerInvariant(), o.AccuracyDropPp) : null;
            return new PlanCut(position, candidates[position].Tensors.Select(t => t.Name).ToList(), option, link.Bytes * link.CompressionFactor, link.Bytes);
        }).ToList();
}

using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// Recomputes a written plan's figures from its file alone: the model it names (checked against its hash), its cuts, the chip
/// of each stage and each cut's compression option, scored again by the cost model on the system it was made for (or another).
/// </summary>
public static class PlanSimulation
{
    /// <summary>The simulator's estimate of the plan in <paramref name="planFile"/> on <paramref name="system"/>.</summary>
    /// <param name="plan">The plan, as <see cref="PlanFile.Read"/> returns it.</param>
    /// <param name="planFile">Where the plan lies: its model's path is relative to it.</param>
    /// <param name="system">The system to score it on.</param>
    public static PipelineEstimate Estimate(DeploymentPlan plan, string planFile, HwSystem system)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(system);
        var graph = OnnxGraph.Load(PlanFile.ModelFile(planFile, plan));
        var shapes = TensorShapeInference.Infer(graph);
        var chips = plan.Stages.Select(s => IndexOf(system, s.Chip)).ToList();
        var compression = plan.Cuts.Select(c => c.Option is { } o
            ? OptionCosts.Of(CutPoints.At(graph, shapes, c.Position), o.Ratio, o.Stride, o.Bits, OptionCosts.SmallestActivationBytes(system))
            : CutCompression.None).ToList();
        var layout = new PipelineLayout(plan.Cuts.Select(c => c.Position).ToList(), chips, compression);
        return PipelineSimulator.Estimate(new CostModel(ModelProfiler.Profile(graph, shapes)), system, layout);
    }

    private static int IndexOf(HwSystem system, string chip)
    {
        for (int i = 0; i < system.Chips.Count; i++)
            if (system.Chips[i].Id == chip) return i;
        throw new ArgumentException($"the plan puts a stage on chip '{chip}', which system {system.Name} does not have", nameof(system));
    }
}

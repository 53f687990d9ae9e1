using QuiltNet.Graph;
using QuiltNet.Graph.Backward;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// What distillation at a cut matches the original model on. Normally the model's output: with
/// <see cref="DistillationLoss.Divergence"/> the KL divergence of the first output's class distribution, with <see cref="DistillationLoss.SquaredError"/> every output's values by mean squared error.
/// When a node downstream has no gradient rule, the deepest cut the gradient still reaches — its frontier
/// tensors, matched by mean squared error — and a warning naming the operator. At the cut itself (nothing
/// deeper reachable) that is plain reconstruction.
/// </summary>
public sealed record DistillationTarget(int Position, IReadOnlyList<string> Tensors, bool IsModelOutput, string? Warning)
{
    /// <summary>The deepest point downstream of <paramref name="cut"/> that the gradient reaches in <paramref name="graph"/>: the model output when every operator on the way has a gradient rule.</summary>
    /// <param name="graph">The model.</param>
    /// <param name="shapes">Its tensors' shapes.</param>
    /// <param name="cut">The cut position.</param>
    /// <param name="loss">What is matched at the model's output.</param>
    public static DistillationTarget Find(OnnxGraph graph, TensorShapes shapes, int cut, DistillationLoss loss = DistillationLoss.Divergence)
    {
        var frontier = CutPoints.At(graph, shapes, cut).Tensors.Select(t => t.Name).ToList();
        var blockers = BackwardGraph.UnsupportedNodes(graph, frontier, shapes);
        if (blockers.Count == 0)
            return loss == DistillationLoss.SquaredError
                ? new DistillationTarget(graph.Nodes.Count, graph.Outputs, false, null)
                : new DistillationTarget(graph.Nodes.Count, [graph.Outputs[0]], true, null);

        int PositionOf(UnsupportedNode node) => graph.Nodes.First(n => n.Name == node.Node).Position;
        var first = blockers.MinBy(PositionOf)!;
        int blocked = PositionOf(first);
        var deepest = CutPoints.Candidates(graph, shapes).Where(c => c.Position > cut && c.Position <= blocked).MaxBy(c => c.Position);
        var target = deepest ?? CutPoints.At(graph, shapes, cut);
        string where = deepest is null ? "the cut's own tensors (reconstruction)" : $"the tensors at position {target.Position}";
        return new DistillationTarget(target.Position, target.Tensors.Select(t => t.Name).ToList(), false,
            $"cut {cut}: node '{first.Node}' ({first.OpType}) has no gradient rule, so distillation matches {where} instead of the model's output");
    }
}

namespace QuiltNet.Graph;

/// <summary>Profiles a model: shapes from one ONNX Runtime run, per-node costs, totals and candidate cuts.</summary>
public static class ModelProfiler
{
    /// <summary>Profiles <paramref name="graph"/> with its shapes found by one ONNX Runtime run (<see cref="TensorShapeInference.Infer"/>) under <paramref name="bindings"/>.</summary>
    public static ModelProfile Profile(OnnxGraph graph, ShapeBindings? bindings = null) =>
        Profile(graph, TensorShapeInference.Infer(graph, bindings));

    /// <summary>Profiles <paramref name="graph"/> with shapes already found: each layer's cost, the totals and the candidate cuts.</summary>
    public static ModelProfile Profile(OnnxGraph graph, TensorShapes shapes)
    {
        GraphMetrics.Count(GraphMetrics.Profiles, graph.Path);
        var frontiers = new Frontiers(graph);
        var warnings = new List<string>();
        var counted = new HashSet<string>();
        var layers = new List<LayerProfile>(graph.Nodes.Count);
        foreach (var node in graph.Nodes)
        {
            var cost = CostRules.Estimate(node, shapes.Find);
            if (!cost.Known)
                warnings.Add($"operator {QualifiedOp(node)} (node '{node.Name}') has no cost rule: costed as {CostRules.Fallback}");
            long parameters = 0, weightBytes = 0;
            foreach (var input in node.Inputs.Where(i => graph.ConstantTensors.Contains(i) && counted.Add(i)))
            {
                if (shapes.Find(input) is not { } weight) continue;
                weightBytes += weight.Bytes;
                if (weight.ElementType.IsFloatingPoint()) parameters += weight.Elements;
            }
            var outputs = node.Outputs.Where(o => o.Length > 0).Select(shapes.Find).OfType<TensorInfo>().ToList();
            long inputs = Elements(node.Inputs.Where(i => i.Length > 0 && !graph.ConstantTensors.Contains(i)).Distinct(), shapes);
            // While a node runs, what crosses the position before it is alive, and so are its outputs.
            long live = Elements(frontiers.At(node.Position), shapes) + outputs.Sum(o => o.Elements);
            layers.Add(new LayerProfile(node.Position, node.Name, node.OpType, outputs, cost.Macs, cost.Flops, parameters, weightBytes, inputs, live, !cost.Known));
        }
        var totals = new ProfileTotals(
            layers.Sum(l => l.Macs), layers.Sum(l => l.Flops), layers.Sum(l => l.Parameters),
            layers.Sum(l => l.WeightBytes), layers.Sum(l => l.OutputBytes));
        return new ModelProfile(graph.Path, shapes.Inputs, graph.Outputs.Select(o => shapes[o]).ToList(), shapes.Source, layers, totals, CutPoints.Candidates(frontiers, shapes), warnings);
    }

    private static long Elements(IEnumerable<string> tensors, TensorShapes shapes) => tensors.Sum(t => shapes.Find(t)?.Elements ?? 0);

    private static string QualifiedOp(GraphNode node) => node.Domain is "" or "ai.onnx" ? node.OpType : $"{node.Domain}:{node.OpType}";
}

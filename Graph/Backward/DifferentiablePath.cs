namespace QuiltNet.Graph.Backward;

/// <summary>
/// The part of a forward graph gradients flow through: the floating-point tensors that depend on the
/// requested ones (active), and the nodes that lead from an active tensor to a model output.
/// Integer tensors (shapes, indices) carry no gradient, so shape arithmetic stays off the path.
/// </summary>
internal sealed class DifferentiablePath
{
    private DifferentiablePath(IReadOnlySet<string> active, IReadOnlyList<GraphNode> nodes, IReadOnlyList<string> outputs)
    {
        Active = active;
        Nodes = nodes;
        Outputs = outputs;
    }

    /// <summary>Floating-point tensors that depend on a requested tensor.</summary>
    public IReadOnlySet<string> Active { get; }

    /// <summary>Nodes on a path from a requested tensor to an output, in topological order.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>Model outputs that depend on a requested tensor: those that take an upstream gradient.</summary>
    public IReadOnlyList<string> Outputs { get; }

    public static DifferentiablePath Find(OnnxGraph graph, IReadOnlyCollection<string> from, TensorShapes shapes)
    {
        var active = new HashSet<string>(from);
        foreach (var node in graph.Nodes)
        {
            bool reached = node.Inputs.Concat(Subgraphs.OuterReferences(node.Proto)).Any(active.Contains);
            if (!reached)
                continue;
            foreach (var output in node.Outputs.Where(o => o.Length > 0 && IsDifferentiable(o, shapes)))
                active.Add(output);
        }

        var outputs = graph.Outputs.Where(active.Contains).Distinct().ToList();
        var needed = new HashSet<string>(outputs);
        var onPath = new List<GraphNode>();
        foreach (var node in graph.Nodes.Reverse())
        {
            // A requested intermediate tensor is needed, but its producer is on the path only when it reads an active tensor.
            var activeInputs = node.Inputs.Concat(Subgraphs.OuterReferences(node.Proto)).Where(active.Contains).ToList();
            if (activeInputs.Count == 0 || !node.Outputs.Any(needed.Contains))
                continue;
            onPath.Add(node);
            needed.UnionWith(activeInputs);
        }
        onPath.Reverse();
        return new DifferentiablePath(active, onPath, outputs);
    }

    private static bool IsDifferentiable(string tensor, TensorShapes shapes)
    {
        var info = shapes.Find(tensor) ?? throw new QuiltNetException(tensor, "no shape or type known for this tensor; infer the forward model's shapes first");
        if (!info.ElementType.IsFloatingPoint())
            return false;
        return info.ElementType is ElementType.Float or ElementType.Double
            ? true
            : throw new QuiltNetException(tensor, $"is {info.ElementType.OnnxName()}; gradients are generated for float and double tensors only");
    }
}

using Onnx;
using QuiltNet.Graph.Opsets;

namespace QuiltNet.Graph.Backward;

/// <summary>
/// Generates the backward pass (vector–Jacobian product) of a frozen ONNX graph as another ONNX graph,
/// so ONNX Runtime computes gradients where no training engine is available. Each operator's
/// derivative is one gradient rule; the rules are chained in reverse topological order and gradients
/// of tensors read by several nodes are summed.
/// </summary>
public static class BackwardGraph
{
    /// <summary>
    /// The oldest default-domain opset a forward model may import. Models older than opset 13 are lifted to the
    /// generated graph's opset (each node rewritten in its newer form) and checked against the original before differentiating.
    /// </summary>
    public const long MinimumOpset = OpsetForms.Oldest;

    /// <summary>Below this opset some operators the rules read (Squeeze, ReduceSum, Slice, Clip, Softmax …) have another form.</summary>
    private const long RulesOpset = 13;

    /// <summary>ScatterElements with reduction="add", which gradients of moved elements need, came in opset 16.</summary>
    private const long GeneratedOpset = 16;

    /// <summary>Whether operator <paramref name="opType"/> of the default ONNX domain has a gradient rule.</summary>
    public static bool Supports(string opType) => GradientRules.Find("", opType) is not null;

    /// <summary>The operators of the default ONNX domain that have a gradient rule, sorted.</summary>
    public static IReadOnlyList<string> SupportedOperators { get; } = GradientRules.OpTypes.Order(StringComparer.Ordinal).ToArray();

    /// <inheritdoc cref="Build(OnnxGraph, IReadOnlyCollection{string}, TensorShapes)"/>
    public static BackwardModel Build(ModelProto forward, IReadOnlyCollection<string> withRespectTo, TensorShapes shapes) =>
        Build(OnnxGraph.FromModel(forward, string.IsNullOrEmpty(forward.Graph?.Name) ? "forward model" : forward.Graph.Name), withRespectTo, shapes);

    /// <summary>
    /// Builds the backward graph of <paramref name="forward"/> for gradients with respect to
    /// <paramref name="withRespectTo"/>: model inputs that are not initializers (weights to be trained
    /// are declared as inputs) or intermediate tensors. Initializers stay frozen constants.
    /// </summary>
    /// <param name="shapes">Types and shapes of every forward tensor, as <see cref="TensorShapeInference.Infer"/>
    /// finds them; dimensions it marks dynamic stay dynamic in the generated graph.</param>
    /// <exception cref="NoGradientRuleException">A node on a gradient path has no gradient rule.</exception>
    /// <param name="forward">The forward model.</param>
    /// <param name="withRespectTo">The tensors to differentiate with respect to.</param>
    public static BackwardModel Build(OnnxGraph forward, IReadOnlyCollection<string> withRespectTo, TensorShapes shapes)
    {
        var requested = withRespectTo.Distinct().ToList();
        foreach (string tensor in requested)
            CheckRequestable(forward, tensor, shapes);
        if (forward.OpsetVersion < MinimumOpset)
            throw new QuiltNetException(forward.Path, $"backward graphs need opset {MinimumOpset} or newer; the model imports opset {forward.OpsetVersion}");
        forward = forward.OpsetVersion < RulesOpset ? OpsetLift.Verified(forward, GeneratedOpset, shapes) : forward;
        var path = DifferentiablePath.Find(forward, requested, shapes);
        if (FindUnsupported(path).LastOrDefault() is { } blocker)
            throw new NoGradientRuleException(blocker.Node, blocker.OpType);

        var model = forward.Model.Clone();
        RaiseOpset(model);
        var graph = model.Graph;
        var emitter = new GraphEmitter(graph, shapes, GeneratedOpset);
        var gradients = new GradientAccumulator(emitter);

        var upstream = new Dictionary<string, string>();
        foreach (string output in path.Outputs)
        {
            string name = emitter.Unique(output + "_upstream_grad");
            graph.Input.Add(new ValueInfoProto { Name = name, Type = DeclaredType(forward, output, shapes) });
            gradients.Add(output, name);
            upstream[output] = name;
        }

        foreach (var node in path.Nodes.Reverse())
        {
            emitter.Scope = node.Name + "/grad";
            var context = new GradientContext(node.Proto, node.Name, emitter, gradients, path.Active);
            GradientRules.Find(node.Domain, node.OpType)!.Emit(context);
            context.CheckComplete();
        }

        var results = new Dictionary<string, string>();
        emitter.Scope = "grad";
        foreach (string tensor in requested)
        {
            string name = emitter.Unique(tensor + "_grad");
            emitter.NodeWithOutputs("Identity", [gradients.Total(tensor) ?? emitter.ZerosLike(tensor)], [name]);
            graph.Output.Add(new ValueInfoProto { Name = name, Type = DeclaredType(forward, tensor, shapes) });
            results[tensor] = name;
        }
        return new BackwardModel(model, upstream, results);
    }

    /// <summary>
    /// The nodes without gradient rule that gradients towards <paramref name="withRespectTo"/> would
    /// have to cross, in topological order: empty when <see cref="Build(OnnxGraph, IReadOnlyCollection{string}, TensorShapes)"/> can succeed.
    /// </summary>
    public static IReadOnlyList<UnsupportedNode> UnsupportedNodes(OnnxGraph forward, IReadOnlyCollection<string> withRespectTo, TensorShapes shapes)
    {
        // Judged on the lifted forms (Upsample is differentiated as the Resize it becomes); Build checks the lift.
        var lifted = forward.OpsetVersion < RulesOpset
            ? OnnxGraph.FromModel(OpsetLift.Lift(forward.Model, GeneratedOpset, shapes, forward.Path), forward.Path)
            : forward;
        return FindUnsupported(DifferentiablePath.Find(lifted, withRespectTo.Distinct().ToList(), shapes));
    }

    private static List<UnsupportedNode> FindUnsupported(DifferentiablePath path) =>
        path.Nodes
            .Where(node => GradientRules.Find(node.Domain, node.OpType) is null)
            .Select(node => new UnsupportedNode(node.Name, node.Domain is "" or "ai.onnx" ? node.OpType : $"{node.Domain}.{node.OpType}",
                node.Inputs.Where(path.Active.Contains).Distinct().ToList()))
            .ToList();

    private static void CheckRequestable(OnnxGraph forward, string tensor, TensorShapes shapes)
    {
        if (forward.ConstantTensors.Contains(tensor))
            throw new QuiltNetException(tensor, "is a constant (an initializer or computed from initializers only); constants get no gradient");
        bool exists = forward.Inputs.Contains(tensor) || forward.Nodes.Any(n => n.Outputs.Contains(tensor));
        if (!exists)
            throw new QuiltNetException(tensor, "no input or node output of the model has this name, so it gets no gradient");
        var type = shapes[tensor].ElementType;
        if (type is not (ElementType.Float or ElementType.Double))
            throw new QuiltNetException(tensor, $"is {type.OnnxName()}; gradients are generated for float and double tensors only");
    }

    private static void RaiseOpset(ModelProto model)
    {
        var opset = model.OpsetImport.First(o => o.Domain is "" or "ai.onnx");
        opset.Version = Math.Max(opset.Version, GeneratedOpset);
        model.IrVersion = Math.Max(model.IrVersion, 8);
    }

    /// <summary>
    /// The type the model declares for a tensor, keeping symbolic dimensions; else its element type
    /// alone. Dimensions measured by a run are not declared, since ONNX shape inference can disagree
    /// with the kernels (AveragePool with ceil_mode) and would then reject the graph.
    /// </summary>
    private static TypeProto DeclaredType(OnnxGraph forward, string tensor, TensorShapes shapes)
    {
        var graph = forward.Model.Graph;
        var declared = graph.Input.Concat(graph.Output).Concat(graph.ValueInfo)
            .FirstOrDefault(v => v.Name == tensor && v.Type?.TensorType?.Shape is not null);
        return declared?.Type.Clone()
            ?? new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)shapes[tensor].ElementType } };
    }
}

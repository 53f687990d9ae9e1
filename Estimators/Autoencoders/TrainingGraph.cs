using Google.Protobuf;
using Onnx;
using QuiltNet.Graph;
using QuiltNet.Graph.Backward;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// The ONNX graph of one training step for the autoencoders of a cut: their weights are inputs, the
/// frontier activations pass through encoder and decoder, and the loss is either the model's output
/// against the teacher's (distillation: the frozen rest of the model runs after the decoders), the
/// squared error on the tensors of a deeper cut against the original's (distillation that stops where a
/// gradient cannot pass), or the reconstruction error; the backward graph returns the loss and its
/// gradients for the weights.
/// </summary>
internal sealed class TrainingGraph
{
    public const string TeacherInput = "quiltnet::teacher_probabilities";
    public const string Loss = "quiltnet::loss";
    private const string TargetPrefix = "quiltnet::target::";

    private TrainingGraph(byte[] model, IReadOnlyList<TrainableWeights> names, string upstream, IReadOnlyDictionary<string, string> gradients, bool outputIsProbabilities)
    {
        OutputIsProbabilities = outputIsProbabilities;
        Model = model;
        Names = names;
        Upstream = upstream;
        Gradients = gradients;
    }

    public byte[] Model { get; }

    /// <summary>Whether the model's first output is already a distribution (a Softmax's): the teacher's values then need no softmax.</summary>
    public bool OutputIsProbabilities { get; }

    public IReadOnlyList<TrainableWeights> Names { get; }

    /// <summary>The input that takes dLoss/dLoss = 1.</summary>
    public string Upstream { get; }

    /// <summary>Weight input → its gradient output.</summary>
    public IReadOnlyDictionary<string, string> Gradients { get; }

    /// <summary>The input that takes the original model's value of <paramref name="tensor"/>, for a target short of the output.</summary>
    public static string TargetInput(string tensor) => TargetPrefix + tensor;

    /// <param name="target">For distillation: what the partitioned model is matched on (see <see cref="DistillationTarget"/>).</param>
    /// <param name="graph">The model, whose own weights stay constants.</param>
    /// <param name="shapes">Its tensors' shapes.</param>
    /// <param name="cut">The cut position the autoencoders sit at.</param>
    /// <param name="weights">The autoencoders, one per frontier tensor of the cut; their weights become inputs.</param>
    /// <param name="method">The loss: reconstruction (MSE) or distillation.</param>
    public static TrainingGraph Build(OnnxGraph graph, TensorShapes shapes, int cut, IReadOnlyList<BottleneckWeights> weights, TrainingMethod method, DistillationTarget target)
    {
        bool downstream = method == TrainingMethod.Distill && target.Position > cut;
        var model = downstream
            ? new StageExtractor(graph, shapes).Extract(cut, target.Position, "distillation")
            : PassThrough(graph, shapes, cut);
        var names = weights.Select(w => BottleneckEmitter.PrependRoundTrip(model, w)).ToList();
        string? probabilitiesOf = downstream && target.IsModelOutput ? SoftmaxInput(model, graph.Outputs[0]) : null;
        if (downstream && target.IsModelOutput) AddDistillationLoss(model.Graph, probabilitiesOf ?? graph.Outputs[0], graph.Outputs[0], shapes[graph.Outputs[0]].Shape);
        else if (downstream) AddSquaredErrorLoss(model.Graph, target.Tensors.Select(t => (t, AddTargetInput(model.Graph, t))).ToList());
        else AddSquaredErrorLoss(model.Graph, names.Select(n => (n.Source[..^"::source".Length], n.Source)).ToList());

        var training = OnnxGraph.FromModel(model, "training graph");
        var trainingShapes = TensorShapeInference.Infer(training, BoundLike(training, graph, shapes));
        var backward = BackwardGraph.Build(training, names.SelectMany(n => n.Weights).ToList(), trainingShapes);
        return new TrainingGraph(backward.Model.ToByteArray(), names, backward.UpstreamGradients[Loss], backward.Gradients, probabilitiesOf is not null);
    }

    /// <summary>
    /// The training graph's dynamic dimensions bound as the model's were: each input that carries a model tensor (a
    /// source, a target, the teacher's output) at that tensor's shape, so spatial sizes stay valid downstream.
    /// </summary>
    private static ShapeBindings BoundLike(OnnxGraph training, OnnxGraph graph, TensorShapes shapes)
    {
        string Carried(string input) =>
            input == TeacherInput ? graph.Outputs[0]
            : input.StartsWith(TargetPrefix, StringComparison.Ordinal) ? input[TargetPrefix.Length..]
            : input.EndsWith("::source", StringComparison.Ordinal) ? input[..^"::source".Length]
            : input;
        var values = new Dictionary<string, long[]>();
        foreach (string input in training.Inputs)
            if (shapes.Find(Carried(input)) is { } info)
                values[input] = [.. info.Shape];
        return new ShapeBindings { SymbolicValues = values };
    }

    /// <summary>A graph that takes the frontier tensors and returns them: the reconstruction target.</summary>
    private static ModelProto PassThrough(OnnxGraph graph, TensorShapes shapes, int cut)
    {
        var stage = new StageExtractor(graph, shapes).Extract(cut, graph.Nodes.Count, "reconstruction");
        stage.Graph.Node.Clear();
        stage.Graph.Initializer.Clear();
        stage.Graph.Output.Clear();
        foreach (var input in stage.Graph.Input.ToList())
        {
            stage.Graph.Node.Add(new NodeProto { OpType = "Identity", Input = { input.Name }, Output = { input.Name + "::reconstructed" } });
            stage.Graph.Output.Add(new ValueInfoProto { Name = input.Name + "::reconstructed" });
        }
        return stage;
    }

    /// <summary>
    /// The input of the Softmax over the last axis that makes <paramref name="output"/>, else null: a model that returns
    /// probabilities is distilled on the logits before them, which is the same divergence without a softmax of a softmax.
    /// </summary>
    private static string? SoftmaxInput(ModelProto model, string output)
    {
        var producer = model.Graph.Node.LastOrDefault(n => n.Output.Contains(output));
        if (producer is not { OpType: "Softmax", Domain: "" or "ai.onnx" }) return null;
        var type = model.Graph.Output.First(o => o.Name == output).Type.TensorType;
        int rank = type.Shape?.Dim.Count ?? 0;
        long opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        // Before opset 13 the axis defaulted to 1 and flattened what followed: the last axis only at rank 2.
        long axis = producer.Attribute.FirstOrDefault(a => a.Name == "axis")?.I ?? (opset >= 13 ? -1 : 1);
        return rank > 0 && (axis + rank) % rank == rank - 1 ? producer.Input[0] : null;
    }

    /// <summary>
    /// KL(teacher ‖ student) up to the teacher's constant entropy: −mean over the batch of Σ p·log q, q the softmax of
    /// <paramref name="logits"/>, written as −classes · mean of every p·log q so that no node needs reduction axes
    /// (whose form depends on the opset).
    /// </summary>
    private static void AddDistillationLoss(GraphProto graph, string logits, string output, IReadOnlyList<long> shape)
    {
        graph.Input.Add(new ValueInfoProto { Name = TeacherInput, Type = graph.Output.First(o => o.Name == output).Type.Clone() });
        // The last axis, counted from the front (negative axes came in opset 11): in every opset that axis alone,
        // as opset 13's one axis or as the flattened tail before it.
        var logProbabilities = Node(graph, "LogSoftmax", [logits], Int("axis", shape.Count - 1));
        var weighted = Node(graph, "Mul", [logProbabilities, TeacherInput]);
        var mean = Node(graph, "ReduceMean", [weighted], Int("keepdims", 0));
        var perSample = Node(graph, "Mul", [mean, Scalar(graph, "classes", shape[^1])]);
        graph.Node.Add(new NodeProto { OpType = "Neg", Name = Loss, Input = { perSample }, Output = { Loss } });
        SetLossOutput(graph);
    }

    private static string AddTargetInput(GraphProto graph, string tensor)
    {
        var input = graph.Output.First(o => o.Name == tensor).Clone();
        input.Name = TargetInput(tensor);
        graph.Input.Add(input);
        return input.Name;
    }

    /// <summary>Sum over (produced, wanted) tensor pairs of the mean squared error.</summary>
    private static void AddSquaredErrorLoss(GraphProto graph, IReadOnlyList<(string Produced, string Wanted)> pairs)
    {
        var errors = new List<string>();
        foreach (var (produced, wanted) in pairs)
        {
            var difference = Node(graph, "Sub", [produced, wanted]);
            errors.Add(Node(graph, "ReduceMean", [Node(graph, "Mul", [difference, difference])], Int("keepdims", 0)));
        }
        // A chain of Adds rather than one Sum: Add has a gradient rule.
        string total = errors.Skip(1).Aggregate(errors[0], (sum, error) => Node(graph, "Add", [sum, error]));
        graph.Node.Add(new NodeProto { OpType = "Identity", Name = Loss, Input = { total }, Output = { Loss } });
        SetLossOutput(graph);
    }

    private static void SetLossOutput(GraphProto graph)
    {
        graph.Output.Clear();
        graph.Output.Add(new ValueInfoProto
        {
            Name = Loss,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)ElementType.Float, Shape = new TensorShapeProto() } },
        });
    }

    private static string Node(GraphProto graph, string op, string[] inputs, params AttributeProto[] attributes)
    {
        string output = $"quiltnet::loss/{op}_{graph.Node.Count}";
        var node = new NodeProto { OpType = op, Name = output, Output = { output } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    private static string Scalar(GraphProto graph, string name, float value)
    {
        var tensor = new TensorProto { Name = $"quiltnet::loss/{name}", DataType = (int)ElementType.Float };
        tensor.FloatData.Add(value);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
}

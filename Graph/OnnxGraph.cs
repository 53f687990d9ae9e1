using Google.Protobuf;
using Onnx;

namespace QuiltNet.Graph;

/// <summary>
/// A loaded ONNX model: its protobuf, external weights read in, nodes in topological order, and the
/// split between nodes that compute on the inputs (which cuts fall between) and nodes that only fold
/// constants (which every stage that needs them carries along).
/// </summary>
public sealed class OnnxGraph
{
    private readonly Dictionary<string, TensorProto> _initializers;
    private readonly Dictionary<string, NodeProto> _producers;

    private OnnxGraph(string path, ModelProto model, IReadOnlyList<NodeProto> sorted)
    {
        Path = path;
        Model = model;
        _initializers = model.Graph.Initializer.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.Last());
        Inputs = model.Graph.Input.Where(i => !_initializers.ContainsKey(i.Name)).Select(i => i.Name).ToArray();
        Outputs = model.Graph.Output.Select(o => o.Name).ToArray();
        _producers = new Dictionary<string, NodeProto>();
        foreach (var node in sorted)
            foreach (var output in node.Output.Where(o => o.Length > 0))
                _producers[output] = node;

        var constant = new HashSet<string>(_initializers.Keys);
        var computed = new List<GraphNode>();
        var folded = new List<NodeProto>();
        foreach (var node in sorted)
        {
            // A node with no activation input folds to a constant (Constant, shape arithmetic on weights).
            bool foldsToConstant = node.Input.All(i => i.Length == 0 || constant.Contains(i))
                && !ReferencesOuterActivation(node, constant);
            if (foldsToConstant)
            {
                folded.Add(node);
                foreach (var output in node.Output) constant.Add(output);
            }
            else
            {
                computed.Add(new GraphNode(node, computed.Count));
            }
        }
        Nodes = computed;
        ConstantNodes = folded;
        ConstantTensors = constant;
    }

    /// <summary>The file the model came from.</summary>
    public string Path { get; }

    internal ModelProto Model { get; }

    /// <summary>Nodes that compute on the model inputs, in topological order; a cut at position p
    /// separates nodes [0, p) from [p, n).</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>Nodes whose outputs are constants; stages duplicate what they need of these.</summary>
    internal IReadOnlyList<NodeProto> ConstantNodes { get; }

    /// <summary>Initializers and outputs of constant nodes.</summary>
    internal IReadOnlySet<string> ConstantTensors { get; }

    /// <summary>Graph inputs that are not initializers: what the caller feeds.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The model's output tensor names.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The model's default-domain (ai.onnx) opset version; 0 when it imports none.</summary>
    public long OpsetVersion => Opsets.OpsetForms.Of(Model);

    internal bool TryGetInitializer(string name, out TensorProto tensor) => _initializers.TryGetValue(name, out tensor!);

    internal NodeProto? Producer(string tensor) => _producers.GetValueOrDefault(tensor);

    internal ValueInfoProto? DeclaredInput(string name) => Model.Graph.Input.FirstOrDefault(i => i.Name == name);

    /// <summary>The shape model input <paramref name="name"/> declares, -1 for each dynamic dimension; null where it declares none.</summary>
    public IReadOnlyList<long>? DeclaredInputShape(string name) =>
        DeclaredInput(name)?.Type?.TensorType?.Shape?.Dim is { } dims ? dims.Select(d => d.DimValue > 0 ? d.DimValue : -1L).ToArray() : null;

    /// <summary>
    /// The model serialised with <paramref name="tensors"/> added to its outputs, so one ONNX Runtime run
    /// returns intermediate tensors too.
    /// </summary>
    public byte[] WithOutputs(IEnumerable<string> tensors)
    {
        var copy = Model.Clone();
        var declared = new HashSet<string>(copy.Graph.Output.Select(o => o.Name));
        foreach (string tensor in tensors.Where(declared.Add))
            copy.Graph.Output.Add(new ValueInfoProto { Name = tensor });
        return copy.ToByteArray();
    }

    /// <summary>
    /// Loads an ONNX file, reading weights kept in external data files next to it, and checks that
    /// its nodes can be ordered topologically.
    /// </summary>
    public static OnnxGraph Load(string path)
    {
        if (!File.Exists(path))
            throw new QuiltNetException(path, "file not found");
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new QuiltNetException(path, $"not a valid ONNX file (protobuf: {FirstLine(e.Message)})");
        }
        if (model.Graph is not null)
            ExternalData.ReadInto(model, path);
        string full = System.IO.Path.GetFullPath(path);
        GraphMetrics.Count(GraphMetrics.Loads, full);
        return FromModel(model, path, full);
    }

    /// <summary>
    /// Wraps a model built in memory (a generated training graph, a test model) with the checks of
    /// <see cref="Load"/>; <paramref name="name"/> names it in messages. Its weights must be inline.
    /// </summary>
    public static OnnxGraph FromModel(ModelProto model, string name) => FromModel(model, name, name);

    private static OnnxGraph FromModel(ModelProto model, string name, string path)
    {
        if (model.Graph is null || (model.Graph.Node.Count == 0 && model.Graph.Output.Count == 0))
            throw new QuiltNetException(name, "not an ONNX model (no graph)");
        if (model.Graph.Output.Count == 0)
            throw new QuiltNetException(name, "the graph declares no outputs");
        var sorted = TopologicalOrder.Sort(model.Graph, name);
        var graph = new OnnxGraph(path, model, sorted);
        if (graph.Inputs.Count == 0)
            throw new QuiltNetException(name, "the graph has no inputs to feed");
        if (graph.Nodes.Count == 0)
            throw new QuiltNetException(name, "no node of the graph computes on its inputs: there is nothing to profile or cut");
        return graph;
    }

    private static bool ReferencesOuterActivation(NodeProto node, HashSet<string> constant) =>
        Subgraphs.OuterReferences(node).Any(name => !constant.Contains(name));

    internal static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

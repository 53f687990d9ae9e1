using Onnx;

namespace QuiltNet.Graph;

/// <summary>
/// Cuts the nodes between two positions out as a standalone ONNX model: its inputs are the frontier at
/// the start, its outputs the frontier at the end, and it carries exactly the initializers and constant
/// nodes its nodes read.
/// </summary>
public sealed class StageExtractor
{
    private readonly OnnxGraph _graph;
    private readonly TensorShapes _shapes;
    private readonly Frontiers _frontiers;
    private readonly Dictionary<string, NodeProto> _constantProducers;

    /// <summary>Prepares to cut <paramref name="graph"/>, whose tensors have <paramref name="shapes"/>.</summary>
    public StageExtractor(OnnxGraph graph, TensorShapes shapes)
    {
        _graph = graph;
        _shapes = shapes;
        _frontiers = new Frontiers(graph);
        _constantProducers = new Dictionary<string, NodeProto>();
        foreach (var node in graph.ConstantNodes)
            foreach (var output in node.Output) _constantProducers[output] = node;
    }

    /// <summary>The number of computing nodes; stage bounds run from 0 to this.</summary>
    public int NodeCount => _frontiers.NodeCount;

    /// <summary>The tensors a stage starting (or ending) at <paramref name="position"/> takes (or returns).</summary>
    public IReadOnlyList<TensorInfo> Boundary(int position) =>
        position == NodeCount
            ? _graph.Outputs.Select(o => _shapes[o]).ToList()
            : position == 0 ? _shapes.Inputs.Where(i => _frontiers.At(0).Contains(i.Name)).ToList()
            : CutPoints.At(_frontiers, _graph, _shapes, position).Tensors;

    /// <summary>The standalone model of nodes [<paramref name="start"/>, <paramref name="end"/>): the constants they need, the frontier tensors as inputs and outputs.</summary>
    /// <param name="start">The first node position in the stage.</param>
    /// <param name="end">The position after the last node in the stage.</param>
    /// <param name="name">The graph name of the new model.</param>
    public ModelProto Extract(int start, int end, string name)
    {
        if (start < 0 || end > NodeCount || start >= end)
            throw new ArgumentOutOfRangeException(nameof(start), $"stage [{start}, {end}) is not within [0, {NodeCount}]");
        var nodes = _graph.Nodes.Skip(start).Take(end - start).Select(n => n.Proto).ToList();
        var (constantNodes, initializers) = ConstantsRead(nodes);

        var graph = new GraphProto { Name = name, DocString = $"QuiltNet stage: nodes [{start}, {end}) of {Path.GetFileName(_graph.Path)}" };
        graph.Input.AddRange(Boundary(start).Select(t => ValueInfo(t, start == 0)));
        graph.Output.AddRange(Boundary(end).Select(t => ValueInfo(t, end == NodeCount)));
        graph.Initializer.AddRange(initializers);
        graph.Node.AddRange(constantNodes);
        graph.Node.AddRange(nodes);

        var source = _graph.Model;
        var model = new ModelProto
        {
            IrVersion = source.IrVersion,
            ProducerName = "quiltnet",
            ProducerVersion = typeof(StageExtractor).Assembly.GetName().Version?.ToString() ?? "",
            Domain = source.Domain,
            ModelVersion = source.ModelVersion,
            Graph = graph,
        };
        model.OpsetImport.AddRange(source.OpsetImport);
        model.Functions.AddRange(source.Functions);
        return model;
    }

    private (List<NodeProto> Nodes, List<TensorProto> Initializers) ConstantsRead(IEnumerable<NodeProto> nodes)
    {
        var needed = new HashSet<NodeProto>();
        var initializers = new Dictionary<string, TensorProto>();
        var pending = new Stack<string>(nodes.SelectMany(n => n.Input.Concat(Subgraphs.OuterReferences(n))));
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            if (_graph.TryGetInitializer(name, out var initializer))
                initializers.TryAdd(name, initializer);
            else if (_constantProducers.TryGetValue(name, out var producer) && needed.Add(producer))
                foreach (var input in producer.Input.Concat(Subgraphs.OuterReferences(producer))) pending.Push(input);
        }
        var ordered = _graph.ConstantNodes.Where(needed.Contains).ToList();
        var initializerOrder = _graph.Model.Graph.Initializer.Where(t => initializers.GetValueOrDefault(t.Name) == t).ToList();
        return (ordered, initializerOrder);
    }

    /// <summary>The model's own declaration for its inputs and outputs; the bound shape, dynamic dims kept symbolic, inside.</summary>
    private ValueInfoProto ValueInfo(TensorInfo tensor, bool modelBoundary)
    {
        if (modelBoundary && _graph.Model.Graph.Input.Concat(_graph.Model.Graph.Output).FirstOrDefault(v => v.Name == tensor.Name) is { Type: not null } declared)
            return declared.Clone();
        return tensor.ToValueInfo();
    }
}

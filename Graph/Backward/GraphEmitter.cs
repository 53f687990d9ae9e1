using Google.Protobuf;
using Onnx;
using QuiltNet.Graph.Opsets;

namespace QuiltNet.Graph.Backward;

/// <summary>
/// Appends nodes and constants to the graph being generated, under names that cannot collide with the
/// forward model's, and knows the static shape of every forward tensor.
/// </summary>
internal sealed class GraphEmitter : IConstants
{
    private readonly GraphProto _graph;
    private readonly TensorShapes _shapes;
    private readonly HashSet<string> _taken;
    private readonly Dictionary<string, string> _shapeOf = [];
    private readonly Dictionary<(double, ElementType), string> _scalars = [];
    private int _next;

    public GraphEmitter(GraphProto graph, TensorShapes shapes, long opset)
    {
        _graph = graph;
        _shapes = shapes;
        Opset = opset;
        _taken = new HashSet<string>(graph.Input.Select(i => i.Name)
            .Concat(graph.Output.Select(o => o.Name))
            .Concat(graph.ValueInfo.Select(v => v.Name))
            .Concat(graph.Initializer.Select(t => t.Name))
            .Concat(graph.Node.SelectMany(n => n.Output))
            .Concat(graph.Node.Select(n => n.Name)));
    }

    /// <summary>The default-domain opset of the graph being generated: the form of what is emitted.</summary>
    public long Opset { get; }

    /// <summary>Prefix of the names given to what is emitted next: the forward node being differentiated.</summary>
    public string Scope { get; set; } = "grad";

    /// <summary>A name no tensor or node of the graph has, starting with <paramref name="hint"/>.</summary>
    public string Unique(string hint)
    {
        string name = hint;
        while (!_taken.Add(name))
            name = $"{hint}_{_next++}";
        return name;
    }

    public string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node(op, inputs, 1, attributes)[0];

    public string[] Node(string op, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var names = Enumerable.Range(0, outputs).Select(_ => Unique($"{Scope}/{op}_{_next++}")).ToArray();
        NodeWithOutputs(op, inputs, names, attributes);
        return names;
    }

    /// <summary>Emits a node writing to names the caller chose (graph outputs).</summary>
    public void NodeWithOutputs(string op, IEnumerable<string> inputs, IReadOnlyList<string> outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Unique(outputs[0] + "_node") };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
    }

    /// <summary>An operator whose list argument (axes, split sizes) is an attribute or an input as <see cref="Opset"/> says.</summary>
    public string NodeWithList(string op, string x, string listName, long[] values, params AttributeProto[] attributes)
    {
        string output = Unique($"{Scope}/{op}_{_next++}");
        var node = new NodeProto { OpType = op, Name = Unique(output + "_node") };
        node.Input.Add(x);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        OpsetForms.SetList(node, listName, values, Opset, this);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>A 1-D int64 constant.</summary>
    public string Int64s(params long[] values)
    {
        var tensor = new TensorProto { Name = Unique($"{Scope}/const_{_next++}"), DataType = (int)ElementType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float constant.</summary>
    public string Floats(float[] values, long[] dims)
    {
        var tensor = Constant(Unique($"{Scope}/const_{_next++}"), ElementType.Float, dims, values.Select(v => (double)v));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A scalar (0-D) constant; shared by every use of the same value.</summary>
    public string Scalar(double value, ElementType type)
    {
        if (_scalars.TryGetValue((value, type), out var existing))
            return existing;
        var tensor = Constant(Unique($"grad/scalar_{_next++}"), type, [], [value]);
        _graph.Initializer.Add(tensor);
        return _scalars[(value, type)] = tensor.Name;
    }

    /// <summary>A constant tensor of a floating type filled with one value.</summary>
    public string Filled(double value, ElementType type, long[] dims)
    {
        long count = dims.Aggregate(1L, (p, d) => p * d);
        var tensor = Constant(Unique($"{Scope}/const_{_next++}"), type, dims, Enumerable.Repeat(value, checked((int)count)));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A one-element tensor, the form ConstantOfShape takes its fill value in.</summary>
    public static TensorProto FillValue(double value, ElementType type) => Constant("value", type, [1], [value]);

    /// <summary>The runtime shape of a tensor (one Shape node per tensor, shared).</summary>
    public string ShapeOf(string tensor)
    {
        if (!_shapeOf.TryGetValue(tensor, out var shape))
            _shapeOf[tensor] = shape = Node("Shape", [tensor]);
        return shape;
    }

    public ElementType TypeOf(string tensor) => _shapes[tensor].ElementType;

    /// <summary>A forward tensor's shape as bound, with -1 for dimensions that follow a dynamic input.</summary>
    public long[] Dims(string tensor)
    {
        var info = _shapes[tensor];
        return info.Shape.Select((d, i) => info.SymbolicDims.ElementAtOrDefault(i) is null ? d : -1).ToArray();
    }

    /// <summary>A forward tensor's shape as bound (dynamic dimensions at their bound value).</summary>
    public long[] BoundShape(string tensor) => _shapes[tensor].Shape.ToArray();

    public int Rank(string tensor) => _shapes[tensor].Shape.Count;

    private static TensorProto Constant(string name, ElementType type, long[] dims, IEnumerable<double> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dims);
        switch (type)
        {
            case ElementType.Float:
                tensor.RawData = ByteString.CopyFrom(values.SelectMany(v => BitConverter.GetBytes((float)v)).ToArray());
                break;
            case ElementType.Double:
                tensor.DoubleData.AddRange(values);
                break;
            case ElementType.Int64:
                tensor.Int64Data.AddRange(values.Select(v => (long)v));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "gradient paths are checked to be float or double; positions are int64");
        }
        return tensor;
    }
}

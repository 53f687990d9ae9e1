using Google.Protobuf;
using Onnx;
using QuiltNet.Graph.Opsets;

namespace QuiltNet.Graph.Bottlenecks;

/// <summary>
/// Adds nodes and initializers to a graph under one name prefix, so emitted names never collide. With
/// <c>trainable</c>, weights become graph inputs (their values are fed each step) instead of initializers.
/// </summary>
/// <param name="graph">The graph emitted into.</param>
/// <param name="prefix">Starts every emitted name.</param>
/// <param name="opset">The graph's default-domain opset, which decides the form of what is emitted.</param>
/// <param name="prepend">Whether the nodes go before the graph's own (a decoder) rather than after.</param>
/// <param name="trainable">Whether weights become graph inputs.</param>
internal sealed class NodeEmitter(GraphProto graph, string prefix, long opset, bool prepend = false, bool trainable = false) : IConstants
{
    private readonly List<NodeProto> _nodes = [];
    private int _count;

    public long Opset => opset;

    public string Node(string op, string[] inputs, params AttributeProto[] attributes) =>
        Node(op, inputs, node => node.Attribute.AddRange(attributes));

    /// <summary>A node whose remaining inputs and attributes <paramref name="form"/> sets (an <see cref="OpsetForms"/> form).</summary>
    public string Node(string op, string[] inputs, Action<NodeProto> form)
    {
        string output = $"{prefix}/{op}_{_count++}";
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        form(node);
        if (prepend) graph.Node.Insert(_nodes.Count, node);
        else graph.Node.Add(node);
        _nodes.Add(node);
        return output;
    }

    public string TrainableName(string name) => $"{prefix}/{name}";

    /// <summary>A learned weight: an initializer, or a graph input when emitting for training.</summary>
    public string Weight(string name, float[] values, params long[] shape)
    {
        if (!trainable) return Constant(name, values, shape);
        graph.Input.Add(new TensorInfo(TrainableName(name), ElementType.Float, shape).ToValueInfo());
        return TrainableName(name);
    }

    public string Constant(string name, float[] values, params long[] shape)
    {
        var tensor = new TensorProto { Name = $"{prefix}/{name}", DataType = (int)ElementType.Float };
        tensor.Dims.AddRange(shape);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Int64s(long[] values)
    {
        var tensor = new TensorProto { Name = $"{prefix}/const_{_count++}", DataType = (int)ElementType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Floats(float[] values, long[] dims) => Constant($"const_{_count++}", values, dims);

    public string Bytes(string name, byte[] values)
    {
        var tensor = new TensorProto { Name = $"{prefix}/{name}", DataType = (int)ElementType.UInt8, RawData = ByteString.CopyFrom(values) };
        tensor.Dims.Add(values.Length);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Gives the last emitted node's output the name the rest of the graph expects.</summary>
    public void Rename(string output, string name)
    {
        var node = _nodes.Single(n => n.Output.Contains(output));
        node.Output[node.Output.IndexOf(output)] = name;
    }
}

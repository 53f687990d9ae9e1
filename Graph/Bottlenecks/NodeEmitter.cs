using Google.Protobuf;
using Onnx;

namespace QuiltNet.Graph.Bottlenecks;

/// <summary>
/// Adds nodes and initializers to a graph under one name prefix, so emitted names never collide. With
/// <c>trainable</c>, weights become graph inputs (their values are fed each step) instead of initializers.
/// </summary>
internal sealed class NodeEmitter(GraphProto graph, string prefix, bool prepend = false, bool trainable = false)
{
    private readonly List<NodeProto> _nodes = [];
    private int _count;

    public string Node(string op, string[] inputs, params AttributeProto[] attributes)
    {
        string output = $"{prefix}/{op}_{_count++}";
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
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

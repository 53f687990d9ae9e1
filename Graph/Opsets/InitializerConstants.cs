using Google.Protobuf;
using Onnx;

namespace QuiltNet.Graph.Opsets;

/// <summary>Constants added as initializers of one graph, under names no tensor of it has.</summary>
internal sealed class InitializerConstants(GraphProto graph, string prefix) : IConstants
{
    private readonly HashSet<string> _taken = new(graph.Initializer.Select(t => t.Name)
        .Concat(graph.Input.Select(i => i.Name))
        .Concat(graph.Node.SelectMany(n => n.Output)));
    private int _next;

    public string Int64s(long[] values)
    {
        var tensor = new TensorProto { Name = NextName(), DataType = (int)ElementType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Floats(float[] values, long[] dims)
    {
        var tensor = new TensorProto { Name = NextName(), DataType = (int)ElementType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray());
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private string NextName()
    {
        string name;
        do name = $"{prefix}/const_{_next++}";
        while (!_taken.Add(name));
        return name;
    }
}

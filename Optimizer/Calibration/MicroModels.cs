using Google.Protobuf;
using Onnx;
using QuiltNet.Graph;

namespace QuiltNet.Optimizer.Calibration;

/// <summary>
/// The calibration's micro-benchmarks as ONNX models: one operator repeated in a chain (input "x0", output
/// "x{count}"), each copy with its own constant weights, as a model's layers have.
/// </summary>
internal static class MicroModels
{
    /// <param name="op">The operator.</param>
    /// <param name="input">The chain's input shape; every copy must give back this shape.</param>
    /// <param name="count">Copies in the chain.</param>
    /// <param name="weights">Constant inputs after the first, by shape.</param>
    /// <param name="attributes">The operator's attributes.</param>
    public static byte[] Chain(string op, long[] input, int count, IReadOnlyList<long[]> weights, params AttributeProto[] attributes) =>
        Chain(op, input, count, weights, squared: false, attributes);

    /// <summary>A chain of MatMuls each of whose copies multiplies its input by itself: a product of two activations, as attention's.</summary>
    public static byte[] Squares(long[] input, int count) => Chain("MatMul", input, count, [], squared: true, []);

    private static byte[] Chain(string op, long[] input, int count, IReadOnlyList<long[]> weights, bool squared, AttributeProto[] attributes)
    {
        var graph = new GraphProto { Name = "calibration" };
        graph.Input.Add(new TensorInfo("x0", ElementType.Float, input).ToValueInfo());
        for (int i = 0; i < count; i++)
        {
            var node = new NodeProto { OpType = op, Name = $"n{i}", Input = { $"x{i}" }, Output = { $"x{i + 1}" } };
            if (squared) node.Input.Add($"x{i}");
            for (int w = 0; w < weights.Count; w++)
            {
                string name = $"w{i}_{w}";
                graph.Initializer.Add(Constant(name, weights[w], seed: 2 + i * 7 + w));
                node.Input.Add(name);
            }
            node.Attribute.AddRange(attributes);
            graph.Node.Add(node);
        }
        graph.Output.Add(new ValueInfoProto { Name = $"x{count}" });
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "quiltnet-calibrate" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static TensorProto Constant(string name, long[] shape, int seed)
    {
        var random = new Random(seed);
        var values = new float[shape.Aggregate(1L, (p, d) => p * d)];
        // Small weights keep a deep chain's activations finite.
        for (int i = 0; i < values.Length; i++) values[i] = (random.NextSingle() - 0.5f) * 0.1f;
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        var tensor = new TensorProto { Name = name, DataType = (int)ElementType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(shape);
        return tensor;
    }
}

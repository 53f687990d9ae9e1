using Onnx;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Graph.Tests.Opsets;

/// <summary>
/// Encoders and decoders are emitted in the form of the stage's own opset (9 and up): ONNX Runtime, which
/// rejects an operator form its opset does not have, loads and runs each, and every opset yields the codes and
/// reconstructions of opset 17 (per-feature QuantizeLinear there, the same arithmetic spelt out below opset 13).
/// </summary>
public sealed class EmittedFormsTests
{
    private static readonly long[] Opsets = [9, 10, 11, 12, 13, 17];

    public static IEnumerable<object[]> Cases =>
        from bits in new[] { 32, 16, 8, 4 }
        from layout in new[] { "nchw", "nchw-stride2", "ntd", "n1hw" }
        select new object[] { layout, bits };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_opset_runs_the_same_encoder_and_decoder(string layout, int bits)
    {
        var (tensor, weights) = Autoencoder(layout, bits);
        var input = Sample(tensor.Shape.ToArray(), new Random(bits));
        var (code17, decoded17) = RoundTrip(tensor, weights, 17, input);
        foreach (long opset in Opsets)
        {
            var (code, decoded) = RoundTrip(tensor, weights, opset, input);
            Assert.Equal(code17.ElementType, code.ElementType);
            Assert.Equal(code17.Shape, code.Shape);
            if (bits <= 8)
                Assert.Equal((byte[])code17.Data, (byte[])code.Data);
            AssertClose(decoded17.AsDoubles(), decoded.AsDoubles(), $"opset {opset}");
        }
    }

    [Theory]
    [InlineData(9, "Upsample")]
    [InlineData(10, "Resize")]
    [InlineData(13, "Resize")]
    public void The_stride_2_decoder_upsamples_with_the_opsets_operator(long opset, string op)
    {
        var (tensor, weights) = Autoencoder("nchw-stride2", 8);
        var decoder = Stage(tensor, opset);
        BottleneckEmitter.PrependDecoder(decoder, weights, 0);
        Assert.Contains(decoder.Graph.Node, n => n.OpType == op);
        Assert.Equal(opset >= 13, decoder.Graph.Node.Any(n => n.OpType == "DequantizeLinear"));
    }

    private static (HostTensor Code, HostTensor Decoded) RoundTrip(TensorInfo tensor, BottleneckWeights weights, long opset, HostTensor input)
    {
        var encoder = Stage(tensor, opset);
        BottleneckEmitter.AppendEncoder(encoder, weights, 0);
        var decoder = Stage(tensor, opset);
        BottleneckEmitter.PrependDecoder(decoder, weights, 0);
        string code = BottleneckEmitter.CodeName(tensor.Name, 0);
        using var encode = new OnnxRunner(OrtSessions.Open(Google.Protobuf.MessageExtensions.ToByteArray(encoder)));
        using var decode = new OnnxRunner(OrtSessions.Open(Google.Protobuf.MessageExtensions.ToByteArray(decoder)));
        var coded = encode.Run(new Dictionary<string, HostTensor> { [tensor.Name] = input })[code];
        return (coded, decode.Run(new Dictionary<string, HostTensor> { [code] = coded })[tensor.Name]);
    }

    /// <summary>A model that returns its input, at <paramref name="opset"/>: emission makes it an encoder or a decoder.</summary>
    private static ModelProto Stage(TensorInfo tensor, long opset)
    {
        var graph = new GraphProto { Name = "stage" };
        graph.Input.Add(tensor.ToValueInfo());
        graph.Output.Add(tensor.ToValueInfo());
        var model = new ModelProto { IrVersion = 7, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }

    private static (TensorInfo Tensor, BottleneckWeights Weights) Autoencoder(string layout, int bits)
    {
        long[] shape = layout switch
        {
            "ntd" => [2, 5, 8],
            "n1hw" => [2, 1, 3, 8],
            _ => [2, 8, 4, 6],
        };
        var axis = FeatureAxes.Of(shape);
        int c = FeatureAxes.Features(shape), k = 3;
        var random = new Random(c + bits);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var option = new BottleneckOption(k, layout == "nchw-stride2" ? 2 : 1, bits);
        var weights = new BottleneckWeights("t", axis, c, option, Values(k * c), Values(k), Values(c * k), Values(c), ReluOutput: false,
            CodeMin: bits <= 8 ? Enumerable.Repeat(-1f, k).ToArray() : null, CodeMax: bits <= 8 ? Enumerable.Repeat(1.5f, k).ToArray() : null);
        return (new TensorInfo("t", ElementType.Float, shape), weights);
    }

    private static HostTensor Sample(long[] shape, Random random) =>
        HostTensor.Float(shape, Enumerable.Range(0, (int)shape.Aggregate(1L, (p, d) => p * d)).Select(_ => random.NextSingle() * 4 - 2).ToArray());

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * (1 + Math.Abs(expected[i])), $"{what}: element {i} is {actual[i]}, opset 17 gives {expected[i]}");
    }
}

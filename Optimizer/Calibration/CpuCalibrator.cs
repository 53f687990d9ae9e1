using System.Diagnostics;
using Google.Protobuf;
using Onnx;
using QuiltNet.Graph;

namespace QuiltNet.Optimizer.Calibration;

/// <summary>
/// Measures this machine's cores as accelerator chips, through ONNX Runtime with one thread (one core):
/// the multiply-accumulate rate of a convolution (64→64 channels, 3×3, 56×56: the work the example models
/// do), streaming memory bandwidth (a ReduceSum reading a tensor far larger than the caches, so the
/// output copy does not count) and the fixed cost of one small run (what a hand-off between cores costs).
/// </summary>
public static class CpuCalibrator
{
    private const int Channels = 64, Side = 56;
    private const int StreamElements = 32 << 20; // 128 MiB
    private const int Repeats = 7;

    /// <summary>Measures the machine: the figures the roofline needs and, per operator class, what <see cref="OperatorCalibrator"/> measures.</summary>
    public static CpuMeasurement Measure()
    {
        double convSeconds = BestOf(Model("Conv", [1, Channels, Side, Side], [Channels, Channels, 3, 3], Pads()), [1, Channels, Side, Side], null);
        double streamSeconds = BestOf(Model("ReduceSum", [StreamElements], null, KeepDims()), [StreamElements], null);
        double tinySeconds = BestOf(Model("Add", [16], [16]), [16], null);
        var now = DateTimeOffset.UtcNow;
        string processor = ProcessorName();
        var (cache, cacheSource) = CpuCaches.BytesPerCore();
        string source = $"quiltnet hw calibrate on {now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}, {processor}, one ONNX Runtime thread";
        return new CpuMeasurement(
            Environment.ProcessorCount,
            (double)Channels * Side * Side * Channels * 9 / convSeconds,
            (double)StreamElements * sizeof(float) / streamSeconds,
            tinySeconds,
            cache,
            (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / Environment.ProcessorCount),
            processor,
            now,
            OperatorCalibrator.Measure(source),
            cacheSource);
    }

    private static double BestOf(byte[] model, long[] aShape, long[]? bShape)
    {
        using var runner = new OnnxRunner(OrtSessions.Open(model, threads: 1));
        var random = new Random(1);
        var feeds = new Dictionary<string, HostTensor> { ["a"] = HostTensor.Sample(ElementType.Float, aShape, random) };
        if (bShape is not null) feeds["b"] = HostTensor.Sample(ElementType.Float, bShape, random);
        runner.Run(feeds); // warm-up
        double best = double.MaxValue;
        for (int i = 0; i < Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            runner.Run(feeds);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static byte[] Model(string op, long[] aShape, long[]? bShape, params AttributeProto[] attributes)
    {
        var graph = new GraphProto { Name = "calibration" };
        graph.Input.Add(new TensorInfo("a", ElementType.Float, aShape).ToValueInfo());
        // The second operand is a constant, as a model's weights are: ONNX Runtime pre-packs those.
        if (bShape is not null) graph.Initializer.Add(Weights("b", bShape));
        graph.Output.Add(new ValueInfoProto { Name = "y" });
        var node = new NodeProto { OpType = op, Input = { "a" }, Output = { "y" } };
        if (bShape is not null) node.Input.Add("b");
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "quiltnet-calibrate" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    private static TensorProto Weights(string name, long[] shape)
    {
        var random = new Random(2);
        var values = new float[shape.Aggregate(1L, (p, d) => p * d)];
        for (int i = 0; i < values.Length; i++) values[i] = random.NextSingle() - 0.5f;
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        var tensor = new TensorProto { Name = name, DataType = (int)ElementType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(shape);
        return tensor;
    }

    private static AttributeProto Pads()
    {
        var pads = new AttributeProto { Name = "pads", Type = AttributeProto.Types.AttributeType.Ints };
        pads.Ints.AddRange([1, 1, 1, 1]);
        return pads;
    }

    private static AttributeProto KeepDims() => new() { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 };

    private static string ProcessorName()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return "unknown processor";
        return File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown processor";
    }
}

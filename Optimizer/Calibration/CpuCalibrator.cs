using System.Diagnostics;
using Google.Protobuf;
using Onnx;
using QuiltNet.Graph;

namespace QuiltNet.Optimizer.Calibration;

/// <summary>
/// Measures this machine's cores as accelerator chips, through ONNX Runtime with one thread (one core):
/// the GEMM multiply-accumulate rate (a 512³ MatMul), streaming memory bandwidth (an Add over tensors far
/// larger than the caches) and the fixed cost of one small run (what a hand-off between cores costs).
/// </summary>
public static class CpuCalibrator
{
    private const int GemmSize = 512;
    private const int StreamElements = 16 << 20; // 64 MiB per tensor
    private const int Repeats = 7;

    public static CpuMeasurement Measure()
    {
        double gemmSeconds = BestOf(Model("MatMul", [GemmSize, GemmSize], [GemmSize, GemmSize]), [GemmSize, GemmSize], [GemmSize, GemmSize]);
        double streamSeconds = BestOf(Model("Add", [StreamElements], [StreamElements]), [StreamElements], [StreamElements]);
        double tinySeconds = BestOf(Model("Add", [16], [16]), [16], [16]);
        return new CpuMeasurement(
            Environment.ProcessorCount,
            (double)GemmSize * GemmSize * GemmSize / gemmSeconds,
            3.0 * StreamElements * sizeof(float) / streamSeconds, // two tensors read, one written
            tinySeconds,
            CacheBytesPerCore(),
            (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / Environment.ProcessorCount),
            ProcessorName(),
            DateTimeOffset.UtcNow);
    }

    private static double BestOf(byte[] model, long[] aShape, long[] bShape)
    {
        using var runner = new OnnxRunner(OrtSessions.Open(model, threads: 1));
        var random = new Random(1);
        var feeds = new Dictionary<string, HostTensor>
        {
            ["a"] = HostTensor.Sample(ElementType.Float, aShape, random),
            ["b"] = HostTensor.Sample(ElementType.Float, bShape, random),
        };
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

    private static byte[] Model(string op, long[] aShape, long[] bShape)
    {
        var graph = new GraphProto { Name = "calibration" };
        graph.Input.Add(Tensor("a", aShape));
        graph.Input.Add(Tensor("b", bShape));
        graph.Output.Add(new ValueInfoProto { Name = "y" });
        graph.Node.Add(new NodeProto { OpType = op, Input = { "a", "b" }, Output = { "y" } });
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "quiltnet-calibrate" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    private static ValueInfoProto Tensor(string name, long[] shape)
    {
        var dims = new TensorShapeProto();
        foreach (long d in shape) dims.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)ElementType.Float, Shape = dims } } };
    }

    /// <summary>The level-2 cache of core 0 as Linux reports it; 1 MiB where it cannot be read.</summary>
    private static long CacheBytesPerCore()
    {
        const string path = "/sys/devices/system/cpu/cpu0/cache/index2/size";
        if (!File.Exists(path)) return 1 << 20;
        string text = File.ReadAllText(path).Trim();
        long factor = text.EndsWith('K') ? 1024 : text.EndsWith('M') ? 1 << 20 : 1;
        return long.TryParse(text.TrimEnd('K', 'M'), out long value) ? value * factor : 1 << 20;
    }

    private static string ProcessorName()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return "unknown processor";
        return File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown processor";
    }
}

using System.Diagnostics;
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
        // The second operand of each is a constant, as a model's weights are: ONNX Runtime pre-packs those.
        double convSeconds = BestOf(MicroModels.Chain("Conv", [1, Channels, Side, Side], 1, [[Channels, Channels, 3, 3]], MicroModels.Ints("pads", 1, 1, 1, 1)), [1, Channels, Side, Side]);
        double streamSeconds = BestOf(MicroModels.Chain("ReduceSum", [StreamElements], 1, [], MicroModels.Int("keepdims", 0)), [StreamElements]);
        double tinySeconds = BestOf(MicroModels.Chain("Add", [16], 1, [[16]]), [16]);
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

    private static double BestOf(byte[] model, long[] input)
    {
        using var runner = new OnnxRunner(OrtSessions.Open(model, threads: 1));
        var feeds = new Dictionary<string, HostTensor> { ["x0"] = HostTensor.Sample(ElementType.Float, input, new Random(1)) };
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

    private static string ProcessorName()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return "unknown processor";
        return File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown processor";
    }
}

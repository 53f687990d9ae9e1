using System.Diagnostics;
using System.Globalization;
using Onnx;
using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using static QuiltNet.Optimizer.Calibration.MicroModels;

namespace QuiltNet.Optimizer.Calibration;

/// <summary>
/// Measures one core's time per operator with micro-benchmarks of its own (never a model being planned), through
/// ONNX Runtime on one thread at batch 1: each shape runs as a chain of four copies and as one, alternately (so
/// both see the same load), and the difference of their fast times (the 10th percentile of repeated runs: a run
/// the scheduler did not interrupt, which on a shared machine the median often is not) is the time of three
/// copies inside a model (no session, boundary reorder or output copy in it). A shape whose difference is not
/// positive (noise) is dropped.
/// <list type="bullet">
/// <item>MAC rates: 3×3, 1×1 and depthwise convolutions over a grid of channels and feature-map sizes, stem
/// convolution from 3 channels, MatMul with constant weights over a grid of rows and depths, and MatMul of two
/// activations (an attention-like [heads, tokens, tokens] product) over heads and tokens.</item>
/// <item>Vector rate: element-wise, softmax, layer normalisation and pooling, FLOPs counted as the profiler counts them.</item>
/// <item>Copy rate: Transpose, bytes read and written.</item>
/// <item>Dispatch: a chain of 33 tiny Adds against one; run overhead: one tiny Add less its dispatch.</item>
/// </list>
/// </summary>
public static class OperatorCalibrator
{
    private const int Copies = 4;

    /// <summary>Measures this machine's rates by operator class with its own micro-benchmarks; <paramref name="source"/> is recorded as their provenance.</summary>
    public static OperatorCalibration Measure(string source)
    {
        var tiny = new long[] { 16 };
        var (many, one) = FastTimes(Chain("Add", tiny, 33, [tiny]), Chain("Add", tiny, 1, [tiny]), tiny);
        double dispatch = Math.Max(0, (many - one) / 32);
        double runOverhead = Math.Max(0, one - dispatch);

        var rates = new List<MacRatePoint?>();
        foreach (long c in new long[] { 8, 32, 128, 512 })
            foreach (long s in new long[] { 7, 14, 28, 56, 112 })
                if (c * c * 9 * s * s is >= 100_000 and <= 250_000_000)
                    rates.Add(Rate(OperatorClass.Convolution, c * 9, c * s * s, c * c * 9 * s * s, dispatch,
                        n => Chain("Conv", [1, c, s, s], n, [[c, c, 3, 3], [c]], Ints("pads", 1, 1, 1, 1)), [1, c, s, s]));
        foreach (long c in new long[] { 16, 64, 256, 1024 })
            foreach (long s in new long[] { 7, 14, 28, 56 })
                if (c * c * s * s is >= 50_000 and <= 250_000_000)
                    rates.Add(Rate(OperatorClass.Pointwise, c, c * s * s, c * c * s * s, dispatch,
                        n => Chain("Conv", [1, c, s, s], n, [[c, c, 1, 1], [c]]), [1, c, s, s]));
        foreach (long c in new long[] { 16, 64, 256, 960 })
            foreach (long s in new long[] { 7, 14, 28, 56, 112 })
                if (c * 9 * s * s is >= 20_000 and <= 50_000_000)
                    rates.Add(Rate(OperatorClass.Depthwise, 9, c * s * s, c * 9 * s * s, dispatch,
                        n => Chain("Conv", [1, c, s, s], n, [[c, 1, 3, 3], [c]], Ints("pads", 1, 1, 1, 1), Int("group", c)), [1, c, s, s]));
        foreach (long m in new long[] { 1, 16, 64, 256 })
            foreach (long k in new long[] { 64, 256, 1024 })
                rates.Add(Rate(OperatorClass.MatMul, k, m * k, m * k * k, dispatch, n => Chain("MatMul", [m, k], n, [[k, k]]), [m, k]));
        // Attention's products over heads: [heads, tokens, tokens] by itself, depth = tokens.
        foreach (long h in new long[] { 1, 4, 12 })
            foreach (long t in new long[] { 16, 64, 256 })
                rates.Add(Rate(OperatorClass.ActivationMatMul, t, h * t * t, h * t * t * t, dispatch, n => Squares([h, t, t], n), [h, t, t]));
        // A stem changes the channel count, so it runs alone: its time holds what a stage's first layer pays. (A
        // one-channel 28×28 stem is left to the grid: on one thread it ran in ~10 µs or ~400 µs from one session to the next.)
        rates.Add(Single(OperatorClass.Convolution, 3 * 49, 64L * 112 * 112,
            Chain("Conv", [1, 3, 224, 224], 1, [[64, 3, 7, 7], [64]], Ints("pads", 3, 3, 3, 3), Ints("strides", 2, 2)), [1, 3, 224, 224]));

        var vector = VectorOperators().Select(v => PerCopyRate(v.Op, v.Shape, v.Weights, v.Attributes, dispatch, layer => layer.Flops)).OfType<double>().ToList();
        // ONNX Runtime merges a chain of transposes into one, so a transpose runs alone, beside a tiny Add for the fixed costs.
        var copy = CopyOperators().Select(c =>
        {
            var (shape, perm) = c;
            var (alone, fixedCosts) = FastTimes(Chain("Transpose", shape, 1, [], Ints("perm", perm)), Chain("Add", tiny, 1, [tiny]), shape, tiny);
            double seconds = alone - fixedCosts;
            return seconds > 0 ? 2.0 * shape.Aggregate(1L, (p, d) => p * d) * sizeof(float) / seconds : (double?)null;
        }).OfType<double>().ToList();
        if (vector.Count == 0 || copy.Count == 0 || rates.All(r => r is null))
            throw new InvalidOperationException("calibration measured no positive operator time: the machine is too loaded to time anything");

        string how = $"{source}; 10th percentile of repeated runs, a chain of {Copies} copies less one copy";
        return new OperatorCalibration(
            source,
            new Figure(dispatch, FigureQuality.Measured, "a chain of 33 16-element Adds less one Add, per Add"),
            new Figure(runOverhead, FigureQuality.Measured, "one 16-element Add less its dispatch"),
            new Figure(MedianOf(vector), FigureQuality.Measured, string.Create(CultureInfo.InvariantCulture, $"median of {vector.Count} operators (Add, Relu, Sigmoid, Softmax, LayerNormalization, MaxPool); {how}")),
            new Figure(MedianOf(copy), FigureQuality.Measured, string.Create(CultureInfo.InvariantCulture, $"median of {copy.Count} Transposes (attention head split, merge and keys; flatten; channels-last) run alone less the fixed costs, bytes read and written")),
            rates.OfType<MacRatePoint>().ToList());
    }

    private static IEnumerable<(string Op, long[] Shape, long[][] Weights, AttributeProto[] Attributes)> VectorOperators()
    {
        long[] map = [1, 64, 56, 56], small = [1, 256, 14, 14], tokens = [1, 50, 128], wide = [1, 197, 384], scores = [1, 4, 50, 50];
        yield return ("Add", map, [map], []);
        yield return ("Add", small, [small], []);
        yield return ("Relu", map, [], []);
        yield return ("Sigmoid", small, [], []);
        yield return ("Softmax", scores, [], [Int("axis", -1)]);
        yield return ("LayerNormalization", tokens, [[128], [128]], [Int("axis", -1)]);
        yield return ("LayerNormalization", wide, [[384], [384]], [Int("axis", -1)]);
        yield return ("MaxPool", map, [], [Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1)]);
    }

    // Data movement as models do it: attention's head split and merge (rows stay contiguous), the keys' transpose
    // (the last axis moves), a sequence-first flatten, and a feature map to channels-last; small and large.
    private static IEnumerable<(long[] Shape, long[] Perm)> CopyOperators()
    {
        yield return ([1, 49, 4, 16], [0, 2, 1, 3]);
        yield return ([1, 49, 4, 16], [0, 2, 3, 1]);
        yield return ([1, 197, 6, 64], [0, 2, 1, 3]);
        yield return ([1, 197, 6, 64], [0, 2, 3, 1]);
        yield return ([1, 64, 49], [0, 2, 1]);
        yield return ([1, 64, 56, 56], [0, 2, 3, 1]);
    }

    private static MacRatePoint? Rate(OperatorClass kind, long depth, long outputs, long macs, double dispatch, Func<int, byte[]> chain, long[] input)
    {
        double seconds = PerCopy(chain, input) - dispatch;
        return seconds > 0 ? new MacRatePoint(kind, depth, outputs, macs / seconds) : null;
    }

    // One operator run alone, less a one-Add model run alternately with it: the difference drops the fixed costs of a run.
    private static MacRatePoint? Single(OperatorClass kind, long depth, long outputs, byte[] model, long[] input)
    {
        long[] tiny = [16];
        var (alone, fixedCosts) = FastTimes(model, Chain("Add", tiny, 1, [tiny]), input, tiny);
        double seconds = alone - fixedCosts;
        return seconds > 0 ? new MacRatePoint(kind, depth, outputs, outputs * depth / seconds) : null;
    }

    // Work per second of one copy, the work read from the profile of a one-copy model as the cost model reads it.
    private static double? PerCopyRate(string op, long[] shape, long[][] weights, AttributeProto[] attributes, double dispatch, Func<LayerProfile, double> work)
    {
        byte[] single = Chain(op, shape, 1, weights, attributes);
        var layer = ModelProfiler.Profile(OnnxGraph.FromModel(ModelProto.Parser.ParseFrom(single), $"calibration {op}")).Layers[0];
        double seconds = PerCopy(n => Chain(op, shape, n, weights, attributes), shape) - dispatch;
        return seconds > 0 ? work(layer) / seconds : null;
    }

    private static double PerCopy(Func<int, byte[]> chain, long[] input)
    {
        var (many, one) = FastTimes(chain(Copies), chain(1), input);
        return (many - one) / (Copies - 1);
    }

    /// <summary>Fast wall times (10th percentile) of two models run alternately on one thread, after warm-up.</summary>
    private static (double A, double B) FastTimes(byte[] a, byte[] b, long[] input, long[]? inputOfB = null)
    {
        using var first = new OnnxRunner(OrtSessions.Open(a, threads: 1));
        using var second = new OnnxRunner(OrtSessions.Open(b, threads: 1));
        var feeds = new Dictionary<string, HostTensor> { ["x0"] = HostTensor.Sample(ElementType.Float, input, new Random(1)) };
        var feedsOfB = inputOfB is null ? feeds : new Dictionary<string, HostTensor> { ["x0"] = HostTensor.Sample(ElementType.Float, inputOfB, new Random(1)) };
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 3; i++) first.Run(feeds);
        double estimate = clock.Elapsed.TotalSeconds / 3;
        for (int i = 0; i < 3; i++) second.Run(feedsOfB);
        int runs = (int)Math.Clamp(0.3 / Math.Max(estimate, 1e-7), 9, 301);
        var (timesA, timesB) = (new double[runs], new double[runs]);
        for (int i = 0; i < runs; i++)
        {
            clock.Restart();
            first.Run(feeds);
            timesA[i] = clock.Elapsed.TotalSeconds;
            clock.Restart();
            second.Run(feedsOfB);
            timesB[i] = clock.Elapsed.TotalSeconds;
        }
        return (Fast(timesA), Fast(timesB));
    }

    private static double Fast(double[] times)
    {
        Array.Sort(times);
        return times[times.Length / 10];
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

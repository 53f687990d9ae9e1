using System.Diagnostics;
using System.Globalization;
using QuiltNet.Graph;
using static QuiltNet.Optimizer.Calibration.MicroModels;

namespace QuiltNet.Optimizer.Calibration;

/// <summary>
/// How many bytes of weights one core reads at cache speed, measured rather than read from the processor (virtual
/// machines report caches they do not give): a matrix-vector product with constant weights of 256 KiB to 64 MiB,
/// each read once per run. The largest size still read at least 1.5× as fast as the 64 MiB one stays on chip
/// (the level-2 cache and the core's share of level 3).
/// </summary>
internal static class CpuCaches
{
    private const long Columns = 256;

    public static (long Bytes, string Source) BytesPerCore()
    {
        var sizes = Enumerable.Range(0, 9).Select(i => (256L << 10) << i).ToList();
        var rates = sizes.Select(bytes => bytes / BestSeconds(bytes / (Columns * sizeof(float)))).ToList();
        double dram = rates[^1];
        int onChip = rates.FindLastIndex(rate => rate >= 1.5 * dram);
        long result = onChip >= 0 ? sizes[onChip] : sizes[0];
        return (result, string.Create(CultureInfo.InvariantCulture,
            $"largest MatMul weight read at >= 1.5x the 64 MiB rate ({string.Join(", ", sizes.Zip(rates, (s, r) => $"{s >> 10} KiB {r / 1e9:0.#} GB/s"))}), best of 7"));
    }

    private static double BestSeconds(long depth)
    {
        byte[] model = Chain("MatMul", [1, depth], 1, [[depth, Columns]]);
        using var runner = new OnnxRunner(OrtSessions.Open(model, threads: 1));
        var feeds = new Dictionary<string, HostTensor> { ["x0"] = HostTensor.Sample(ElementType.Float, [1, depth], new Random(1)) };
        runner.Run(feeds);
        double best = double.MaxValue;
        for (int i = 0; i < 7; i++)
        {
            var clock = Stopwatch.StartNew();
            runner.Run(feeds);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }
}

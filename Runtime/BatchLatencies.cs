using System.Diagnostics;

namespace QuiltNet.Runtime;

/// <summary>Latency percentiles over inputs from per-batch latencies: every input of a batch has its batch's latency.</summary>
internal static class BatchLatencies
{
    /// <param name="batches">Each batch's first input and size.</param>
    /// <param name="ticks">Each batch's latency in <see cref="Stopwatch"/> ticks.</param>
    public static (double P50Seconds, double P99Seconds) Percentiles(IReadOnlyList<(int Start, int Count)> batches, long[] ticks)
    {
        var perInput = batches.SelectMany((b, i) => Enumerable.Repeat(ticks[i], b.Count)).Order().ToArray();
        double Percentile(double p) => perInput[Math.Max(0, (int)Math.Ceiling(p * perInput.Length) - 1)] / (double)Stopwatch.Frequency;
        return (Percentile(0.50), Percentile(0.99));
    }
}

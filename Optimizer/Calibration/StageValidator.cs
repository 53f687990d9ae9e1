using System.Diagnostics;
using Google.Protobuf;
using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Calibration;

/// <summary>
/// Checks the cost model against this machine: splits a model, runs every stage with ONNX Runtime on one thread at
/// batch 1 (median of repeated runs after warm-up) and sets each measured time beside the time predicted for the
/// stage on the system's chip (stage k on chip k, modulo the chips). What a user runs to decide whether to trust plans.
/// </summary>
public static class StageValidator
{
    /// <param name="graph">The model.</param>
    /// <param name="shapes">Its shapes, bound.</param>
    /// <param name="system">The system whose chips predict the stages (cpu-local for this machine).</param>
    /// <param name="splits">Each split's cuts (positions from the profile).</param>
    /// <param name="secondsPerStage">About how long to spend running each stage.</param>
    public static ValidationReport Run(OnnxGraph graph, TensorShapes shapes, HwSystem system, IReadOnlyList<IReadOnlyList<int>> splits, double secondsPerStage = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(secondsPerStage);
        var profile = ModelProfiler.Profile(graph, shapes);
        var cost = new CostModel(profile);
        var candidates = profile.Cuts.Select(c => c.Position).ToHashSet();
        var extractor = new StageExtractor(graph, shapes);
        var checks = new List<StageCheck>();
        foreach (var cuts in splits)
        {
            foreach (int cut in cuts.Where(c => !candidates.Contains(c)))
                throw new QuiltNetException("cuts", $"position {cut} is not a candidate cut of {Path.GetFileName(profile.Model)}");
            var bounds = cuts.Order().Prepend(0).Append(profile.Layers.Count).ToList();
            for (int k = 0; k + 1 < bounds.Count; k++)
            {
                var chip = system.Chips[k % system.Chips.Count];
                double predicted = cost.Stage(k, chip, bounds[k], bounds[k + 1]).TimeSeconds;
                byte[] stage = extractor.Extract(bounds[k], bounds[k + 1], $"stage{k}").ToByteArray();
                var (median, fast) = MeasureSeconds(stage, extractor.Boundary(bounds[k]), secondsPerStage);
                checks.Add(new StageCheck(bounds.Count - 1, k, bounds[k], bounds[k + 1], chip.Chip.Name, predicted, median, fast));
            }
        }
        var (medianError, spearman) = ValidationReport.Summarise(checks);
        return new ValidationReport(Path.GetFileName(profile.Model), system.Name, checks, medianError, spearman);
    }

    /// <summary>
    /// <paramref name="stages"/> stages whose predicted times on <paramref name="chip"/> are as even as candidate cuts allow:
    /// each cut is the candidate whose predicted time before it is nearest k / stages of the whole.
    /// </summary>
    public static IReadOnlyList<int> BalancedCuts(CostModel cost, SystemChip chip, int stages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stages, 1);
        var profile = cost.Profile;
        if (stages > profile.Cuts.Count + 1)
            throw new QuiltNetException("stages", $"{Path.GetFileName(profile.Model)} has {profile.Cuts.Count} candidate cuts, so at most {profile.Cuts.Count + 1} stages");
        var positions = profile.Cuts.Select(c => c.Position).Order().ToList();
        var before = positions.Select(p => cost.Stage(0, chip, 0, p).TimeSeconds).ToList();
        double total = cost.Stage(0, chip, 0, profile.Layers.Count).TimeSeconds;
        var cuts = new List<int>();
        int from = 0;
        for (int k = 1; k < stages; k++)
        {
            // Leave a candidate for each cut still to place.
            int last = positions.Count - (stages - 1 - k) - 1;
            int best = Enumerable.Range(from, last - from + 1).MinBy(i => Math.Abs(before[i] - total * k / stages));
            cuts.Add(positions[best]);
            from = best + 1;
        }
        return cuts;
    }

    // The median and the 10th percentile of repeated runs.
    private static (double Median, double Fast) MeasureSeconds(byte[] model, IReadOnlyList<TensorInfo> inputs, double budgetSeconds)
    {
        using var runner = new OnnxRunner(OrtSessions.Open(model, threads: 1));
        var random = new Random(1);
        var feeds = inputs.ToDictionary(i => i.Name, i => HostTensor.Sample(i.ElementType, i.Shape.ToArray(), random));
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 5; i++) runner.Run(feeds);
        double estimate = clock.Elapsed.TotalSeconds / 5;
        int runs = (int)Math.Clamp(budgetSeconds / Math.Max(estimate, 1e-7), 15, 1001);
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            clock.Restart();
            runner.Run(feeds);
            times[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return (times[runs / 2], times[runs / 10]);
    }
}

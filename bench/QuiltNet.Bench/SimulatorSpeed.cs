using System.Diagnostics;
using System.Globalization;
using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Bench;

/// <summary>
/// Speed of the cost model — (layer, chip) pairs priced per second, over every chip of the built-in
/// catalog — and of the event simulation of 10,000 inputs through 16 stages (31 resources with links).
/// Baselines measured in the same run: a bare loop summing the layers' MACs, and the analytic estimate.
/// </summary>
internal static class SimulatorSpeed
{
    public static int Run(string model, string? output)
    {
        var profile = ModelProfiler.Profile(OnnxGraph.Load(model));
        var cost = new CostModel(profile);
        var chips = HardwareCatalog.BuiltIn.Systems.SelectMany(s => s.Chips).DistinctBy(c => c.Chip.Name).ToList();
        int layers = profile.Layers.Count;

        long sink = 0;
        double baseline = Time(() => { foreach (var chip in chips) sink += profile.Layers.Sum(l => l.Macs); }, out int baselineRounds);
        double costTime = Time(() => { foreach (var chip in chips) sink += (long)cost.Stage(0, chip, 0, layers).TimeSeconds; }, out int costRounds);
        double pairsPerSecond = (double)layers * chips.Count / costTime;

        var resources = Enumerable.Range(0, 31).Select(i => new PipelineResource($"r{i}", i % 2 == 0 ? ResourceKind.Compute : ResourceKind.Transfer, 1e-4 * (1 + i % 7))).ToList();
        var clock = Stopwatch.StartNew();
        var events = DiscreteEventSimulator.Run(resources, 10_000, keepTimeline: true);
        double desSeconds = clock.Elapsed.TotalSeconds;
        var system = HardwareCatalog.BuiltIn.System("aim8-host");
        var layout = PipelineLayout.Sequential(Enumerable.Range(1, 7).Select(i => profile.Cuts[i * profile.Cuts.Count / 8].Position).ToList());
        double analytic = Time(() => sink += (long)PipelineSimulator.Estimate(cost, system, layout).PeriodSeconds, out _);

        string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        Markdown.Write(output, "Cost model and event simulation speed",
            $"dotnet run -c Release --project bench/QuiltNet.Bench -- simulator-speed {Path.GetFileName(model)}",
            [
                $"Model `{Path.GetFileName(model)}` ({layers} layers) on all {chips.Count} chips of the built-in catalog. Times are the mean over as many rounds as fit in 1 s (after a warm-up). sink={sink % 10}",
                "",
                Markdown.Row("measure", "result", "baseline", "ratio", "target"),
                Markdown.Row("---", "---:", "---:", "---:", "---"),
                Markdown.Row("cost model: (layer, chip) pairs per second", F(pairsPerSecond / 1e6, "0.00") + " M/s",
                    F(layers * chips.Count / baseline / 1e6, "0.00") + " M/s (sum of MACs)", F(costTime / baseline, "0.0") + "× the baseline's time", "≥ 1 M/s"),
                Markdown.Row("event simulation: 10,000 inputs × 16 stages + 15 links + host links, with timeline", F(desSeconds, "0.000") + " s",
                    F(analytic * 1e6, "0.0") + " µs (analytic estimate, 8 stages)", "", "< 1 s"),
                Markdown.Row("event simulation throughput vs 1 / slowest resource", F(events.ThroughputPerSecond * resources.Max(r => r.ServiceSeconds), "0.0000"), "1", "", "= 1"),
            ]);
        return pairsPerSecond >= 1e6 && desSeconds < 1 ? 0 : 2;
    }

    private static double Time(Action action, out int rounds)
    {
        action();
        var clock = Stopwatch.StartNew();
        rounds = 0;
        while (clock.Elapsed.TotalSeconds < 1) { action(); rounds++; }
        return clock.Elapsed.TotalSeconds / rounds;
    }
}

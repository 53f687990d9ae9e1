using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Optimizer.Tests;

/// <summary>
/// Every plan of a small instance, scored by the simulator: each set of candidate cuts the chips allow,
/// each sequence of distinct chips, each menu option (or none) per cut. Plans that overflow a chip's memory
/// or the accuracy budget are left out.
/// </summary>
internal static class BruteForce
{
    public sealed record Scored(PipelineLayout Layout, double DropPp, PipelineEstimate Estimate)
    {
        public double Period => Estimate.PeriodSeconds;

        public double Energy => Estimate.EnergyJoulesPerInference;
    }

    public static List<Scored> Plans(CostModel cost, HwSystem system, CompressionMenu menu, double budgetPp)
    {
        var candidates = cost.Profile.Cuts.Select(c => c.Position).Order().ToList();
        var plans = new List<Scored>();
        for (int mask = 0; mask < 1 << candidates.Count; mask++)
        {
            var cuts = candidates.Where((_, i) => (mask >> i & 1) == 1).ToList();
            if (cuts.Count >= system.Chips.Count) continue;
            foreach (var chips in Sequences(system.Chips.Count, cuts.Count + 1))
                foreach (var options in Options(cuts.Select(menu.At).ToList()))
                {
                    double drop = options.Sum(o => Math.Max(0, o?.AccuracyDropPp ?? 0));
                    if (drop > budgetPp + 1e-9) continue;
                    var layout = new PipelineLayout(cuts, chips, options.Select(o => o?.Cost ?? CutCompression.None).ToList());
                    var estimate = PipelineSimulator.Estimate(cost, system, layout);
                    if (estimate.Feasible) plans.Add(new Scored(layout, drop, estimate));
                }
        }
        return plans;
    }

    private static IEnumerable<List<int>> Sequences(int chips, int length)
    {
        if (length == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var rest in Sequences(chips, length - 1))
            for (int c = 0; c < chips; c++)
                if (!rest.Contains(c))
                    yield return [.. rest, c];
    }

    private static IEnumerable<List<CompressionOption?>> Options(IReadOnlyList<IReadOnlyList<CompressionOption>> menus)
    {
        if (menus.Count == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var rest in Options(menus.Skip(1).ToList()))
            foreach (var option in menus[0].Prepend(null))
                yield return [option, .. rest];
    }
}

using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Testing;

/// <summary>
/// The textbook dynamic program the partitioner is checked against: a chain of identical chips, no
/// compression, stage k on chip k. best[k, b] is the smallest bottleneck with which k stages cover the
/// nodes before boundary b; each step adds one stage and the transfer into it. Its costs come from the
/// same cost model, nothing else is shared with the integer program.
/// </summary>
public static class BottleneckDp
{
    public static double Period(CostModel cost, HwSystem system, int? maxChips = null)
    {
        var profile = cost.Profile;
        var bounds = profile.Cuts.Select(c => c.Position).Order().Prepend(0).Append(profile.Layers.Count).ToList();
        var elements = profile.Cuts.ToDictionary(c => c.Position, c => c.Tensors.Sum(t => t.Elements));
        var chip = system.Chips[0];
        double activationBytes = chip.Chip.ActivationBytesPerElement.Value;
        var link = system.Chips.Count > 1 ? system.Route(0, 1).Path.Select(h => h.Link).ToList() : [];
        int stages = Math.Min(Math.Min(system.Chips.Count, maxChips ?? int.MaxValue), bounds.Count - 1), n = bounds.Count;

        var stageTime = new double[n, n];
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
            {
                var stage = cost.Stage(0, chip, bounds[a], bounds[b]);
                stageTime[a, b] = stage.Fits ? stage.TimeSeconds : double.PositiveInfinity;
            }

        var best = new double[stages + 1, n];
        for (int k = 0; k <= stages; k++)
            for (int b = 0; b < n; b++)
                best[k, b] = double.PositiveInfinity;
        best[0, 0] = 0;
        for (int k = 1; k <= stages; k++)
            for (int b = 1; b < n; b++)
                for (int a = 0; a < b; a++)
                {
                    if (double.IsPositiveInfinity(best[k - 1, a])) continue;
                    double transfer = a == 0 ? 0 : CostModel.Transfer("", "", link, elements[bounds[a]], activationBytes).TimeSeconds;
                    best[k, b] = Math.Min(best[k, b], Math.Max(best[k - 1, a], Math.Max(stageTime[a, b], transfer)));
                }

        double hostIn = CostModel.Transfer("", "", [system.HostLink], profile.Inputs.Sum(i => i.Elements), activationBytes).TimeSeconds;
        double hostOut = CostModel.Transfer("", "", [system.HostLink], profile.Outputs.Sum(o => o.Elements), activationBytes).TimeSeconds;
        return Enumerable.Range(1, stages).Min(k => best[k, n - 1]) is var period && double.IsFinite(period)
            ? Math.Max(period, Math.Max(hostIn, hostOut))
            : double.PositiveInfinity;
    }
}

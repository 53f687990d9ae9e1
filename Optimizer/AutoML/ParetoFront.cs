namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// The trade-offs a single loss hides: the trials that no other trial beats on every goal at once. One trial dominates
/// another when it is at least as good on every goal and better on one; the front is the non-dominated set.
/// </summary>
public static class ParetoFront
{
    /// <summary>
    /// The completed trials that no other completed trial dominates under <paramref name="goals"/>, in their original
    /// order. Failed trials and trials with a NaN among the goals' metrics are left out; trials with equal metrics are all
    /// kept (neither dominates the other).
    /// </summary>
    public static IReadOnlyList<TrialResult> Of(IEnumerable<TrialResult> trials, params MetricGoal[] goals)
    {
        if (goals.Length == 0) throw new ArgumentException("a Pareto front needs at least one goal", nameof(goals));
        var points = trials
            .Where(t => t.Status == TrialStatus.Completed)
            .Select(t => (Trial: t, Costs: goals.Select(g => g.Cost(t)).ToArray()))
            .Where(p => !p.Costs.Any(double.IsNaN))
            .ToList();
        return points.Where(p => !points.Any(q => Dominates(q.Costs, p.Costs))).Select(p => p.Trial).ToList();
    }

    /// <summary>Whether costs <paramref name="a"/> (lower is better) dominate <paramref name="b"/>.</summary>
    private static bool Dominates(double[] a, double[] b)
    {
        bool strictly = false;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] > b[i]) return false;
            strictly |= a[i] < b[i];
        }
        return strictly;
    }
}

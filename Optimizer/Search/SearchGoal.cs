using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Search;

/// <summary>
/// What a search wants: a primary objective and a constraint on the search's metric, as the percentage points of score a
/// plan may lose against its baseline (<see cref="Data.Metrics.FidelityMetric.BudgetPp"/>). A plan's loss is −ln(throughput)
/// or ln(energy per inference) (log scale, so ratios between plans count the same everywhere), plus a
/// steep penalty per percentage point the measured loss exceeds the constraint — finite, so the
/// surrogate still learns where the constraint lies.
/// </summary>
public sealed record SearchGoal(PartitionObjective Primary, double MaxAccuracyLossPp)
{
    private const double PenaltyPerPp = 10;

    /// <summary>The loss of a plan: lower is better.</summary>
    public double Loss(MadePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Loss(plan.ThroughputPerSecond, plan.EnergyJoulesPerInference, plan.ScoreDeltaPp);
    }

    /// <summary>The loss of a plan with these figures: lower is better.</summary>
    /// <param name="throughputPerSecond">Predicted inferences per second.</param>
    /// <param name="energyJoulesPerInference">Predicted energy per inference.</param>
    /// <param name="accuracyDeltaPp">The measured score against the baseline's, in percentage points (negative = lost).</param>
    public double Loss(double throughputPerSecond, double energyJoulesPerInference, double accuracyDeltaPp)
    {
        double objective = Primary == PartitionObjective.Throughput
            ? -Math.Log(throughputPerSecond)
            : Math.Log(energyJoulesPerInference * (Primary == PartitionObjective.Edp ? 1 / throughputPerSecond : 1));
        double violation = Math.Max(0, -accuracyDeltaPp - MaxAccuracyLossPp);
        return objective + PenaltyPerPp * violation;
    }

    /// <summary>Whether a score change (negative = lost) keeps the constraint, a rounding error included (<see cref="AccuracyBudget"/>).</summary>
    public bool Meets(double accuracyDeltaPp) => AccuracyBudget.Keeps(-accuracyDeltaPp, MaxAccuracyLossPp);
}

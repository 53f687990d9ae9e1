using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Search;

/// <summary>
/// What a search wants: a primary objective and an accuracy constraint. A plan's loss is −ln(throughput)
/// or ln(energy per inference) (log scale, so ratios between plans count the same everywhere), plus a
/// steep penalty per percentage point the measured accuracy loss exceeds the constraint — finite, so the
/// surrogate still learns where the constraint lies.
/// </summary>
public sealed record SearchGoal(PartitionObjective Primary, double MaxAccuracyLossPp)
{
    private const double PenaltyPerPp = 10;

    public double Loss(DeploymentPlan plan)
    {
        double objective = Primary == PartitionObjective.Throughput
            ? -Math.Log(plan.ThroughputPerSecond)
            : Math.Log(plan.EnergyJoulesPerInference * (Primary == PartitionObjective.Edp ? 1 / plan.ThroughputPerSecond : 1));
        double violation = Math.Max(0, -plan.Improvement.AccuracyDeltaPp - MaxAccuracyLossPp);
        return objective + PenaltyPerPp * violation;
    }

    public bool Meets(DeploymentPlan plan) => Meets(plan.Improvement.AccuracyDeltaPp);

    /// <summary>Whether an accuracy change (negative = lost) keeps the constraint, a rounding error included (<see cref="AccuracyBudget"/>).</summary>
    public bool Meets(double accuracyDeltaPp) => AccuracyBudget.Keeps(-accuracyDeltaPp, MaxAccuracyLossPp);
}

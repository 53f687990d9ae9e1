using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Search;

namespace QuiltNet.Optimizer.Tests.Search;

public sealed class SearchGoalTests
{
    /// <summary>A plan's figures: throughput, energy and accuracy change against a 92 % baseline.</summary>
    private static (double Throughput, double Energy, double DeltaPp) Plan(double throughput, double energy, double accuracy) =>
        (throughput, energy, 100 * (accuracy - 0.92));

    private static double Loss(SearchGoal goal, (double Throughput, double Energy, double DeltaPp) plan) => goal.Loss(plan.Throughput, plan.Energy, plan.DeltaPp);

    [Fact]
    public void Throughput_loss_halves_when_it_doubles_on_a_log_scale()
    {
        var goal = new SearchGoal(PartitionObjective.Throughput, 1.0);
        double slow = Loss(goal, Plan(100, 0.5, 0.92)), fast = Loss(goal, Plan(200, 0.5, 0.92)), faster = Loss(goal, Plan(400, 0.5, 0.92));
        Assert.True(fast < slow);
        Assert.Equal(slow - fast, fast - faster, 9);
        Assert.Equal(Math.Log(2), slow - fast, 9);
    }

    [Fact]
    public void Energy_and_edp_goals_prefer_the_leaner_plan()
    {
        var energy = new SearchGoal(PartitionObjective.Energy, 1.0);
        Assert.True(Loss(energy, Plan(100, 0.4, 0.92)) < Loss(energy, Plan(300, 0.5, 0.92)));
        var edp = new SearchGoal(PartitionObjective.Edp, 1.0);
        // 0.5 J at 300/s beats 0.4 J at 100/s on energy × delay.
        Assert.True(Loss(edp, Plan(300, 0.5, 0.92)) < Loss(edp, Plan(100, 0.4, 0.92)));
    }

    [Fact]
    public void Accuracy_lost_beyond_the_constraint_costs_ten_per_point_and_within_it_nothing()
    {
        var goal = new SearchGoal(PartitionObjective.Throughput, 1.0);
        double within = Loss(goal, Plan(100, 0.5, 0.915)), atLimit = Loss(goal, Plan(100, 0.5, 0.91)), beyond = Loss(goal, Plan(100, 0.5, 0.90));
        Assert.Equal(within, atLimit, 9);
        Assert.Equal(10.0, beyond - atLimit, 6);
        Assert.True(goal.Meets(Plan(100, 0.5, 0.91).DeltaPp));
        Assert.False(goal.Meets(Plan(100, 0.5, 0.905).DeltaPp));
        // A plan twice as fast that breaks the constraint by a point scores worse than the baseline-speed plan that keeps it.
        Assert.True(Loss(goal, Plan(200, 0.5, 0.90)) > within);
    }
}

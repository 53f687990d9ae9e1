using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Search;

namespace QuiltNet.Optimizer.Tests.Search;

public sealed class SearchGoalTests
{
    private static readonly PlanBaseline Baseline = new([], [], 100, 0.02, 0.5, 0.92, "link chip0 → chip1");

    /// <summary>A plan with the given throughput, energy and accuracy against a 92 % baseline.</summary>
    private static DeploymentPlan Plan(double throughput, double energy, double accuracy) =>
        new(DeploymentPlan.CurrentSchemaVersion, new PlanModel("m.onnx", new string('a', 64)), "s", "throughput", 1, true, [], [],
            throughput, 0.01, energy, accuracy, "stage 0", Baseline, PlanImprovement.Of(throughput, energy, accuracy, Baseline));

    [Fact]
    public void Throughput_loss_halves_when_it_doubles_on_a_log_scale()
    {
        var goal = new SearchGoal(PartitionObjective.Throughput, 1.0);
        double slow = goal.Loss(Plan(100, 0.5, 0.92)), fast = goal.Loss(Plan(200, 0.5, 0.92)), faster = goal.Loss(Plan(400, 0.5, 0.92));
        Assert.True(fast < slow);
        Assert.Equal(slow - fast, fast - faster, 9);
        Assert.Equal(Math.Log(2), slow - fast, 9);
    }

    [Fact]
    public void Energy_and_edp_goals_prefer_the_leaner_plan()
    {
        var energy = new SearchGoal(PartitionObjective.Energy, 1.0);
        Assert.True(energy.Loss(Plan(100, 0.4, 0.92)) < energy.Loss(Plan(300, 0.5, 0.92)));
        var edp = new SearchGoal(PartitionObjective.Edp, 1.0);
        // 0.5 J at 300/s beats 0.4 J at 100/s on energy × delay.
        Assert.True(edp.Loss(Plan(300, 0.5, 0.92)) < edp.Loss(Plan(100, 0.4, 0.92)));
    }

    [Fact]
    public void Accuracy_lost_beyond_the_constraint_costs_ten_per_point_and_within_it_nothing()
    {
        var goal = new SearchGoal(PartitionObjective.Throughput, 1.0);
        double within = goal.Loss(Plan(100, 0.5, 0.915)), atLimit = goal.Loss(Plan(100, 0.5, 0.91)), beyond = goal.Loss(Plan(100, 0.5, 0.90));
        Assert.Equal(within, atLimit, 9);
        Assert.Equal(10.0, beyond - atLimit, 6);
        Assert.True(goal.Meets(Plan(100, 0.5, 0.91)));
        Assert.False(goal.Meets(Plan(100, 0.5, 0.905)));
        // A plan twice as fast that breaks the constraint by a point scores worse than the baseline-speed plan that keeps it.
        Assert.True(goal.Loss(Plan(200, 0.5, 0.90)) > within);
    }
}

using QuiltNet.Optimizer.AutoML;

namespace QuiltNet.Optimizer.Tests.AutoML;

public sealed class ParetoFrontTests
{
    private static TrialResult Trial(int id, double throughput, double energy, double accuracy, double loss = 1) => new()
    {
        Settings = new TrialSettings(id),
        Loss = loss,
        Metrics = new Dictionary<string, double> { ["throughput"] = throughput, ["energy"] = energy, ["accuracy"] = accuracy },
    };

    private static readonly MetricGoal[] Goals =
    [
        new("throughput", MetricDirection.Maximize), new("energy", MetricDirection.Minimize), new("accuracy", MetricDirection.Maximize),
    ];

    [Fact]
    public void The_front_holds_exactly_the_trials_nothing_beats_on_every_goal()
    {
        var trials = new[]
        {
            Trial(0, 100, 5, 0.90),
            Trial(1, 120, 6, 0.89),  // faster but costlier: a trade-off
            Trial(2, 90, 5, 0.90),   // dominated by 0
            Trial(3, 100, 5, 0.90),  // equal to 0: neither dominates
            Trial(4, 80, 3, 0.80),   // frugal
            Trial(5, 200, 1, 0.99, loss: double.PositiveInfinity),  // failed: never on the front
            Trial(6, 120, 6, 0.88),  // dominated by 1 on accuracy alone
        };
        Assert.Equal([0, 1, 3, 4], ParetoFront.Of(trials, Goals).Select(t => t.TrialId));
    }

    [Fact]
    public void One_goal_gives_the_best_trials()
    {
        var trials = new[] { Trial(0, 100, 5, 0.9), Trial(1, 120, 6, 0.9), Trial(2, 120, 4, 0.8) };
        Assert.Equal([1, 2], ParetoFront.Of(trials, new MetricGoal("throughput", MetricDirection.Maximize)).Select(t => t.TrialId));
        Assert.Equal([2], ParetoFront.Of(trials, new MetricGoal("energy", MetricDirection.Minimize)).Select(t => t.TrialId));
    }

    [Fact]
    public void A_missing_metric_or_goal_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => ParetoFront.Of([Trial(0, 1, 1, 1)], new MetricGoal("latency", MetricDirection.Minimize)));
        Assert.Throws<ArgumentException>(() => ParetoFront.Of([Trial(0, 1, 1, 1)]));
    }
}

using QuiltNet.Data.Metrics;
using QuiltNet.Graph;

namespace QuiltNet.Estimators.Tests.Metrics;

public sealed class FidelityAccumulatorTests
{
    private static HostTensor Rows(params float[][] rows) => HostTensor.Float([rows.Length, rows[0].Length], rows.SelectMany(r => r).ToArray());

    [Fact]
    public void Agreement_error_cosine_and_accuracy_come_out_as_worked_by_hand()
    {
        var accumulator = new FidelityAccumulator(["y"]);
        // Sample 0: same top-1 (class 1), y = 2 y0: error 1, cosine 1. Sample 1: top-1 flips, y ⟂ y0: error √2, cosine 0.
        accumulator.Add([Rows([0, 2, 0], [1, 0, 0])], [Rows([0, 1, 0], [0, 1, 0])], [1, 1]);
        var scores = accumulator.Result();
        Assert.Equal(2, scores.Samples);
        Assert.Equal(0.5, scores.Agreement);
        Assert.Equal(0.5, scores.Accuracy);
        Assert.Equal((1 + Math.Sqrt(2)) / 2, scores.RelativeError, 12);
        Assert.Equal(0.5, scores.Cosine, 12);
    }

    [Fact]
    public void Without_labels_there_is_no_accuracy_and_every_output_is_scored_on_its_own()
    {
        var accumulator = new FidelityAccumulator(["a", "b"]);
        accumulator.Add([Rows([1, 0]), Rows([3, 4])], [Rows([1, 0]), Rows([3, 0])], []);
        var scores = accumulator.Result();
        Assert.Null(scores.Accuracy);
        Assert.Equal(0, scores.Outputs[0].RelativeError);
        Assert.Equal(4 / 3.0, scores.Outputs[1].RelativeError, 12);
        Assert.Equal(0.6, scores.Outputs[1].Cosine, 12);
        Assert.Equal(4 / 3.0, scores.RelativeError, 12);
    }

    [Fact]
    public void Sequences_of_class_scores_agree_position_by_position()
    {
        var accumulator = new FidelityAccumulator(["y"]);
        // One sample of three positions over two classes: positions 0 and 2 agree.
        accumulator.Add([HostTensor.Float([1, 3, 2], [1, 0, 1, 0, 0, 1])], [HostTensor.Float([1, 3, 2], [1, 0, 0, 1, 0, 1])], []);
        Assert.Equal(2 / 3.0, accumulator.Result().Agreement, 12);
    }

    [Fact]
    public void Metrics_turn_scores_into_points_and_constraints_into_budgets()
    {
        var reference = new FidelityScores(10, 0.9, 1, [new OutputFidelity("y", 0, 1)]);
        var scores = new FidelityScores(10, 0.88, 0.97, [new OutputFidelity("y", 0.04, 0.99)]);
        Assert.Equal(2, FidelityMetric.Accuracy.LossPp(reference, scores), 9);
        Assert.Equal(3, FidelityMetric.Agreement.LossPp(reference, scores), 9);
        Assert.Equal(4, FidelityMetric.RelativeError.LossPp(reference, scores), 9);
        Assert.Equal(0.5, FidelityMetric.Accuracy.BudgetPp(0.5));
        Assert.Equal(1, FidelityMetric.Agreement.BudgetPp(0.99), 9);
        Assert.Equal(5, FidelityMetric.RelativeError.BudgetPp(0.05), 9);
        foreach (var metric in FidelityMetric.All)
            Assert.Equal(0.3, metric.Constraint(metric.BudgetPp(0.3)), 9);
        Assert.Throws<ArgumentException>(() => FidelityMetric.Agreement.BudgetPp(1.5));
        Assert.Throws<ArgumentException>(() => FidelityMetric.Accuracy.Value(new FidelityScores(1, null, 1, [])));
        Assert.Same(FidelityMetric.Agreement, FidelityMetric.Parse("agreement"));
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using QuiltNet.Optimizer.AutoML;

namespace QuiltNet.Optimizer.Tests.AutoML;

public sealed class ForestSurrogateTests
{
    private static (List<double[]> Points, List<double> Losses) Sample(int count, int seed)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, count).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToList();
        return (points, points.Select(p => Objectives.Branin(Objectives.BraninSpace.FromUnitCube(p))).ToList());
    }

    [Fact]
    public void Walking_the_trees_reproduces_the_forests_own_prediction()
    {
        var (points, losses) = Sample(40, 1);
        var surrogate = ForestSurrogate.Fit(points, losses, new SmacOptions(), seed: 0);
        var (probes, _) = Sample(200, 2);
        var scored = surrogate.Model.Transform(ForestSurrogate.ToDataView(new MLContext(0), probes, probes.Select(_ => 0.0).ToList()));
        var scores = scored.GetColumn<float>("Score").ToList();
        for (int i = 0; i < probes.Count; i++) Assert.Equal(scores[i], surrogate.Predict(probes[i]).Mean, 1e-6 * Math.Max(1, Math.Abs(scores[i])));
        Assert.Contains(probes, p => surrogate.Predict(p).StandardDeviation > 0);
    }

    [Fact]
    public void The_same_data_and_seed_give_the_same_forest()
    {
        var (points, losses) = Sample(25, 3);
        var a = ForestSurrogate.Fit(points, losses, new SmacOptions(), seed: 9);
        var b = ForestSurrogate.Fit(points, losses, new SmacOptions(), seed: 9);
        var (probes, _) = Sample(100, 4);
        Assert.All(probes, p => Assert.Equal(a.Predict(p), b.Predict(p)));
    }

    [Fact]
    public void Identical_losses_give_a_flat_forest_with_no_spread()
    {
        var (points, _) = Sample(20, 5);
        var surrogate = ForestSurrogate.Fit(points, points.Select(_ => 2.5).ToList(), new SmacOptions(), seed: 0);
        Assert.Equal((2.5, 0.0), surrogate.Predict([0.3, 0.7]));
    }

    [Fact]
    public void Expected_improvement_rewards_low_means_and_uncertainty()
    {
        Assert.Equal(0.5, ExpectedImprovement.Of(1, 0.5, 0));
        Assert.Equal(0, ExpectedImprovement.Of(1, 2, 0));
        Assert.Equal(1 / Math.Sqrt(2 * Math.PI), ExpectedImprovement.Of(1, 1, 1), 12);
        Assert.True(ExpectedImprovement.Of(1, 1, 2) > ExpectedImprovement.Of(1, 1, 1));
        Assert.True(ExpectedImprovement.Of(1, 0.5, 1) > ExpectedImprovement.Of(1, 1, 1));
    }
}

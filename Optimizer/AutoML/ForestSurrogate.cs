using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// SMAC's model of loss over the unit cube: an ML.NET FastForest regression. Its own prediction is only the mean; the
/// spread of the individual trees' predictions is the uncertainty that expected improvement needs, so the trees are
/// walked here one by one (<see cref="TreeEnsemble{T}.Trees"/> is public; the per-tree scores are not).
/// </summary>
internal sealed class ForestSurrogate
{
    private readonly QuantileRegressionTreeEnsemble ensemble;

    private ForestSurrogate(RegressionPredictionTransformer<FastForestRegressionModelParameters> model)
    {
        Model = model;
        ensemble = model.Model.TrainedTreeEnsemble;
    }

    /// <summary>The fitted ML.NET model, for checking the walk against its own prediction.</summary>
    internal RegressionPredictionTransformer<FastForestRegressionModelParameters> Model { get; }

    public static ForestSurrogate Fit(IReadOnlyList<double[]> points, IReadOnlyList<double> losses, SmacOptions options, int seed)
    {
        var context = new MLContext(seed);
        var trainer = context.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            NumberOfTrees = options.Trees,
            MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
            FeatureFraction = options.FeatureFraction,
            Seed = seed,
            // One thread: the same data then always gives the same forest, which resuming a search relies on.
            NumberOfThreads = 1,
        });
        return new ForestSurrogate(trainer.Fit(ToDataView(context, points, losses)));
    }

    /// <summary>The forest's mean prediction and the (population) standard deviation of its trees' predictions.</summary>
    public (double Mean, double StandardDeviation) Predict(ReadOnlySpan<double> point)
    {
        var trees = ensemble.Trees;
        double sum = 0, sumOfSquares = 0;
        for (int t = 0; t < trees.Count; t++)
        {
            double value = Walk(trees[t], point);
            sum += value;
            sumOfSquares += value * value;
        }
        double mean = sum / trees.Count;
        return (mean, Math.Sqrt(Math.Max(sumOfSquares / trees.Count - mean * mean, 0)));
    }

    internal static IDataView ToDataView(MLContext context, IReadOnlyList<double[]> points, IReadOnlyList<double> losses)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, points[0].Length);
        var rows = points.Select((p, i) => new Row { Features = p.Select(x => (float)x).ToArray(), Label = (float)losses[i] }).ToList();
        return context.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>From the root, go left when the feature is at most the threshold; a negative child ~k is leaf k.</summary>
    private static double Walk(RegressionTreeBase tree, ReadOnlySpan<double> point)
    {
        if (tree.NumberOfNodes == 0) return tree.LeafValues[0];
        int node = 0;
        while (node >= 0)
        {
            // Compared as float, because that is what the forest saw.
            float x = (float)point[tree.NumericalSplitFeatureIndexes[node]];
            node = x <= tree.NumericalSplitThresholds[node] ? tree.LeftChild[node] : tree.RightChild[node];
        }
        return tree.LeafValues[~node];
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}

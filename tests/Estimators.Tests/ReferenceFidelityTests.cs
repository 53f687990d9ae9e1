using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

public sealed class ReferenceFidelityTests : IDisposable
{
    private static readonly SampleSet Evaluation = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 200);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_whole_models_scores_are_measured_once_and_read_back_from_disk_by_a_new_cache()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_mobilenet"));
        var shapes = TensorShapeInference.Infer(graph);
        var reference = ReferenceOutputs.Capture(graph, shapes, Evaluation);
        var split = JointFidelity.Measure(graph, shapes, [12, 30], new Dictionary<int, IReadOnlyList<BottleneckWeights>>(), Evaluation, reference);

        int captures = 0;
        ReferenceOutputs Counted() { captures++; return reference; }
        var measured = ReferenceFidelity.Measure(graph, Evaluation, new AutoencoderCache(_temp.Path), Counted);
        Assert.Equal(split.Accuracy, measured.Accuracy);
        Assert.Equal(1, measured.Agreement);
        Assert.Equal(0, measured.RelativeError);
        Assert.Single(Directory.GetFiles(_temp.Path));
        var again = ReferenceFidelity.Measure(graph, Evaluation, new AutoencoderCache(_temp.Path), Counted);
        Assert.Equal(measured.Accuracy, again.Accuracy);
        Assert.Equal(measured.Outputs, again.Outputs);
        Assert.Equal(1, captures);
        // Splitting without compression changes nothing the metrics can see.
        Assert.Equal(1, split.Agreement);
        Assert.InRange(split.RelativeError, 0, 1e-6);
    }

    [Fact]
    public void A_split_is_measured_once_per_set_of_cuts_and_data()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_mobilenet"));
        var cache = AutoencoderCache.InMemory();
        int measurements = 0;
        double Measure(IReadOnlyList<int> cuts, SampleSet data) =>
            ReferenceFidelity.OfSplit(graph, cuts, data, cache, () => new FidelityScores(data.Count, ++measurements / 10.0, 1, [])).Accuracy!.Value;

        Assert.Equal(0.1, Measure([12, 30], Evaluation));
        Assert.Equal(0.1, Measure([12, 30], Evaluation));
        Assert.Equal(0.2, Measure([12], Evaluation));
        Assert.Equal(0.3, Measure([12], SampleSet.Load(Repository.Data, SampleSet.Evaluation, 100)));
        Assert.Equal(3, measurements);
    }

    [Fact]
    public void A_compressed_cut_scores_below_the_model_on_every_metric_and_each_metric_turns_it_into_points()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vgg"));
        var shapes = TensorShapeInference.Infer(graph);
        var calibration = SampleSet.Load(Repository.Data, SampleSet.Calibration, 200);
        var sweep = CompressionSweep.Run(graph, shapes, new SweepGrid([9], [16], [4]), calibration, Evaluation, new TrainingOptions { Method = TrainingMethod.Pca },
            metric: FidelityMetric.RelativeError);
        var row = Assert.Single(sweep.Rows);
        Assert.Equal("relative-error", row.Metric);
        Assert.InRange(row.Fidelity.Agreement, 0.2, 0.9999);
        Assert.InRange(row.Fidelity.RelativeError, 1e-3, 10);
        Assert.InRange(row.Fidelity.Cosine, -1, 0.9999);
        Assert.Equal(100 * row.Fidelity.RelativeError, row.LossPp, 9);
        Assert.Equal(100 * (sweep.OriginalAccuracy!.Value - row.Accuracy!.Value), row.AccuracyDropPp!.Value, 9);
        Assert.Equal(100 * (1 - row.Fidelity.Agreement), FidelityMetric.Agreement.LossPp(sweep.Original, row.Fidelity), 9);
    }
}

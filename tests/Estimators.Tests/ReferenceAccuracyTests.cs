using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

public sealed class ReferenceAccuracyTests : IDisposable
{
    private static readonly SampleSet Evaluation = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 200);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_whole_models_accuracy_is_measured_once_and_read_back_from_disk_by_a_new_cache()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_mobilenet"));
        var shapes = TensorShapeInference.Infer(graph);
        double measured = JointAccuracy.Measure(graph, shapes, [], new Dictionary<int, IReadOnlyList<BottleneckWeights>>(), Evaluation);

        Assert.Equal(measured, ReferenceAccuracy.Measure(graph, shapes, Evaluation, new AutoencoderCache(_temp.Path)));
        Assert.Single(Directory.GetFiles(_temp.Path));
        Assert.Equal(measured, ReferenceAccuracy.Measure(graph, shapes, Evaluation, new AutoencoderCache(_temp.Path)));
        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void A_split_is_measured_once_per_set_of_cuts_and_data()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_mobilenet"));
        var cache = AutoencoderCache.InMemory();
        int measurements = 0;
        double Measure(IReadOnlyList<int> cuts, SampleSet data) => ReferenceAccuracy.OfSplit(graph, cuts, data, cache, () => ++measurements / 10.0);

        Assert.Equal(0.1, Measure([12, 30], Evaluation));
        Assert.Equal(0.1, Measure([12, 30], Evaluation));
        Assert.Equal(0.2, Measure([12], Evaluation));
        Assert.Equal(0.3, Measure([12], SampleSet.Load(Repository.Data, SampleSet.Evaluation, 100)));
        Assert.Equal(3, measurements);
    }
}

using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

/// <summary>
/// The two-input fixture (an image and a feature vector in, logits and an auxiliary output out), fed from its .npz one
/// array per input. Its vector branch runs after the convolutions, so the cut after the first Relu carries the live
/// model input 'features' beside the image branch's activation.
/// </summary>
public sealed class SeveralInputsTests : IDisposable
{
    private const int LiveInputCut = 2;
    private static readonly SampleSet Data = DataSource.OpenOne(Path.Combine(Repository.DataFixtures, "two_inputs.npz"), Preprocessing.Default);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (OnnxGraph Graph, TensorShapes Shapes) Load()
    {
        var graph = OnnxGraph.Load(Path.Combine(Repository.DataFixtures, "two_inputs.onnx"));
        return (graph, TensorShapeInference.Infer(graph, DataShapes.Bind(graph, Data, new ShapeBindings())));
    }

    [Fact]
    public void Capture_feeds_every_input_and_keeps_a_live_input_as_fed()
    {
        var (graph, shapes) = Load();
        var frontier = CutPoints.At(graph, shapes, LiveInputCut).Tensors.Select(t => t.Name).ToList();
        Assert.Contains("features", frontier);

        var captured = ActivationCapture.Capture(graph, shapes, [.. frontier, .. graph.Outputs], Data);

        var fed = Data.Feeds(0, Data.Count, shapes.Inputs);
        Assert.Equal((float[])fed["features"].Data, captured["features"].Values);
        Assert.Equal([Data.Count, 8L], captured["features"].Shape);
        Assert.Equal([Data.Count, 10L], captured["logits"].Shape);
        Assert.Equal([Data.Count, 2L], captured["aux"].Shape);
    }

    [Fact]
    public void Full_width_bottlenecks_at_a_cut_with_a_live_input_reproduce_both_outputs()
    {
        var (graph, shapes) = Load();
        Assert.Null(FeatureAxes.Obstacle(CutPoints.At(graph, shapes, LiveInputCut)));
        var fitted = BottleneckFitting.Fit(graph, shapes, new Dictionary<int, (int, int, int)> { [LiveInputCut] = (1, 1, 32) }, Data, new TrainingOptions { Method = TrainingMethod.Pca });
        Assert.Contains(fitted[LiveInputCut], w => w.Tensor == "features");

        string folder = _temp.File("stages");
        ModelSplitter.Split(graph, shapes, [LiveInputCut], folder, fitted);
        var report = PipelineVerifier.Verify(folder, Data, samples: Data.Count);

        Assert.True(report.MaxAbsDiff <= 1e-4, $"max abs diff {report.MaxAbsDiff}");
        Assert.Equal(report.OriginalAccuracy, report.StagedAccuracy);
    }

    [Fact]
    public void Scores_against_the_reference_feed_every_input()
    {
        var (graph, shapes) = Load();
        var reference = ReferenceOutputs.Capture(graph, shapes, Data);
        using var runner = OnnxRunner.Open(graph.Path);

        var scores = reference.Score(f => runner.Run(f), Data);

        Assert.Equal(["logits", "aux"], reference.Names);
        Assert.Equal(1, scores.Agreement);
        Assert.Equal(0, scores.RelativeError, 6);
    }

    [Fact]
    public void Data_that_feeds_one_input_is_refused_naming_the_other()
    {
        var (graph, shapes) = Load();
        var images = new SampleSet(new float[4 * 784], null, [1, 28, 28], "images");

        var e = Assert.Throws<ArgumentException>(() => ActivationCapture.Capture(graph, shapes, graph.Outputs, images));

        Assert.Contains("images has no data for input 'image'", e.Message);
    }
}

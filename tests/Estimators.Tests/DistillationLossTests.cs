using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

/// <summary>What distillation matches at the output: class distributions (from the logits, even behind a Softmax) or every output's values.</summary>
public sealed class DistillationLossTests : IDisposable
{
    private static readonly SampleSet Calibration = SampleSet.Load(Repository.Data, SampleSet.Calibration, 200);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Conv, Relu | Conv, Relu, GlobalAveragePool, Flatten, Gemm, Softmax: a classifier that returns probabilities.</summary>
    private (OnnxGraph Graph, TensorShapes Shapes) WithSoftmax()
    {
        string path = new ModelBuilder()
            .Input("x", -1, 1, 28, 28)
            .Weight("w1", 8, 1, 3, 3).Weight("w2", 8, 8, 3, 3).Weight("w3", 10, 8).Weight("b3", 10)
            .Node("Conv", ["x", "w1"], ["c1"], "", ModelBuilder.Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["c1"], ["r1"])
            .Node("Conv", ["r1", "w2"], ["c2"], "", ModelBuilder.Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["c2"], ["r2"])
            .Node("GlobalAveragePool", ["r2"], ["g"])
            .Node("Flatten", ["g"], ["f"])
            .Node("Gemm", ["f", "w3", "b3"], ["z"], "", ModelBuilder.Int("transB", 1))
            .Node("Softmax", ["z"], ["p"], "", ModelBuilder.Int("axis", -1))
            .Output("p", -1, 10)
            .Save(_temp.File("softmax.onnx"));
        var graph = OnnxGraph.Load(path);
        return (graph, TensorShapeInference.Infer(graph));
    }

    [Fact]
    public void A_model_returning_probabilities_is_distilled_on_the_logits_before_its_softmax()
    {
        var (graph, shapes) = WithSoftmax();
        var target = DistillationTarget.Find(graph, shapes, 2);
        Assert.True(target.IsModelOutput);
        var pca = new BottleneckFitter(graph, shapes, Calibration, new TrainingOptions { Method = TrainingMethod.Pca }).Fit(2, 4);
        Assert.True(TrainingGraph.Build(graph, shapes, 2, pca.Weights, TrainingMethod.Distill, target).OutputIsProbabilities);

        var trained = new BottleneckFitter(graph, shapes, Calibration, new TrainingOptions { Epochs = 2 }).Fit(2, 4);
        Assert.NotEqual(pca.Weights[0].EncoderWeight, trained.Weights[0].EncoderWeight);
        Assert.All(trained.Weights[0].EncoderWeight, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Squared_error_distillation_matches_every_output_and_trains()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
        var shapes = TensorShapeInference.Infer(graph);
        var target = DistillationTarget.Find(graph, shapes, 15, DistillationLoss.SquaredError);
        Assert.False(target.IsModelOutput);
        Assert.Equal(graph.Nodes.Count, target.Position);
        Assert.Equal(graph.Outputs, target.Tensors);
        Assert.Null(target.Warning);

        var pca = TrainingGraph.Build(graph, shapes, 15,
            new BottleneckFitter(graph, shapes, Calibration, new TrainingOptions { Method = TrainingMethod.Pca }).Fit(15, 4).Weights, TrainingMethod.Distill, target);
        Assert.False(pca.OutputIsProbabilities);
        var squared = new BottleneckFitter(graph, shapes, Calibration, new TrainingOptions { Epochs = 1, Loss = DistillationLoss.SquaredError });
        var divergence = new BottleneckFitter(graph, shapes, Calibration, new TrainingOptions { Epochs = 1 });
        Assert.NotEqual(squared.KeyPrefix, divergence.KeyPrefix);
        Assert.NotEqual(squared.Fit(15, 4).Weights[0].EncoderWeight, divergence.Fit(15, 4).Weights[0].EncoderWeight);
    }
}

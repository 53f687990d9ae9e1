using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

/// <summary>An operator without a gradient rule downstream of a cut makes distillation stop short of the output, with a warning, never a crash.</summary>
public sealed class DistillationFallbackTests : IDisposable
{
    private static readonly SampleSet Calibration = SampleSet.Load(Repository.Data, SampleSet.Calibration, 200);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Conv, Relu | Conv, Relu, LRN (no gradient rule), GlobalAveragePool, Flatten, Gemm: positions 0..7.</summary>
    private (OnnxGraph Graph, TensorShapes Shapes) WithLrn()
    {
        string path = new ModelBuilder()
            .Input("x", -1, 1, 28, 28)
            .Weight("w1", 8, 1, 3, 3).Weight("w2", 8, 8, 3, 3).Weight("w3", 10, 8).Weight("b3", 10)
            .Node("Conv", ["x", "w1"], ["c1"], "", ModelBuilder.Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["c1"], ["r1"])
            .Node("Conv", ["r1", "w2"], ["c2"], "", ModelBuilder.Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["c2"], ["r2"])
            .Node("LRN", ["r2"], ["n"], "", ModelBuilder.Int("size", 3))
            .Node("GlobalAveragePool", ["n"], ["g"])
            .Node("Flatten", ["g"], ["f"])
            .Node("Gemm", ["f", "w3", "b3"], ["y"], "", ModelBuilder.Int("transB", 1))
            .Output("y", -1, 10)
            .Save(_temp.File("lrn.onnx"));
        var graph = OnnxGraph.Load(path);
        return (graph, TensorShapeInference.Infer(graph));
    }

    [Fact]
    public void Distillation_matches_the_deepest_tensor_the_gradient_reaches_and_names_the_operator()
    {
        var (graph, shapes) = WithLrn();
        var target = DistillationTarget.Find(graph, shapes, 2);
        Assert.False(target.IsModelOutput);
        Assert.Equal(4, target.Position);
        Assert.Equal(["r2"], target.Tensors);
        Assert.Contains("LRN", target.Warning);

        var fitter = new BottleneckFitter(graph, shapes, Calibration, new TrainingOptions { Epochs = 2 });
        var pca = new BottleneckFitter(graph, shapes, Calibration, new TrainingOptions { Method = TrainingMethod.Pca }).Fit(2, 2);
        var trained = fitter.Fit(2, 2);
        Assert.NotEqual(pca.Weights[0].EncoderWeight, trained.Weights[0].EncoderWeight);
        Assert.Contains(fitter.Warnings, w => w.Contains("LRN") && w.Contains("position 4"));
    }

    [Fact]
    public void With_nothing_deeper_reachable_distillation_falls_back_to_reconstruction()
    {
        var (graph, shapes) = WithLrn();
        var target = DistillationTarget.Find(graph, shapes, 4);
        Assert.Equal(4, target.Position);
        Assert.Contains("reconstruction", target.Warning);
        var fitter = new BottleneckFitter(graph, shapes, Calibration, new TrainingOptions { Epochs = 1 });
        Assert.Single(fitter.Fit(4, 2).Weights);
    }

    [Fact]
    public void A_model_every_operator_of_which_has_a_rule_distils_on_its_output()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
        var shapes = TensorShapeInference.Infer(graph);
        var target = DistillationTarget.Find(graph, shapes, 15);
        Assert.True(target.IsModelOutput);
        Assert.Null(target.Warning);
    }
}

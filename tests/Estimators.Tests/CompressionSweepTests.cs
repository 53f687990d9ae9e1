using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

public sealed class CompressionSweepTests : IDisposable
{
    private static readonly SampleSet Calibration = SampleSet.Load(Repository.Data, SampleSet.Calibration, 300);
    private static readonly SampleSet Evaluation = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 300);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Sweep_reports_every_cut_ratio_and_bit_width_with_bytes_that_match_the_option()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vit"));
        var shapes = TensorShapeInference.Infer(graph);
        var cut = CutPoints.Candidates(graph, shapes).Last(c => c.Tensors.Count == 1 && c.Tensors[0].Shape.Count == 3 && c.Tensors[0].Shape[2] == 64);
        var rows = CompressionSweep.Run(graph, shapes, new SweepGrid([cut.Position], [2, 4], [32, 16, 8]), Calibration, Evaluation, new TrainingOptions { Method = TrainingMethod.Pca }).Rows;
        Assert.Equal(6, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal(cut.Bytes, row.BytesBefore);
            Assert.True(cut.Bytes / row.Ratio * row.Bits / 32 == row.BytesAfter, $"{row}");
            Assert.InRange(row.ReconstructionError, 0, 1);
            Assert.InRange(row.Accuracy!.Value, 0, 1);
        }
        // 8-bit rounding adds error to the same code (up to a hair of luck), and a narrower code loses more.
        double fp32 = rows.Single(r => r.Ratio == 2 && r.Bits == 32).ReconstructionError, int8 = rows.Single(r => r.Ratio == 2 && r.Bits == 8).ReconstructionError;
        Assert.True(int8 >= 0.99 * fp32, $"8-bit {int8} against fp32 {fp32}");
        Assert.True(rows.Single(r => r.Ratio == 4 && r.Bits == 32).ReconstructionError >= fp32, string.Join("\n", rows));
    }

    [Theory]
    [InlineData(0, 32, "ratios")]
    [InlineData(2, 7, "bits")]
    public void Impossible_options_are_named(int ratio, int bits, string option)
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vit"));
        var shapes = TensorShapeInference.Infer(graph);
        var e = Assert.Throws<ArgumentException>(() => CompressionSweep.Run(graph, shapes, new SweepGrid([CutPoints.Candidates(graph, shapes)[2].Position], [ratio], [bits]), Calibration, Evaluation, new TrainingOptions()));
        Assert.Equal(option, e.ParamName);
    }

    [Fact]
    public void Data_whose_shape_does_not_match_the_model_is_refused()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vit"));
        var shapes = TensorShapeInference.Infer(graph);
        var wrong = new SampleSet(new float[Calibration.Count * 10], Calibration.Labels, [10], Calibration.Source);
        var e = Assert.Throws<ArgumentException>(() => ActivationCapture.Capture(graph, shapes, [graph.Outputs[0]], wrong));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("takes 1x28x28", e.Message);
    }

    [Fact]
    public void Empty_data_set_is_refused()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vit"));
        var shapes = TensorShapeInference.Infer(graph);
        var empty = new SampleSet([], [], Calibration.SampleShape, Calibration.Source);
        var e = Assert.Throws<QuiltNetException>(() => ActivationCapture.Capture(graph, shapes, [graph.Outputs[0]], empty));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Activations_with_nan_are_refused()
    {
        string path = new ModelBuilder().Input("x", -1, 1, 28, 28).Node("Log", ["x"], ["h"]).Node("Flatten", ["h"], ["y"]).Output("y", -1, 784).Save(_temp.File("log.onnx"));
        var graph = OnnxGraph.Load(path);
        var shapes = TensorShapeInference.Infer(graph);
        var shifted = new SampleSet(Calibration.Slice(0, Calibration.Count).Select(p => p - 0.5f).ToArray(), Calibration.Labels, Calibration.SampleShape, Calibration.Source);
        var e = Assert.Throws<QuiltNetException>(() => ActivationCapture.Capture(graph, shapes, ["h"], shifted));
        Assert.Contains("NaN", e.Message);
    }
}

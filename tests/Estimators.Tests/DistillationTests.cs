using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

/// <summary>Training beats the closed-form start: distillation and reconstruction training against PCA at the same width.</summary>
[Trait("Category", "Slow")]
public sealed class DistillationTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private static readonly SampleSet Calibration = SampleSet.Load(Repository.Data, SampleSet.Calibration, 1000);
    private static readonly SampleSet Evaluation = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 1000);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Distillation_recovers_accuracy_that_pca_loses_at_eight_times_compression()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vit"));
        var shapes = TensorShapeInference.Infer(graph);
        var candidates = CutPoints.Candidates(graph, shapes);
        int cut = candidates.Where(c => c.Tensors.Count == 1).ElementAt(candidates.Count(c => c.Tensors.Count == 1) / 2).Position;
        var options = new Dictionary<int, (int, int, int)> { [cut] = (8, 1, 32) };

        double Accuracy(TrainingMethod method, int epochs)
        {
            var fitted = BottleneckFitting.Fit(graph, shapes, options, Calibration, new TrainingOptions { Method = method, Epochs = epochs });
            string folder = _temp.File($"{method}");
            ModelSplitter.Split(graph, shapes, [cut], folder, fitted);
            return PipelineVerifier.Verify(folder, Evaluation, Evaluation.Count).StagedAccuracy!.Value;
        }

        double pca = Accuracy(TrainingMethod.Pca, 0);
        double distilled = Accuracy(TrainingMethod.Distill, 5);
        output.WriteLine($"ViT cut {cut}, 8x: PCA {pca:P2}, distilled (5 epochs) {distilled:P2}");
        Assert.True(distilled > pca + 0.01, $"PCA {pca:P1}, distilled {distilled:P1}");
    }

    [Fact]
    public void Quantisation_aware_fine_tuning_keeps_four_bit_codes_close_to_fp32()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vit"));
        var shapes = TensorShapeInference.Infer(graph);
        int cut = CutPoints.Candidates(graph, shapes).Last(c => c.Tensors.Count == 1 && c.Tensors[0].Shape.Count == 3).Position;
        var rows = CompressionSweep.Run(graph, shapes, new SweepGrid([cut], [4], [32, 4]), Calibration, Evaluation, new TrainingOptions { Epochs = 3 }).Rows;
        double fp32 = rows.Single(r => r.Bits == 32).Accuracy!.Value, int4 = rows.Single(r => r.Bits == 4).Accuracy!.Value;
        output.WriteLine($"ViT cut {cut}, 4x: fp32 code {fp32:P2}, 4-bit code {int4:P2}");
        Assert.True(int4 >= fp32 - 0.02, $"4-bit {int4:P1} against fp32 {fp32:P1}");
    }
}

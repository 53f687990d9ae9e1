using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Data;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

/// <summary>Training beats the closed-form start: distillation and reconstruction training against PCA at the same width.</summary>
public sealed class DistillationTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private static readonly LabelledImages Calibration = LabelledImages.Load(Repository.Data, LabelledImages.Calibration, 1000);
    private static readonly LabelledImages Evaluation = LabelledImages.Load(Repository.Data, LabelledImages.Evaluation, 1000);
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
}

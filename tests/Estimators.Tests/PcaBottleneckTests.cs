using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

public sealed class PcaBottleneckTests : IDisposable
{
    private static readonly SampleSet Calibration = SampleSet.Load(Repository.Data, SampleSet.Calibration, 500);
    private static readonly SampleSet Evaluation = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 500);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Repository.ExampleModelData), MemberType = typeof(Repository))]
    public void Full_width_fp32_bottlenecks_reproduce_the_original_outputs(string model)
    {
        var (graph, shapes, cuts) = Load(model, 2);
        var fitted = BottleneckFitting.Fit(graph, shapes, cuts.ToDictionary(c => c, _ => (1, 1, 32)), Calibration, new TrainingOptions { Method = TrainingMethod.Pca });
        ModelSplitter.Split(graph, shapes, cuts, _temp.File(model), fitted);
        var report = PipelineVerifier.Verify(_temp.File(model), Evaluation, samples: 200);
        Assert.True(report.MaxAbsDiff <= 1e-4, $"max abs diff {report.MaxAbsDiff}");
    }

    [Fact]
    public void Compressed_codes_shrink_the_link_and_still_classify()
    {
        var (graph, shapes, _) = Load("fmnist_resnet", 1);
        // A cut whose every tensor has 32+ channels and an even 14×14 plane, so stride 2 applies too.
        IReadOnlyList<int> cuts = [CutPoints.Candidates(graph, shapes).First(c => c.Tensors.All(t => t.Shape.Count == 4 && t.Shape[1] >= 32 && t.Shape[2] % 2 == 0)).Position];
        foreach (var (ratio, stride, bits) in new[] { (2, 1, 8), (4, 1, 16), (2, 2, 4), (4, 1, 32) })
        {
            var fitted = BottleneckFitting.Fit(graph, shapes, new Dictionary<int, (int, int, int)> { [cuts[0]] = (ratio, stride, bits) }, Calibration, new TrainingOptions { Method = TrainingMethod.Pca });
            string folder = _temp.File($"r{ratio}s{stride}b{bits}");
            var manifest = ModelSplitter.Split(graph, shapes, cuts, folder, fitted);
            Assert.All(manifest.Stages[0].Outputs, code =>
            {
                Assert.EndsWith($"::code@{cuts[0]}", code.Name);
                Assert.Equal(bits switch { 32 => "float", 16 => "float16", _ => "uint8" }, code.ElementType);
            });
            var report = PipelineVerifier.Verify(folder, Evaluation, samples: 500);
            Assert.True(report.StagedAccuracy > 0.3, $"{ratio}x stride {stride} {bits}-bit: accuracy {report.StagedAccuracy}");
            Assert.True(report.StagedAccuracy <= report.OriginalAccuracy + 0.02);
        }
    }

    [Fact]
    public void Code_wider_than_the_tensor_is_refused()
    {
        var (graph, shapes, cuts) = Load("fmnist_vgg", 1);
        var captured = ActivationCapture.Capture(graph, shapes, [CutPoints.At(graph, shapes, cuts[0]).Tensors[0].Name], Calibration).Values.Single();
        var e = Assert.Throws<ArgumentException>(() => PcaInitializer.Fit(captured, new BottleneckOption(captured.Channels + 1)));
        Assert.Equal("CodeWidth", e.ParamName);
        Assert.Contains("does not fit", e.Message);
    }

    [Fact]
    public void Pca_components_are_orthonormal_and_ordered()
    {
        var (graph, shapes, cuts) = Load("fmnist_vgg", 1);
        var captured = ActivationCapture.Capture(graph, shapes, [CutPoints.At(graph, shapes, cuts[0]).Tensors[0].Name], Calibration).Values.Single();
        int c = captured.Channels, k = c / 4;
        var weights = PcaInitializer.Fit(captured, new BottleneckOption(k));
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double dot = 0;
                for (int i = 0; i < c; i++) dot += weights.EncoderWeight[a * c + i] * weights.EncoderWeight[b * c + i];
                Assert.Equal(a == b ? 1 : 0, dot, 4);
            }
    }

    private static (OnnxGraph Graph, TensorShapes Shapes, IReadOnlyList<int> Cuts) Load(string model, int count)
    {
        var graph = OnnxGraph.Load(Repository.Model(model));
        var shapes = TensorShapeInference.Infer(graph);
        var candidates = CutPoints.Candidates(graph, shapes);
        var cuts = Enumerable.Range(1, count).Select(i => candidates[i * candidates.Count / (count + 1)].Position).ToList();
        return (graph, shapes, cuts);
    }
}

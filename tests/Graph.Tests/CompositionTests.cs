using QuiltNet.Data;
using QuiltNet.Tests;

namespace QuiltNet.Graph.Tests;

/// <summary>
/// The key property of splitting: the stages of any cut set, chained, reproduce the original model's
/// outputs (max abs diff ≤ 1e-5) — at every candidate cut, and for random multi-cut sets.
/// </summary>
public sealed class CompositionTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private static readonly SampleSet Images = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 100);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Repository.ExampleModelData), MemberType = typeof(Repository))]
    public void Every_candidate_cut_composes_to_the_original(string model)
    {
        var graph = OnnxGraph.Load(Repository.Model(model));
        var shapes = TensorShapeInference.Infer(graph);
        var cuts = CutPoints.Candidates(graph, shapes);
        Assert.True(cuts.Count >= 5, $"{model} offers only {cuts.Count} candidate cuts");
        foreach (var cut in cuts)
            AssertComposes(graph, shapes, [cut.Position], samples: 50);
    }

    [Theory]
    [MemberData(nameof(Repository.ExampleModelData), MemberType = typeof(Repository))]
    public void Random_multi_cut_sets_compose_to_the_original(string model)
    {
        var graph = OnnxGraph.Load(Repository.Model(model));
        var shapes = TensorShapeInference.Infer(graph);
        var candidates = CutPoints.Candidates(graph, shapes).Select(c => c.Position).ToArray();
        var random = new Random(model.GetHashCode(StringComparison.Ordinal) & 0xffff);
        for (int trial = 0; trial < 20; trial++)
        {
            int count = random.Next(2, Math.Min(8, candidates.Length) + 1);
            var cuts = candidates.OrderBy(_ => random.Next()).Take(count).ToArray();
            AssertComposes(graph, shapes, cuts, samples: 100);
        }
    }

    [Fact]
    public void Stages_keep_the_dynamic_batch_of_the_model()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vit"));
        var shapes = TensorShapeInference.Infer(graph);
        var cuts = CutPoints.Candidates(graph, shapes);
        var manifest = ModelSplitter.Split(graph, shapes, [cuts[cuts.Count / 3].Position, cuts[2 * cuts.Count / 3].Position], _temp.File("vit"));
        Assert.All(manifest.Stages.SelectMany(s => s.Inputs.Concat(s.Outputs)), t => Assert.Contains(-1L, t.Shape));
        // Stages run at batch 50 though the split bound the batch to 1.
        var report = PipelineVerifier.Verify(_temp.File("vit"), Images, samples: 100);
        Assert.Equal(100, report.Samples);
        Assert.Equal(report.OriginalAccuracy, report.StagedAccuracy);
    }

    [Fact]
    public void A_tampered_stage_is_caught()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vgg"));
        var shapes = TensorShapeInference.Infer(graph);
        var cut = CutPoints.Candidates(graph, shapes)[3].Position;
        var manifest = ModelSplitter.Split(graph, shapes, [cut], _temp.File("vgg"));
        string stage = Path.Combine(_temp.File("vgg"), manifest.Stages[0].File);
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(stage));
        var weight = model.Graph.Initializer.First(t => t.Dims.Count == 4);
        var bytes = weight.RawData.ToByteArray();
        for (int i = 0; i < bytes.Length; i += 4) BitConverter.GetBytes(BitConverter.ToSingle(bytes, i) * 1.01f).CopyTo(bytes, i);
        weight.RawData = Google.Protobuf.ByteString.CopyFrom(bytes);
        File.WriteAllBytes(stage, Google.Protobuf.MessageExtensions.ToByteArray(model));
        // Caught before any sample runs: the stage file no longer has the hash the split wrote into the manifest.
        var error = Assert.Throws<QuiltNetException>(() => PipelineVerifier.Verify(_temp.File("vgg"), Images, samples: 50));
        Assert.Contains("SHA-256 does not match", error.Message);
    }

    [Fact]
    public void Stage_files_hold_exactly_the_initializers_their_nodes_read()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
        var shapes = TensorShapeInference.Infer(graph);
        var cuts = CutPoints.Candidates(graph, shapes);
        var manifest = ModelSplitter.Split(graph, shapes, [cuts[cuts.Count / 2].Position], _temp.File("res"));
        long total = 0;
        foreach (var stage in manifest.Stages)
        {
            var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(_temp.File("res"), stage.File)));
            var read = model.Graph.Node.SelectMany(n => n.Input).ToHashSet();
            Assert.All(model.Graph.Initializer, t => Assert.Contains(t.Name, read));
            total += model.Graph.Initializer.Count;
        }
        var original = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(Repository.Model("fmnist_resnet")));
        Assert.True(total >= original.Graph.Initializer.Count, "every initializer lands in some stage");
    }

    private void AssertComposes(OnnxGraph graph, TensorShapes shapes, IReadOnlyCollection<int> cuts, int samples)
    {
        string folder = _temp.File($"split-{Guid.NewGuid():N}");
        ModelSplitter.Split(graph, shapes, cuts, folder);
        var report = PipelineVerifier.Verify(folder, Images, samples);
        Assert.True(report.MaxAbsDiff <= Tolerance,
            $"{Path.GetFileName(graph.Path)} cut at {string.Join(',', cuts.Order())}: max abs diff {report.MaxAbsDiff:E2}");
        Directory.Delete(folder, recursive: true);
    }
}

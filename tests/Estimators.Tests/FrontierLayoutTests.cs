using Onnx;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests;

/// <summary>
/// Frontiers that are not NCHW maps of many channels: sequences [N,T,D], single-channel maps [N,1,H,W], and a cut
/// crossing a map and a sequence at once (in a model with a second output). Each tensor gets its own feature
/// axis; a full-width PCA code then reproduces the model exactly through the fused stages, and distillation
/// trains on them.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FrontierLayoutTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static IEnumerable<object[]> Layouts =>
    [
        ["sequence", new[] { FeatureAxis.Last }],
        ["map", new[] { FeatureAxis.Last }],
        ["mixed", new[] { FeatureAxis.Channels, FeatureAxis.Last }],
    ];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Each_frontier_tensor_is_compressed_on_its_own_axis(string layout, FeatureAxis[] axes)
    {
        var (model, sample, frontier) = Build(layout);
        string path = _temp.File($"{layout}.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(model));
        var graph = OnnxGraph.Load(path);
        var shapes = TensorShapeInference.Infer(graph);
        int cut = CutPoints.Candidates(graph, shapes).Single(c => c.Tensors.Select(t => t.Name).Order().SequenceEqual(frontier.Order())).Position;
        var data = Data(graph, shapes, sample);

        var exact = new BottleneckFitter(graph, shapes, data, new TrainingOptions { Method = TrainingMethod.Pca }).Fit(cut, ratio: 1).Weights;
        Assert.Equal(axes, exact.OrderBy(w => frontier.IndexOf(w.Tensor)).Select(w => w.Axis));
        string folder = _temp.File($"{layout}-exact");
        ModelSplitter.Split(graph, shapes, [cut], folder, new Dictionary<int, IReadOnlyList<BottleneckWeights>> { [cut] = exact });
        var report = PipelineVerifier.Verify(folder, data, data.Count);
        Assert.True(report.MaxAbsDiff < 1e-3, $"full-width PCA changes the output by {report.MaxAbsDiff}");

        var distilled = new BottleneckFitter(graph, shapes, data, new TrainingOptions { Method = TrainingMethod.Distill, Epochs = 2 }).Fit(cut, ratio: 2, bits: 8).Weights;
        Assert.All(distilled, w => Assert.Equal(Math.Max(1, w.Channels / 2), w.CodeWidth));
        ModelSplitter.Split(graph, shapes, [cut], _temp.File($"{layout}-8bit"), new Dictionary<int, IReadOnlyList<BottleneckWeights>> { [cut] = distilled });
        Assert.NotNull(PipelineVerifier.Verify(_temp.File($"{layout}-8bit"), data, data.Count).StagedAccuracy);
    }

    /// <summary>A small classifier whose cut has the <paramref name="layout"/>'s frontier; returns the model, one sample's shape and the frontier.</summary>
    private static (ModelProto Model, long[] Sample, List<string> Frontier) Build(string layout)
    {
        var b = new ModelBuilder();
        switch (layout)
        {
            case "sequence":
                b.Input("x", -1, 6, 8).Weight("w1", 8, 8).Weight("w2", 8, 10).Int64s("tokens", 1)
                    .Node("MatMul", ["x", "w1"], ["h"]).Node("Relu", ["h"], ["seq"])
                    .Node("ReduceMean", ["seq"], ["pooled"], attributes: [ModelBuilder.Ints("axes", 1), ModelBuilder.Int("keepdims", 0)])
                    .Node("MatMul", ["pooled", "w2"], ["logits"]).Output("logits", -1, 10);
                return (b.Build(), [6, 8], ["seq"]);
            case "map":
                b.Input("x", -1, 1, 6, 8).Weight("k", 4, 1, 3, 3).Weight("w", 4, 10)
                    .Node("Sigmoid", ["x"], ["map"])
                    .Node("Conv", ["map", "k"], ["features"], attributes: [ModelBuilder.Ints("pads", 1, 1, 1, 1)])
                    .Node("GlobalAveragePool", ["features"], ["pooled"]).Node("Flatten", ["pooled"], ["flat"])
                    .Node("MatMul", ["flat", "w"], ["logits"]).Output("logits", -1, 10);
                return (b.Build(), [1, 6, 8], ["map"]);
            default:
                b.Input("x", -1, 4, 6, 8).Weight("k", 4, 4, 1, 1).Weight("w", 12, 10).Int64s("as_sequence", 0, 24, 8)
                    .Node("Conv", ["x", "k"], ["c"]).Node("Relu", ["c"], ["map"])
                    .Node("Reshape", ["x", "as_sequence"], ["seq"])
                    .Node("GlobalAveragePool", ["map"], ["mp"]).Node("Flatten", ["mp"], ["mf"])
                    .Node("ReduceMean", ["seq"], ["sf"], attributes: [ModelBuilder.Ints("axes", 1), ModelBuilder.Int("keepdims", 0)])
                    .Node("Concat", ["mf", "sf"], ["both"], attributes: [ModelBuilder.Int("axis", 1)])
                    .Node("MatMul", ["both", "w"], ["logits"]).Output("logits", -1, 10).Output("sf", -1, 8);
                return (b.Build(), [4, 6, 8], ["map", "seq"]);
        }
    }

    /// <summary>Random inputs labelled with the model's own top class, so the original scores 100 %.</summary>
    private static SampleSet Data(OnnxGraph graph, TensorShapes shapes, long[] sample)
    {
        const int count = 64;
        var random = new Random(3);
        long size = sample.Aggregate(1L, (p, d) => p * d);
        var pixels = Enumerable.Range(0, (int)(count * size)).Select(_ => random.NextSingle()).ToArray();
        using var runner = new OnnxRunner(OrtSessions.Open(File.ReadAllBytes(graph.Path)));
        var logits = (float[])runner.Run(new Dictionary<string, HostTensor> { ["x"] = HostTensor.Float([count, .. sample], pixels) })["logits"].Data;
        var labels = Enumerable.Range(0, count).Select(i => Enumerable.Range(0, 10).MaxBy(c => logits[i * 10 + c])).ToArray();
        return new SampleSet(pixels, labels, sample, "synthetic");
    }
}

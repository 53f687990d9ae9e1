using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Runtime.Tests;

/// <summary>The pipelined runtime on real stages of the ResNet-style model, cut after its second block (32×14×14).</summary>
public sealed class StagePipelineTests : IDisposable
{
    private const int Cut = 15;
    private static readonly SampleSet Evaluation = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 300);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (OnnxGraph Graph, TensorShapes Shapes) Model()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
        return (graph, TensorShapeInference.Infer(graph));
    }

    private string Split(IReadOnlyDictionary<int, IReadOnlyList<Graph.Bottlenecks.BottleneckWeights>>? bottlenecks = null, string name = "stages")
    {
        var (graph, shapes) = Model();
        ModelSplitter.Split(graph, shapes, [Cut], _temp.File(name), bottlenecks);
        return _temp.File(name);
    }

    [Fact]
    public void Two_stages_classify_as_the_whole_model_does_and_count_the_bytes_they_pass()
    {
        var (graph, shapes) = Model();
        double expected;
        using (var model = new OnnxRunner(OrtSessions.Open(graph.Path)))
            expected = Top1.Accuracy(f => model.Run(f), shapes.Inputs[0], graph.Outputs[0], Evaluation);

        using var pipeline = StagePipeline.Open(StageFolder.Load(Split()));
        foreach (int batch in new[] { 1, 7 })
        {
            var report = pipeline.Run(Evaluation, new RuntimeOptions { Batch = batch });
            Assert.Equal(Evaluation.Count, report.Inputs);
            Assert.Equal(expected, report.Accuracy, 6);
            var link = Assert.Single(report.Links);
            Assert.Equal(32 * 14 * 14 * 4, link.BytesPerInput);
            Assert.Null(link.BusySeconds);
            Assert.All(report.Stages, s => Assert.InRange(s.BusySeconds, 1e-6, report.WallSeconds));
            Assert.InRange(report.LatencyP50Seconds, 1e-6, report.LatencyP99Seconds);
            Assert.Equal(report.Inputs / report.WallSeconds, report.ThroughputPerSecond, 6);
        }
    }

    [Theory]
    [InlineData(8, 8 * 14 * 14)]
    [InlineData(4, 8 * 14 * 14 / 2)]
    public void Quantised_codes_cross_the_link_at_their_bits(int bits, int bytesPerInput)
    {
        var (graph, shapes) = Model();
        var calibration = SampleSet.Load(Repository.Data, SampleSet.Calibration, 200);
        var fitted = BottleneckFitting.Fit(graph, shapes, new Dictionary<int, (int, int, int)> { [Cut] = (4, 1, bits) }, calibration, new TrainingOptions { Method = TrainingMethod.Pca });
        string folder = Split(fitted, $"b{bits}");
        var code = Assert.Single(SplitManifest.Read(folder).Stages[0].Outputs);
        Assert.Equal("uint8", code.ElementType);
        Assert.Equal(bits, code.LinkBits);

        using var pipeline = StagePipeline.Open(StageFolder.Load(folder));
        var report = pipeline.Run(Evaluation, new RuntimeOptions { Count = 50 });
        Assert.Equal(bytesPerInput, Assert.Single(report.Links).BytesPerInput);
        Assert.True(report.Accuracy > 0.5, $"accuracy {report.Accuracy}");
    }

    [Fact]
    public void An_emulated_link_holds_every_transfer_for_its_time()
    {
        // 25,088 bytes at 0.1 Gb/s + 50 µs: 2.06 ms a transfer, far more than either stage takes.
        var link = LinkEmulation.FromGigabits(0.1, 50);
        double transfer = link.TransferSeconds(32 * 14 * 14 * 4);
        using var pipeline = StagePipeline.Open(StageFolder.Load(Split()));
        var report = pipeline.Run(Evaluation, new RuntimeOptions { Count = 100, Link = link });
        var traffic = Assert.Single(report.Links);
        Assert.Equal(100 * transfer, traffic.BusySeconds!.Value, 6);
        Assert.True(report.WallSeconds >= 100 * transfer, $"{report.WallSeconds} s for 100 transfers of {transfer} s");
        Assert.True(report.LatencyP50Seconds >= transfer);
    }

    [Fact]
    public void Altered_or_missing_stage_files_are_refused()
    {
        string folder = Split();
        var manifest = SplitManifest.Read(folder);
        Assert.All(manifest.Stages, s => Assert.Matches("^[0-9a-f]{64}$", s.Sha256!));
        string stage1 = Path.Combine(folder, manifest.Stages[1].File);

        File.AppendAllText(stage1, " ");
        var altered = Assert.Throws<QuiltNetException>(() => StageFolder.Load(folder));
        Assert.Equal(stage1, altered.Input);
        Assert.Contains("SHA-256", altered.Problem);

        File.Delete(stage1);
        Assert.Contains("not found", Assert.Throws<QuiltNetException>(() => StageFolder.Load(folder)).Problem);
    }

    [Fact]
    public void Bad_options_and_data_are_named()
    {
        using var pipeline = StagePipeline.Open(StageFolder.Load(Split()));
        Assert.Equal("Batch", Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Run(Evaluation, new RuntimeOptions { Batch = 0 })).ParamName);
        Assert.Equal("Count", Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Run(Evaluation, new RuntimeOptions { Count = 0 })).ParamName);
        var empty = new SampleSet([], [], Evaluation.SampleShape, Evaluation.Source);
        Assert.Contains("no samples", Assert.Throws<QuiltNetException>(() => pipeline.Run(empty)).Problem);
        var small = new SampleSet(new float[10 * 14 * 14], new int[10], [14, 14], "small");
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => pipeline.Run(small)).ParamName);
        Assert.Equal("threadsPerStage", Assert.Throws<ArgumentOutOfRangeException>(() => StagePipeline.Open(StageFolder.Load(Split(name: "again")), 0)).ParamName);
    }
}

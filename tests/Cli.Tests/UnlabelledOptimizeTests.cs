using System.Text;
using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

/// <summary>
/// Data without labels: distillation needs none, and agreement and relative error measure a plan against the uncompressed
/// model. The written stages, run here, must keep the constraint the plan says it keeps.
/// </summary>
[Trait("Category", "Slow")]
public sealed class UnlabelledOptimizeTests : IDisposable
{
    private const int Samples = 300;
    private readonly TempFolder _folder = new();

    public UnlabelledOptimizeTests()
    {
        // The bundled images without their labels, as .npy.
        foreach (string split in new[] { SampleSet.Calibration, SampleSet.Evaluation })
        {
            var images = SampleSet.Load(BundledExamples.DataFolder, split, Samples);
            var batch = images.Batch(0, Samples, new TensorInfo("input", ElementType.Float, [1, 1, 28, 28]));
            WriteNpy(Path.Combine(Directory.CreateDirectory(_folder.File("data")).FullName, $"{split}-images.npy"), batch);
        }
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("agreement", "--min-agreement", 0.97)]
    [InlineData("relative-error", "--max-relative-error", 0.15)]
    public void Optimize_on_unlabelled_data_writes_a_plan_whose_measured_fidelity_keeps_the_constraint(string metric, string flag, double constraint)
    {
        string folder = _folder.File(metric);
        var run = CliRun.Of("optimize", "--model", Repository.Model("fmnist_vgg"), "--hw", "fpga4-1gbe", "--data", _folder.File("data"),
            "--metric", metric, flag, constraint.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--calibration", $"{Samples}", "--evaluation", $"{Samples}", "--epochs", "3", "--trials", "2", "--cache", _folder.File("cache"), "--out", folder);
        Assert.True(run.ExitCode == 0, run.Error);

        var plan = PlanFile.Read(folder);
        Assert.Null(plan.Accuracy);
        Assert.Null(plan.Improvement.AccuracyDeltaPp);
        var recorded = Assert.IsType<PlanMetric>(plan.Metric);
        Assert.Equal(metric, recorded.Name);
        Assert.Equal(constraint, recorded.Constraint, 9);
        Assert.Contains(plan.Cuts, c => c.Option is not null);

        var measured = Measure(folder, plan);
        double value = FidelityMetric.Parse(metric).Value(measured);
        Assert.Equal(recorded.Value, value, 6);
        if (metric == "agreement") Assert.True(value >= constraint, $"agreement {value} below {constraint}");
        else Assert.True(value <= constraint, $"relative error {value} above {constraint}");
    }

    /// <summary>The plan's stage files run in a chain beside the original model, over the evaluation images.</summary>
    private FidelityScores Measure(string folder, DeploymentPlan plan)
    {
        var evaluation = SampleSet.Load(_folder.File("data"), SampleSet.Evaluation);
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vgg"));
        var input = new TensorInfo(graph.Inputs[0], ElementType.Float, [1, 1, 28, 28]);
        using var original = new OnnxRunner(OrtSessions.Open(Repository.Model("fmnist_vgg")));
        using var chain = new StageChain(plan.Stages.Select(s => new OnnxRunner(OrtSessions.Open(Path.Combine(folder, s.File)))));
        var accumulator = new FidelityAccumulator(graph.Outputs);
        for (int start = 0; start < evaluation.Count; start += 100)
        {
            var feeds = new Dictionary<string, HostTensor> { [input.Name] = evaluation.Batch(start, 100, input) };
            var expected = original.Run(feeds);
            var produced = chain.Run(feeds);
            accumulator.Add(graph.Outputs.Select(o => produced[o]).ToList(), graph.Outputs.Select(o => expected[o]).ToList(), []);
        }
        return accumulator.Result();
    }

    private static void WriteNpy(string path, HostTensor tensor)
    {
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({string.Join(", ", tensor.Shape)}), }}";
        header = header.PadRight(((header.Length + 11) / 64 + 1) * 64 - 11) + "\n";
        using var file = File.Create(path);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        file.Write(BitConverter.GetBytes((ushort)header.Length));
        file.Write(Encoding.ASCII.GetBytes(header));
        foreach (float v in (float[])tensor.Data) file.Write(BitConverter.GetBytes(v));
    }
}

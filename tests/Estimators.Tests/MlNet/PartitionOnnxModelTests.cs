using System.Diagnostics;
using Microsoft.ML;
using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Estimators.MlNet;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Estimators.Tests.MlNet;

public sealed class PartitionOnnxModelTests : IDisposable
{
    private static readonly SampleSet Calibration = SampleSet.Load(Repository.Data, SampleSet.Calibration, 300);
    private static readonly SampleSet Evaluation = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 300);
    private readonly TempFolder _temp = new();
    private readonly MLContext _context = new(seed: 1);

    public void Dispose() => _temp.Dispose();

    private PartitionOnnxModelEstimator ResNetAtTwoCuts() => _context.Transforms.PartitionOnnxModel(new PartitionOnnxModelEstimator.Options
    {
        ModelFile = Repository.Model("fmnist_resnet"),
        InputColumnName = "Features",
        OutputColumnName = "Score",
        Cuts = [new PartitionCut(15), new PartitionCut(30)],
        Training = new TrainingOptions { Epochs = 2 },
        StagesFolder = _temp.File("stages"),
    });

    [Fact]
    public void Fitted_partition_scores_like_the_original_model_and_drops_the_cut_columns()
    {
        using var model = ResNetAtTwoCuts().Fit(MlNetData.Load(_context, Calibration));
        Assert.Equal(3, model.StageFiles.Count);
        var scored = model.Transform(MlNetData.Load(_context, Evaluation));
        Assert.DoesNotContain(scored.Schema, c => c.Name.StartsWith("QuiltNet.", StringComparison.Ordinal));

        var metrics = _context.MulticlassClassification.Evaluate(PredictedLabels.Add(_context, scored, 10), "Label", "Score");
        double original;
        using (var runner = new OnnxRunner(OrtSessions.Open(Repository.Model("fmnist_resnet"))))
        {
            var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
            original = Top1.Accuracy(f => runner.Run(f), TensorShapeInference.Infer(graph).Inputs[0], graph.Outputs[0], Evaluation);
        }
        Assert.InRange(metrics.MicroAccuracy, original - 0.03, 1);
    }

    [Fact]
    public void Saved_model_loads_in_a_process_without_quiltnet_and_predicts_identically()
    {
        var train = MlNetData.Load(_context, Calibration);
        string zip = _temp.File("partitioned.zip");
        using (var model = ResNetAtTwoCuts().Fit(train))
            _context.Model.Save(model, train.Schema, zip);
        // The stage files are gone: the zip must carry everything.
        Directory.Delete(_temp.File("stages"), recursive: true);

        var rows = Evaluation.Slice(0, 50);
        var loaded = _context.Model.Load(zip, out _);
        var here = MlNetData.Column(loaded.Transform(MlNetData.Load(_context, new SampleSet(rows, Evaluation.Labels![..50], Evaluation.SampleShape, Evaluation.Source))), "Score");
        (loaded as IDisposable)?.Dispose();

        string input = _temp.File("input.f32"), output = _temp.File("output.f32");
        File.WriteAllBytes(input, rows.SelectMany(BitConverter.GetBytes).ToArray());
        var assemblies = RunLoader(zip, input, 50, "Features", "Score", output);
        Assert.DoesNotContain(assemblies, a => a.StartsWith("QuiltNet", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(output);
        var there = Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, 4 * i)).ToArray();
        Assert.Equal(here.SelectMany(v => v).ToArray(), there);
    }

    [Fact]
    public void Bad_input_gets_errors_that_name_it()
    {
        var images = MlNetData.Load(_context, Calibration);
        var wrongColumn = _context.Transforms.PartitionOnnxModel("Score", "Pixels", Repository.Model("fmnist_resnet"), 15);
        Assert.Contains("Pixels", Assert.Throws<QuiltNetException>(() => wrongColumn.Fit(images)).Message);

        var narrow = MlNetData.Load(_context, Calibration, size: 100);
        var e = Assert.Throws<QuiltNetException>(() => _context.Transforms.PartitionOnnxModel("Score", "Features", Repository.Model("fmnist_resnet"), 15).Fit(narrow));
        Assert.Contains("784", e.Message);

        var empty = MlNetData.Load(_context, new SampleSet([], [], Calibration.SampleShape, Calibration.Source));
        Assert.Contains("empty", Assert.Throws<QuiltNetException>(() => _context.Transforms.PartitionOnnxModel("Score", "Features", Repository.Model("fmnist_resnet"), 15).Fit(empty)).Message);

        var twoInputs = _context.Transforms.PartitionOnnxModel("Score", "Features", Path.Combine(Repository.DataFixtures, "two_inputs.onnx"), 2);
        Assert.Contains("takes 2 inputs", Assert.Throws<QuiltNetException>(() => twoInputs.Fit(images)).Message);

        Assert.Throws<QuiltNetException>(() => _context.Transforms.PartitionOnnxModel("Score", "Features", _temp.File("missing.onnx"), 15));
        Assert.Throws<QuiltNetException>(() => _context.Transforms.PartitionOnnxModel("Score", "Features", Repository.Model("fmnist_resnet")));
        Assert.Equal("ratios", Assert.Throws<ArgumentException>(() => _context.Transforms.PartitionOnnxModel(new PartitionOnnxModelEstimator.Options
        {
            ModelFile = Repository.Model("fmnist_resnet"),
            Cuts = [new PartitionCut(15, Ratio: 0)],
        })).ParamName);
    }

    [Fact]
    public void The_example_app_partitions_evaluates_saves_reloads_and_predicts()
    {
        var lines = Run(Path.Combine("examples", "MlNetPipeline"), "MlNetPipeline", Repository.Data, _temp.File("example"));
        Assert.Contains(lines, l => l.StartsWith("Accuracy on 2,000 held-out images: partitioned into 3 stages", StringComparison.Ordinal));
        Assert.Contains("Reloaded model predicts identically on 20 of 20 images", lines);
        Assert.True(File.Exists(_temp.File(Path.Combine("example", "fmnist_resnet.partitioned.zip"))));
    }

    /// <summary>Runs the ML.NET-only loader (tests/Fixtures/MlNetLoader) and returns the assemblies it had loaded.</summary>
    internal static string[] RunLoader(params object[] arguments) => Run(Path.Combine("tests", "Fixtures", "MlNetLoader"), "MlNetLoader", arguments);

    /// <summary>Runs a built app of this repository as its own process; its output lines.</summary>
    private static string[] Run(string project, string assembly, params object[] arguments)
    {
        string app = Directory.GetFiles(Path.Combine(Repository.Root, project, "bin"), assembly + ".dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
        var start = new ProcessStartInfo("dotnet", [app, .. arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture)!)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}

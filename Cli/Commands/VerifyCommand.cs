using System.CommandLine;
using System.Globalization;
using QuiltNet.Cli.Output;
using QuiltNet.Data;
using QuiltNet.Graph;

namespace QuiltNet.Cli.Commands;

public static class VerifyCommand
{
    public const double DefaultTolerance = 1e-5;

    public static Command Create(CommandIO io)
    {
        var folder = new Argument<string>("dir") { Description = "The --out folder of 'quiltnet split' (holds manifest.json)." };
        var data = new Option<string?>("--data")
        {
            Description = "Folder of labelled images (Fashion-MNIST IDX files, or {split}-images.npy/{split}-labels.npy); " +
                          "its test split is used, else its training split. Without it, seeded random inputs of the bound shapes.",
        };
        var count = new Option<int>("--count") { Description = "Samples to compare.", DefaultValueFactory = _ => 200 };
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "Largest acceptable absolute difference; above it the command exits with 2.",
            DefaultValueFactory = _ => DefaultTolerance,
        };
        var json = SharedOptions.Json();
        var command = new Command("verify",
            "Run the original model and the chained stages of a split on the same inputs and print the largest " +
            "absolute difference of their outputs (and, with --data, both top-1 accuracies).")
        {
            folder, data, count, tolerance, json,
        };
        command.SetAction(result => io.Guard(() =>
        {
            int samples = result.GetValue(count);
            if (samples < 1) throw new QuiltNetException("--count", $"must be at least 1, got {samples}");
            var images = result.GetValue(data) is { } dataFolder ? LoadData(dataFolder, samples) : null;
            var report = PipelineVerifier.Verify(result.GetValue(folder)!, images, samples);
            if (result.GetValue(json)) JsonOutput.Write(io.Output, report);
            else Print(io.Output, report);
            return report.MaxAbsDiff <= result.GetValue(tolerance) ? 0 : 2;
        }));
        return command;
    }

    private static SampleSet LoadData(string folder, int samples)
    {
        try
        {
            return SampleSet.Load(folder, SampleSet.Evaluation, samples);
        }
        catch (QuiltNetException) when (Directory.Exists(folder))
        {
            return SampleSet.Load(folder, SampleSet.Calibration, samples);
        }
    }

    private static void Print(TextWriter output, VerifyReport report)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"stages: {report.Stages}, samples: {report.Samples}, inputs: {report.Inputs}");
        foreach (var (name, diff) in report.MaxAbsDiffByOutput)
            output.WriteLine(string.Create(invariant, $"output {name}: max abs diff {diff:E3}"));
        output.WriteLine(string.Create(invariant, $"maxAbsDiff: {report.MaxAbsDiff:E3}"));
        if (report.OriginalAccuracy is { } original && report.StagedAccuracy is { } staged)
            output.WriteLine(string.Create(invariant, $"top-1 accuracy: original {original:P2}, stages {staged:P2}"));
    }
}

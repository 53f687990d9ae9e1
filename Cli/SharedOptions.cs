using System.CommandLine;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;

namespace QuiltNet.Cli;

/// <summary>Options several commands take, defined once.</summary>
public static class SharedOptions
{
    public static Option<string[]> InputShape() => new("--input-shape")
    {
        Description = "Bind a model input's shape, NAME=DIMS (e.g. input=1x1x28x28); repeat for several inputs.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<long> Batch() => new("--batch")
    {
        Description = "Value for every dynamic dimension not bound by --input-shape (the batch).",
        DefaultValueFactory = _ => ShapeBindings.DefaultDynamicDim,
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of tables." };

    public static Option<string?> Cache() => new("--cache")
    {
        Description = "Folder of fitted autoencoders and their measurements, reused across runs (default: $QUILTNET_CACHE, else ~/.cache/quiltnet).",
    };

    public static Option<double> MinGain() => new("--min-gain")
    {
        Description = "Keep the plan without compression unless compressing improves the objective by at least this many per cent.",
        DefaultValueFactory = _ => Optimizer.Partitioning.PartitionOptions.Default.MinimumGainPercent,
    };

    public static Option<bool> NoCache() => new("--no-cache") { Description = "Fit everything afresh and keep nothing on disk." };

    public static AutoencoderCache CacheOf(ParseResult result, Option<string?> cache, Option<bool> noCache) =>
        result.GetValue(noCache) ? AutoencoderCache.InMemory()
        : result.GetValue(cache) is { } folder ? new AutoencoderCache(folder)
        : AutoencoderCache.Default();

    public static Option<string?> Data() => new("--data")
    {
        Description = "Fashion-MNIST-style folder: its training split calibrates and trains, its test split measures (default: the bundled subsets).",
    };

    public static Option<int> Calibration(int samples = 2000) => new("--calibration") { Description = "Calibration samples (autoencoders train on them).", DefaultValueFactory = _ => samples };

    public static Option<double?> TimeLimit() => new("--time-limit")
    {
        Description = "Seconds the solver may take per solve; past it the best plan so far is kept, marked not proven optimal " +
            "(default: 5 s plus 0.02 s per candidate cut and chip, at most 120 s).",
    };

    public static Option<int> Evaluation() => new("--evaluation") { Description = "Evaluation samples.", DefaultValueFactory = _ => 2000 };

    public static Option<int> Epochs() => new("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => new TrainingOptions().Epochs };

    /// <summary>The calibration and evaluation splits of --data (or the bundled subsets), as many samples as asked.</summary>
    public static (SampleSet Calibration, SampleSet Evaluation) Images(ParseResult result, Option<string?> data, Option<int> calibration, Option<int> evaluation)
    {
        string folder = result.GetValue(data) ?? BundledExamples.DataFolder;
        return (SampleSet.Load(folder, SampleSet.Calibration, result.GetValue(calibration)),
            SampleSet.Load(folder, SampleSet.Evaluation, result.GetValue(evaluation)));
    }

    public static ShapeBindings Bindings(ParseResult result, Option<string[]> inputShape, Option<long> batch) =>
        ShapeBindings.Parse(result.GetValue(inputShape) ?? [], result.GetValue(batch));
}

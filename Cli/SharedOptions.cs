using System.CommandLine;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Cli;

/// <summary>Options several commands take, defined once.</summary>
public static class SharedOptions
{
    public static Option<string[]> InputShape() => new("--input-shape")
    {
        Description = "Bind a model input's shape, NAME=DIMS (e.g. input=1x1x28x28); repeat for several inputs. Dimensions the model " +
            "leaves dynamic stay dynamic in the stages it writes; where the command reads --data, inputs not bound here take the data's sample shape.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<long> Batch() => new("--batch")
    {
        Description = "Value for every dynamic dimension not bound by --input-shape (the batch).",
        DefaultValueFactory = _ => ShapeBindings.DefaultDynamicDim,
    };

    /// <summary>The feature reductions measured at the cuts the solver wants; 1 keeps every feature and only quantises.</summary>
    public static Option<string> Ratios() => new("--ratios")
    {
        Description = "Feature reductions measured at the cuts the solver wants (1: every feature kept, the code only quantised by its bits).",
        DefaultValueFactory = _ => string.Join(',', new MenuGrid().Ratios),
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

    /// <summary>The cache --cache and --no-cache ask for; a corrupt entry it finds is a warning on <paramref name="io"/>.</summary>
    public static AutoencoderCache CacheOf(ParseResult result, Option<string?> cache, Option<bool> noCache, CommandIO io) =>
        result.GetValue(noCache) ? AutoencoderCache.InMemory()
        : new AutoencoderCache(result.GetValue(cache) ?? AutoencoderCache.Default().Folder) { Warn = io.Warn };

    public static Option<int> Calibration(int samples = 2000) => new("--calibration") { Description = "Calibration samples (autoencoders train on them).", DefaultValueFactory = _ => samples };

    public static Option<double?> TimeLimit() => new("--time-limit")
    {
        Description = "Seconds the solver may take per solve; past it the best plan so far is kept, marked not proven optimal " +
            "(default: 5 s plus 0.02 s per candidate cut and chip, at most 120 s).",
    };

    public static Option<int> Evaluation() => new("--evaluation") { Description = "Evaluation samples.", DefaultValueFactory = _ => 2000 };

    public static Option<int> Epochs() => new("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => new TrainingOptions().Epochs };

    /// <summary>Calibration and evaluation data of a command that trains: the source, preprocessing and bundled default.</summary>
    public static DataFlags TrainingData() =>
        new("Data: calibration samples train the autoencoders, held-out evaluation samples measure accuracy (default: the bundled Fashion-MNIST subsets)");

    public static ShapeBindings Bindings(ParseResult result, Option<string[]> inputShape, Option<long> batch) =>
        ShapeBindings.Parse(result.GetValue(inputShape) ?? [], result.GetValue(batch));

    /// <summary>The --input-shape bindings of a command without --batch (dynamic dimensions the data does not bind take 1).</summary>
    public static ShapeBindings Bindings(ParseResult result, Option<string[]> inputShape) => ShapeBindings.Parse(result.GetValue(inputShape) ?? []);

    /// <summary>
    /// The model's shapes with dynamic dimensions bound by --input-shape, else by the calibration samples' shape, after
    /// checking that the data's classes fit the model's output.
    /// </summary>
    public static TensorShapes ShapesFor(OnnxGraph graph, DataSplits data, ShapeBindings bindings)
    {
        var shapes = TensorShapeInference.Infer(graph, DataShapes.Bind(graph, data.Calibration, bindings));
        DataShapes.CheckClasses(data.Evaluation, shapes, graph.Outputs[0]);
        return shapes;
    }
}

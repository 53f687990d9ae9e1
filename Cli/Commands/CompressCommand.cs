using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QuiltNet.Cli.Output;
using QuiltNet.Data.Metrics;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Reports;
using Spectre.Console;

namespace QuiltNet.Cli.Commands;

public static class CompressCommand
{
    public static Command Create(CommandIO io)
    {
        var model = new Argument<string>("model") { Description = "The ONNX model." };
        var cuts = new Option<string>("--cuts") { Description = "Comma-separated cut positions to sweep (see 'quiltnet profile').", Required = true };
        var ratios = new Option<string>("--ratios") { Description = "Feature reductions to try: a tensor of C features gets a code of C / ratio.", DefaultValueFactory = _ => "2,4,8,16,32" };
        var bits = new Option<string>("--bits") { Description = "Code precisions to try: 32 (fp32), 16 (fp16), 8 or 4 (quantised).", DefaultValueFactory = _ => "32,8,4" };
        var stride = new Option<int>("--stride") { Description = "Spatial stride of the code (1, or 2 to also halve height and width).", DefaultValueFactory = _ => 1 };
        var data = SharedOptions.TrainingData();
        var inputShape = SharedOptions.InputShape();
        var method = new Option<TrainingMethod>("--method") { Description = "pca (closed form), mse (trained to reconstruct) or distill (trained on the model's own output).", DefaultValueFactory = _ => TrainingMethod.Distill };
        var epochs = SharedOptions.Epochs();
        var calibrationCount = SharedOptions.Calibration();
        var evaluationCount = SharedOptions.Evaluation();
        var cache = SharedOptions.Cache();
        var noCache = SharedOptions.NoCache();
        var json = SharedOptions.Json();
        var metric = new MetricOptions(PartitionOptions.Default.AccuracyBudgetPp);
        var command = new Command("compress",
            "For every cut × ratio × bits: fit the bottleneck autoencoders, fuse them into the stages, and report the bytes sent, " +
            "the reconstruction error, the model's agreement with and relative error against the uncompressed model, its accuracy " +
            "where the data has labels, the drop under --metric (all measured on held-out data), whether it keeps the metric's constraint, and the training time.")
        {
            model, cuts, ratios, bits, stride, method, epochs, calibrationCount, evaluationCount, inputShape, cache, noCache, json,
        };
        foreach (var option in data.All) command.Options.Add(option);
        foreach (var option in metric.All) command.Options.Add(option);
        command.SetAction(result => io.Guard(() =>
        {
            var graph = OnnxGraph.Load(result.GetValue(model)!);
            var splits = data.Splits(result, io, DataFlags.FirstInput(graph), result.GetValue(calibrationCount), result.GetValue(evaluationCount));
            var shapes = SharedOptions.ShapesFor(graph, splits, SharedOptions.Bindings(result, inputShape));
            var (calibration, evaluation, _) = splits;
            var (measure, budget) = metric.Resolve(result, labelled: evaluation.HasLabels);
            var training = new TrainingOptions
            {
                Method = result.GetValue(method),
                Epochs = result.GetValue(epochs),
                Loss = measure == FidelityMetric.RelativeError ? DistillationLoss.SquaredError : DistillationLoss.Divergence,
            };
            var grid = new SweepGrid(IntegerList.Cuts(result.GetValue(cuts)!), IntegerList.Parse("--ratios", result.GetValue(ratios)!),
                IntegerList.Parse("--bits", result.GetValue(bits)!), result.GetValue(stride));
            var store = SharedOptions.CacheOf(result, cache, noCache, io);
            CompressionSweepResult sweep = null!;
            void Sweep(IProgress<(string, double)>? progress) =>
                sweep = CompressionSweep.Run(graph, shapes, grid, calibration, evaluation, training, store, progress, measure);

            if (result.GetValue(json))
            {
                Sweep(null);
                foreach (string warning in sweep.Warnings) io.Warn(warning);
                JsonOutput.Write(io.Output, new
                {
                    model = Path.GetFileName(graph.Path),
                    metric = measure.Name,
                    constraint = measure.Constraint(budget),
                    originalAccuracy = sweep.OriginalAccuracy,
                    sweep.Warnings,
                    // Each row's own fields, and beside them whether it keeps the metric's constraint.
                    rows = sweep.Rows.Select(r =>
                    {
                        var row = JsonSerializer.SerializeToNode(r, JsonOutput.Options)!.AsObject();
                        row["meetsConstraint"] = r.LossPp <= budget + 1e-9;
                        return row;
                    }).ToList(),
                });
                return 0;
            }
            var console = io.Console();
            console.Progress().Start(context =>
            {
                var task = context.AddTask("fitting autoencoders", maxValue: 1);
                Sweep(new Progress<(string Step, double Done)>(p => { task.Description = Markup.Escape(p.Step); task.Value = p.Done; }));
                task.Value = 1;
            });
            foreach (string warning in sweep.Warnings) io.Warn(warning);
            var invariant = CultureInfo.InvariantCulture;
            string uncompressed = sweep.OriginalAccuracy is { } original ? $"; uncompressed {original.ToString("P2", invariant)}" : "";
            string constraint = MetricText.Constraint(new PlanMetric(measure.Name, measure.Constraint(budget), 0, 0, 0, []));
            var table = new Table().Title($"Compression sweep of {Path.GetFileName(graph.Path)} ({training.Method.ToString().ToLowerInvariant()}{uncompressed}; {measure.Name}: {constraint})")
                .AddColumns("cut", "ratio", "bits");
            foreach (string right in new[] { "bytes before", "bytes after", "×", "reconstruction error", "agreement", "relative error", "cosine", "accuracy", $"{measure.Name} drop (pp)", "keeps it", "train s" })
                table.AddColumn(new TableColumn(right).RightAligned());
            foreach (var row in sweep.Rows)
                table.AddRow(row.Cut.ToString(invariant), row.Ratio.ToString(invariant), row.Bits.ToString(invariant),
                    HumanUnits.Bytes(row.BytesBefore), HumanUnits.Bytes(row.BytesAfter), ((double)row.BytesBefore / row.BytesAfter).ToString("0.#", invariant),
                    row.ReconstructionError.ToString("0.0000", invariant), row.Fidelity.Agreement.ToString("P2", invariant),
                    row.Fidelity.RelativeError.ToString("P2", invariant), row.Fidelity.Cosine.ToString("0.0000", invariant), row.Accuracy?.ToString("P2", invariant) ?? "-",
                    row.LossPp.ToString("+0.00;-0.00;0.00", invariant), row.LossPp <= budget + 1e-9 ? "yes" : "no", row.TrainSeconds.ToString("0.0", invariant));
            console.Write(table);
            return 0;
        }));
        return command;
    }
}

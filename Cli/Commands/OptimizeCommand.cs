using System.CommandLine;
using QuiltNet.Cli.Output;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Hardware;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Reports;
using QuiltNet.Optimizer.Search;
using Spectre.Console;

namespace QuiltNet.Cli.Commands;

public static class OptimizeCommand
{
    public static Command Create(CommandIO io)
    {
        var defaults = new PlanSearchOptions();
        var model = new Option<string?>("--model") { Description = $"The ONNX model (default: the bundled {BundledExamples.DefaultModelFile})." };
        var hw = new Option<string?>("--hw") { Description = $"A multi-chip system of the catalog, or your own catalog file (default: {BundledExamples.DefaultSearchSystem}, {BundledExamples.DefaultSearchSystemDescription})." };
        var metric = new MetricOptions(BundledExamples.DefaultMaxAccuracyLossPp);
        var objective = new Option<PartitionObjective>("--objective") { Description = "What the search maximises within the constraint: throughput, energy (per inference) or edp.", DefaultValueFactory = _ => PartitionObjective.Throughput };
        var trials = new Option<int?>("--trials") { Description = $"Trials to run (default {defaults.Trials} when no --time-budget is given)." };
        var timeBudget = new Option<double?>("--time-budget")
        {
            Description = $"Seconds the search may run; the trial under way when it runs out is dropped (never the first). " +
                $"The bundled example stops after {BundledExamples.SearchTimeBudgetSeconds:0} s unless --trials or --time-budget is given.",
        };
        var timeLimit = SharedOptions.TimeLimit();
        var tuner = new Option<string>("--tuner") { Description = "smac (random forest surrogate), random or grid.", DefaultValueFactory = _ => defaults.Tuner };
        var seed = new Option<int>("--seed") { Description = "Seed of the tuner: the same seed gives the same search.", DefaultValueFactory = _ => defaults.Seed };
        var resume = new Option<bool>("--resume") { Description = "Continue the search journaled in --out (trials.jsonl) without repeating its finished trials." };
        var output = new Option<string>("--out") { Description = "Folder for plan.json, the stages, baseline/, trials.jsonl, pareto.json and report.html.", DefaultValueFactory = _ => "quiltnet-out" };
        var data = SharedOptions.TrainingData();
        var inputShape = SharedOptions.InputShape();
        var calibration = SharedOptions.Calibration(BundledExamples.SearchCalibrationSamples);
        var evaluation = SharedOptions.Evaluation();
        var epochs = new Option<int>("--epochs") { Description = "Training epochs per autoencoder.", DefaultValueFactory = _ => BundledExamples.SearchEpochs };
        var ratios = SharedOptions.Ratios();
        var minGain = SharedOptions.MinGain();
        var cache = SharedOptions.Cache();
        var noCache = SharedOptions.NoCache();
        var measure = new Option<bool>("--measure") { Description = "Also run the written plan on this machine (in process) and show measured figures beside the predicted ones in the report." };
        var command = new Command("optimize",
            "Search the partitioner's knobs (accuracy budget, chips, code bits, stride, autoencoder kind, objective) with an AutoML " +
            "tuner; every trial solves, fits, measures the plan under --metric and simulates. Writes the best plan under the metric's constraint " +
            "with its stages, the trial journal, the Pareto front and an HTML report. With no arguments, runs the bundled example. " +
            "Ctrl+C stops within a second and writes no plan; --resume carries on from the journal.")
        {
            model, hw, objective, trials, timeBudget, timeLimit, tuner, seed, resume, minGain, output, calibration, evaluation, inputShape, epochs, ratios, cache, noCache, measure,
        };
        foreach (var option in data.All) command.Options.Add(option);
        foreach (var option in metric.All) command.Options.Add(option);
        command.SetAction((result, cancellation) => Task.FromResult(io.Guard(() =>
        {
            int? trialCount = result.GetValue(trials) ?? (result.GetValue(timeBudget) is null ? defaults.Trials : null);
            // The bundled example (no model given) is a demonstration: it also stops at a time budget, unless told otherwise.
            double? budgetSeconds = result.GetValue(timeBudget)
                ?? (result.GetValue(model) is null && result.GetValue(trials) is null ? BundledExamples.SearchTimeBudgetSeconds : null);
            if (trialCount is < 1) throw new QuiltNetException("--trials", $"must be at least 1, got {trialCount}");
            if (result.GetValue(timeBudget) is <= 0) throw new QuiltNetException("--time-budget", "must be a positive number of seconds");
            var menu = new MenuGrid { Ratios = IntegerList.Parse("--ratios", result.GetValue(ratios)!) };
            BottleneckFitting.Validate(menu.Ratios, [], []);
            string tunerName = result.GetValue(tuner)!;
            if (!Tuners.Names.Contains(tunerName)) throw new QuiltNetException("--tuner", $"'{tunerName}' is not one of {string.Join(", ", Tuners.Names)}");
            var system = HardwareSelection.Resolve(result.GetValue(hw) ?? BundledExamples.DefaultSearchSystem);
            var graph = OnnxGraph.Load(result.GetValue(model) ?? BundledExamples.DefaultModel);
            var splits = data.Splits(result, io, DataFlags.FirstInput(graph), result.GetValue(calibration), result.GetValue(evaluation));
            var (measuredBy, constraint) = metric.Resolve(result, labelled: splits.Evaluation.HasLabels);
            var context = PlanningContext.Load(graph, system, splits.Calibration, splits.Evaluation,
                SharedOptions.CacheOf(result, cache, noCache, io), SharedOptions.Bindings(result, inputShape), measuredBy);
            var partition = new PartitionOptions
            {
                TimeLimitSeconds = result.GetValue(timeLimit) ?? PartitionOptions.TimeLimitFor(context.Candidates.Count, system.Chips.Count),
                MinimumGainPercent = result.GetValue(minGain),
            };
            partition.Validate();
            var settings = new PlanSettings
            {
                Partition = partition,
                Training = new TrainingOptions { Epochs = result.GetValue(epochs) },
                // The tuner picks the bits and the stride; the ratios measured are the user's.
                Menu = menu,
            };
            var options = new PlanSearchOptions
            {
                Tuner = tunerName,
                Trials = trialCount,
                TimeBudget = budgetSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Seed = result.GetValue(seed),
                Resume = result.GetValue(resume),
            };
            var goal = new SearchGoal(result.GetValue(objective), constraint);
            string folder = result.GetValue(output)!;

            var console = io.Console();
            PlanSearchResult search = null!;
            console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask("starting", maxValue: trialCount ?? options.TimeBudget!.Value.TotalSeconds);
                    search = PlanSearch.RunAsync(context, settings, goal, options, folder, new SearchProgress(task, trialCount, options.TimeBudget), cancellation).GetAwaiter().GetResult();
                    task.Value = task.MaxValue;
                });
            var measured = result.GetValue(measure) ? PlanMeasurement.Run(folder, context.Evaluation, cancellation) : null;
            SearchReports.Write(search, context, folder, measured);
            PlanTables.Write(console, search.Plan, Path.Combine(folder, PlanFile.Name));
            if (measured is not null)
                console.WriteLine($"Measured here (in process): accuracy {measured.Accuracy:P2} (the plan says {search.Plan.Accuracy?.ToString("P2") ?? "nothing: no labels"}), {HumanUnits.PerSecond(measured.ThroughputPerSecond, "inferences")} on this machine's cores");
            console.WriteLine($"Trials: {search.Experiment.Trials.Count} ({search.Experiment.ReplayedTrials} resumed from the journal); Pareto front: {search.ParetoFront.Count}; report: {Path.Combine(folder, SearchReports.FileName)}");
            return 0;
        }, cancellation)));
        return command;
    }
}

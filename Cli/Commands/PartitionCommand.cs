using System.CommandLine;
using QuiltNet.Cli.Output;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Hardware;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;
using Spectre.Console;

namespace QuiltNet.Cli.Commands;

public static class PartitionCommand
{
    public static Command Create(CommandIO io)
    {
        var model = new Option<string?>("--model") { Description = $"The ONNX model (default: the bundled {BundledExamples.DefaultModelFile})." };
        var hw = new Option<string>("--hw")
        {
            Description = "A multi-chip system of the catalog (see 'quiltnet hw list'), or your own catalog file (my.json or my.json#system).",
            DefaultValueFactory = _ => SimulateCommand.DefaultSystem,
        };
        var metric = new MetricOptions(PartitionOptions.Default.AccuracyBudgetPp);
        var objective = new Option<PartitionObjective>("--objective")
        {
            Description = "throughput (the slowest stage or link, then energy), energy (under --throughput-floor if given) or edp (energy × period).",
            DefaultValueFactory = _ => PartitionOptions.Default.Objective,
        };
        var floor = new Option<double?>("--throughput-floor") { Description = "Inferences per second every plan must reach (with --objective energy)." };
        var timeLimit = SharedOptions.TimeLimit();
        var ratios = SharedOptions.Ratios();
        var bits = new Option<string>("--bits") { Description = "Code precisions measured at the cuts the solver wants.", DefaultValueFactory = _ => string.Join(',', new MenuGrid().Bits) };
        var minGain = SharedOptions.MinGain();
        var output = new Option<string>("--out") { Description = "Folder for plan.json, the stage files (autoencoders fused) and baseline/ (the uncompressed plan's stages).", Required = true };
        var data = SharedOptions.TrainingData();
        var inputShape = SharedOptions.InputShape();
        var calibration = SharedOptions.Calibration();
        var evaluation = SharedOptions.Evaluation();
        var epochs = SharedOptions.Epochs();
        var cache = SharedOptions.Cache();
        var noCache = SharedOptions.NoCache();
        var json = SharedOptions.Json();
        var command = new Command("partition",
            "Choose cuts, a chip per stage and a compression option per cut with the CP-SAT integer program, fit the chosen " +
            "autoencoders, measure the plan under --metric, and write plan.json with the stages — beside the best plan without compression.")
        {
            model, hw, objective, floor, timeLimit, minGain, ratios, bits, output, calibration, evaluation, inputShape, epochs, cache, noCache, json,
        };
        foreach (var option in data.All) command.Options.Add(option);
        foreach (var option in metric.All) command.Options.Add(option);
        command.SetAction((result, cancellation) => Task.FromResult(io.Guard(() =>
        {
            if (result.GetValue(floor) is not null && result.GetValue(objective) == PartitionObjective.Throughput)
                throw new QuiltNetException("--throughput-floor", "applies to --objective energy or edp; with --objective throughput the solver already maximises throughput");
            var menu = new MenuGrid { Ratios = IntegerList.Parse("--ratios", result.GetValue(ratios)!), Bits = IntegerList.Parse("--bits", result.GetValue(bits)!) };
            BottleneckFitting.Validate(menu.Ratios, [menu.Stride], menu.Bits);
            var system = HardwareSelection.Resolve(result.GetValue(hw)!);
            var graph = OnnxGraph.Load(result.GetValue(model) ?? BundledExamples.DefaultModel);
            var splits = data.Splits(result, io, DataFlags.FirstInput(graph), result.GetValue(calibration), result.GetValue(evaluation));
            var (measure, budget) = metric.Resolve(result, labelled: splits.Evaluation.HasLabels);
            var context = PlanningContext.Load(graph, system, splits.Calibration, splits.Evaluation,
                SharedOptions.CacheOf(result, cache, noCache, io), SharedOptions.Bindings(result, inputShape), measure);
            var partition = new PartitionOptions
            {
                AccuracyBudgetPp = budget,
                Objective = result.GetValue(objective),
                ThroughputFloorPerSecond = result.GetValue(floor),
                TimeLimitSeconds = result.GetValue(timeLimit) ?? PartitionOptions.TimeLimitFor(context.Candidates.Count, system.Chips.Count),
                MinimumGainPercent = result.GetValue(minGain),
            };
            var settings = new PlanSettings { Partition = partition, Menu = menu, Training = new TrainingOptions { Epochs = result.GetValue(epochs) } };
            string folder = result.GetValue(output)!;

            if (result.GetValue(json))
            {
                io.Output.WriteLine(PlanFile.ToJson(PlanWriter.Write(context, PlanMaker.Make(context, settings, cancellationToken: cancellation), folder)));
                return 0;
            }
            var console = io.Console();
            MadePlan made = null!;
            console.Status().Start("solving", status => made = PlanMaker.Make(context, settings, new Progress<string>(step => status.Status(Markup.Escape(step))), cancellation));
            PlanTables.Write(console, PlanWriter.Write(context, made, folder), Path.Combine(folder, PlanFile.Name));
            return 0;
        }, cancellation)));
        return command;
    }
}

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
        var budget = new Option<double>("--max-accuracy-loss")
        {
            Description = "Top-1 accuracy the compression options may cost together, in percentage points (measured on the evaluation data).",
            DefaultValueFactory = _ => PartitionOptions.Default.AccuracyBudgetPp,
        };
        var objective = new Option<PartitionObjective>("--objective")
        {
            Description = "throughput (the slowest stage or link, then energy), energy (under --throughput-floor if given) or edp (energy × period).",
            DefaultValueFactory = _ => PartitionOptions.Default.Objective,
        };
        var floor = new Option<double?>("--throughput-floor") { Description = "Inferences per second every plan must reach (with --objective energy)." };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds the solver may take per solve; past it the best plan so far is kept, marked not proven optimal.", DefaultValueFactory = _ => PartitionOptions.Default.TimeLimitSeconds };
        var ratios = new Option<string>("--ratios") { Description = "Feature reductions measured at the cuts the solver wants.", DefaultValueFactory = _ => string.Join(',', new MenuGrid().Ratios) };
        var bits = new Option<string>("--bits") { Description = "Code precisions measured at the cuts the solver wants.", DefaultValueFactory = _ => string.Join(',', new MenuGrid().Bits) };
        var minGain = SharedOptions.MinGain();
        var output = new Option<string>("--out") { Description = "Folder for plan.json, the stage files (autoencoders fused) and baseline/ (the uncompressed plan's stages).", Required = true };
        var data = SharedOptions.Data();
        var calibration = SharedOptions.Calibration();
        var evaluation = SharedOptions.Evaluation();
        var epochs = SharedOptions.Epochs();
        var cache = SharedOptions.Cache();
        var noCache = SharedOptions.NoCache();
        var json = SharedOptions.Json();
        var command = new Command("partition",
            "Choose cuts, a chip per stage and a compression option per cut with the CP-SAT integer program, fit the chosen " +
            "autoencoders, measure the plan's accuracy, and write plan.json with the stages — beside the best plan without compression.")
        {
            model, hw, budget, objective, floor, timeLimit, minGain, ratios, bits, output, data, calibration, evaluation, epochs, cache, noCache, json,
        };
        command.SetAction(result => io.Guard(() =>
        {
            if (result.GetValue(floor) is not null && result.GetValue(objective) == PartitionObjective.Throughput)
                throw new QuiltNetException("--throughput-floor", "applies to --objective energy or edp; with --objective throughput the solver already maximises throughput");
            var partition = new PartitionOptions
            {
                AccuracyBudgetPp = result.GetValue(budget),
                Objective = result.GetValue(objective),
                ThroughputFloorPerSecond = result.GetValue(floor),
                TimeLimitSeconds = result.GetValue(timeLimit),
                MinimumGainPercent = result.GetValue(minGain),
            };
            var menu = new MenuGrid { Ratios = IntegerList.Parse("--ratios", result.GetValue(ratios)!), Bits = IntegerList.Parse("--bits", result.GetValue(bits)!) };
            BottleneckFitting.Validate(menu.Ratios, [menu.Stride], menu.Bits);
            var system = HardwareSelection.Resolve(result.GetValue(hw)!);
            var (calibrationImages, evaluationImages) = SharedOptions.Images(result, data, calibration, evaluation);
            var request = new PlanRequest(result.GetValue(model) ?? BundledExamples.DefaultModel, system, calibrationImages, evaluationImages, partition, menu,
                new TrainingOptions { Epochs = result.GetValue(epochs) }, SharedOptions.CacheOf(result, cache, noCache));
            string folder = result.GetValue(output)!;

            if (result.GetValue(json))
            {
                io.Output.WriteLine(PlanFile.ToJson(PlanMaker.Make(request, folder).Document));
                return 0;
            }
            var console = io.Console();
            DeploymentPlan plan = null!;
            console.Status().Start("solving", context => plan = PlanMaker.Make(request, folder, new Progress<string>(step => context.Status(Markup.Escape(step)))).Document);
            PlanTables.Write(console, plan, Path.Combine(folder, PlanFile.Name));
            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using QuiltNet.Cli.Output;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Hardware;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Cli.Commands;

public static class SimulateCommand
{
    public const string DefaultSystem = "fpga4-pcie3";

    public static Command Create(CommandIO io)
    {
        var model = new Option<string?>("--model") { Description = $"The ONNX model (default: the bundled {BundledExamples.DefaultModelFile})." };
        var hw = new Option<string>("--hw")
        {
            Description = "A system of the catalog (see 'quiltnet hw list'), or your own catalog file (my.json or my.json#system).",
            DefaultValueFactory = _ => DefaultSystem,
        };
        var cuts = new Option<string?>("--cuts") { Description = "Comma-separated cut positions (see 'quiltnet profile'); stage k runs on chip k." };
        var plan = new Option<string?>("--plan")
        {
            Description = "Recompute a written plan's figures from plan.json (or its folder): its model, cuts, chips and compression, " +
                "scored on the system it names (or --hw), beside the figures the plan records.",
        };
        var compression = new Option<string?>("--compression") { Description = "Shrink cuts' bytes by a factor: P1=8x,P2=4x (autoencoders themselves come with 'quiltnet compress')." };
        var timeline = new Option<string?>("--timeline") { Description = "Write the event simulation's timeline (Chrome trace JSON: chrome://tracing, Perfetto)." };
        var inputs = new Option<int>("--inputs") { Description = "Inputs streamed through the event simulation.", DefaultValueFactory = _ => 1000 };
        var inputShape = SharedOptions.InputShape();
        var batch = SharedOptions.Batch();
        var json = SharedOptions.Json();
        var command = new Command("simulate",
            "Score a partition on a multi-chip system with the cost model: per-stage and per-link times, memory " +
            "against capacity, steady-state throughput, latency and energy per inference, checked by an event simulation.")
        {
            model, hw, cuts, plan, compression, timeline, inputs, inputShape, batch, json,
        };
        command.SetAction(result => io.Guard(() =>
        {
            int streamed = result.GetValue(inputs);
            if (streamed < 2) throw new QuiltNetException("--inputs", $"must be at least 2, got {streamed}");
            DeploymentPlan? recorded = null;
            PipelineEstimate estimate;
            if (result.GetValue(plan) is { } planPath)
            {
                foreach (var (given, name) in new[] { (result.GetValue(cuts), "--cuts"), (result.GetValue(compression), "--compression"), (result.GetValue(model), "--model") })
                    if (given is not null) throw new QuiltNetException(name, "the plan says it; give either --plan or --cuts, --compression and --model");
                recorded = PlanFile.Read(planPath);
                var system = HardwareSelection.Resolve(result.GetResult(hw) is { Implicit: false } ? result.GetValue(hw)! : recorded.HardwareSystem);
                estimate = PlanSimulation.Estimate(recorded, planPath, system);
            }
            else
            {
                if (result.GetValue(cuts) is not { } cutList) throw new QuiltNetException("--cuts", "give the cut positions, or a written plan with --plan");
                var system = HardwareSelection.Resolve(result.GetValue(hw)!);
                var graph = OnnxGraph.Load(result.GetValue(model) ?? BundledExamples.DefaultModel);
                var profile = ModelProfiler.Profile(graph, SharedOptions.Bindings(result, inputShape, batch));
                var positions = IntegerList.Cuts(cutList);
                var layout = PipelineLayout.Sequential(positions, CompressionSpec.Parse(result.GetValue(compression), positions));
                estimate = PipelineSimulator.Estimate(new CostModel(profile), system, layout);
            }
            var events = DiscreteEventSimulator.Run(PipelineSimulator.Resources(estimate), streamed, keepTimeline: result.GetValue(timeline) is not null);
            if (result.GetValue(timeline) is { } file)
                AtomicOutput.WriteFile(file, stream => TimelineTraceWriter.Write(stream, events));

            if (result.GetValue(json)) JsonOutput.Write(io.Output, new SimulationReport(estimate, events.ThroughputPerSecond, streamed));
            else
            {
                var console = io.Console();
                SimulationTables.Write(console, estimate, events);
                if (recorded is not null) PlanTables.WriteRecomputed(console, recorded, estimate);
            }
            if (!estimate.Feasible)
                throw new QuiltNetException("--cuts", "infeasible: " + string.Join("; ", estimate.MemoryOverflows));
            return 0;
        }));
        return command;
    }
}

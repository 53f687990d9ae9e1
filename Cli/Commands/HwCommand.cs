using System.CommandLine;
using System.Globalization;
using QuiltNet.Cli.Output;
using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Calibration;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Hardware;
using QuiltNet.Optimizer.Reports;
using Spectre.Console;

namespace QuiltNet.Cli.Commands;

public static class HwCommand
{
    public static Command Create(CommandIO io) => new("hw", "The hardware catalog: chips, links and multi-chip systems, each figure with its unit and source.")
    {
        List(io), Show(io), Calibrate(io), Validate(io),
    };

    private static Option<string?> CatalogFile() => new("--hw")
    {
        Description = "A catalog file of your own (JSON, see HwCatalog/catalog.schema.json), layered over the built-in catalog.",
    };

    private static Command List(CommandIO io)
    {
        var file = CatalogFile();
        var json = SharedOptions.Json();
        var command = new Command("list", "List the systems, chips and links of the catalog.") { file, json };
        command.SetAction(result => io.Guard(() =>
        {
            var catalog = HardwareSelection.Catalog(result.GetValue(file));
            if (result.GetValue(json))
            {
                JsonOutput.Write(io.Output, new
                {
                    systems = catalog.Systems.Select(HardwareJson.System),
                    chips = catalog.Chips,
                    links = catalog.Links,
                });
                return 0;
            }
            HardwareTables.List(io.Console(), catalog);
            return 0;
        }));
        return command;
    }

    private static Command Show(CommandIO io)
    {
        var name = new Argument<string>("name") { Description = "A system, chip or link name." };
        var file = CatalogFile();
        var json = SharedOptions.Json();
        var command = new Command("show", "Show every figure of one system, chip or link, with its quality (verified, approximate, derived, measured) and source.") { name, file, json };
        command.SetAction(result => io.Guard(() =>
        {
            var catalog = HardwareSelection.Catalog(result.GetValue(file));
            string wanted = result.GetValue(name)!;
            object entry = (object?)catalog.Systems.FirstOrDefault(s => Same(s.Name, wanted))
                ?? (object?)catalog.Chips.FirstOrDefault(c => Same(c.Name, wanted))
                ?? (object?)catalog.Links.FirstOrDefault(l => Same(l.Name, wanted))
                ?? throw new QuiltNetException(wanted, $"no system, chip or link of that name; systems: {string.Join(", ", catalog.Systems.Select(s => s.Name))}");
            if (result.GetValue(json)) JsonOutput.Write(io.Output, entry is HwSystem s ? HardwareJson.System(s) : entry);
            else HardwareTables.Show(io.Console(), entry);
            return 0;
        }));
        return command;
    }

    private static Command Calibrate(CommandIO io)
    {
        var output = new Option<string?>("--out")
        {
            Description = $"Where to store the cpu-local catalog (default: {HardwareSelection.CalibrationFile}, which every command then uses).",
        };
        var command = new Command("calibrate",
            "Measure this machine's cores through ONNX Runtime with micro-benchmarks of its own (MAC rate by operator class and shape, " +
            "vector and copy rates, per-operator dispatch, cache, memory bandwidth, hand-off latency) and store them as the cpu-local system.") { output };
        command.SetAction(result => io.Guard(() =>
        {
            var (m, file) = HardwareSelection.Calibrate(result.GetValue(output));
            var invariant = CultureInfo.InvariantCulture;
            io.Output.WriteLine(string.Create(invariant, $"{m.Cores} cores of {m.Processor}"));
            io.Output.WriteLine(string.Create(invariant, $"MAC rate per core:       {m.MacsPerSecond / 1e9:0.00} GMAC/s"));
            io.Output.WriteLine(string.Create(invariant, $"memory bandwidth:        {m.MemoryBandwidthBytesPerSecond / 1e9:0.00} GB/s"));
            io.Output.WriteLine(string.Create(invariant, $"hand-off latency:        {m.CopyLatencySeconds * 1e6:0.0} µs"));
            io.Output.WriteLine(string.Create(invariant, $"cache per core:          {HumanUnits.Bytes(m.CacheBytesPerCore)}"));
            if (m.Operators is { } table)
            {
                io.Output.WriteLine(string.Create(invariant, $"dispatch per operator:   {table.DispatchSeconds.Value * 1e6:0.00} µs; per stage run {table.RunOverheadSeconds.Value * 1e6:0.00} µs"));
                io.Output.WriteLine(string.Create(invariant, $"vector rate:             {table.VectorFlopsPerSecond.Value / 1e9:0.00} GFLOP/s; copy {table.CopyBytesPerSecond.Value / 1e9:0.00} GB/s"));
                foreach (var group in table.MacRates.GroupBy(p => p.Class))
                    io.Output.WriteLine(string.Create(invariant, $"{group.Key,-24} {group.Min(p => p.MacsPerSecond) / 1e9:0.0}-{group.Max(p => p.MacsPerSecond) / 1e9:0.0} GMAC/s over {group.Count()} shapes"));
            }
            io.Output.WriteLine($"stored: {file}");
            return 0;
        }));
        return command;
    }

    private static Command Validate(CommandIO io)
    {
        var model = new Option<string>("--model") { Description = "The ONNX model to split and run.", Required = true };
        var cuts = new Option<string?>("--cuts") { Description = "One split at these cut positions (see 'quiltnet profile')." };
        var stages = new Option<int?>("--stages") { Description = "One split into this many stages of even predicted time (default: 2 and 4)." };
        var hw = new Option<string>("--hw")
        {
            Description = "The system whose chips predict the stages (stage k on chip k); cpu-local is this machine.",
            DefaultValueFactory = _ => CpuCatalogWriter.SystemName,
        };
        var seconds = new Option<double>("--seconds") { Description = "About how long to run each stage.", DefaultValueFactory = _ => 1 };
        var inputShape = SharedOptions.InputShape();
        var batch = SharedOptions.Batch();
        var data = new DataFlags("Samples whose shape binds the model's dynamic dimensions, so the stages are timed at the size they will run at (timing does not depend on the values). Data");
        var json = SharedOptions.Json();
        var command = new Command("validate",
            "Check the cost model on this machine: split the model, run every stage with ONNX Runtime (one thread, batch 1, median of " +
            "repeated runs) and print predicted against measured time per stage, the median absolute error and the Spearman correlation.")
        {
            model, cuts, stages, hw, seconds, inputShape, batch, json,
        };
        foreach (var option in data.All) command.Options.Add(option);
        command.SetAction(result => io.Guard(() =>
        {
            if (result.GetValue(cuts) is not null && result.GetValue(stages) is not null)
                throw new QuiltNetException("--stages", "give either --cuts or --stages, not both");
            if (result.GetValue(stages) is < 1) throw new QuiltNetException("--stages", $"must be at least 1, got {result.GetValue(stages)}");
            if (result.GetValue(seconds) is not (> 0 and <= 600)) throw new QuiltNetException("--seconds", $"must be more than 0 and at most 600, got {result.GetValue(seconds)}");
            var system = HardwareSelection.Resolve(result.GetValue(hw)!);
            var graph = OnnxGraph.Load(result.GetValue(model)!);
            var bindings = SharedOptions.Bindings(result, inputShape, batch);
            if (result.GetValue(data.Data) is { } source)
                bindings = DataShapes.Bind(graph, data.One(source, result, DataFlags.FirstInput(graph), 1), bindings);
            var shapes = TensorShapeInference.Infer(graph, bindings);
            var cost = new CostModel(ModelProfiler.Profile(graph, shapes));
            int most = cost.Profile.Cuts.Count + 1;
            IReadOnlyList<IReadOnlyList<int>> splits = result.GetValue(cuts) is { } text ? [IntegerList.Cuts(text)]
                : result.GetValue(stages) is { } n ? [n <= most ? StageValidator.BalancedCuts(cost, system.Chips[0], n) : throw new QuiltNetException("--stages", $"the model has {cost.Profile.Cuts.Count} candidate cuts, so at most {most} stages")]
                : new[] { 2, 4 }.Where(n => n <= most).Select(n => StageValidator.BalancedCuts(cost, system.Chips[0], n)).ToList();
            var candidates = cost.Profile.Cuts.Select(c => c.Position).ToHashSet();
            foreach (int cut in splits.SelectMany(c => c).Where(c => !candidates.Contains(c)))
                throw new QuiltNetException("--cuts", $"position {cut} is not a candidate cut of {Path.GetFileName(cost.Profile.Model)} (see 'quiltnet profile')");
            var report = StageValidator.Run(graph, shapes, system, splits, result.GetValue(seconds));
            if (result.GetValue(json)) JsonOutput.Write(io.Output, report);
            else HardwareTables.Validation(io.Console(), report);
            return 0;
        }));
        return command;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

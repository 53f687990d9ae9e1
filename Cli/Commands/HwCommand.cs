using QuiltNet.Optimizer.Reports;
using System.CommandLine;
using System.Globalization;
using QuiltNet.Cli.Output;
using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Hardware;
using Spectre.Console;

namespace QuiltNet.Cli.Commands;

public static class HwCommand
{
    public static Command Create(CommandIO io) => new("hw", "The hardware catalog: chips, links and multi-chip systems, each figure with its unit and source.")
    {
        List(io), Show(io), Calibrate(io),
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
        var command = new Command("calibrate", "Measure this machine's cores through ONNX Runtime (convolution MAC rate, memory bandwidth, hand-off latency) and store them as the cpu-local system.") { output };
        command.SetAction(result => io.Guard(() =>
        {
            var (m, file) = HardwareSelection.Calibrate(result.GetValue(output));
            var invariant = CultureInfo.InvariantCulture;
            io.Output.WriteLine(string.Create(invariant, $"{m.Cores} cores of {m.Processor}"));
            io.Output.WriteLine(string.Create(invariant, $"MAC rate per core:       {m.MacsPerSecond / 1e9:0.00} GMAC/s"));
            io.Output.WriteLine(string.Create(invariant, $"memory bandwidth:        {m.MemoryBandwidthBytesPerSecond / 1e9:0.00} GB/s"));
            io.Output.WriteLine(string.Create(invariant, $"hand-off latency:        {m.CopyLatencySeconds * 1e6:0.0} µs"));
            io.Output.WriteLine(string.Create(invariant, $"cache per core:          {HumanUnits.Bytes(m.CacheBytesPerCore)}"));
            io.Output.WriteLine($"stored: {file}");
            return 0;
        }));
        return command;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

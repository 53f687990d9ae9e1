using System.Globalization;
using QuiltNet.Optimizer.Reports;
using QuiltNet.Optimizer.Simulation;
using Spectre.Console;

namespace QuiltNet.Cli.Output;

/// <summary>Console tables for a simulated pipeline.</summary>
public static class SimulationTables
{
    public static void Write(IAnsiConsole console, PipelineEstimate estimate, DiscreteEventResult events)
    {
        console.WriteLine($"Model {estimate.Model} on {estimate.System}");
        var stages = new Table().Title("Stages").AddColumns("stage", "chip", "nodes");
        foreach (string right in new[] { "MACs", "time", "memory used / capacity", "weights in SRAM", "off-chip B/inference", "utilisation" })
            stages.AddColumn(new TableColumn(right).RightAligned());
        foreach (var s in estimate.Stages)
            stages.AddRow(s.Index.ToString(CultureInfo.InvariantCulture), Markup.Escape($"{s.ChipId} ({s.Chip.Name})"), $"{s.Start}..{s.End - 1}",
                HumanUnits.Count(s.Macs), HardwareTables.Seconds(s.TimeSeconds),
                $"{HumanUnits.Bytes((long)s.MemoryUsedBytes)} / {HumanUnits.Bytes((long)s.MemoryCapacityBytes)}{(s.Fits ? "" : " OVER")}",
                $"{HumanUnits.Bytes((long)s.ResidentWeightBytes)} of {HumanUnits.Bytes((long)s.WeightBytes)}",
                HumanUnits.Bytes((long)s.OffChipBytesPerInference), (s.TimeSeconds / estimate.PeriodSeconds).ToString("P0", CultureInfo.InvariantCulture));
        console.Write(stages);

        var links = new Table().Title("Links").AddColumns("from", "to", "route");
        foreach (string right in new[] { "hops", "bytes", "compression", "time", "energy" })
            links.AddColumn(new TableColumn(right).RightAligned());
        foreach (var l in estimate.Links)
            links.AddRow(Markup.Escape(l.From), Markup.Escape(l.To), Markup.Escape(l.Links), l.Hops.ToString(CultureInfo.InvariantCulture),
                HumanUnits.Bytes((long)Math.Round(l.Bytes)), l.CompressionFactor.ToString("0.##", CultureInfo.InvariantCulture) + "×",
                HardwareTables.Seconds(l.TimeSeconds), HumanUnits.Energy(l.EnergyJoules));
        console.Write(links);

        var invariant = CultureInfo.InvariantCulture;
        console.WriteLine(string.Create(invariant, $"Throughput: {estimate.ThroughputPerSecond:N1} inferences/s (bottleneck: {estimate.Bottleneck})"));
        console.WriteLine(string.Create(invariant, $"Event simulation of {events.Inputs} inputs: {events.ThroughputPerSecond:N1} inferences/s"));
        console.WriteLine($"Latency:    {HardwareTables.Seconds(estimate.LatencySeconds)}");
        console.WriteLine($"Energy:     {HumanUnits.Energy(estimate.EnergyJoulesPerInference)} per inference");
    }
}

using System.Globalization;
using QuiltNet.Optimizer.Reports;
using QuiltNet.Runtime;
using Spectre.Console;

namespace QuiltNet.Cli.Output;

/// <summary>Console summary and tables for a pipelined run.</summary>
public static class RuntimeTables
{
    public static void Write(IAnsiConsole console, RuntimeReport report)
    {
        var invariant = CultureInfo.InvariantCulture;
        string link = report.Workers is { } workers ? $"across workers {string.Join(", ", workers)}"
            : report.Link is { } l ? $"emulated link {Gigabits(l.BandwidthBytesPerSecond)} + {HardwareTables.Seconds(l.LatencySeconds)} per transfer"
            : "no link emulation";
        console.WriteLine(string.Create(invariant,
            $"{report.Stages.Count} stages, {report.Inputs} inputs, batch {report.Batch}, {report.ThreadsPerStage} thread(s) per stage, {link}"));

        var stages = new Table().Title("Stages").AddColumn("stage");
        foreach (string right in new[] { "busy", "utilisation" })
            stages.AddColumn(new TableColumn(right).RightAligned());
        foreach (var s in report.Stages)
            stages.AddRow(Markup.Escape(s.Stage), HardwareTables.Seconds(s.BusySeconds), s.Utilization.ToString("P0", invariant));
        console.Write(stages);

        if (report.Links.Count > 0)
        {
            var links = new Table().Title("Links").AddColumns("from", "to");
            bool measured = report.Workers is not null;
            foreach (string right in measured ? new[] { "bytes", "bytes/input", "busy", "utilisation", "measured" } : ["bytes", "bytes/input", "busy", "utilisation"])
                links.AddColumn(new TableColumn(right).RightAligned());
            foreach (var t in report.Links)
            {
                var cells = new List<string>
                {
                    Markup.Escape(t.From), Markup.Escape(t.To), HumanUnits.Bytes(t.Bytes), HumanUnits.Bytes((long)Math.Round(t.BytesPerInput)),
                    t.BusySeconds is { } busy ? HardwareTables.Seconds(busy) : "-",
                    t.BusySeconds is { } b ? (b / report.WallSeconds).ToString("P0", invariant) : "-",
                };
                if (measured) cells.Add(t.MeasuredBytesPerSecond is { } rate ? Gigabits(rate) : "-");
                links.AddRow(cells.ToArray());
            }
            console.Write(links);
        }

        console.WriteLine(report.Accuracy is { } accuracy ? string.Create(invariant, $"Accuracy:   {accuracy:P2} (top-1)") : "Accuracy:   - (unlabelled data)");
        console.WriteLine(string.Create(invariant, $"Throughput: {report.ThroughputPerSecond:N1} inferences/s over {HardwareTables.Seconds(report.WallSeconds)}"));
        console.WriteLine($"Latency:    p50 {HardwareTables.Seconds(report.LatencyP50Seconds)}, p99 {HardwareTables.Seconds(report.LatencyP99Seconds)}");
    }

    private static string Gigabits(double? bytesPerSecond) => bytesPerSecond is { } rate
        ? (rate * 8 / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + " Gb/s"
        : "unlimited bandwidth";
}

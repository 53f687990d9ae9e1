using System.Globalization;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Reports;
using Spectre.Console;
using Link = QuiltNet.HwCatalog.Link;

namespace QuiltNet.Cli.Output;

/// <summary>Console tables for the hardware catalog.</summary>
public static class HardwareTables
{
    public static void List(IAnsiConsole console, HardwareCatalog catalog)
    {
        var systems = new Table().Title("Systems").AddColumns("name", "chips", "topology", "host link", "description");
        foreach (var s in catalog.Systems)
            systems.AddRow(Markup.Escape(s.Name), Markup.Escape(ChipSummary(s)), s.Topology.Kind.ToString(), Markup.Escape(s.HostLink.Name), Markup.Escape(s.Description));
        console.Write(systems);

        var chips = new Table().Title("Chips").AddColumns("name", "kind", "peak", "util.", "SRAM", "DRAM", "DRAM bandwidth", "pJ/MAC", "static W", "source");
        foreach (var c in catalog.Chips)
            chips.AddRow(Markup.Escape(c.Name), c.Kind.ToString(), Rate(c.PeakMacsPerSecond.Value, "MAC/s"), F(c.Utilization.Value, "0.00"),
                HumanUnits.Bytes((long)c.SramBytes.Value), HumanUnits.Bytes((long)c.DramBytes.Value), Rate(c.DramBandwidthBytesPerSecond.Value, "B/s"),
                F(c.MacEnergyPicojoules.Value, "0.###"), F(c.StaticPowerWatts.Value, "0.###"), Markup.Escape(c.Source));
        console.Write(chips);

        var links = new Table().Title("Links").AddColumns("name", "bandwidth", "latency/hop", "pJ/bit", "static W", "source");
        foreach (var l in catalog.Links)
            links.AddRow(Markup.Escape(l.Name), Rate(l.BandwidthBytesPerSecond.Value, "B/s"), Seconds(l.LatencySecondsPerHop.Value),
                F(l.EnergyPicojoulesPerBit.Value, "0.###"), F(l.StaticPowerWatts.Value, "0.###"), Markup.Escape(l.Source));
        console.Write(links);
    }

    public static void Show(IAnsiConsole console, object entry)
    {
        switch (entry)
        {
            case HwSystem s:
                console.WriteLine($"System {s.Name}: {s.Description}");
                console.WriteLine($"Topology: {s.Topology.Kind}; host link: {s.HostLink.Name}");
                var chips = new Table().AddColumns("id", "chip", "kind");
                foreach (var c in s.Chips) chips.AddRow(Markup.Escape(c.Id), Markup.Escape(c.Chip.Name), c.Chip.Kind.ToString());
                console.Write(chips);
                var connections = new Table().AddColumns("from", "to", "link");
                foreach (var c in s.Connections) connections.AddRow(Markup.Escape(s.Chips[c.From].Id), Markup.Escape(s.Chips[c.To].Id), Markup.Escape(c.Link.Name));
                console.Write(connections);
                break;
            case Chip c:
                console.WriteLine($"Chip {c.Name} ({c.Kind}): {c.Description}");
                console.WriteLine($"Source: {c.Source}");
                console.Write(Figures(
                    ("peakMacsPerSecond", c.PeakMacsPerSecond), ("activationBytesPerElement", c.ActivationBytesPerElement),
                    ("weightBytesPerElement", c.WeightBytesPerElement), ("utilization", c.Utilization), ("sramBytes", c.SramBytes),
                    ("dramBytes", c.DramBytes), ("dramBandwidthBytesPerSecond", c.DramBandwidthBytesPerSecond),
                    ("macEnergyPicojoules", c.MacEnergyPicojoules), ("sramEnergyPicojoulesPerByte", c.SramEnergyPicojoulesPerByte),
                    ("dramEnergyPicojoulesPerByte", c.DramEnergyPicojoulesPerByte), ("staticPowerWatts", c.StaticPowerWatts)));
                Power(console, c);
                if (c.Calibration is { } calibration) Calibration(console, calibration);
                break;
            case Link l:
                console.WriteLine($"Link {l.Name}: {l.Description}");
                console.WriteLine($"Source: {l.Source}");
                console.Write(Figures(("bandwidthBytesPerSecond", l.BandwidthBytesPerSecond), ("latencySecondsPerHop", l.LatencySecondsPerHop),
                    ("energyPicojoulesPerBit", l.EnergyPicojoulesPerBit), ("staticPowerWatts", l.StaticPowerWatts), ("messageOverheadSeconds", l.MessageOverheadSeconds)));
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Power: static {l.StaticPowerWatts.Value:0.###} W while up ({Quality(l.StaticPowerWatts)}); dynamic {l.EnergyPicojoulesPerBit.Value:0.###} pJ/b, {l.EnergyPicojoulesPerBit.Value * 8e-12 * l.BandwidthBytesPerSecond.Value:0.###} W at full bandwidth ({Quality(l.EnergyPicojoulesPerBit)})"));
                break;
        }
    }

    /// <summary>Predicted against measured time per stage, then the median absolute error and the rank correlation.</summary>
    public static void Validation(IAnsiConsole console, QuiltNet.Optimizer.Calibration.ValidationReport report)
    {
        var table = new Table().Title($"{Markup.Escape(report.Model)} on {Markup.Escape(report.System)}").AddColumns("split", "stage", "nodes", "chip", "predicted", "measured", "error", "fast run");
        foreach (var s in report.Stages)
            table.AddRow($"{s.Stages} stages", s.Index.ToString(CultureInfo.InvariantCulture), $"{s.Start}-{s.End}", Markup.Escape(s.Chip),
                Seconds(s.PredictedSeconds), Seconds(s.MeasuredSeconds), F(s.ErrorPercent, "+0.0;-0.0") + " %", Seconds(s.FastSeconds));
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median absolute error {report.MedianAbsoluteErrorPercent:0.0} %, Spearman {report.Spearman:0.000} over {report.Stages.Count} stages"));
    }

    // Energy per inference = static power x period + dynamic energy per MAC and byte: both parts, with their provenance.
    private static void Power(IAnsiConsole console, Chip c)
    {
        double dynamicWatts = c.MacEnergyPicojoules.Value * 1e-12 * c.EffectiveMacsPerSecond;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Power: static {c.StaticPowerWatts.Value:0.###} W while powered ({Quality(c.StaticPowerWatts)}: {c.StaticPowerWatts.Note})"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"       dynamic {c.MacEnergyPicojoules.Value:0.###} pJ/MAC, {dynamicWatts:0.###} W at {Rate(c.EffectiveMacsPerSecond, "MAC/s")} ({Quality(c.MacEnergyPicojoules)}: {c.MacEnergyPicojoules.Note}); plus {c.SramEnergyPicojoulesPerByte.Value:0.###} pJ/B on chip, {c.DramEnergyPicojoulesPerByte.Value:0.###} pJ/B off chip"));
    }

    private static void Calibration(IAnsiConsole console, OperatorCalibration table)
    {
        console.WriteLine($"Calibration: {table.Source}");
        console.Write(Figures(("dispatchSeconds", table.DispatchSeconds), ("runOverheadSeconds", table.RunOverheadSeconds),
            ("vectorFlopsPerSecond", table.VectorFlopsPerSecond), ("copyBytesPerSecond", table.CopyBytesPerSecond)));
        var rates = new Table().AddColumns("class", "MACs per output", "output elements", "MAC rate");
        foreach (var p in table.MacRates)
            rates.AddRow(p.Class.ToString(), p.ReductionDepth.ToString(CultureInfo.InvariantCulture), p.OutputElements.ToString(CultureInfo.InvariantCulture), Rate(p.MacsPerSecond, "MAC/s"));
        console.Write(rates);
    }

    private static string Quality(Figure figure) => figure.Quality.ToString().ToLowerInvariant();

    private static Table Figures(params (string Name, Figure Figure)[] figures)
    {
        var table = new Table().AddColumns("figure", "value", "quality", "note");
        foreach (var (name, figure) in figures)
            table.AddRow(name, figure.Value.ToString("G4", CultureInfo.InvariantCulture), figure.Quality.ToString().ToLowerInvariant(), Markup.Escape(figure.Note ?? ""));
        return table;
    }

    private static string ChipSummary(HwSystem s) =>
        string.Join(" + ", s.Chips.GroupBy(c => c.Chip.Name).Select(g => $"{g.Count()}× {g.Key}"));

    public static string Rate(double value, string unit) => value switch
    {
        >= 1e12 => F(value / 1e12, "0.##") + " T" + unit,
        >= 1e9 => F(value / 1e9, "0.##") + " G" + unit,
        >= 1e6 => F(value / 1e6, "0.##") + " M" + unit,
        _ => F(value, "0.##") + " " + unit,
    };

    public static string Seconds(double value) => HumanUnits.Seconds(value);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json.Nodes;
using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Calibration;
using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Bench;

/// <summary>
/// The cost model against reality on <c>cpu-local</c>: the machine is calibrated first (micro-benchmarks only, never
/// the models below), then every model in the folders is cut into 2 and 4 stages of even predicted time and each
/// stage's predicted time on one core is set beside its time measured with ONNX Runtime on one thread (median of
/// repeated batch-1 runs, <see cref="StageValidator"/>). The roofline of the same calibration without its operator
/// table (peak MAC rate, level-2 cache only) is the baseline. Reports per-stage error, the median absolute error and
/// Spearman's rank correlation, per model and over all stages.
/// </summary>
internal static class SimulatorAccuracy
{
    public static int Run(string output, IReadOnlyList<string> folders)
    {
        string loadBefore = LoadAverage();
        var measurement = CpuCalibrator.Measure();
        string json = CpuCatalogWriter.ToJson(measurement);
        var system = HardwareCatalog.FromJson(json, "calibration").System(CpuCatalogWriter.SystemName);
        var roofline = JsonNode.Parse(json)!;
        roofline["chips"]![0]!.AsObject().Remove("calibration");
        roofline["chips"]![0]!["sramBytes"] = 1 << 20;
        var baseline = HardwareCatalog.FromJson(roofline.ToJsonString(), "roofline").System(CpuCatalogWriter.SystemName);

        var rows = new List<(string Model, StageCheck Check, double Roofline)>();
        foreach (string model in folders.SelectMany(f => Directory.GetFiles(f, "*.onnx").Order(StringComparer.Ordinal)))
        {
            Console.Error.WriteLine($"{Path.GetFileName(model)}...");
            var graph = OnnxGraph.Load(model);
            var shapes = TensorShapeInference.Infer(graph, ShapeBindings.Parse([], 1));
            var cost = new CostModel(ModelProfiler.Profile(graph, shapes));
            var splits = new[] { 2, 4 }.Select(n => StageValidator.BalancedCuts(cost, system.Chips[0], n)).ToList();
            var report = StageValidator.Run(graph, shapes, system, splits);
            rows.AddRange(report.Stages.Select(s => (Path.GetFileNameWithoutExtension(model), s, cost.Stage(s.Index, baseline.Chips[0], s.Start, s.End).TimeSeconds)));
        }

        string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        var table = measurement.Operators!;
        var all = rows.Select(r => r.Check).ToList();
        var (median, spearman) = ValidationReport.Summarise(all);
        var (rooflineMedian, rooflineSpearman) = ValidationReport.Summarise(rows.Select(r => r.Check with { PredictedSeconds = r.Roofline }).ToList());
        var (fastMedian, fastSpearman) = ValidationReport.Summarise(rows.Select(r => r.Check with { MeasuredSeconds = r.Check.FastSeconds }).ToList());
        var body = new List<string>
        {
            RealTime()
                ? $"Run at real-time priority (`chrt -f`, SCHED_FIFO), so other work on the machine (load average over 1, 5 and 15 minutes: {loadBefore} at the start, {LoadAverage()} at the end) could not preempt the timed thread."
                : $"Other work shared the machine (load average over 1, 5 and 15 minutes: {loadBefore} at the start, {LoadAverage()} at the end): the times are noisy; `chrt -f 50` before the command keeps it from preempting the timed thread.",
            "",
            $"Calibrated at the start of this run (`hw calibrate`'s micro-benchmarks only; none of the models below ran): {measurement.Processor}, " +
            $"{table.MacRates.Count} MAC-rate shapes over {table.MacRates.Select(p => p.Class).Distinct().Count()} operator classes " +
            $"({F(table.MacRates.Min(p => p.MacsPerSecond) / 1e9, "0.0")}–{F(table.MacRates.Max(p => p.MacsPerSecond) / 1e9, "0.0")} GMAC/s), " +
            $"dispatch {F(table.DispatchSeconds.Value * 1e6, "0.00")} µs per operator and {F(table.RunOverheadSeconds.Value * 1e6, "0.00")} µs per run, " +
            $"vector {F(table.VectorFlopsPerSecond.Value / 1e9, "0.00")} GFLOP/s, copy {F(table.CopyBytesPerSecond.Value / 1e9, "0.00")} GB/s, " +
            $"on-chip memory {F(measurement.CacheBytesPerCore / 1048576.0, "0.#")} MiB, peak (64→64 3×3 conv) {F(measurement.MacsPerSecond / 1e9, "0.0")} GMAC/s.",
            "",
            $"Each model split into 2 and 4 stages of even predicted time; each stage extracted with QuiltNet and run on one ONNX Runtime thread at batch 1, median of repeated runs (about 1 s per stage) after warm-up. " +
            "Roofline: the previous model (MACs / peak, weights beyond the 1 MiB level-2 cache from DRAM, non-MAC operators free) with the same calibration's peak.",
            "",
            $"**All {all.Count} stages: median absolute error {F(median, "0.0")} %, Spearman {F(spearman, "0.000")}** " +
            $"(roofline baseline: {F(rooflineMedian, "0.0")} %, {F(rooflineSpearman, "0.000")}). Target: ≤ 15 %, ≥ 0.95. " +
            $"Against each stage's 10th-percentile time (a run the scheduler did not interrupt, as calibration times its micro-benchmarks): {F(fastMedian, "0.0")} %, {F(fastSpearman, "0.000")}.",
            "",
            Markdown.Row("model", "stages", "median |error|", "Spearman", "roofline median |error|"),
            Markdown.Row("---", "---:", "---:", "---:", "---:"),
        };
        foreach (var group in rows.GroupBy(r => r.Model))
        {
            var (m, s) = ValidationReport.Summarise(group.Select(r => r.Check).ToList());
            var (rm, _) = ValidationReport.Summarise(group.Select(r => r.Check with { PredictedSeconds = r.Roofline }).ToList());
            body.Add(Markdown.Row(group.Key, group.Count(), F(m, "0.0") + " %", F(s, "0.000"), F(rm, "0.0") + " %"));
        }
        body.Add("");
        body.Add(Markdown.Row("model", "split", "stage", "nodes", "predicted µs", "measured µs (median)", "error", "10th percentile µs", "roofline µs"));
        body.Add(Markdown.Row("---", "---:", "---:", "---", "---:", "---:", "---:", "---:", "---:"));
        body.AddRange(rows.Select(r => Markdown.Row(r.Model, $"{r.Check.Stages} stages", r.Check.Index, $"{r.Check.Start}–{r.Check.End}",
            F(r.Check.PredictedSeconds * 1e6, "0.0"), F(r.Check.MeasuredSeconds * 1e6, "0.0"), F(r.Check.ErrorPercent, "+0;-0") + " %",
            F(r.Check.FastSeconds * 1e6, "0.0"), F(r.Roofline * 1e6, "0.0"))));
        Markdown.Write(output, "Cost model against measured stage times on cpu-local",
            $"{(RealTime() ? "chrt -f 50 " : "")}dotnet run -c Release --project bench/QuiltNet.Bench -- simulator-accuracy {output} {string.Join(' ', folders)}", body);
        return 0;
    }

    // Field 41 of /proc/self/stat is the scheduling policy: 1 is SCHED_FIFO, 2 SCHED_RR. The command name (field 2) is
    // in parentheses and may hold spaces, so the fields are counted after its closing one.
    private static bool RealTime()
    {
        if (!File.Exists("/proc/self/stat")) return false;
        string stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 38 && fields[38] is "1" or "2";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "not readable";
}

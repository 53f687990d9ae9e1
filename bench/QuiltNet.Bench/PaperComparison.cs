using System.Globalization;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Hardware;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Bench;

/// <summary>
/// The paper's comparison on every example model × every built-in multi-chip system: the best plan
/// without compression (the baseline) against the QuiltNet plan, same solver, same cost model, accuracy of
/// both measured on the evaluation data. The paper's figures (+30.5 % throughput, +28.4 % energy
/// efficiency) are the bar on systems whose links limit the baseline.
/// </summary>
internal static class PaperComparison
{
    private const double PaperThroughput = 1.305, PaperEnergy = 1.284;

    /// <summary>Four options per cut (1/4 and 1/8 of the features at 8 and 4 bits): what a link-bound plan wants, at a third of the default menu's training.</summary>
    private static readonly MenuGrid Menu = new() { Ratios = [4, 8], Bits = [8, 4] };

    /// <param name="only">Comma-separated system names to run instead of all (to complete a stopped run).</param>
    public static int Run(string repository, string data, string? output, string? only = null)
    {
        var calibration = SampleSet.Load(data, SampleSet.Calibration, 2000);
        var evaluation = SampleSet.Load(data, SampleSet.Evaluation);
        // The example systems (examples/hw) first: their slow links are where compression should pay.
        var systems = Directory.GetFiles(Path.Combine(repository, "examples", "hw"), "*.json").Order(StringComparer.Ordinal).Select(HardwareSelection.Resolve)
            .Concat(HardwareCatalog.BuiltIn.Systems.Where(s => s.Chips.Count > 1 && s.Name != "cpu-local"))
            .Where(s => only is null || only.Split(',', StringSplitOptions.TrimEntries).Contains(s.Name)).ToList();
        string[] models = ["fmnist_vgg", "fmnist_resnet", "fmnist_mobilenet", "fmnist_vit"];
        var rows = new List<string>();
        int beaten = 0, linkLimited = 0, headroom = 0, throughputBeaten = 0, worse = 0, failed = 0;
        foreach (var system in systems)
            foreach (string model in models)
            {
                string modelFile = Path.Combine(repository, "examples", "models", model + ".onnx");
                var partition = new PartitionOptions { AccuracyBudgetPp = 1.0, TimeLimitSeconds = 60 };
                string folder = Path.Combine(Path.GetTempPath(), "quiltnet-paper-comparison", $"{model}-{system.Name}");
                var settings = new PlanSettings { Partition = partition, Menu = Menu };
                Console.Error.WriteLine($"{model} on {system.Name}...");
                DeploymentPlan plan;
                double ceilingThroughput, ceilingEnergy;
                try
                {
                    (ceilingThroughput, ceilingEnergy) = FreeLinkCeiling(modelFile, system, partition);
                    var context = PlanningContext.Load(modelFile, system, calibration, evaluation, AutoencoderCache.Default());
                    plan = PlanWriter.Write(context, PlanMaker.Make(context, settings), folder);
                }
                catch (Exception e) when (e is QuiltNetException or ArgumentException)
                {
                    // A row the solver cannot settle within its limit is reported, and the run goes on.
                    failed++;
                    rows.Add(Markdown.Row($"`{model}`", system.Name, "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", Markdown.Escape(e.Message), "—"));
                    Write();
                    continue;
                }
                var b = plan.Baseline;
                bool limited = ceilingThroughput > 1 + 1e-9;
                bool withinBudget = plan.Improvement.AccuracyDeltaPp!.Value >= -1;
                bool beats = plan.Improvement.Throughput > PaperThroughput && plan.Improvement.Energy > PaperEnergy && withinBudget;
                if (limited) linkLimited++;
                if (limited && beats) beaten++;
                if (ceilingThroughput > PaperThroughput)
                {
                    headroom++;
                    if (plan.Improvement.Throughput > PaperThroughput && withinBudget) throughputBeaten++;
                }
                if (plan.Improvement.Throughput < 1 - 1e-9) worse++;
                rows.Add(Markdown.Row($"`{model}`", system.Name, Markdown.Escape(b.Bottleneck),
                    F(b.ThroughputPerSecond, "N0"), F(plan.ThroughputPerSecond, "N0"), F(plan.Improvement.Throughput, "0.00") + "×", F(ceilingThroughput, "0.00") + "×",
                    F(b.EnergyJoulesPerInference * 1e6, "0.0") + " µJ", F(plan.EnergyJoulesPerInference * 1e6, "0.0") + " µJ", F(plan.Improvement.Energy, "0.00") + "×", F(ceilingEnergy, "0.00") + "×",
                    F(100 * b.Accuracy!.Value, "0.00") + " %", F(100 * plan.Accuracy!.Value, "0.00") + " %", F(plan.Improvement.AccuracyDeltaPp!.Value, "+0.00;-0.00;0.00"),
                    string.Join(", ", plan.Cuts.Where(c => c.Option is not null).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Position}: 1/{c.Option!.Ratio} @ {c.Option.Bits} b"))) is { Length: > 0 } s ? s : "—",
                    plan.ProvenOptimal ? "yes" : "no"));
                Write(); // after every row: a long run that stops early still leaves what it measured
            }
        Write();
        return worse == 0 && failed == 0 ? 0 : 2;

        void Write()
        {
            Markdown.Write(output, "QuiltNet against the paper's baseline",
                $"dotnet run -c Release --project bench/QuiltNet.Bench -- paper-comparison . {data} bench/paper-comparison.md{(only is null ? "" : " " + only)}",
                [
                    "Every example model on the example systems of `examples/hw` and every built-in multi-chip system. **Baseline**: the best partition the same CP-SAT partitioner finds with compression " +
                    "disabled (the paper's baseline: same model, same hardware, no autoencoders). **QuiltNet**: the plan with distilled autoencoders, " +
                    "accuracy budget 1 pp, options 1/4 and 1/8 of the features at 8 and 4 bits per cut. Throughput and energy per inference from the simulator; accuracy of both plans measured with ONNX Runtime " +
                    $"on the {evaluation.Count:N0} test images, running the stage files written. Bottleneck = what limits the baseline's period. " +
                    "**Free-link ceiling**: the same solver with every cut free to send (bytes ÷ 10⁶, no encoder or decoder cost, no accuracy loss) — " +
                    "what no compression can beat on that model and system (for energy: the leanest such plan no slower than the baseline). A baseline is **link-limited** when that ceiling is above 1: links, not compute, " +
                    "decide its period or keep it from using more chips.",
                    "",
                    Markdown.Row("model", "system", "baseline bottleneck", "baseline inf/s", "QuiltNet inf/s", "throughput ×", "free-link ceiling ×", "baseline energy", "QuiltNet energy",
                        "energy efficiency ×", "free-link ceiling ×", "baseline accuracy", "QuiltNet accuracy", "Δ pp", "compressed cuts", "proven optimal"),
                    Markdown.Row("---", "---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---", "---"),
                    .. rows,
                    "",
                    $"Link-limited baselines: {linkLimited}; of those, QuiltNet beats the paper's ×{PaperThroughput} throughput and ×{PaperEnergy} energy efficiency " +
                    $"within 1 pp on {beaten}. Rows whose free-link ceiling is above ×{PaperThroughput} throughput: {headroom}; QuiltNet beats ×{PaperThroughput} within 1 pp on {throughputBeaten} of them. " +
                    $"Plans worse than their baseline: {worse}. Rows without a plan (the reason in place of the compressed cuts): {failed}.",
                ]);
        }
    }

    /// <summary>
    /// What compressing the links between chips could give at most, as multiples of the baseline: the best
    /// throughput of a plan whose every cut costs nothing to send, and the best energy efficiency of such a
    /// plan that is no slower than the baseline.
    /// </summary>
    private static (double Throughput, double Energy) FreeLinkCeiling(string modelFile, HwSystem system, PartitionOptions partition)
    {
        var graph = OnnxGraph.Load(modelFile);
        var shapes = TensorShapeInference.Infer(graph);
        var cost = new CostModel(ModelProfiler.Profile(graph, shapes));
        var free = new CompressionOption(1, 1, 32, 0, new CutCompression(1e6));
        var menu = new CompressionMenu(CutPoints.Candidates(graph, shapes).ToDictionary(c => c.Position, _ => (IReadOnlyList<CompressionOption>)[free]));
        var baseline = Partitioner.Baseline(cost, system, partition).Estimate;
        var fastest = Partitioner.Solve(cost, system, menu, partition).Estimate;
        var leanest = Partitioner.Solve(cost, system, menu, partition with
        {
            Objective = PartitionObjective.Energy,
            ThroughputFloorPerSecond = baseline.ThroughputPerSecond * (1 - 1e-6),
        }).Estimate;
        return (fastest.ThroughputPerSecond / baseline.ThroughputPerSecond, baseline.EnergyJoulesPerInference / leanest.EnergyJoulesPerInference);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

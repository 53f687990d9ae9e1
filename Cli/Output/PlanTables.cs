using System.Globalization;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Reports;
using Spectre.Console;

namespace QuiltNet.Cli.Output;

/// <summary>A deployment plan printed beside its baseline: layouts, then the figures and their ratios.</summary>
public static class PlanTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, DeploymentPlan plan, string file)
    {
        var metric = MetricText.Of(plan);
        console.WriteLine($"Plan for {Path.GetFileName(plan.Model.File)} on {plan.HardwareSystem} (objective {plan.Objective}, {MetricText.Constraint(metric)}" +
            $"{(plan.ProvenOptimal ? ", proven optimal" : ", NOT proven optimal: the time limit stopped the solver")})");
        console.Write(Layout("QuiltNet plan", plan.Stages, plan.Cuts));
        console.Write(Layout("Baseline (same solver, no compression)", plan.Baseline.Stages, plan.Baseline.Cuts));

        var figures = new Table().Title("Plan against baseline").AddColumns("", "QuiltNet", "baseline", "change");
        figures.AddRow("throughput", PerSecond(plan.ThroughputPerSecond), PerSecond(plan.Baseline.ThroughputPerSecond), HumanUnits.Times(plan.Improvement.Throughput));
        figures.AddRow("latency", HardwareTables.Seconds(plan.LatencySeconds), HardwareTables.Seconds(plan.Baseline.LatencySeconds),
            HumanUnits.Times(plan.Baseline.LatencySeconds / plan.LatencySeconds));
        figures.AddRow("energy / inference", HumanUnits.Energy(plan.EnergyJoulesPerInference), HumanUnits.Energy(plan.Baseline.EnergyJoulesPerInference),
            HumanUnits.Times(plan.Improvement.Energy) + " efficiency");
        figures.AddRow("bottleneck", Markup.Escape(plan.Bottleneck), Markup.Escape(plan.Baseline.Bottleneck), "");
        if (metric.Name != "accuracy")
            figures.AddRow($"{metric.Name} (measured)", MetricText.Value(metric.Name, metric.Value), MetricText.Value(metric.Name, metric.BaselineValue),
                (100 * (metric.Value - metric.BaselineValue)).ToString("+0.00;-0.00;0.00", Invariant) + " pp");
        if (plan.Accuracy is { } accuracy && plan.Baseline.Accuracy is { } baselineAccuracy)
            figures.AddRow("accuracy (measured)", accuracy.ToString("P2", Invariant), baselineAccuracy.ToString("P2", Invariant),
                (plan.Improvement.AccuracyDeltaPp ?? 0).ToString("+0.00;-0.00;0.00", Invariant) + " pp");
        console.Write(figures);
        console.WriteLine($"Wrote {file}");
    }

    /// <summary>The figures a plan records beside the same figures recomputed from its file (<c>simulate --plan</c>).</summary>
    public static void WriteRecomputed(IAnsiConsole console, DeploymentPlan plan, Optimizer.Simulation.PipelineEstimate recomputed)
    {
        var table = new Table().Title("Recorded in the plan against recomputed now").AddColumns("", "plan.json", "recomputed", "ratio");
        table.AddRow("throughput", PerSecond(plan.ThroughputPerSecond), PerSecond(recomputed.ThroughputPerSecond), HumanUnits.Times(recomputed.ThroughputPerSecond / plan.ThroughputPerSecond));
        table.AddRow("latency", HardwareTables.Seconds(plan.LatencySeconds), HardwareTables.Seconds(recomputed.LatencySeconds), HumanUnits.Times(recomputed.LatencySeconds / plan.LatencySeconds));
        table.AddRow("energy / inference", HumanUnits.Energy(plan.EnergyJoulesPerInference), HumanUnits.Energy(recomputed.EnergyJoulesPerInference),
            HumanUnits.Times(recomputed.EnergyJoulesPerInference / plan.EnergyJoulesPerInference));
        table.AddRow("bottleneck", Markup.Escape(plan.Bottleneck), Markup.Escape(recomputed.Bottleneck), "");
        console.Write(table);
    }

    private static Table Layout(string title, IReadOnlyList<PlanStage> stages, IReadOnlyList<PlanCut> cuts)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("stage", "chip", "nodes", "predicted time", "then sends", "compression");
        for (int k = 0; k < stages.Count; k++)
        {
            var s = stages[k];
            string sends = "", option = "";
            if (k < cuts.Count)
            {
                var c = cuts[k];
                sends = c.Option is null
                    ? $"{HumanUnits.Bytes((long)c.BytesBefore)} (cut {c.Position})"
                    : $"{HumanUnits.Bytes((long)c.BytesBefore)} → {HumanUnits.Bytes((long)c.BytesAfter)} (cut {c.Position})";
                option = c.Option is { } o ? string.Create(Invariant, $"1/{o.Ratio} features, {o.Bits}-bit, {o.LossPp ?? o.AccuracyDropPp:+0.00;-0.00;0.00} pp") : "none";
            }
            table.AddRow(s.Index.ToString(Invariant), Markup.Escape($"{s.Chip} ({s.ChipType})"), $"{s.Start}..{s.End - 1}", HardwareTables.Seconds(s.PredictedSeconds), sends, option);
        }
        return table;
    }

    private static string PerSecond(double value) => value.ToString("N1", Invariant) + " /s";
}

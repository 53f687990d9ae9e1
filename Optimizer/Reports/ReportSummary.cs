using System.Globalization;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Reports;

/// <summary>A plan against its baseline in a few sentences of words and numbers: what it gains, what it costs, and where the bottleneck moved.</summary>
public static class ReportSummary
{
    /// <summary>The summary of <paramref name="plan"/>.</summary>
    public static string Of(DeploymentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var b = plan.Baseline;
        var i = plan.Improvement;
        string model = Path.GetFileName(plan.Model.File);
        var metric = MetricText.Of(plan);
        var compressed = plan.Cuts.Where(c => c.Option is not null).ToList();
        if (compressed.Count == 0)
            return $"On {plan.HardwareSystem}, {model} runs best uncompressed: compression would not gain the minimum over the baseline within the constraint " +
                $"({MetricText.Constraint(metric)}), so the plan is the baseline itself — {HumanUnits.PerSecond(b.ThroughputPerSecond, "inferences")}, " +
                $"{HumanUnits.Energy(b.EnergyJoulesPerInference)} per inference, limited by {b.Bottleneck}.";
        string cuts = string.Join("; ", compressed.Select(c =>
            $"cut {c.Position} sends 1/{c.Option!.Ratio} of its features at {c.Option.Bits} bits ({HumanUnits.Bytes((long)c.BytesBefore)} → {HumanUnits.Bytes((long)c.BytesAfter)} per input)"));
        string moved = plan.Bottleneck == b.Bottleneck ? $"the bottleneck stays {plan.Bottleneck}" : $"the bottleneck moves from {b.Bottleneck} to {plan.Bottleneck}";
        return $"On {plan.HardwareSystem}, the plan runs {model} at {HumanUnits.PerSecond(plan.ThroughputPerSecond, "inferences")} against the baseline's " +
            $"{HumanUnits.PerSecond(b.ThroughputPerSecond, "inferences")} ({HumanUnits.Times(i.Throughput)}), {HumanUnits.Seconds(plan.LatencySeconds)} against " +
            $"{HumanUnits.Seconds(b.LatencySeconds)} from input to result, at {HumanUnits.Energy(plan.EnergyJoulesPerInference)} against " +
            $"{HumanUnits.Energy(b.EnergyJoulesPerInference)} per inference ({HumanUnits.Times(i.Energy)} energy efficiency). Measured: " +
            $"{MetricText.Value(metric.Name, metric.Value)} against the baseline's {MetricText.Value(metric.Name, metric.BaselineValue)} ({MetricText.Constraint(metric)})" +
            (metric.Name != "accuracy" && plan.Accuracy is { } accuracy && b.Accuracy is { } baselineAccuracy && i.AccuracyDeltaPp is { } delta
                ? $"; top-1 accuracy {(100 * accuracy).ToString("0.00", CultureInfo.InvariantCulture)} % against {(100 * baselineAccuracy).ToString("0.00", CultureInfo.InvariantCulture)} % ({Pp(delta, signed: true)})"
                : "") +
            $". Where: {cuts}; {moved}.";
    }

    private static string Pp(double value, bool signed) =>
        value.ToString(signed ? "+0.00;−0.00;0.00" : "0.##", CultureInfo.InvariantCulture) + " pp";
}

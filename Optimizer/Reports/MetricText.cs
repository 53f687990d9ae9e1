using System.Globalization;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Reports;

/// <summary>How a plan's metric reads: its constraint and its values in words, the same in the report and on the console.</summary>
public static class MetricText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The plan's metric; for a plan written before metrics existed, accuracy with the plan's accuracy constraint.</summary>
    public static PlanMetric Of(DeploymentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Metric ?? new PlanMetric("accuracy", plan.MaxAccuracyLossPp ?? 0, plan.Accuracy ?? 0, plan.Baseline.Accuracy ?? 0, 1, []);
    }

    /// <summary>The constraint in words: "at most 0.5 pp of accuracy lost", "top-1 agreement at least 99 %", "relative error at most 5 %".</summary>
    public static string Constraint(PlanMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Name switch
        {
            "accuracy" => string.Create(Invariant, $"at most {metric.Constraint:0.##} pp of accuracy lost"),
            "agreement" => string.Create(Invariant, $"top-1 agreement at least {100 * metric.Constraint:0.##} %"),
            _ => string.Create(Invariant, $"relative error at most {100 * metric.Constraint:0.##} %"),
        };
    }

    /// <summary>A value of the metric as a percentage with its name: "91.20 % accuracy", "99.50 % agreement", "3.10 % relative error".</summary>
    public static string Value(string metric, double value) =>
        string.Create(Invariant, $"{100 * value:0.00} % {(metric == "relative-error" ? "relative error" : metric)}");

    /// <summary>What a search's trial score is, as a column or axis title: the metric's score in percent (higher is better).</summary>
    public static string ScoreLabel(string metric) => metric == "relative-error" ? "100 − relative error %" : metric + " %";
}

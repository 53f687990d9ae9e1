namespace QuiltNet.Optimizer.AutoML;

public enum MetricDirection
{
    Minimize,
    Maximize,
}

/// <summary>One objective of a multi-objective comparison: a metric in <see cref="TrialResult.Metrics"/> and which way is better.</summary>
public sealed record MetricGoal(string Metric, MetricDirection Direction)
{
    /// <summary>The trial's value turned so that lower is better.</summary>
    internal double Cost(TrialResult trial)
    {
        if (!trial.Metrics.TryGetValue(Metric, out double value))
            throw new ArgumentException($"trial {trial.TrialId} has no metric '{Metric}'", nameof(trial));
        return Direction == MetricDirection.Minimize ? value : -value;
    }
}

namespace QuiltNet.Optimizer.AutoML;

/// <summary>Which way a metric is better.</summary>
public enum MetricDirection
{
    /// <summary>Lower is better (energy, latency, accuracy loss).</summary>
    Minimize,
    /// <summary>Higher is better (throughput, accuracy).</summary>
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

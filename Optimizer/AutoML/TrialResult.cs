namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// A finished trial. Lower <see cref="Loss"/> is better and is all a tuner learns from; <see cref="Metrics"/> carries
/// whatever else was measured (throughput, energy, accuracy …) for reports and for <see cref="ParetoFront"/>.
/// </summary>
public sealed record TrialResult
{
    /// <summary>The trial's id and parameters.</summary>
    public required TrialSettings Settings { get; init; }

    /// <summary>What the search minimises; +∞ (or any non-finite value) marks a failed trial.</summary>
    public required double Loss { get; init; }

    /// <summary>Everything else measured, by name (throughput, energy, accuracy …).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Wall time of the trial's run. The experiment measures it and sets it; a runner need not.</summary>
    public double DurationMilliseconds { get; init; }

    /// <summary>Why the trial failed, in one line; null when it completed.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Anything else the runner wants to hand back (a plan, say). Kept in memory only: the journal does not store it,
    /// so a trial replayed on resume has none, and a caller that needs it rebuilds it from the parameters.
    /// </summary>
    public object? Payload { get; init; }

    /// <summary>Completed when the loss is finite, failed otherwise.</summary>
    public TrialStatus Status => double.IsFinite(Loss) ? TrialStatus.Completed : TrialStatus.Failed;

    /// <summary>The trial's id, from <see cref="Settings"/>.</summary>
    public int TrialId => Settings.TrialId;

    /// <summary>The trial's parameters, from <see cref="Settings"/>.</summary>
    public Parameters Parameters => Settings.Parameters;
}

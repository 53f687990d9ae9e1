using QuiltNet.Graph;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>How long an <see cref="Experiment"/> searches and where it keeps its trials.</summary>
public sealed record ExperimentOptions
{
    /// <summary>Stop once this many trials have finished, replayed ones included.</summary>
    public int? MaxTrials { get; init; }

    /// <summary>
    /// Stop starting trials once this much wall time has passed in this run; a trial still running then is cancelled.
    /// Replayed trials cost nothing, so a resumed search gets the whole budget again.
    /// </summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Where each finished trial is appended as one JSON line (<c>trials.jsonl</c>); null keeps no journal.</summary>
    public string? JournalPath { get; init; }

    /// <summary>
    /// Replay the trials already in <see cref="JournalPath"/> and continue after them. Without it an existing journal
    /// is started afresh.
    /// </summary>
    public bool Resume { get; init; }

    internal void Validate()
    {
        if (MaxTrials is null && TimeBudget is null)
            throw new QuiltNetException("budget", "give a trial budget, a time budget or both");
        if (MaxTrials is int trials && trials <= 0)
            throw new QuiltNetException("trial budget", $"must be at least 1 trial, not {trials}");
        if (TimeBudget is TimeSpan time && time <= TimeSpan.Zero)
            throw new QuiltNetException("time budget", $"must be positive, not {time.TotalSeconds} s");
        if (Resume && JournalPath is null)
            throw new QuiltNetException("resume", "needs a trials journal to resume from");
    }
}

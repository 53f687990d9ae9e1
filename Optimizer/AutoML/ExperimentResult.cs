namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// Every finished trial in order (the first <see cref="ReplayedTrials"/> came from the journal, not from a run), and
/// the best one: the lowest loss, the earliest on a tie; null when no trial completed.
/// </summary>
public sealed record ExperimentResult(IReadOnlyList<TrialResult> Trials, TrialResult? Best, StopReason StopReason, int ReplayedTrials);

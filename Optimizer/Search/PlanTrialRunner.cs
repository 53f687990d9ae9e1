using System.Diagnostics;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Search;

/// <summary>
/// One trial of the search, in memory on the shared <see cref="PlanningContext"/>: solve with the trial's knobs, fit the
/// chosen autoencoders (cached across trials), measure the fused plan's accuracy on held-out data, simulate, and score
/// against the goal. Nothing is written; the made plan rides along as the trial's payload.
/// </summary>
/// <param name="context">The model, system and data every trial shares.</param>
/// <param name="settings">The settings the trial's knobs are applied to.</param>
/// <param name="goal">What a trial is scored against.</param>
public sealed class PlanTrialRunner(PlanningContext context, PlanSettings settings, SearchGoal goal) : ITrialRunner
{
    /// <summary>
    /// Metric names in the journal: the plan's predicted figures, its score under the search's metric and that score against
    /// the baseline's (percentage points), and top-1 accuracy where the data has labels. Journals from before metrics hold
    /// accuracy and its delta only; they read as the score.
    /// </summary>
    public const string Throughput = "throughputPerSecond", Energy = "energyJoulesPerInference", Score = "score", ScoreDelta = "scoreDeltaPp",
        Accuracy = "accuracy", AccuracyDelta = "accuracyDeltaPp";

    /// <summary>A finished trial's score under the search's metric (NaN when it failed).</summary>
    public static double ScoreOf(TrialResult trial) =>
        trial?.Metrics.GetValueOrDefault(Score, trial.Metrics.GetValueOrDefault(Accuracy, double.NaN)) ?? throw new ArgumentNullException(nameof(trial));

    /// <summary>A finished trial's score against its baseline's, in percentage points.</summary>
    public static double ScoreDeltaOf(TrialResult trial) =>
        trial?.Metrics.GetValueOrDefault(ScoreDelta, trial.Metrics.GetValueOrDefault(AccuracyDelta, double.NaN)) ?? throw new ArgumentNullException(nameof(trial));

    /// <inheritdoc/>
    public Task<TrialResult> RunAsync(TrialSettings trial, CancellationToken cancellationToken)
    {
        // Synchronous: the experiment runs one trial at a time, and every step below checks the token.
        var clock = Stopwatch.StartNew();
        var made = PlanMaker.Make(context, PlanSearchSpace.Apply(trial.Parameters, settings), cancellationToken: cancellationToken);
        return Task.FromResult(new TrialResult
        {
            Settings = trial,
            Loss = goal.Loss(made),
            Metrics = Metrics(made),
            DurationMilliseconds = clock.Elapsed.TotalMilliseconds,
            Payload = made,
        });
    }

    private static Dictionary<string, double> Metrics(MadePlan made)
    {
        var metrics = new Dictionary<string, double>
        {
            [Throughput] = made.ThroughputPerSecond,
            [Energy] = made.EnergyJoulesPerInference,
            [Score] = made.Score,
            [ScoreDelta] = made.ScoreDeltaPp,
        };
        if (made.Accuracy is { } accuracy && made.AccuracyDeltaPp is { } delta)
            (metrics[Accuracy], metrics[AccuracyDelta]) = (accuracy, delta);
        return metrics;
    }
}

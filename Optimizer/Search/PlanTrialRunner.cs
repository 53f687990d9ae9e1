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
    /// <summary>Metric names in the journal.</summary>
    public const string Throughput = "throughputPerSecond", Energy = "energyJoulesPerInference", Accuracy = "accuracy", AccuracyDelta = "accuracyDeltaPp";

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
            Metrics = new Dictionary<string, double>
            {
                [Throughput] = made.ThroughputPerSecond,
                [Energy] = made.EnergyJoulesPerInference,
                [Accuracy] = made.Accuracy,
                [AccuracyDelta] = made.AccuracyDeltaPp,
            },
            DurationMilliseconds = clock.Elapsed.TotalMilliseconds,
            Payload = made,
        });
    }
}

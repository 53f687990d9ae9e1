using System.Diagnostics;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Search;

/// <summary>
/// One trial of the search: solve with the trial's knobs, fit the chosen autoencoders (cached across
/// trials), measure the fused plan's accuracy on held-out data, simulate, and score against the goal. The
/// trial's stages are written to a scratch folder that is removed afterwards; the metrics are what the
/// journal keeps.
/// </summary>
public sealed class PlanTrialRunner(PlanRequest shared, SearchGoal goal, string scratch) : ITrialRunner
{
    public const string Throughput = "throughputPerSecond", Energy = "energyJoulesPerInference", Accuracy = "accuracy", AccuracyDelta = "accuracyDeltaPp";

    public Task<TrialResult> RunAsync(TrialSettings settings, CancellationToken cancellationToken) => Task.Run(() =>
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        string folder = Path.Combine(scratch, $"trial-{settings.TrialId}");
        try
        {
            var plan = PlanMaker.Make(PlanSearchSpace.Apply(settings.Parameters, shared), folder).Document;
            // A plan finished after the time budget ran out (or Ctrl+C) is dropped, as the search's contract says.
            cancellationToken.ThrowIfCancellationRequested();
            return new TrialResult
            {
                Settings = settings,
                Loss = goal.Loss(plan),
                Metrics = new Dictionary<string, double>
                {
                    [Throughput] = plan.ThroughputPerSecond,
                    [Energy] = plan.EnergyJoulesPerInference,
                    [Accuracy] = plan.Accuracy,
                    [AccuracyDelta] = plan.Improvement.AccuracyDeltaPp,
                },
                DurationMilliseconds = clock.Elapsed.TotalMilliseconds,
                Payload = plan,
            };
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }, cancellationToken);
}

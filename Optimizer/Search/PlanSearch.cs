using System.Text.Json;
using QuiltNet.Graph;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Search;

/// <summary>
/// The AutoML loop over the partitioner's knobs. Trials are journaled to <c>trials.jsonl</c> in the
/// output folder as they finish; at the end — or when cancelled — the best trial that meets the accuracy
/// constraint (else the best of all) is solved once more into the output folder, so the plan written is
/// exactly what the partitioner gives for that configuration, and <c>pareto.json</c> lists the trials no
/// other trial beats on throughput, energy and accuracy together.
/// </summary>
public static class PlanSearch
{
    public const string Journal = "trials.jsonl", Pareto = "pareto.json";

    public static async Task<PlanSearchResult> RunAsync(PlanRequest shared, SearchGoal goal, PlanSearchOptions options, string outFolder,
        IMonitor? monitor = null, CancellationToken cancellationToken = default)
    {
        var space = PlanSearchSpace.Create(shared.System, goal.MaxAccuracyLossPp);
        var tuner = Tuners.Create(options.Tuner, space, new TunerOptions { Seed = options.Seed, Smac = new SmacOptions { InitialRandomTrials = InitialRandomTrials(options.Trials) } });
        Directory.CreateDirectory(outFolder);
        string scratch = Path.Combine(Path.GetTempPath(), "quiltnet-trials", Guid.NewGuid().ToString("N"));
        var experiment = new Experiment(space, tuner, new PlanTrialRunner(shared, goal, scratch), new ExperimentOptions
        {
            MaxTrials = options.Trials,
            TimeBudget = options.TimeBudget,
            JournalPath = Path.Combine(outFolder, Journal),
            Resume = options.Resume,
        }, monitor);
        ExperimentResult result;
        try
        {
            result = await experiment.RunAsync(cancellationToken);
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }

        var completed = result.Trials.Where(t => t.Status == TrialStatus.Completed).ToList();
        var best = completed.Where(t => goal.Meets(t.Metrics[PlanTrialRunner.AccuracyDelta])).MinBy(t => t.Loss)
            ?? completed.MinBy(t => t.Loss)
            ?? throw new QuiltNetException("--trials", result.Trials.Count == 0
                ? "the search ended before any trial finished: nothing to write"
                : $"all {result.Trials.Count} trials failed (first: {result.Trials[0].Error})");
        var made = PlanMaker.Make(PlanSearchSpace.Apply(best.Parameters, shared), outFolder);

        var front = ParetoFront.Of(completed,
            new MetricGoal(PlanTrialRunner.Throughput, MetricDirection.Maximize),
            new MetricGoal(PlanTrialRunner.Energy, MetricDirection.Minimize),
            new MetricGoal(PlanTrialRunner.Accuracy, MetricDirection.Maximize));
        AtomicOutput.WriteFile(Path.Combine(outFolder, Pareto), stream => JsonSerializer.Serialize(stream,
            front.Select(t => new { trial = t.TrialId, parameters = t.Parameters.ToDictionary(p => p.Key, p => p.Value.ToString()), metrics = t.Metrics, loss = t.Loss }),
            new JsonSerializerOptions { WriteIndented = true }));
        return new PlanSearchResult(made, best, result, front);
    }

    /// <summary>
    /// SMAC's random start, sized to the search: its usual ten would leave a search of ten trials or fewer (the
    /// default is eight) nothing but random ones, so a search with a trial count starts with a third of it, at least two.
    /// </summary>
    public static int InitialRandomTrials(int? trials)
    {
        int usual = new SmacOptions().InitialRandomTrials;
        return trials is { } n ? Math.Clamp(n / 3, 2, usual) : usual;
    }
}

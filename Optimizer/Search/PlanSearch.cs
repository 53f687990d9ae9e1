using System.Text.Json;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Search;

/// <summary>
/// The AutoML loop over the partitioner's knobs, on one <see cref="PlanningContext"/>. Trials are made in memory and
/// journaled to <c>trials.jsonl</c> in the output folder as they finish. When the trial or time budget is spent, the best
/// trial that meets the accuracy constraint (else the best of all) is written with its stages — the plan that trial made,
/// or, for a trial replayed from the journal, the same configuration made again from the cache — and <c>pareto.json</c>
/// lists the trials no other beats on throughput, energy and accuracy together. Cancelled, it writes no plan and throws
/// <see cref="OperationCanceledException"/>: the journal keeps every finished trial, and a resumed search carries on.
/// </summary>
public static class PlanSearch
{
    /// <summary>File names in the output folder.</summary>
    public const string Journal = "trials.jsonl", Pareto = "pareto.json";

    /// <summary>Runs the search and writes its best plan into <paramref name="outFolder"/>.</summary>
    /// <param name="context">The model, system and data every trial shares.</param>
    /// <param name="settings">The settings each trial's knobs are applied to.</param>
    /// <param name="goal">The objective and the accuracy constraint.</param>
    /// <param name="options">Tuner, budgets, seed, resume.</param>
    /// <param name="outFolder">Where the journal, the plan, its stages and the Pareto front go.</param>
    /// <param name="monitor">Hears of each trial.</param>
    /// <param name="cancellationToken">Stops the running trial within moments; nothing but the journal is left.</param>
    public static async Task<PlanSearchResult> RunAsync(PlanningContext context, PlanSettings settings, SearchGoal goal, PlanSearchOptions options, string outFolder,
        IMonitor? monitor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var space = PlanSearchSpace.Create(context.System, goal.MaxAccuracyLossPp);
        var tuner = new StartingPointTuner(
            Tuners.Create(options.Tuner, space, new TunerOptions { Seed = options.Seed, Smac = new SmacOptions { InitialRandomTrials = InitialRandomTrials(options.Trials) } }),
            PlanSearchSpace.StartingPoint(space, context.System, goal));
        Directory.CreateDirectory(outFolder);
        var experiment = new Experiment(space, tuner, new PlanTrialRunner(context, settings, goal), new ExperimentOptions
        {
            MaxTrials = options.Trials,
            TimeBudget = options.TimeBudget,
            JournalPath = Path.Combine(outFolder, Journal),
            Resume = options.Resume,
        }, monitor);
        var result = await experiment.RunAsync(cancellationToken);
        if (result.StopReason == StopReason.Cancelled)
            throw new OperationCanceledException($"the search was cancelled after {result.Trials.Count} finished trials", cancellationToken);

        var completed = result.Trials.Where(t => t.Status == TrialStatus.Completed).ToList();
        var best = completed.Where(t => goal.Meets(PlanTrialRunner.ScoreDeltaOf(t))).MinBy(t => t.Loss)
            ?? completed.MinBy(t => t.Loss)
            ?? throw new Graph.QuiltNetException(Path.Combine(outFolder, Journal), $"all {result.Trials.Count} trials failed (first: {result.Trials[0].Error})");
        var made = best.Payload as MadePlan ?? PlanMaker.Make(context, PlanSearchSpace.Apply(best.Parameters, settings), cancellationToken: cancellationToken);
        var plan = PlanWriter.Write(context, made, outFolder, goal.MaxAccuracyLossPp);

        var front = ParetoFront.Of(completed,
            new MetricGoal(PlanTrialRunner.Throughput, MetricDirection.Maximize),
            new MetricGoal(PlanTrialRunner.Energy, MetricDirection.Minimize),
            new MetricGoal(PlanTrialRunner.Score, MetricDirection.Maximize));
        Graph.AtomicOutput.WriteFile(Path.Combine(outFolder, Pareto), stream => JsonSerializer.Serialize(stream,
            front.Select(t => new { trial = t.TrialId, parameters = t.Parameters.ToDictionary(p => p.Key, p => p.Value.ToString()), metrics = t.Metrics, loss = t.Loss }),
            new JsonSerializerOptions { WriteIndented = true }));
        return new PlanSearchResult(plan, made, best, result, front);
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

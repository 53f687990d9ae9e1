using System.Diagnostics;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// The search loop: propose → run → record → update → report, one trial at a time, until the trial budget or the time
/// budget is spent or the caller cancels. The time budget never cuts the first trial short: a search given any budget
/// ends with at least one result, however slow the machine. Cancelling is not an error: the trials finished so far, and
/// the best of them, come back. With a journal, every finished trial is on disk before the tuner hears of it, and a resumed experiment
/// replays the journal into the tuner instead of running those trials again.
/// </summary>
public sealed class Experiment
{
    private readonly SearchSpace space;
    private readonly ITuner tuner;
    private readonly ITrialRunner runner;
    private readonly ExperimentOptions options;
    private readonly IMonitor? monitor;

    /// <summary>An experiment over <paramref name="space"/>.</summary>
    /// <param name="space">The parameters the tuner proposes values for.</param>
    /// <param name="tuner">Chooses each trial's parameters.</param>
    /// <param name="runner">Runs a trial and measures its loss.</param>
    /// <param name="options">Trial and time budgets, the journal and whether to resume from it.</param>
    /// <param name="monitor">Told of each trial as it starts, ends or fails; null for none.</param>
    public Experiment(SearchSpace space, ITuner tuner, ITrialRunner runner, ExperimentOptions options, IMonitor? monitor = null)
    {
        options.Validate();
        this.space = space;
        this.tuner = tuner;
        this.runner = runner;
        this.options = options;
        this.monitor = monitor;
    }

    /// <summary>Runs trials until a budget is spent or <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="cancellationToken">Stops the search after the trial in flight; the finished trials still come back.</param>
    /// <returns>Every finished trial, the best of them and why the search stopped.</returns>
    public async Task<ExperimentResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var trials = new List<TrialResult>();
        TrialResult? best = null;
        using var journal = OpenJournal(out var replayed);
        foreach (var trial in replayed)
        {
            tuner.Update(trial);
            trials.Add(trial);
            if (IsBetter(trial, best)) best = trial;
        }
        if (best is not null) monitor?.ReportBestTrial(best);

        while (true)
        {
            if (cancellationToken.IsCancellationRequested) return Result(StopReason.Cancelled);
            if (trials.Count >= (options.MaxTrials ?? int.MaxValue)) return Result(StopReason.TrialBudget);
            TimeSpan? left = trials.Count == 0 ? null : options.TimeBudget - clock.Elapsed;
            if (left <= TimeSpan.Zero) return Result(StopReason.TimeBudget);

            var settings = new TrialSettings(trials.Count);
            settings = settings with { Parameters = tuner.Propose(settings) };
            var result = await RunTrialAsync(settings, left, cancellationToken);
            // Abandoned: only the caller or the time budget cancels a trial.
            if (result is null) return cancellationToken.IsCancellationRequested ? Result(StopReason.Cancelled) : Result(StopReason.TimeBudget);

            journal?.Append(result);
            tuner.Update(result);
            trials.Add(result);
            if (result.Status == TrialStatus.Failed)
            {
                monitor?.ReportFailedTrial(result);
                continue;
            }
            monitor?.ReportCompletedTrial(result);
            if (IsBetter(result, best))
            {
                best = result;
                monitor?.ReportBestTrial(result);
            }
        }

        ExperimentResult Result(StopReason reason) => new(trials, best, reason, replayed.Count);
    }

    private TrialJournal? OpenJournal(out IReadOnlyList<TrialResult> replayed)
    {
        replayed = [];
        if (options.JournalPath is not string path) return null;
        return options.Resume ? TrialJournal.Resume(path, space, out replayed) : TrialJournal.Create(path);
    }

    /// <summary>Runs one trial; null when it was cancelled (by the caller or the time budget) before it finished.</summary>
    private async Task<TrialResult?> RunTrialAsync(TrialSettings settings, TimeSpan? left, CancellationToken cancellationToken)
    {
        monitor?.ReportRunningTrial(settings);
        using var trialCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (left is TimeSpan remaining) trialCancellation.CancelAfter(remaining);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await runner.RunAsync(settings, trialCancellation.Token);
            bool finite = double.IsFinite(result.Loss);
            return result with
            {
                Settings = settings,
                Loss = finite ? result.Loss : double.PositiveInfinity,
                Error = finite ? result.Error : result.Error ?? $"the trial's loss was {result.Loss}",
                DurationMilliseconds = clock.Elapsed.TotalMilliseconds,
            };
        }
        catch (OperationCanceledException) when (trialCancellation.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            return new TrialResult
            {
                Settings = settings,
                Loss = double.PositiveInfinity,
                // An input error says what is wrong in its own words; anything else also says what kind of failure it was.
                Error = e is Graph.QuiltNetException or ArgumentException ? e.Message : $"{e.GetType().Name}: {e.Message}",
                DurationMilliseconds = clock.Elapsed.TotalMilliseconds,
            };
        }
    }

    // The incumbent is the lowest loss; a failed trial (loss +∞) never is one.
    private static bool IsBetter(TrialResult candidate, TrialResult? best) =>
        candidate.Status == TrialStatus.Completed && (best is null || candidate.Loss < best.Loss);
}

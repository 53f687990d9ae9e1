using QuiltNet.Graph;
using QuiltNet.Optimizer.AutoML;

namespace QuiltNet.Optimizer.Tests.AutoML;

public sealed class ExperimentTests
{
    private static Experiment Make(ITrialRunner runner, ExperimentOptions options, IMonitor? monitor = null, string tuner = "random") =>
        new(Objectives.BraninSpace, Tuners.Create(tuner, Objectives.BraninSpace, new TunerOptions { Seed = 1 }), runner, options, monitor);

    [Fact]
    public async Task It_runs_the_trial_budget_and_reports_every_trial_and_each_new_best()
    {
        var monitor = new RecordingMonitor();
        var result = await Make(new FunctionRunner(Objectives.Branin), new ExperimentOptions { MaxTrials = 12 }, monitor).RunAsync();
        Assert.Equal(StopReason.TrialBudget, result.StopReason);
        Assert.Equal(Enumerable.Range(0, 12), result.Trials.Select(t => t.TrialId));
        Assert.Equal(result.Trials.MinBy(t => t.Loss), result.Best);
        Assert.All(result.Trials, t => Assert.True(t.DurationMilliseconds >= 0));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"running {i}"), monitor.Events.Where(e => e.StartsWith("running")));
        Assert.Equal($"best {result.Best!.TrialId}", monitor.Events.Last(e => e.StartsWith("best")));
        // Each new best is announced right after its trial completed.
        Assert.All(monitor.Events.Select((e, i) => (e, i)).Where(x => x.e.StartsWith("best")),
            x => Assert.Equal(x.e.Replace("best", "completed"), monitor.Events[x.i - 1]));
    }

    [Fact]
    public async Task A_failing_trial_is_recorded_with_infinite_loss_and_the_search_goes_on()
    {
        var monitor = new RecordingMonitor();
        var runner = new FunctionRunner(p => p.GetDouble("x1") < 0 ? throw new InvalidOperationException("solver crashed") : Objectives.Branin(p));
        var result = await Make(runner, new ExperimentOptions { MaxTrials = 20 }, monitor, tuner: "smac").RunAsync();
        var failed = result.Trials.Where(t => t.Status == TrialStatus.Failed).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, t => Assert.Equal(double.PositiveInfinity, t.Loss));
        Assert.All(failed, t => Assert.Equal("InvalidOperationException: solver crashed", t.Error));
        Assert.Equal(failed.Select(t => $"failed {t.TrialId}"), monitor.Events.Where(e => e.StartsWith("failed")));
        Assert.Equal(20, result.Trials.Count);
        Assert.True(result.Best!.Parameters.GetDouble("x1") >= 0);
    }

    [Fact]
    public async Task A_non_finite_loss_counts_as_a_failure()
    {
        var result = await Make(new FunctionRunner(_ => double.NaN), new ExperimentOptions { MaxTrials = 3 }).RunAsync();
        Assert.All(result.Trials, t => Assert.Equal((TrialStatus.Failed, double.PositiveInfinity, "the trial's loss was NaN"), (t.Status, t.Loss, t.Error)));
        Assert.Null(result.Best);
    }

    [Fact]
    public async Task Cancelling_stops_cleanly_and_returns_the_best_so_far()
    {
        using var cancellation = new CancellationTokenSource();
        var monitor = new RecordingMonitor { OnCompleted = r => { if (r.TrialId == 4) cancellation.Cancel(); } };
        var result = await Make(new FunctionRunner(Objectives.Branin), new ExperimentOptions { MaxTrials = 50 }, monitor).RunAsync(cancellation.Token);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(5, result.Trials.Count);
        Assert.Equal(result.Trials.MinBy(t => t.Loss), result.Best);
    }

    [Fact]
    public async Task A_trial_running_when_the_caller_cancels_is_abandoned_not_recorded()
    {
        using var cancellation = new CancellationTokenSource();
        var runner = new DelegateRunner(async (settings, token) =>
        {
            if (settings.TrialId == 3)
            {
                cancellation.Cancel();
                await Task.Delay(Timeout.Infinite, token);
            }
            return 1.0;
        });
        var result = await Make(runner, new ExperimentOptions { MaxTrials = 10 }).RunAsync(cancellation.Token);
        Assert.Equal((StopReason.Cancelled, 3), (result.StopReason, result.Trials.Count));
    }

    [Fact]
    public async Task The_time_budget_stops_the_search_and_cancels_the_trial_in_flight()
    {
        // Three quick trials, then one that would never end: the budget (generous, for a loaded machine) must stop it.
        var runner = new DelegateRunner(async (settings, token) =>
        {
            if (settings.TrialId >= 3) await Task.Delay(Timeout.Infinite, token);
            return settings.TrialId;
        });
        var result = await Make(runner, new ExperimentOptions { TimeBudget = TimeSpan.FromSeconds(1.5) }).RunAsync();
        Assert.Equal((StopReason.TimeBudget, 3), (result.StopReason, result.Trials.Count));
        Assert.Equal(0, result.Best!.TrialId);
    }

    [Fact]
    public async Task A_time_budget_too_small_for_one_trial_still_lets_the_first_trial_finish()
    {
        // The first trial takes four times the budget and is not cut short; the second never starts.
        var runner = new DelegateRunner(async (settings, token) =>
        {
            await Task.Delay(200, token);
            return settings.TrialId;
        });
        var result = await Make(runner, new ExperimentOptions { TimeBudget = TimeSpan.FromMilliseconds(50) }).RunAsync();
        Assert.Equal((StopReason.TimeBudget, 1), (result.StopReason, result.Trials.Count));
        Assert.Equal(0, result.Best!.TrialId);
    }

    [Fact]
    public void Bad_budgets_are_refused_before_anything_runs()
    {
        var runner = new FunctionRunner(Objectives.Branin);
        Assert.Equal("trial budget: must be at least 1 trial, not 0", Assert.Throws<QuiltNetException>(() => Make(runner, new ExperimentOptions { MaxTrials = 0 })).Message);
        Assert.Equal("budget", Assert.Throws<QuiltNetException>(() => Make(runner, new ExperimentOptions())).Input);
        Assert.Equal("time budget", Assert.Throws<QuiltNetException>(() => Make(runner, new ExperimentOptions { TimeBudget = TimeSpan.Zero })).Input);
        Assert.Equal("resume", Assert.Throws<QuiltNetException>(() => Make(runner, new ExperimentOptions { MaxTrials = 1, Resume = true })).Input);
        Assert.Empty(runner.Ran);
    }

    /// <summary>A runner whose loss comes from an asynchronous function of the settings and the token.</summary>
    private sealed class DelegateRunner(Func<TrialSettings, CancellationToken, Task<double>> loss) : ITrialRunner
    {
        public async Task<TrialResult> RunAsync(TrialSettings settings, CancellationToken cancellationToken) =>
            new() { Settings = settings, Loss = await loss(settings, cancellationToken) };
    }
}

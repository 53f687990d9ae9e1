using System.Text.Json;
using QuiltNet.Graph;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Tests;

namespace QuiltNet.Optimizer.Tests.AutoML;

public sealed class ResumeTests
{
    // SMAC is the hard case: its proposals depend on every result so far, and refitting only every 4th trial means an
    // interruption between refits must bring back a forest fitted on the same results as before.
    private static readonly TunerOptions Smac = new() { Seed = 11, Smac = new SmacOptions { InitialRandomTrials = 6, RefitEvery = 4, RandomCandidates = 300 } };

    private static Task<ExperimentResult> Search(string journal, bool resume, CancellationToken cancellationToken = default, IMonitor? monitor = null, FunctionRunner? runner = null) =>
        new Experiment(
            Objectives.MixedSpace,
            Tuners.Create("smac", Objectives.MixedSpace, Smac),
            runner ?? new FunctionRunner(Objectives.ShiftedQuadratic),
            new ExperimentOptions { MaxTrials = 24, JournalPath = journal, Resume = resume },
            monitor).RunAsync(cancellationToken);

    private static IEnumerable<(int, Parameters, double)> Outcomes(ExperimentResult result) =>
        result.Trials.Select(t => (t.TrialId, t.Parameters, t.Loss));

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(15)]
    public async Task A_search_interrupted_after_n_trials_and_resumed_ends_exactly_like_an_uninterrupted_one(int interruptAfter)
    {
        using var folder = new TempFolder();
        var uninterrupted = await Search(folder.File("whole.jsonl"), resume: false);

        using var cancellation = new CancellationTokenSource();
        var stopper = new RecordingMonitor { OnCompleted = r => { if (r.TrialId == interruptAfter - 1) cancellation.Cancel(); } };
        var first = await Search(folder.File("trials.jsonl"), resume: false, cancellation.Token, stopper);
        Assert.Equal((StopReason.Cancelled, interruptAfter), (first.StopReason, first.Trials.Count));

        var runner = new FunctionRunner(Objectives.ShiftedQuadratic);
        var resumed = await Search(folder.File("trials.jsonl"), resume: true, runner: runner);
        Assert.Equal(interruptAfter, resumed.ReplayedTrials);
        Assert.Equal(Enumerable.Range(interruptAfter, 24 - interruptAfter), runner.Ran);
        Assert.Equal(Outcomes(uninterrupted), Outcomes(resumed));
        Assert.Equal(uninterrupted.Best!.TrialId, resumed.Best!.TrialId);
        Assert.Equal(File.ReadAllLines(folder.File("whole.jsonl")).Select(WithoutDuration), File.ReadAllLines(folder.File("trials.jsonl")).Select(WithoutDuration));
    }

    [Fact]
    public async Task The_journal_holds_one_line_per_trial_with_its_parameters_loss_metrics_duration_and_status()
    {
        using var folder = new TempFolder();
        var runner = new FunctionRunner(p => p.GetString("kind") == "c" ? double.PositiveInfinity : Objectives.ShiftedQuadratic(p));
        var result = await Search(folder.File("out/trials.jsonl"), resume: false, runner: runner);
        var lines = File.ReadAllLines(folder.File("out/trials.jsonl"));
        Assert.Equal(24, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            var trial = result.Trials[i];
            Assert.Equal(i, root.GetProperty("id").GetInt32());
            Assert.Equal(trial.Parameters.GetString("kind"), root.GetProperty("parameters").GetProperty("kind").GetString());
            Assert.Equal(trial.Parameters.GetInt("width"), root.GetProperty("parameters").GetProperty("width").GetInt32());
            Assert.Equal(trial.Status == TrialStatus.Failed ? "failed" : "completed", root.GetProperty("status").GetString());
            if (trial.Status == TrialStatus.Failed) Assert.Equal("Infinity", root.GetProperty("loss").GetString());
            else Assert.Equal(trial.Loss, root.GetProperty("loss").GetDouble());
            Assert.True(root.GetProperty("durationMs").GetDouble() >= 0);
            Assert.True(root.GetProperty("metrics").TryGetProperty("value", out _));
        }
        Assert.Contains(result.Trials, t => t.Status == TrialStatus.Failed);
    }

    [Fact]
    public async Task A_last_line_cut_off_mid_write_is_dropped_and_the_search_continues_cleanly()
    {
        using var folder = new TempFolder();
        string journal = folder.File("trials.jsonl");
        var uninterrupted = await Search(folder.File("whole.jsonl"), resume: false);

        using var cancellation = new CancellationTokenSource();
        var stopper = new RecordingMonitor { OnCompleted = r => { if (r.TrialId == 7) cancellation.Cancel(); } };
        await Search(journal, resume: false, cancellation.Token, stopper);
        // A kill while trial 8 was being written leaves part of its line.
        string whole = File.ReadAllLines(folder.File("whole.jsonl"))[8];
        File.AppendAllText(journal, whole[..(whole.Length / 2)]);

        var resumed = await Search(journal, resume: true);
        Assert.Equal(8, resumed.ReplayedTrials);
        Assert.Equal(Outcomes(uninterrupted), Outcomes(resumed));
        Assert.Equal(24, File.ReadAllLines(journal).Length);
        Assert.All(File.ReadAllLines(journal), line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public async Task A_journal_that_is_damaged_or_does_not_fit_the_search_space_is_a_clear_error()
    {
        using var folder = new TempFolder();
        string journal = folder.File("trials.jsonl");
        await Search(journal, resume: false);
        var lines = File.ReadAllLines(journal);

        File.WriteAllLines(journal, lines.Take(2).Append("not json").Concat(lines.Skip(3)));
        var garbled = await Assert.ThrowsAsync<QuiltNetException>(() => Search(journal, resume: true));
        Assert.Equal($"{journal} line 3", garbled.Input);
        Assert.StartsWith("is not a trial record", garbled.Problem);

        File.WriteAllLines(journal, lines.Take(2).Concat(lines.Skip(3)));
        Assert.Equal("holds trial 3, but trial 2 comes next", (await Assert.ThrowsAsync<QuiltNetException>(() => Search(journal, resume: true))).Problem);

        File.WriteAllLines(journal, lines.Select(l => l.Replace("\"kind\"", "\"flavour\"")));
        Assert.Contains("'flavour' is not in the search space", (await Assert.ThrowsAsync<QuiltNetException>(() => Search(journal, resume: true))).Problem);

        File.Delete(journal);
        Assert.Equal(journal, (await Assert.ThrowsAsync<QuiltNetException>(() => Search(journal, resume: true))).Input);
    }

    [Fact]
    public async Task A_search_that_already_finished_its_budget_resumes_to_the_same_result_without_running_anything()
    {
        using var folder = new TempFolder();
        var whole = await Search(folder.File("trials.jsonl"), resume: false);
        var monitor = new RecordingMonitor();
        var runner = new FunctionRunner(Objectives.ShiftedQuadratic);
        var again = await Search(folder.File("trials.jsonl"), resume: true, monitor: monitor, runner: runner);
        Assert.Empty(runner.Ran);
        Assert.Equal(Outcomes(whole), Outcomes(again));
        Assert.Equal([$"best {whole.Best!.TrialId}"], monitor.Events);
    }

    private static string WithoutDuration(string line) =>
        System.Text.RegularExpressions.Regex.Replace(line, "\"durationMs\":[^,}]*", "");
}

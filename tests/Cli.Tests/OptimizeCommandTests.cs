using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Hardware;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Search;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

[Trait("Category", "Slow")]
public sealed class OptimizeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Out => _folder.File("search");

    private string[] Optimize(params string[] extra) => OptimizeInto(Out, "random", extra);

    private string[] OptimizeInto(string folder, string tuner, params string[] extra) =>
    [
        "optimize", "--model", Repository.Model("fmnist_vit"), "--hw", Path.Combine(Repository.Root, "examples", "hw", "dpu-pair-10gbe.json"),
        "--calibration", "100", "--evaluation", "100", "--epochs", "1", "--tuner", tuner, "--cache", _folder.File("cache"), "--out", folder, .. extra,
    ];

    [Fact]
    public void A_search_writes_plan_journal_pareto_front_and_report_and_resumes_without_repeating_trials()
    {
        var first = CliRun.Of(Optimize("--trials", "2", "--measure"));
        Assert.True(first.ExitCode == 0, first.Error);
        foreach (string file in new[] { PlanFile.Name, "trials.jsonl", "pareto.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(Out, file)), file);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(Out, "trials.jsonl")).Length);
        var plan = PlanFile.Read(Out);
        Assert.True(plan.Improvement.Throughput >= 1 - 1e-9);
        // --measure ran the written stages: the accuracy measured in the pipeline is the one the plan records.
        string accuracy = plan.Accuracy!.Value.ToString("P2", System.Globalization.CultureInfo.CurrentCulture);
        Assert.Contains($"accuracy {accuracy} (the plan says {accuracy})", first.Output);
        Assert.Contains("Measured on this machine", File.ReadAllText(Path.Combine(Out, "report.html")));

        var resumed = CliRun.Of(Optimize("--trials", "3", "--resume"));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("(2 resumed from the journal)", resumed.Output);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(Out, "trials.jsonl")).Length);
        using var pareto = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "pareto.json")));
        Assert.InRange(pareto.RootElement.GetArrayLength(), 1, 3);

        // The plan is the partitioner's own for the best trial's configuration: solving it again gives the same stages and cuts.
        plan = PlanFile.Read(Out);
        var system = HardwareSelection.Resolve(Path.Combine(Repository.Root, "examples", "hw", "dpu-pair-10gbe.json"));
        var context = PlanningContext.Load(Repository.Model("fmnist_vit"), system,
            SampleSet.Load(BundledExamples.DataFolder, SampleSet.Calibration, 100), SampleSet.Load(BundledExamples.DataFolder, SampleSet.Evaluation, 100),
            new AutoencoderCache(_folder.File("cache")));
        var settings = new PlanSettings { Partition = new PartitionOptions { TimeLimitSeconds = 20 }, Training = new TrainingOptions { Epochs = 1 } };
        var goal = new SearchGoal(PartitionObjective.Throughput, 1.0);
        var best = TrialJournal.Read(Path.Combine(Out, "trials.jsonl"), PlanSearchSpace.Create(system, goal.MaxAccuracyLossPp))
            .Where(t => t.Status == TrialStatus.Completed && goal.Meets(t.Metrics[PlanTrialRunner.AccuracyDelta])).MinBy(t => t.Loss)!;
        var again = PlanWriter.Write(context, PlanMaker.Make(context, PlanSearchSpace.Apply(best.Parameters, settings)), _folder.File("again"));
        Assert.Equal(JsonSerializer.Serialize(plan.Stages), JsonSerializer.Serialize(again.Stages));
        Assert.Equal(JsonSerializer.Serialize(plan.Cuts), JsonSerializer.Serialize(again.Cuts));
        Assert.Equal(plan.Accuracy, again.Accuracy);

        // simulate --plan recomputes the plan's figures from the file alone, from another working directory.
        // (The plan names its system; one from a user's catalog file is given again with --hw.)
        var simulated = CliRun.Of("simulate", "--plan", Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(Out, PlanFile.Name)),
            "--hw", Path.Combine(Repository.Root, "examples", "hw", "dpu-pair-10gbe.json"), "--json");
        Assert.True(simulated.ExitCode == 0, simulated.Error);
        using (var figures = JsonDocument.Parse(simulated.Output))
        {
            Assert.Equal(plan.ThroughputPerSecond, figures.RootElement.GetProperty("throughputPerSecond").GetDouble(), 6);
            Assert.Equal(plan.EnergyJoulesPerInference, figures.RootElement.GetProperty("energyJoulesPerInference").GetDouble(), 12);
        }

        // And running it reproduces the accuracy it reports, exactly.
        var replay = CliRun.Of("run", "--plan", Path.Combine(Out, PlanFile.Name), "--count", "100", "--json");
        Assert.True(replay.ExitCode == 0, replay.Error);
        using var report = JsonDocument.Parse(replay.Output);
        Assert.Equal(plan.Accuracy, report.RootElement.GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void A_search_killed_at_any_moment_leaves_no_plan_or_a_complete_one_and_resumes_to_the_uninterrupted_result()
    {
        string[] settings = ["--trials", "3", "--seed", "5"];
        string reference = _folder.File("reference");
        var whole = CliRun.Of(OptimizeInto(reference, "smac", settings));
        Assert.True(whole.ExitCode == 0, whole.Error);

        // Kills during the first trial, in the second, in the third, and after the last while the plan is written;
        // each run after the first resumes. The kills follow the journal, not the clock, so they land there however fast the machine.
        string killed = _folder.File("killed");
        string journal = Path.Combine(killed, "trials.jsonl");
        int kills = 0;
        foreach (int trialsDone in new[] { 0, 1, 2, 3, int.MaxValue })
        {
            var (process, errors) = Start(OptimizeInto(killed, "smac", [.. settings, .. File.Exists(journal) ? new[] { "--resume" } : []]));
            using var _ = process;
            while (!process.HasExited && !(File.Exists(journal) && Lines(journal) >= trialsDone)) Thread.Sleep(20);
            if (process.WaitForExit(trialsDone == int.MaxValue ? TimeSpan.FromMinutes(5) : TimeSpan.FromMilliseconds(300)))
            {
                process.WaitForExit(); // the output readers too
                Assert.True(process.ExitCode == 0, errors.ToString());
                if (trialsDone == int.MaxValue) break;
                continue;
            }
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            kills++;
            if (File.Exists(Path.Combine(killed, PlanFile.Name)))
                PlanFile.Read(killed); // complete: parses, matches the schema, and every stage file has its hash
        }

        Assert.True(kills >= 3, $"only {kills} kills: the runs finished too fast to interrupt");
        Assert.Equal(Trials(reference), Trials(killed));
        var (expected, actual) = (PlanFile.Read(reference), PlanFile.Read(killed));
        Assert.Equal(JsonSerializer.Serialize(expected.Stages), JsonSerializer.Serialize(actual.Stages));
        Assert.Equal(JsonSerializer.Serialize(expected.Cuts), JsonSerializer.Serialize(actual.Cuts));
        Assert.Equal(expected.Accuracy, actual.Accuracy);
        Assert.Equal(expected.ThroughputPerSecond, actual.ThroughputPerSecond);
        Assert.True(Directory.Exists(Path.Combine(killed, "baseline")), "the baseline's stages are written beside the plan");
    }

    private static int Lines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Count(c => c == '\n');
    }

    /// <summary>The journal's trials without their durations, which differ from run to run.</summary>
    private static string[] Trials(string folder) =>
    [
        .. File.ReadAllLines(Path.Combine(folder, "trials.jsonl")).Select(line =>
        {
            var trial = JsonNode.Parse(line)!.AsObject();
            foreach (string name in trial.Select(p => p.Key).Where(k => k.Contains("duration", StringComparison.OrdinalIgnoreCase)).ToList())
                trial.Remove(name);
            return trial.ToJsonString();
        }),
    ];

    /// <summary>The command line as its own process, so that it can be killed; its output is drained so that it never blocks on a full pipe.</summary>
    private static (Process Process, System.Text.StringBuilder Errors) Start(string[] args)
    {
        var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "quiltnet.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { lock (errors) errors.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, errors);
    }

    [Fact]
    public void A_single_chip_system_leaves_nothing_to_search()
    {
        var args = Optimize().ToList();
        args[args.IndexOf("--hw") + 1] = "tpuv1-pcie3";
        CliRun.Of([.. args]).AssertInputError("one chip");
        Assert.False(File.Exists(Path.Combine(Out, PlanFile.Name)));
    }

    [Theory]
    [InlineData("--tuner", "bayes", "--tuner")]
    [InlineData("--trials", "0", "--trials")]
    [InlineData("--time-budget", "-5", "--time-budget")]
    [InlineData("--max-accuracy-loss", "-1", "--max-accuracy-loss")]
    [InlineData("--min-gain", "-5", "--min-gain")]
    [InlineData("--ratios", "0", "--ratios")]
    [InlineData("--ratios", "2,x", "--ratios")]
    public void Bad_settings_are_one_line_errors_and_write_no_plan(string option, string value, string named)
    {
        var args = Optimize().ToList();
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);
        CliRun.Of([.. args]).AssertInputError(named);
        Assert.False(File.Exists(Path.Combine(Out, PlanFile.Name)));
    }

    [Fact]
    public void A_time_budget_too_small_for_one_trial_still_writes_the_first_trials_plan()
    {
        var run = CliRun.Of(Optimize("--time-budget", "0.001"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Single(File.ReadAllLines(Path.Combine(Out, PlanSearch.Journal)));
        Assert.True(File.Exists(Path.Combine(Out, PlanFile.Name)), "the first trial's plan is written");
    }
}

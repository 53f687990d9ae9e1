using System.Text.Json;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

public sealed class OptimizeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Out => _folder.File("search");

    private string[] Optimize(params string[] extra) =>
    [
        "optimize", "--model", Repository.Model("fmnist_vit"), "--hw", Path.Combine(Repository.Root, "examples", "hw", "dpu-pair-10gbe.json"),
        "--calibration", "100", "--evaluation", "100", "--epochs", "1", "--tuner", "random", "--cache", _folder.File("cache"), "--out", Out, .. extra,
    ];

    [Fact]
    public void A_search_writes_plan_journal_pareto_front_and_report_and_resumes_without_repeating_trials()
    {
        var first = CliRun.Of(Optimize("--trials", "2"));
        Assert.True(first.ExitCode == 0, first.Error);
        foreach (string file in new[] { PlanFile.Name, "trials.jsonl", "pareto.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(Out, file)), file);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(Out, "trials.jsonl")).Length);
        var plan = PlanFile.Read(Out);
        Assert.True(plan.Improvement.Throughput >= 1 - 1e-9);

        var resumed = CliRun.Of(Optimize("--trials", "3", "--resume"));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("(2 resumed from the journal)", resumed.Output);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(Out, "trials.jsonl")).Length);
        using var pareto = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "pareto.json")));
        Assert.InRange(pareto.RootElement.GetArrayLength(), 1, 3);
    }

    [Theory]
    [InlineData("--tuner", "bayes", "--tuner")]
    [InlineData("--trials", "0", "--trials")]
    [InlineData("--time-budget", "-5", "--time-budget")]
    [InlineData("--max-accuracy-loss", "-1", "--max-accuracy-loss")]
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
    public void A_time_budget_too_small_for_one_trial_is_a_clear_error()
    {
        CliRun.Of(Optimize("--time-budget", "0.001")).AssertInputError("time budget");
        Assert.False(File.Exists(Path.Combine(Out, PlanFile.Name)));
    }
}

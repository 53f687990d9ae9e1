using System.Diagnostics;
using System.Globalization;
using QuiltNet.Optimizer.AutoML;
using Spectre.Console;

namespace QuiltNet.Cli.Output;

/// <summary>Shows a search live: trial n of N (or time used of the budget), the best loss so far and its trial; Spectre estimates the time left.</summary>
public sealed class SearchProgress(ProgressTask task, int? trials, TimeSpan? budget) : IMonitor
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done;
    private string _best = "none yet";

    public void ReportRunningTrial(TrialSettings settings) => Show($"trial {settings.TrialId + 1}{(trials is { } n ? $"/{n}" : "")}");

    public void ReportCompletedTrial(TrialResult result) => Advance();

    public void ReportBestTrial(TrialResult result) =>
        _best = string.Create(CultureInfo.InvariantCulture, $"best: trial {result.TrialId + 1}, loss {result.Loss:0.000}");

    public void ReportFailedTrial(TrialResult result) => Advance();

    private void Advance()
    {
        _done++;
        task.Value = trials is null ? Math.Min(_clock.Elapsed.TotalSeconds, budget!.Value.TotalSeconds) : _done;
    }

    private void Show(string step) => task.Description = Markup.Escape($"{step} · {_best}");
}

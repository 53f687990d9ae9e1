using QuiltNet.Optimizer.AutoML;

namespace QuiltNet.Optimizer.Tests.AutoML;

/// <summary>Scores a function of the parameters, reporting its value as the loss and as a metric.</summary>
internal sealed class FunctionRunner(Func<Parameters, double> function) : ITrialRunner
{
    public List<int> Ran { get; } = [];

    public Task<TrialResult> RunAsync(TrialSettings settings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Ran.Add(settings.TrialId);
        double value = function(settings.Parameters);
        return Task.FromResult(new TrialResult { Settings = settings, Loss = value, Metrics = new Dictionary<string, double> { ["value"] = value } });
    }
}

/// <summary>Records what the experiment reported, in order.</summary>
internal sealed class RecordingMonitor : IMonitor
{
    public List<string> Events { get; } = [];

    public Action<TrialResult>? OnCompleted { get; init; }

    public void ReportRunningTrial(TrialSettings settings) => Events.Add($"running {settings.TrialId}");

    public void ReportCompletedTrial(TrialResult result)
    {
        Events.Add($"completed {result.TrialId}");
        OnCompleted?.Invoke(result);
    }

    public void ReportBestTrial(TrialResult result) => Events.Add($"best {result.TrialId}");

    public void ReportFailedTrial(TrialResult result) => Events.Add($"failed {result.TrialId}");
}

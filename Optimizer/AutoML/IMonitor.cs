namespace QuiltNet.Optimizer.AutoML;

/// <summary>Hears about the search as it goes (for progress display and logs), from the search loop, one call at a time.</summary>
public interface IMonitor
{
    /// <summary>A trial with <paramref name="settings"/> is about to run.</summary>
    void ReportRunningTrial(TrialSettings settings);

    /// <summary>A trial finished with a finite loss.</summary>
    void ReportCompletedTrial(TrialResult result);

    /// <summary>A trial with a lower loss than any before it, right after it was reported completed (or replayed).</summary>
    void ReportBestTrial(TrialResult result);

    /// <summary>A trial failed (its loss is not finite; <see cref="TrialResult.Error"/> says why).</summary>
    void ReportFailedTrial(TrialResult result);
}

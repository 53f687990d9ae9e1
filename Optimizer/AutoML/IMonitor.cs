namespace QuiltNet.Optimizer.AutoML;

/// <summary>Hears about the search as it goes (for progress display and logs), from the search loop, one call at a time.</summary>
public interface IMonitor
{
    void ReportRunningTrial(TrialSettings settings);

    void ReportCompletedTrial(TrialResult result);

    /// <summary>A trial with a lower loss than any before it, right after it was reported completed (or replayed).</summary>
    void ReportBestTrial(TrialResult result);

    void ReportFailedTrial(TrialResult result);
}

namespace QuiltNet.Optimizer.AutoML;

/// <summary>Why an experiment stopped.</summary>
public enum StopReason
{
    TrialBudget,
    TimeBudget,

    /// <summary>The caller's cancellation token fired (Ctrl+C); the trials finished before it are kept.</summary>
    Cancelled,
}

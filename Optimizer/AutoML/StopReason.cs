namespace QuiltNet.Optimizer.AutoML;

/// <summary>Why an experiment stopped.</summary>
public enum StopReason
{
    /// <summary>The number of trials asked for has run.</summary>
    TrialBudget,
    /// <summary>The time allowed has passed.</summary>
    TimeBudget,

    /// <summary>The caller's cancellation token fired (Ctrl+C); the trials finished before it are kept.</summary>
    Cancelled,
}

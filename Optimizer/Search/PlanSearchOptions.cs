namespace QuiltNet.Optimizer.Search;

/// <summary>How long and how a plan search runs; defaults in one place.</summary>
public sealed record PlanSearchOptions
{
    /// <summary>smac, random or grid.</summary>
    public string Tuner { get; init; } = "smac";

    /// <summary>Trials to run; with <see cref="TimeBudget"/> set too, whichever ends first.</summary>
    public int? Trials { get; init; } = 8;

    /// <summary>How long the search may run; the trial under way when it runs out is dropped. None when null.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>The tuner's seed: the same seed gives the same search.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Continue the search journaled in the output folder instead of starting afresh.</summary>
    public bool Resume { get; init; }
}

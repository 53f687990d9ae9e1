namespace QuiltNet.Optimizer.Search;

/// <summary>How long and how a plan search runs; defaults in one place.</summary>
public sealed record PlanSearchOptions
{
    public string Tuner { get; init; } = "smac";

    /// <summary>Trials to run; with <see cref="TimeBudget"/> set too, whichever ends first.</summary>
    public int? Trials { get; init; } = 8;

    public TimeSpan? TimeBudget { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Continue the search journaled in the output folder instead of starting afresh.</summary>
    public bool Resume { get; init; }
}

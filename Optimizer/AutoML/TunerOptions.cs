namespace QuiltNet.Optimizer.AutoML;

/// <summary>Settings for the tuners <see cref="Tuners.Create"/> makes; each tuner reads the ones that concern it.</summary>
public sealed record TunerOptions
{
    /// <summary>Seeds random search and SMAC: the same seed and the same results give the same proposals.</summary>
    public int Seed { get; init; }

    /// <summary>How many values the grid takes on each numeric range, both ends included (choices contribute all their options).</summary>
    public int GridSteps { get; init; } = 5;

    /// <summary>Settings of the SMAC tuner.</summary>
    public SmacOptions Smac { get; init; } = new();
}

using System.Globalization;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>The partitioner's knobs, defaults in one place. Errors name the property out of range.</summary>
public sealed record PartitionOptions
{
    /// <summary>Every setting at its default.</summary>
    public static PartitionOptions Default { get; } = new();

    /// <summary>The most top-1 accuracy the chosen compression options may cost together, in percentage points.</summary>
    public double AccuracyBudgetPp { get; init; } = 1.0;

    /// <summary>What the solver optimises: throughput, energy, or the energy–delay product.</summary>
    public PartitionObjective Objective { get; init; } = PartitionObjective.Throughput;

    /// <summary>Inferences per second every plan must reach; none when null.</summary>
    public double? ThroughputFloorPerSecond { get; init; }

    /// <summary>Use at most this many of the system's chips; all of them when null.</summary>
    public int? MaxChips { get; init; }

    /// <summary>Wall-clock limit for the whole solve; past it the best plan found so far is returned, marked not proven optimal.</summary>
    public double TimeLimitSeconds { get; init; } = 60;

    /// <summary>
    /// A time limit that fits the problem's size: 5 s, plus 0.02 s per candidate cut and chip, at most 120 s. The solver
    /// proves the bundled models' plans within a second or two; a 300-layer chain on 16 chips needs about a minute.
    /// </summary>
    /// <param name="candidateCuts">How many cuts the model offers.</param>
    /// <param name="chips">How many chips the system has.</param>
    public static double TimeLimitFor(int candidateCuts, int chips)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidateCuts);
        ArgumentOutOfRangeException.ThrowIfNegative(chips);
        return Math.Min(120, 5 + 0.02 * candidateCuts * chips);
    }

    /// <summary>CP-SAT's parallel search workers; 0 lets CP-SAT pick (one per core).</summary>
    public int Workers { get; init; }

    /// <summary>
    /// How much better than the baseline, on the objective, a compressed plan must be to be kept, in per cent: compression
    /// costs accuracy and adds autoencoders, not worth paying for a gain of a per cent or two. Below it the plan is the baseline.
    /// </summary>
    public double MinimumGainPercent { get; init; } = 5;

    /// <summary>False leaves every cut uncompressed: the baseline.</summary>
    public bool AllowCompression { get; init; } = true;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first property out of range.</summary>
    public void Validate()
    {
        if (!(AccuracyBudgetPp >= 0))
            throw new ArgumentException($"the accuracy budget must be zero or more percentage points, not {Text(AccuracyBudgetPp)}", nameof(AccuracyBudgetPp));
        if (ThroughputFloorPerSecond is { } floor && !(floor > 0 && double.IsFinite(floor)))
            throw new ArgumentException($"the floor must be a positive number of inferences per second, not {Text(floor)}", nameof(ThroughputFloorPerSecond));
        if (MaxChips is < 1)
            throw new ArgumentException($"at least one chip is needed, not {MaxChips}", nameof(MaxChips));
        if (!(TimeLimitSeconds > 0))
            throw new ArgumentException($"the time limit must be a positive number of seconds, not {Text(TimeLimitSeconds)}", nameof(TimeLimitSeconds));
        if (!(MinimumGainPercent >= 0 && double.IsFinite(MinimumGainPercent)))
            throw new ArgumentException($"the minimum gain must be zero or more per cent, not {Text(MinimumGainPercent)}", nameof(MinimumGainPercent));
        if (Workers < 0)
            throw new ArgumentException($"the number of workers must be 0 (CP-SAT picks) or more, not {Workers}", nameof(Workers));
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}

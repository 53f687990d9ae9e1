using System.Globalization;
using QuiltNet.Graph;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>The partitioner's knobs, defaults in one place. Errors name the CLI option that sets each.</summary>
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

    /// <summary>CP-SAT's parallel search workers; 0 lets CP-SAT pick (one per core).</summary>
    public int Workers { get; init; }

    /// <summary>
    /// How much better than the baseline, on the objective, a compressed plan must be to be kept, in per cent: compression
    /// costs accuracy and adds autoencoders, not worth paying for a gain of a per cent or two. Below it the plan is the baseline.
    /// </summary>
    public double MinimumGainPercent { get; init; } = 5;

    /// <summary>False leaves every cut uncompressed: the baseline.</summary>
    public bool AllowCompression { get; init; } = true;

    /// <summary>Throws a <see cref="QuiltNetException"/> naming the option of the first knob out of range.</summary>
    public void Validate()
    {
        if (!(AccuracyBudgetPp >= 0))
            throw new QuiltNetException("--max-accuracy-loss", $"the accuracy budget must be zero or more percentage points, not {Text(AccuracyBudgetPp)}");
        if (ThroughputFloorPerSecond is { } floor && !(floor > 0 && double.IsFinite(floor)))
            throw new QuiltNetException("--throughput-floor", $"the floor must be a positive number of inferences per second, not {Text(floor)}");
        if (MaxChips is < 1)
            throw new QuiltNetException("--max-chips", $"at least one chip is needed, not {MaxChips}");
        if (!(TimeLimitSeconds > 0))
            throw new QuiltNetException("--time-limit", $"the time limit must be a positive number of seconds, not {Text(TimeLimitSeconds)}");
        if (!(MinimumGainPercent >= 0 && double.IsFinite(MinimumGainPercent)))
            throw new QuiltNetException("--min-gain", $"the minimum gain must be zero or more per cent, not {Text(MinimumGainPercent)}");
        if (Workers < 0)
            throw new QuiltNetException("--workers", $"the number of workers must be 0 (CP-SAT picks) or more, not {Workers}");
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}

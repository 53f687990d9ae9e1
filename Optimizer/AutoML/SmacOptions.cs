using QuiltNet.Graph;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// SMAC's settings. The forest's and the candidate search's defaults are ML.NET AutoML's; the schedule's are not, see
/// <see cref="InitialRandomTrials"/> and <see cref="RefitEvery"/>.
/// </summary>
public sealed record SmacOptions
{
    /// <summary>
    /// Trials proposed at random before the surrogate takes over: it needs some spread-out data to learn from. ML.NET uses
    /// 20; searches here run tens of trials, not hundreds, and 10 left more of them to the surrogate for a better result
    /// (40 trials, 40 seeds: mean best 0.37 against 0.47 with 20 on a mixed four-parameter quadratic).
    /// </summary>
    public int InitialRandomTrials { get; init; } = 10;

    /// <summary>
    /// The surrogate is refitted after every this many further trials. ML.NET refits every 10 to save time, but a fit on
    /// this little data takes milliseconds beside trials of seconds, and a stale forest keeps proposing in the same leaf
    /// (40 trials, 40 seeds: mean best on Branin 0.81 refitting every trial, 1.36 every 10).
    /// </summary>
    public int RefitEvery { get; init; } = 1;

    /// <summary>Trees in the random-forest surrogate.</summary>
    public int Trees { get; init; } = 10;

    /// <summary>The fewest trials a leaf of a surrogate tree may hold.</summary>
    public int MinExamplesPerLeaf { get; init; } = 2;

    /// <summary>The fraction of the parameters each tree may split on; below 1 it decorrelates the trees, whose spread is the uncertainty.</summary>
    public double FeatureFraction { get; init; } = 0.8;

    /// <summary>How many of the best configurations so far start a local search for high expected improvement.</summary>
    public int LocalSearchParents { get; init; } = 5;

    /// <summary>Random configurations scored beside the local searches' results.</summary>
    public int RandomCandidates { get; init; } = 5000;

    /// <summary>
    /// After the initial trials, every this-many-th proposal is random instead of the surrogate's choice (2: alternate, as
    /// ML.NET does), which keeps exploring where a mis-fitted surrogate would never look.
    /// </summary>
    public int RandomProposalEvery { get; init; } = 2;

    internal void Validate()
    {
        Require(InitialRandomTrials >= 2, "initial random trials", InitialRandomTrials, "at least 2 (the surrogate needs two points)");
        Require(RefitEvery >= 1, "refit interval", RefitEvery, "at least 1");
        Require(Trees >= 2, "trees", Trees, "at least 2 (their spread is the uncertainty)");
        Require(MinExamplesPerLeaf >= 1, "examples per leaf", MinExamplesPerLeaf, "at least 1");
        Require(FeatureFraction > 0 && FeatureFraction <= 1, "feature fraction", FeatureFraction, "in (0, 1]");
        Require(LocalSearchParents >= 0, "local search parents", LocalSearchParents, "at least 0");
        Require(RandomCandidates >= 1, "random candidates", RandomCandidates, "at least 1");
        Require(RandomProposalEvery >= 2, "random proposal interval", RandomProposalEvery, "at least 2 (1 would make every proposal random)");
    }

    private static void Require(bool holds, string name, double value, string rule)
    {
        if (!holds) throw new QuiltNetException($"SMAC {name}", $"must be {rule}, not {value}");
    }
}

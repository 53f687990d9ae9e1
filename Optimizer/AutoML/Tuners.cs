using QuiltNet.Graph;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>Makes a tuner by name: grid, random or smac.</summary>
public static class Tuners
{
    /// <summary>The tuners <see cref="Create"/> knows: grid, random and smac.</summary>
    public static IReadOnlyList<string> Names { get; } = ["grid", "random", "smac"];

    /// <summary>The tuner named <paramref name="name"/> over <paramref name="space"/>.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="space">The parameters to tune.</param>
    /// <param name="options">Seed, grid steps and SMAC settings; null for the defaults.</param>
    /// <exception cref="QuiltNetException"><paramref name="name"/> is not one of <see cref="Names"/>, or the grid steps are fewer than 2.</exception>
    public static ITuner Create(string name, SearchSpace space, TunerOptions? options = null)
    {
        options ??= new TunerOptions();
        switch (name.Trim().ToLowerInvariant())
        {
            case "grid":
                if (options.GridSteps < 2)
                    throw new QuiltNetException("grid steps", $"must be at least 2 (both ends of each range), not {options.GridSteps}");
                return new GridTuner(space, options.GridSteps);
            case "random":
                return new RandomTuner(space, options.Seed);
            case "smac":
                options.Smac.Validate();
                return new SmacTuner(space, options.Seed, options.Smac);
            default:
                throw new QuiltNetException("tuner", $"'{name}' is not a tuner; use one of {string.Join(", ", Names)}");
        }
    }
}

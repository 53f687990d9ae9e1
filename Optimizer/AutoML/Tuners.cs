using QuiltNet.Graph;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>Makes a tuner by name: grid, random or smac.</summary>
public static class Tuners
{
    public static IReadOnlyList<string> Names { get; } = ["grid", "random", "smac"];

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

using QuiltNet.Estimators.Autoencoders;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.AutoML;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Search;

/// <summary>
/// The knobs the integer program takes as given, as a search space: the accuracy budget handed to the
/// solver (up to the user's constraint), how many chips it may use, the code bits and spatial stride on the
/// menu, the autoencoder kind (linear = closed-form PCA, mse = trained to reconstruct, distill = trained
/// on the model's output) and the solver's objective.
/// </summary>
public static class PlanSearchSpace
{
    /// <summary>The knobs' names, as the journal and the report write them.</summary>
    public const string Budget = "accuracyBudgetPp", Chips = "chips", Bits = "bits", Stride = "stride", Kind = "autoencoder", Objective = "objective";

    /// <summary>The space for <paramref name="system"/> under an accuracy constraint of <paramref name="maxAccuracyLossPp"/> percentage points.</summary>
    /// <param name="system">The chips; with more than two, how many to use is a knob.</param>
    /// <param name="maxAccuracyLossPp">The user's constraint: the solver's budget ranges from a quarter of it to all of it.</param>
    public static SearchSpace Create(HwSystem system, double maxAccuracyLossPp)
    {
        if (system.Chips.Count < 2)
            throw new ArgumentException($"system {system.Name} has one chip: there is nothing to partition", nameof(system));
        var parameters = new List<SearchParameter>
        {
            new UniformFloat(Budget, maxAccuracyLossPp / 4, Math.Max(maxAccuracyLossPp, 0.1)),
            new Choice(Bits, 32, 8, 4),
            new Choice(Stride, 1, 2),
            new Choice(Kind, "pca", "mse", "distill"),
            new Choice(Objective, "throughput", "edp", "energy"),
        };
        // With two chips there is no choice of how many to use.
        if (system.Chips.Count > 2) parameters.Insert(1, new UniformInt(Chips, 2, system.Chips.Count));
        return new SearchSpace([.. parameters]);
    }

    /// <summary>
    /// Where a search starts: the solver's budget at the whole constraint, every chip, 8-bit codes at stride 1, distillation,
    /// and the goal's own objective — what a single <c>partition</c> would do, and the configuration most likely to pay.
    /// </summary>
    public static Parameters StartingPoint(SearchSpace space, HwSystem system, SearchGoal goal)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(goal);
        var values = new Dictionary<string, ParameterValue>
        {
            [Budget] = goal.MaxAccuracyLossPp,
            [Chips] = system.Chips.Count,
            [Bits] = 8,
            [Stride] = 1,
            [Kind] = "distill",
            [Objective] = goal.Primary.ToString().ToLowerInvariant(),
        };
        return new Parameters(space.Select(p => new KeyValuePair<string, ParameterValue>(p.Name, values[p.Name])));
    }

    /// <summary>The settings a trial makes its plan with: the shared ones with this trial's knobs set.</summary>
    public static PlanSettings Apply(Parameters p, PlanSettings shared) => shared with
    {
        Partition = shared.Partition with
        {
            AccuracyBudgetPp = p.GetDouble(Budget),
            MaxChips = p.ContainsKey(Chips) ? p.GetInt(Chips) : null,
            Objective = Enum.Parse<PartitionObjective>(p.GetString(Objective), ignoreCase: true),
        },
        Menu = shared.Menu with { Bits = [p.GetInt(Bits)], Stride = p.GetInt(Stride) },
        Training = shared.Training with { Method = Enum.Parse<TrainingMethod>(p.GetString(Kind), ignoreCase: true) },
    };
}

using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Optimizer.Plans;

/// <summary>How one plan is made on a <see cref="PlanningContext"/>: the solver's knobs, the compression options measured, and how autoencoders train.</summary>
public sealed record PlanSettings
{
    /// <summary>The partitioner's knobs: accuracy budget, objective, chips, time limit, minimum gain.</summary>
    public PartitionOptions Partition { get; init; } = PartitionOptions.Default;

    /// <summary>The compression options measured at the cuts the solver wants.</summary>
    public MenuGrid Menu { get; init; } = new();

    /// <summary>How the chosen autoencoders are trained.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>
    /// The most compression options one plan measures (each is an autoencoder trained and the model run on the evaluation data);
    /// past it the solver chooses among those measured. Bounds a plan whose budget is so tight that option after option misses it.
    /// </summary>
    public int MaxMeasuredOptions { get; init; } = 6;
}

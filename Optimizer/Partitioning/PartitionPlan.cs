using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// What the partitioner chose and how good it is. <see cref="Estimate"/> is the simulator's score of
/// <see cref="Layout"/>: the figures to report. <see cref="SolverPeriodSeconds"/> and <see cref="SolverEnergyJoules"/>
/// are the solver's own objective values, read back from its scaled integers (period rounded up to one
/// <see cref="Scaling.TimeUnitSeconds"/>), for checking the solver against the simulator.
/// </summary>
/// <param name="Options">Per cut, the menu option it is sent with; null where it is sent uncompressed.</param>
/// <param name="ProvenOptimal">False when the time limit stopped the solver before it proved the plan best.</param>
/// <param name="SolveSeconds">Wall-clock time of the whole solve, cost tables included.</param>
/// <param name="SolverEnergyJoules">Null when the solver stopped before it weighed energy.</param>
/// <param name="Layout">The cuts, the chip of each stage and each cut's compression.</param>
/// <param name="Estimate">The simulator's score of <paramref name="Layout"/>.</param>
/// <param name="Objective">What the solver optimised.</param>
/// <param name="SolverPeriodSeconds">The solver's own period, read back from its integers.</param>
/// <param name="Scaling">The units the solver's integers were in.</param>
public sealed record PartitionPlan(
    PipelineLayout Layout,
    IReadOnlyList<CompressionOption?> Options,
    PipelineEstimate Estimate,
    PartitionObjective Objective,
    bool ProvenOptimal,
    double SolveSeconds,
    double SolverPeriodSeconds,
    double? SolverEnergyJoules,
    Scaling Scaling)
{
    /// <summary>The chosen options' measured accuracy drops added up, in percentage points.</summary>
    public double AccuracyDropPp => Options.Sum(o => o?.AccuracyDropPp ?? 0);
}

using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Simulation;

/// <summary>
/// The analytic steady state of a pipeline. Transfers overlap compute (double buffering), so one input
/// leaves every <see cref="PeriodSeconds"/> = the slowest stage or link; latency is the sum along the path;
/// energy per inference adds every stage's and link's dynamic energy and the used chips' static power over
/// one period. <see cref="Links"/> runs host → first chip, the cuts in order, last chip → host.
/// </summary>
public sealed record PipelineEstimate(
    string Model,
    string System,
    IReadOnlyList<StageCost> Stages,
    IReadOnlyList<LinkCost> Links,
    IReadOnlyList<ChipUse> Chips,
    double PeriodSeconds,
    double ThroughputPerSecond,
    double LatencySeconds,
    double EnergyJoulesPerInference,
    string Bottleneck,
    IReadOnlyList<string> MemoryOverflows)
{
    public bool Feasible => MemoryOverflows.Count == 0;
}

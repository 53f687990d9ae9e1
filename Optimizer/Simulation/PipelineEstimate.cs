using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Simulation;

/// <summary>
/// The analytic steady state of a pipeline. Transfers overlap compute (double buffering), so one input
/// leaves every <see cref="PeriodSeconds"/> = the slowest stage or link (a link counts the time it is held, not
/// its hop latency); latency is the sum along the path, hop latencies included. Energy per inference =
/// Σ dynamic energy of stages and links + (Σ static power of every chip of the system, idle ones included + Σ static
/// power of the links kept up) × period. <see cref="Links"/> runs host → first chip, the cuts in order, last chip → host.
/// </summary>
/// <param name="Model">The model's file name.</param>
/// <param name="System">The system's name.</param>
/// <param name="Stages">Each stage's cost.</param>
/// <param name="Links">Each transfer's cost.</param>
/// <param name="Chips">Each chip of the system, in its order: utilisation (0 when the pipeline leaves it idle) and static energy per inference.</param>
/// <param name="PeriodSeconds">Time between two inputs leaving, in steady state.</param>
/// <param name="ThroughputPerSecond">1 / period.</param>
/// <param name="LatencySeconds">One input's time through the whole pipeline.</param>
/// <param name="EnergyJoulesPerInference">Dynamic plus static energy per inference.</param>
/// <param name="Bottleneck">The stage or link that sets the period.</param>
/// <param name="MemoryOverflows">One line per stage that does not fit its chip.</param>
/// <param name="LinkStaticPowerWatts">Static power of the links kept up (host links and the cuts' hops).</param>
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
    IReadOnlyList<string> MemoryOverflows,
    double LinkStaticPowerWatts = 0)
{
    /// <summary>True when every stage fits its chip.</summary>
    public bool Feasible => MemoryOverflows.Count == 0;

    /// <summary>Static energy per inference: every chip of the system and the links kept up, over one period.</summary>
    public double StaticEnergyJoules => Chips.Sum(c => c.StaticEnergyJoules) + LinkStaticPowerWatts * PeriodSeconds;

    /// <summary>Dynamic energy per inference: MACs, memory traffic and bits sent.</summary>
    public double DynamicEnergyJoules => EnergyJoulesPerInference - StaticEnergyJoules;
}

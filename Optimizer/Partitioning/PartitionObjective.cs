namespace QuiltNet.Optimizer.Partitioning;

/// <summary>What the partitioner minimises.</summary>
public enum PartitionObjective
{
    /// <summary>The pipeline's period (its slowest stage or link), then the energy per inference among plans with that period.</summary>
    Throughput,

    /// <summary>Energy per inference, under the throughput floor if one is given.</summary>
    Energy,

    /// <summary>Energy per inference × period (the energy–delay product of a pipeline in steady state).</summary>
    Edp,
}

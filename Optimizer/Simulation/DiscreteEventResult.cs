namespace QuiltNet.Optimizer.Simulation;

/// <summary>
/// A stream of inputs pushed through the pipeline: steady-state throughput (measured over the second half of
/// the stream, after the pipeline has filled), the first input's latency, and every busy interval.
/// </summary>
public sealed record DiscreteEventResult(
    IReadOnlyList<PipelineResource> Resources,
    int Inputs,
    int BufferSlots,
    double ThroughputPerSecond,
    double FirstLatencySeconds,
    double MakespanSeconds,
    IReadOnlyList<TimelineInterval> Timeline);

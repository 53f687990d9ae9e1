namespace QuiltNet.Runtime;

/// <summary>
/// What a pipelined run measured: top-1 accuracy against the labels (null for unlabelled data), throughput over the whole run, and
/// the latency of each input from the moment the first stage takes it to its result, waits between stages
/// included (every input of a batch shares its batch's latency). Busy times tell which stage or link set the pace.
/// </summary>
public sealed record RuntimeReport(
    int Inputs,
    int Batch,
    int ThreadsPerStage,
    LinkEmulation? Link,
    double? Accuracy,
    double ThroughputPerSecond,
    double LatencyP50Seconds,
    double LatencyP99Seconds,
    double WallSeconds,
    IReadOnlyList<StageBusy> Stages,
    IReadOnlyList<LinkTraffic> Links)
{
    /// <summary>The workers that ran the stages, in order, when the run went across machines; null in process.</summary>
    public IReadOnlyList<string>? Workers { get; init; }
}

/// <summary>Seconds a stage spent running its model, and that as a share of the run's wall time.</summary>
public sealed record StageBusy(string Stage, double BusySeconds, double Utilization);

/// <summary>
/// What crossed the link between two stages: bytes as sent (quantised codes at their bits), and the
/// seconds the link was held: the emulated link's time, or across machines the time at least one batch
/// waited for the receiver's ack (null when no link was emulated in process).
/// </summary>
public sealed record LinkTraffic(string From, string To, long Bytes, double BytesPerInput, double? BusySeconds)
{
    /// <summary>Across machines, the bytes over the link's busy time: the bandwidth the link was measured to carry.</summary>
    public double? MeasuredBytesPerSecond { get; init; }
}

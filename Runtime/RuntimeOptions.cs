namespace QuiltNet.Runtime;

/// <summary>How a <see cref="StagePipeline"/> run feeds its stages and what it emulates between them.</summary>
public sealed record RuntimeOptions
{
    /// <summary>Inputs per inference; 1 (the default) measures the latency of single inferences.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Inputs to run, at most the data's size; null runs all of it.</summary>
    public int? Count { get; init; }

    /// <summary>The link between consecutive stages; null hands tensors on through memory at once.</summary>
    public LinkEmulation? Link { get; init; }

    /// <summary>
    /// Batches each channel between two stages holds. Small, as a chip's input buffers are: a full channel
    /// stops the stage before it, so a slow stage or link sets the pace of the whole pipeline.
    /// </summary>
    public int ChannelCapacity { get; init; } = 4;

    /// <summary>
    /// How long one stage may work on one batch before the run ends as stalled, naming it; the stage's run is cancelled
    /// (ONNX Runtime's terminate flag), so its thread ends with the others.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

using QuiltNet.Data;


namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// Stages run across machines: one stage worker (<see cref="WorkerHost"/>) per stage, each streaming its
/// results straight to the next over gRPC, the coordinator feeding the first and scoring what the last
/// returns. Reports what an in-process <see cref="StagePipeline"/> run reports, plus each link's measured bandwidth.
/// </summary>
public static class DistributedPipeline
{
    /// <summary>Runs <paramref name="stages"/> on <paramref name="workers"/> over <paramref name="data"/> and measures the run.</summary>
    /// <param name="stages">The stages, in pipeline order.</param>
    /// <param name="workers">One worker address per stage, in order: host:port, or https://host:port for TLS.</param>
    /// <param name="data">The labelled inputs the first stage takes.</param>
    /// <param name="options">Batch, count and queue sizes; null for the defaults.</param>
    /// <param name="distributed">Token, TLS trust, window and stall timeout; null for the defaults.</param>
    /// <param name="cancellation">Stops the run: every stream is closed.</param>
    /// <exception cref="PipelineStoppedException">A worker failed, died, refused the run or stalled; the message names its address and stage and how many inputs were completed.</exception>
    public static async Task<RuntimeReport> RunAsync(IReadOnlyList<StageSpec> stages, IReadOnlyList<string> workers, SampleSet data,
        RuntimeOptions? options = null, DistributedOptions? distributed = null, CancellationToken cancellation = default)
    {
        options ??= new RuntimeOptions();
        distributed ??= new DistributedOptions();
        if (workers.Count != stages.Count)
            throw new ArgumentException($"{workers.Count} worker addresses for {stages.Count} stages: give one per stage", nameof(workers));
        if (options.Link is not null)
            throw new ArgumentException("links between workers are real; nothing is emulated", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChannelCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(distributed.ThreadsPerStage, 1);
        await using var run = new DistributedRun(stages, workers, data, options, distributed);
        return await run.ExecuteAsync(cancellation).ConfigureAwait(false);
    }
}

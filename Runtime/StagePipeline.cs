using QuiltNet.Data;
using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>
/// Stages run as a real pipeline, the way chips in a row would run them: one ONNX Runtime session per
/// stage on a thread of its own with its own intra-op threads, bounded channels in between, and optionally
/// an emulated link between each pair that holds every transfer for its real time. Open once, run as often
/// as wanted; disposing closes the sessions.
/// </summary>
public sealed class StagePipeline : IDisposable
{
    internal StagePipeline(IReadOnlyList<PipelineStage> stages, IReadOnlyList<TensorInfo> inputs, string logits, int threadsPerStage)
    {
        Stages = stages;
        Inputs = inputs;
        Logits = logits;
        ThreadsPerStage = threadsPerStage;
    }

    internal IReadOnlyList<PipelineStage> Stages { get; }

    /// <summary>The first stage's inputs, which the data feeds (see <see cref="SampleSet.Feeds"/>; their first dimension is the batch).</summary>
    internal IReadOnlyList<TensorInfo> Inputs { get; }

    /// <summary>The last stage's first output, scored top-1 against the labels.</summary>
    internal string Logits { get; }

    internal int ThreadsPerStage { get; }

    /// <summary>The stages' names, in pipeline order.</summary>
    public IReadOnlyList<string> StageNames => Stages.Select(s => s.Name).ToList();

    /// <summary>Opens an ONNX Runtime session per stage.</summary>
    /// <param name="stages">The stages, in pipeline order.</param>
    /// <param name="threadsPerStage">ONNX Runtime intra-op threads of each stage's session.</param>
    public static StagePipeline Open(IReadOnlyList<StageSpec> stages, int threadsPerStage = 1)
    {
        var (inputs, logits) = PipelineEnds.Of(stages);
        if (threadsPerStage < 1)
            throw new ArgumentOutOfRangeException(nameof(threadsPerStage), $"must be at least 1, got {threadsPerStage}");
        var opened = new List<PipelineStage>();
        try
        {
            foreach (var stage in stages)
            {
                var executor = OnnxStageExecutor.Open(stage.ModelPath, threadsPerStage);
                opened.Add(new PipelineStage(stage.Name, executor, stage.Outputs.ToDictionary(t => t.Name, t => t.LinkBits)));
                executor.CheckAgainst(stage);
            }
        }
        catch
        {
            foreach (var stage in opened) stage.Executor.Dispose();
            throw;
        }
        return new StagePipeline(opened, inputs, logits, threadsPerStage);
    }

    /// <summary>
    /// Runs the data through the stages once, sequentially, so every session has warmed up and the stages
    /// are known to fit together, then through the pipeline, timed.
    /// </summary>
    /// <exception cref="PipelineStoppedException">A stage failed, a channel closed early, or <paramref name="cancellation"/> was cancelled; every thread has ended.</exception>
    public RuntimeReport Run(SampleSet data, RuntimeOptions? options = null, CancellationToken cancellation = default) =>
        Run(data, options ?? new RuntimeOptions(), cancellation, probe: null);

    internal RuntimeReport Run(SampleSet data, RuntimeOptions options, CancellationToken cancellation, RunProbe? probe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChannelCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StallTimeout, TimeSpan.Zero);
        var batches = RunBatches.Plan(Inputs[0], Stages[0].Name, data, options);
        WarmUp(data.Feeds(batches[0].Start, batches[0].Count, Inputs), cancellation);
        using var run = new PipelineRun(this, data, batches, options, cancellation, probe);
        return run.Execute();
    }

    private void WarmUp(IReadOnlyDictionary<string, HostTensor> feeds, CancellationToken cancellation)
    {
        var carried = new Dictionary<string, HostTensor>(feeds);
        foreach (var stage in Stages)
        {
            try
            {
                carried = stage.Executor.Run(carried, cancellation);
            }
            catch (Exception e) when (cancellation.IsCancellationRequested)
            {
                throw PipelineStoppedException.Cancellation($"while {stage.Name} warmed up", new OperationCanceledException(e.Message, e, cancellation));
            }
            catch (Exception e)
            {
                throw PipelineStoppedException.Failed(stage.Name, 0, e);
            }
        }
        if (!carried.ContainsKey(Logits))
            throw new QuiltNetException(Stages[^1].Name, $"returned no tensor '{Logits}' to score");
    }

    /// <summary>Closes every stage's session.</summary>
    public void Dispose()
    {
        foreach (var stage in Stages) stage.Executor.Dispose();
    }
}

using QuiltNet.Graph;
using QuiltNet.Graph.Data;

namespace QuiltNet.Estimators.Runtime;

/// <summary>
/// Stages run as a real pipeline, the way chips in a row would run them: one ONNX Runtime session per
/// stage on a thread of its own with its own intra-op threads, bounded channels in between, and optionally
/// an emulated link between each pair that holds every transfer for its real time. Open once, run as often
/// as wanted; disposing closes the sessions.
/// </summary>
public sealed class StagePipeline : IDisposable
{
    internal StagePipeline(IReadOnlyList<PipelineStage> stages, TensorInfo input, string logits, int threadsPerStage)
    {
        Stages = stages;
        Input = input;
        Logits = logits;
        ThreadsPerStage = threadsPerStage;
    }

    internal IReadOnlyList<PipelineStage> Stages { get; }

    /// <summary>The first stage's input, which the data feeds (its first dimension is the batch).</summary>
    internal TensorInfo Input { get; }

    /// <summary>The last stage's first output, scored top-1 against the labels.</summary>
    internal string Logits { get; }

    internal int ThreadsPerStage { get; }

    public IReadOnlyList<string> StageNames => Stages.Select(s => s.Name).ToList();

    /// <param name="threadsPerStage">ONNX Runtime intra-op threads of each stage's session.</param>
    public static StagePipeline Open(IReadOnlyList<StageSpec> stages, int threadsPerStage = 1)
    {
        if (stages.Count == 0)
            throw new QuiltNetException("--stages", "no stages to run");
        if (threadsPerStage < 1)
            throw new QuiltNetException("--threads", $"must be at least 1, got {threadsPerStage}");
        var first = stages[0];
        if (first.Inputs is not [var input] || ElementTypeNames.Parse(input.ElementType) != ElementType.Float)
            throw new QuiltNetException(first.Name, $"takes {string.Join(", ", first.Inputs.Select(i => $"{i.ElementType} '{i.Name}'"))}; a run feeds one float tensor of images");
        if (stages[^1].Outputs.Count == 0)
            throw new QuiltNetException(stages[^1].Name, "returns no tensor to score");

        var opened = new List<PipelineStage>();
        try
        {
            foreach (var stage in stages)
                opened.Add(new PipelineStage(stage.Name, OnnxStageExecutor.Open(stage.ModelPath, threadsPerStage),
                    stage.Outputs.ToDictionary(t => t.Name, t => t.LinkBits)));
        }
        catch
        {
            foreach (var stage in opened) stage.Executor.Dispose();
            throw;
        }
        return new StagePipeline(opened, new TensorInfo(input.Name, ElementType.Float, input.Shape), stages[^1].Outputs[0].Name, threadsPerStage);
    }

    /// <summary>
    /// Runs the data through the stages once, sequentially, so every session has warmed up and the stages
    /// are known to fit together, then through the pipeline, timed.
    /// </summary>
    /// <exception cref="PipelineStoppedException">A stage failed, a channel closed early, or <paramref name="cancellation"/> was cancelled; every thread has ended.</exception>
    public RuntimeReport Run(LabelledImages data, RuntimeOptions? options = null, CancellationToken cancellation = default) =>
        Run(data, options ?? new RuntimeOptions(), cancellation, probe: null);

    internal RuntimeReport Run(LabelledImages data, RuntimeOptions options, CancellationToken cancellation, RunProbe? probe)
    {
        var batches = Batches(data, options);
        WarmUp(data.Batch(batches[0].Start, batches[0].Count, Input), cancellation);
        using var run = new PipelineRun(this, data, batches, options, cancellation, probe);
        return run.Execute();
    }

    private List<(int Start, int Count)> Batches(LabelledImages data, RuntimeOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChannelCapacity, 1);
        if (options.Batch < 1)
            throw new QuiltNetException("--batch", $"must be at least 1, got {options.Batch}");
        if (options.Count is < 1)
            throw new QuiltNetException("--count", $"must be at least 1, got {options.Count}");
        int count = Math.Min(options.Count ?? data.Count, data.Count);
        if (count == 0)
            throw new QuiltNetException(data.Source, "holds no samples to run");
        long fixedBatch = Input.Shape[0];
        if (fixedBatch > 0 && options.Batch != fixedBatch)
            throw new QuiltNetException("--batch", $"{Stages[0].Name} takes batches of exactly {fixedBatch}, not {options.Batch}");
        // A model with a fixed batch cannot take a short last batch.
        if (fixedBatch > 0) count = count / options.Batch * options.Batch;
        if (count == 0)
            throw new QuiltNetException("--count", $"fewer inputs than one batch of {options.Batch}");
        return Enumerable.Range(0, (count + options.Batch - 1) / options.Batch)
            .Select(b => (b * options.Batch, Math.Min(options.Batch, count - b * options.Batch)))
            .ToList();
    }

    private void WarmUp(HostTensor batch, CancellationToken cancellation)
    {
        var carried = new Dictionary<string, HostTensor> { [Input.Name] = batch };
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

    public void Dispose()
    {
        foreach (var stage in Stages) stage.Executor.Dispose();
    }
}

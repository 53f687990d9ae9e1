namespace QuiltNet.Runtime;

/// <summary>A stage as the pipeline runs it: its name, what executes it, and the link bits of its output tensors.</summary>
internal sealed record PipelineStage(string Name, IStageExecutor Executor, IReadOnlyDictionary<string, int> LinkBits);

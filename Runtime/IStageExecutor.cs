using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>
/// Runs one stage on one batch: the seam between the pipeline's threading and ONNX Runtime, so tests can
/// put a stage there that fails or stalls at a chosen batch.
/// </summary>
internal interface IStageExecutor : IDisposable
{
    /// <summary>Every output of the stage; throws if the stage cannot run the feeds. Honours <paramref name="cancellation"/> within a run.</summary>
    Dictionary<string, HostTensor> Run(IReadOnlyDictionary<string, HostTensor> feeds, CancellationToken cancellation);
}

using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>
/// A stage in its own ONNX Runtime session with its own intra-op thread count, as a chip of its own would
/// run it; cancellation sets ONNX Runtime's terminate flag, so even a long batch ends promptly.
/// </summary>
internal sealed class OnnxStageExecutor(OnnxRunner runner) : IStageExecutor
{
    public static OnnxStageExecutor Open(string path, int threads) => new(OnnxRunner.Open(path, threads));

    /// <summary>A stage a worker was sent as bytes.</summary>
    public static OnnxStageExecutor Open(byte[] model, int threads) => new(new OnnxRunner(OrtSessions.Open(model, threads: threads)));

    /// <summary>Checks the stage file against what its manifest or plan says it takes and returns (<see cref="OnnxRunner.CheckSignature"/>).</summary>
    public void CheckAgainst(StageSpec spec) => runner.CheckSignature(spec.Name, spec.Inputs, spec.Outputs);

    public Dictionary<string, HostTensor> Run(IReadOnlyDictionary<string, HostTensor> feeds, CancellationToken cancellation) =>
        runner.Run(feeds, cancellation: cancellation);

    public void Dispose() => runner.Dispose();
}

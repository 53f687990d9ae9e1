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

    /// <summary>
    /// Checks that the stage file takes the tensors its manifest or plan says it takes and returns the ones it says it
    /// returns: a stage file that disagrees is named at open, not the stage after it once a batch fails.
    /// </summary>
    public void CheckAgainst(StageSpec spec)
    {
        var inputs = spec.Inputs.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var outputs = spec.Outputs.Select(t => t.Name).ToList();
        if (!inputs.SetEquals(runner.InputNames) || outputs.Except(runner.OutputNames, StringComparer.Ordinal).Any())
            throw new QuiltNetException(spec.Name, $"the stage file takes {Names(runner.InputNames)} and returns {Names(runner.OutputNames)}, " +
                $"but its manifest says it takes {Names([.. inputs])} and returns {Names(outputs)}");
        var declared = runner.Shapes;
        foreach (var tensor in spec.Inputs.Concat(spec.Outputs))
        {
            var actual = declared[tensor.Name];
            bool fits = actual.Count == tensor.Shape.Count && actual.Zip(tensor.Shape).All(d => d.First <= 0 || d.Second <= 0 || d.First == d.Second);
            if (!fits)
                throw new QuiltNetException(spec.Name, $"the stage file gives '{tensor.Name}' the shape [{string.Join(", ", actual)}], but its manifest says [{string.Join(", ", tensor.Shape)}]");
        }
    }

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "nothing" : string.Join(", ", names.Select(n => $"'{n}'"));

    public Dictionary<string, HostTensor> Run(IReadOnlyDictionary<string, HostTensor> feeds, CancellationToken cancellation) =>
        runner.Run(feeds, cancellation: cancellation);

    public void Dispose() => runner.Dispose();
}

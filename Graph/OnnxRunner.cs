using Microsoft.ML.OnnxRuntime;

namespace QuiltNet.Graph;

/// <summary>Runs one ONNX model on named host tensors and returns the outputs it was asked for.</summary>
public sealed class OnnxRunner : IDisposable
{
    private readonly InferenceSession _session;

    /// <summary>Runs models through <paramref name="session"/>, which the runner owns and disposes.</summary>
    public OnnxRunner(InferenceSession session) => _session = session;

    /// <summary>Opens a model file the way <see cref="OrtSessions.Open(string, bool, int?)"/> does; a file ONNX Runtime refuses is an input error naming it.</summary>
    public static OnnxRunner Open(string path, int? threads = null)
    {
        try
        {
            return new OnnxRunner(OrtSessions.Open(path, threads: threads));
        }
        catch (OnnxRuntimeException e)
        {
            throw new QuiltNetException(path, $"ONNX Runtime cannot load it ({OnnxGraph.FirstLine(e.Message)})");
        }
    }

    /// <summary>The model's input tensor names.</summary>
    public IReadOnlyList<string> InputNames => _session.InputNames;

    /// <summary>The model's output tensor names.</summary>
    public IReadOnlyList<string> OutputNames => _session.OutputNames;

    /// <summary>The declared shape of each input and output tensor by name; -1 marks a dynamic dimension.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> Shapes =>
        _session.InputMetadata.Concat(_session.OutputMetadata)
            .GroupBy(m => m.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<long>)g.First().Value.Dimensions.Select(d => (long)d).ToList());

    /// <summary>
    /// Runs the model; tensors named in <paramref name="feeds"/> that the model does not take are ignored.
    /// Cancelling <paramref name="cancellation"/> makes ONNX Runtime abandon the run (it then throws).
    /// </summary>
    public Dictionary<string, HostTensor> Run(IReadOnlyDictionary<string, HostTensor> feeds, IReadOnlyList<string>? outputs = null, CancellationToken cancellation = default)
    {
        outputs ??= _session.OutputNames;
        var names = _session.InputNames;
        var values = new List<OrtValue>(names.Count);
        try
        {
            foreach (string name in names)
                values.Add(feeds.TryGetValue(name, out var tensor)
                    ? tensor.ToOrtValue()
                    : throw new ArgumentException($"no value fed for model input '{name}'"));
            using var runOptions = new RunOptions();
            // Disposed before runOptions: a callback in flight finishes before the options go away.
            using var terminate = cancellation.Register(static options => ((RunOptions)options!).Terminate = true, runOptions);
            using var results = _session.Run(runOptions, names, values, outputs);
            var result = new Dictionary<string, HostTensor>(outputs.Count);
            for (int i = 0; i < outputs.Count; i++)
                if (HostTensor.FromOrtValue(results[i]) is { } host)
                    result[outputs[i]] = host;
            return result;
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();
}

using System.Text.RegularExpressions;
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
            throw new QuiltNetException(path, $"ONNX Runtime cannot load it ({Plain(e.Message)})");
        }
    }

    /// <summary>The model's input tensor names.</summary>
    public IReadOnlyList<string> InputNames => _session.InputNames;

    /// <summary>The model's output tensor names.</summary>
    public IReadOnlyList<string> OutputNames => _session.OutputNames;

    /// <summary>
    /// Checks that the model takes the tensors a manifest or plan says its stage takes and returns the ones it says
    /// it returns, with shapes that fit: a stage file that disagrees is named before any batch runs.
    /// </summary>
    /// <param name="stage">The stage's name, for the error.</param>
    /// <param name="inputs">The tensors the stage is said to take.</param>
    /// <param name="outputs">The tensors the stage is said to return.</param>
    /// <exception cref="QuiltNetException">The model takes or returns other tensors, or other shapes.</exception>
    public void CheckSignature(string stage, IReadOnlyList<ManifestTensor> inputs, IReadOnlyList<ManifestTensor> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var taken = inputs.Select(t => t.Name).ToList();
        var returned = outputs.Select(t => t.Name).ToList();
        if (!taken.ToHashSet(StringComparer.Ordinal).SetEquals(InputNames) || returned.Except(OutputNames, StringComparer.Ordinal).Any())
            throw new QuiltNetException(stage, $"the file takes {Names(InputNames)} and returns {Names(OutputNames)}, " +
                $"but its manifest says it takes {Names(taken)} and returns {Names(returned)}");
        var declared = _session.InputMetadata.Concat(_session.OutputMetadata).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.First().Value.Dimensions);
        foreach (var tensor in inputs.Concat(outputs))
        {
            var actual = declared[tensor.Name];
            if (actual.Length != tensor.Shape.Count || actual.Zip(tensor.Shape).Any(d => d.First > 0 && d.Second > 0 && d.First != d.Second))
                throw new QuiltNetException(stage, $"the file gives '{tensor.Name}' the shape [{string.Join(", ", actual)}], but its manifest says [{string.Join(", ", tensor.Shape)}]");
        }
    }

    /// <summary>ONNX Runtime's report for a person: its first line without the C++ source paths and exception type names it quotes.</summary>
    /// <param name="message">The message of an exception ONNX Runtime threw.</param>
    public static string Plain(string message) =>
        Regex.Replace(Regex.Replace(OnnxGraph.FirstLine(message), @"/onnxruntime_src/\S*|\S*Exception\S*", ""), @"\s{2,}", " ").Trim();

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "nothing" : string.Join(", ", names.Select(n => $"'{n}'"));

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

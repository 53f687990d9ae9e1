using QuiltNet.Data;
using QuiltNet.Graph;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>Runs a model over samples with the chosen intermediate tensors exposed, and keeps their values.</summary>
public static class ActivationCapture
{
    /// <summary>Samples run through the model at a time.</summary>
    public const int Batch = 100;

    /// <summary>Runs <paramref name="graph"/> over every sample of <paramref name="data"/> and keeps the values of <paramref name="tensors"/>.</summary>
    /// <param name="graph">The model.</param>
    /// <param name="shapes">Its tensors' shapes, batch dimension included.</param>
    /// <param name="tensors">Names of the intermediate or output tensors to keep (a model input still live at a cut among them).</param>
    /// <param name="data">The samples, feeding every model input (see <see cref="SampleSet.Feeds"/>).</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <returns>Each tensor's values over all samples, by name.</returns>
    /// <exception cref="ArgumentException">The data has no column for one of the model's inputs, or its samples do not fit it.</exception>
    public static IReadOnlyDictionary<string, CapturedTensor> Capture(OnnxGraph graph, TensorShapes shapes, IReadOnlyCollection<string> tensors, SampleSet data, CancellationToken cancellationToken = default)
    {
        if (data.Count == 0)
            throw new QuiltNetException(data.Source, "the data set is empty");
        using var runner = new OnnxRunner(OrtSessions.Open(graph.WithOutputs(tensors)));
        var parts = tensors.ToDictionary(t => t, _ => new List<HostTensor>());
        for (int start = 0; start < data.Count; start += Batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(Batch, data.Count - start);
            var outputs = runner.Run(data.Feeds(start, count, shapes.Inputs), [.. tensors]);
            foreach (string tensor in tensors) parts[tensor].Add(outputs[tensor]);
        }
        return parts.ToDictionary(p => p.Key, p => Concatenate(graph.Path, p.Key, p.Value));
    }

    private static CapturedTensor Concatenate(string model, string name, List<HostTensor> batches)
    {
        var values = batches.SelectMany(b => (float[])b.Data).ToArray();
        if (values.Any(v => !float.IsFinite(v)))
            throw new QuiltNetException(model, $"activations of '{name}' contain NaN or infinity; the model or the data is broken");
        long[] shape = [batches.Sum(b => b.Shape[0]), .. batches[0].Shape[1..]];
        return new CapturedTensor(name, shape, values);
    }
}

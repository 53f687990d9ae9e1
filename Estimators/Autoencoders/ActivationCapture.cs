using QuiltNet.Data;
using QuiltNet.Graph;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>Runs a model over labelled images with the chosen intermediate tensors exposed, and keeps their values.</summary>
public static class ActivationCapture
{
    /// <summary>Images run through the model at a time.</summary>
    public const int Batch = 100;

    /// <summary>Runs <paramref name="graph"/> over every image of <paramref name="data"/> and keeps the values of <paramref name="tensors"/>.</summary>
    /// <param name="graph">The model.</param>
    /// <param name="shapes">Its tensors' shapes, batch dimension included.</param>
    /// <param name="tensors">Names of the intermediate or output tensors to keep.</param>
    /// <param name="data">The images, fed to the model's first input.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <returns>Each tensor's values over all images, by name.</returns>
    public static IReadOnlyDictionary<string, CapturedTensor> Capture(OnnxGraph graph, TensorShapes shapes, IReadOnlyCollection<string> tensors, SampleSet data, CancellationToken cancellationToken = default)
    {
        if (data.Count == 0)
            throw new QuiltNetException(data.Source, "the data set is empty");
        if (graph.Inputs.Count != 1)
            throw new QuiltNetException(graph.Path, $"activations are captured from single-input image models; this one takes {graph.Inputs.Count} inputs");
        using var runner = new OnnxRunner(OrtSessions.Open(graph.WithOutputs(tensors)));
        var parts = tensors.ToDictionary(t => t, _ => new List<HostTensor>());
        for (int start = 0; start < data.Count; start += Batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(Batch, data.Count - start);
            var feeds = new Dictionary<string, HostTensor> { [graph.Inputs[0]] = data.Batch(start, count, shapes.Inputs[0]) };
            var outputs = runner.Run(feeds, [.. tensors]);
            foreach (string tensor in tensors) parts[tensor].Add(outputs[tensor]);
        }
        return parts.ToDictionary(p => p.Key, p => Concatenate(p.Key, p.Value));
    }

    private static CapturedTensor Concatenate(string name, List<HostTensor> batches)
    {
        var values = batches.SelectMany(b => (float[])b.Data).ToArray();
        if (values.Any(v => !float.IsFinite(v)))
            throw new QuiltNetException(name, "activations contain NaN or infinity; the model or the data is broken");
        long[] shape = [batches.Sum(b => b.Shape[0]), .. batches[0].Shape[1..]];
        return new CapturedTensor(name, shape, values);
    }
}

using System.Globalization;
using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>
/// Binds a model's dynamic dimensions from the data it will be fed (one sample's shape, behind the batch), and checks
/// that data and model agree: sample shapes against the fixed dimensions, classes against the output's size.
/// </summary>
public static class DataShapes
{
    /// <summary>
    /// <paramref name="given"/> with every input it does not name bound to [batch, ..sample shape] where the model
    /// declares a dynamic dimension behind the batch; inputs whose dimensions behind the batch are all fixed are
    /// left to <paramref name="given"/>'s batch.
    /// </summary>
    /// <exception cref="ArgumentException">The data's samples do not fit an input's declared shape.</exception>
    public static ShapeBindings Bind(OnnxGraph graph, SampleSet data, ShapeBindings given)
    {
        var shapes = new Dictionary<string, long[]>(given.InputShapes);
        foreach (string name in graph.Inputs.Where(i => !shapes.ContainsKey(i)))
        {
            if (graph.DeclaredInputShape(name) is not { Count: > 0 } dims)
                continue;
            long[] sample = data.SampleShapeFor(name, graph.Inputs.Count);
            bool dynamic = dims.Skip(1).Any(d => d < 0);
            string declared = string.Join('x', dims.Select(d => d > 0 ? d.ToString(CultureInfo.InvariantCulture) : "?"));
            if (sample.Length != dims.Count - 1)
            {
                if (dynamic)
                    throw new ArgumentException($"samples of {data.Source} are {string.Join('x', sample)}, but input '{name}' takes {declared} (batch first); give the data in that shape", "data");
                continue; // fixed dims: the batch check compares sizes (28x28 images feed a 1x28x28 input)
            }
            for (int i = 1; i < dims.Count; i++)
                if (dims[i] > 0 && dims[i] != sample[i - 1])
                    throw new ArgumentException($"samples of {data.Source} are {string.Join('x', sample)}, but input '{name}' takes {declared} (batch first)", "data");
            if (dynamic)
                shapes[name] = [dims[0] > 0 ? dims[0] : given.DynamicDim, .. sample];
        }
        return given with { InputShapes = shapes };
    }

    /// <summary>Checks that the data's classes fit the model's <paramref name="output"/> (one score per class).</summary>
    /// <exception cref="QuiltNetException">The data has more classes than the output has scores.</exception>
    public static void CheckClasses(SampleSet data, TensorShapes shapes, string output)
    {
        if (shapes.Find(output) is { Shape.Count: > 0 } logits)
            CheckClasses(data, logits.Shape, output);
    }

    /// <summary>
    /// Checks that the data's classes fit <paramref name="output"/> of <paramref name="shape"/>, its class scores
    /// last; a score count left dynamic is not checked.
    /// </summary>
    /// <exception cref="QuiltNetException">The data has more classes than the output has scores.</exception>
    public static void CheckClasses(SampleSet data, IReadOnlyList<long> shape, string output)
    {
        if (data.Labels is not { Length: > 0 } labels || shape.Count == 0 || shape[^1] < 1)
            return;
        int classes = Math.Max(data.Classes?.Count ?? 0, labels.Max() + 1);
        long scores = shape[^1];
        if (classes > scores)
            throw new QuiltNetException(data.Source, $"{classes} classes, but the model's output '{output}' has {scores} scores per sample");
    }
}

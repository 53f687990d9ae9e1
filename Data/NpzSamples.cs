using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>
/// Samples from an .npz archive: one array per model input, named as the input, first dimension the samples; an
/// optional <c>labels</c> array (one integer class per sample). Byte arrays are mapped by the preprocessing's scale,
/// mean and std; other arrays are fed as stored.
/// </summary>
internal static class NpzSamples
{
    public const string LabelsName = "labels";

    public static SampleSet Load(string path, Preprocessing preprocessing)
    {
        var arrays = NpzReader.Read(path);
        var inputs = arrays.Where(a => a.Key != LabelsName).ToList();
        if (inputs.Count == 0)
            throw new QuiltNetException(path, $"holds '{LabelsName}' but no samples: add one array per model input, named as the input");
        long count = inputs[0].Value.Shape.Length == 0 ? 0 : inputs[0].Value.Shape[0];
        var columns = new List<SampleColumn>();
        foreach (var (name, array) in inputs)
        {
            if (array.Shape.Length < 2)
                throw new QuiltNetException($"{path}:{name}", $"expected samples of shape N x ..., got {string.Join('x', array.Shape)}");
            if (array.Shape[0] != count)
                throw new QuiltNetException($"{path}:{name}", $"has {array.Shape[0]} samples, but '{inputs[0].Key}' has {count}");
            var values = array.IsBytes ? Array.ConvertAll(array.Values, v => preprocessing.Normalise(v, 0)) : array.Values;
            columns.Add(new ArrayColumn(name, array.Shape[1..], values));
        }
        int[]? labels = null;
        if (arrays.TryGetValue(LabelsName, out var y))
        {
            if (y.Shape.Length != 1 || y.Shape[0] != count)
                throw new QuiltNetException($"{path}:{LabelsName}", $"{(y.Shape.Length == 1 ? y.Shape[0] : y.Values.Length)} labels for {count} samples");
            if (y.Values.Any(v => v < 0 || v != MathF.Floor(v)))
                throw new QuiltNetException($"{path}:{LabelsName}", "labels must be non-negative integers (class indices)");
            labels = Array.ConvertAll(y.Values, v => (int)v);
        }
        if (count == 0)
            throw new QuiltNetException(path, "holds no samples");
        return new SampleSet(columns, labels, path, (int)count);
    }
}

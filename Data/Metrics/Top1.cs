using QuiltNet.Graph;

namespace QuiltNet.Data.Metrics;

/// <summary>Top-1 classification accuracy of logits against labels.</summary>
public static class Top1
{
    /// <summary>How many rows of <paramref name="logits"/> (one row of class scores per label) have their highest score at the label's class.</summary>
    public static int Correct(HostTensor logits, ReadOnlySpan<int> labels)
    {
        var values = logits.AsDoubles();
        int classes = values.Length / labels.Length;
        int right = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var row = values.AsSpan(i * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
            if (best == labels[i]) right++;
        }
        return right;
    }

    /// <summary>Accuracy of a model (or chain of stages) whose first output is logits, over all of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> has no labels.</exception>
    public static double Accuracy(Func<IReadOnlyDictionary<string, HostTensor>, IReadOnlyDictionary<string, HostTensor>> run, TensorInfo input, string output, SampleSet data, int batch = 100, CancellationToken cancellationToken = default)
    {
        var labels = LabelsOf(data);
        int right = 0;
        for (int start = 0; start < data.Count; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batch, data.Count - start);
            var outputs = run(new Dictionary<string, HostTensor> { [input.Name] = data.Batch(start, count, input) });
            right += Correct(outputs[output], labels.AsSpan(start, count));
        }
        return (double)right / data.Count;
    }

    /// <summary>The labels of <paramref name="data"/>, which top-1 accuracy needs.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> has no labels.</exception>
    public static int[] LabelsOf(SampleSet data) =>
        data.Labels ?? throw new ArgumentException($"{data.Source} has no labels, and top-1 accuracy needs them", nameof(data));
}

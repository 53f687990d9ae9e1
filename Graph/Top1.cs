using QuiltNet.Graph.Data;

namespace QuiltNet.Graph;

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
    public static double Accuracy(Func<IReadOnlyDictionary<string, HostTensor>, IReadOnlyDictionary<string, HostTensor>> run, TensorInfo input, string output, LabelledImages data, int batch = 100, CancellationToken cancellationToken = default)
    {
        int right = 0;
        for (int start = 0; start < data.Count; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batch, data.Count - start);
            var outputs = run(new Dictionary<string, HostTensor> { [input.Name] = data.Batch(start, count, input) });
            right += Correct(outputs[output], data.Labels.AsSpan(start, count));
        }
        return (double)right / data.Count;
    }
}

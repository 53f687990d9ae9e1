using QuiltNet.Graph;

namespace QuiltNet.Data.Metrics;

/// <summary>
/// Adds up a model's outputs against the uncompressed model's, batch by batch, into <see cref="FidelityScores"/>:
/// per sample the relative L2 error and cosine similarity of each output, the top-1 agreement of the first output's rows
/// (its last axis the classes: one row per sample for a classifier, one per position for a sequence of class scores),
/// and top-1 accuracy against labels when there are labels.
/// </summary>
public sealed class FidelityAccumulator
{
    // Below this norm an output counts as zero: its relative error is then the other's norm, not a division by nothing.
    private const double Tiny = 1e-12;
    private readonly IReadOnlyList<string> _outputs;
    private readonly double[] _relativeError, _cosine;
    private long _rows, _agreeing;
    private int _samples, _correct, _labelled;

    /// <param name="outputs">The output names, in the order batches give them; the first is the one classes are read from.</param>
    public FidelityAccumulator(IReadOnlyList<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0) throw new ArgumentException("a model has at least one output", nameof(outputs));
        _outputs = outputs;
        _relativeError = new double[outputs.Count];
        _cosine = new double[outputs.Count];
    }

    /// <summary>Adds one batch.</summary>
    /// <param name="produced">The measured model's outputs, in the order of the names.</param>
    /// <param name="reference">The uncompressed model's outputs for the same samples.</param>
    /// <param name="labels">The samples' labels; empty when the data has none.</param>
    public void Add(IReadOnlyList<HostTensor> produced, IReadOnlyList<HostTensor> reference, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(produced);
        ArgumentNullException.ThrowIfNull(reference);
        if (produced.Count != _outputs.Count || reference.Count != _outputs.Count)
            throw new ArgumentException($"expected {_outputs.Count} outputs, got {produced.Count} and {reference.Count}", nameof(produced));
        int samples = (int)produced[0].Shape[0];
        for (int o = 0; o < _outputs.Count; o++)
        {
            double[] y = produced[o].AsDoubles(), y0 = reference[o].AsDoubles();
            if (y.Length != y0.Length)
                throw new ArgumentException($"output '{_outputs[o]}' has {y.Length} values where the uncompressed model's has {y0.Length}", nameof(produced));
            int size = y.Length / samples;
            for (int s = 0; s < samples; s++)
            {
                var (error, cosine) = Compare(y.AsSpan(s * size, size), y0.AsSpan(s * size, size));
                _relativeError[o] += error;
                _cosine[o] += cosine;
            }
        }
        CountAgreement(produced[0], reference[0]);
        if (!labels.IsEmpty)
        {
            _correct += Top1.Correct(produced[0], labels);
            _labelled += labels.Length;
        }
        _samples += samples;
    }

    /// <summary>The scores of everything added; accuracy is null when no batch had labels.</summary>
    public FidelityScores Result()
    {
        if (_samples == 0) throw new InvalidOperationException("no samples were measured");
        return new FidelityScores(_samples, _labelled == 0 ? null : (double)_correct / _labelled, _rows == 0 ? 1 : (double)_agreeing / _rows,
            _outputs.Select((name, o) => new OutputFidelity(name, _relativeError[o] / _samples, _cosine[o] / _samples)).ToList());
    }

    private static (double Error, double Cosine) Compare(ReadOnlySpan<double> y, ReadOnlySpan<double> y0)
    {
        double difference = 0, dot = 0, norm = 0, norm0 = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double d = y[i] - y0[i];
            difference += d * d;
            dot += y[i] * y0[i];
            norm += y[i] * y[i];
            norm0 += y0[i] * y0[i];
        }
        // Two zero outputs point the same way; one zero output has no direction to share.
        double cosine = Math.Max(norm, norm0) < Tiny * Tiny ? 1 : dot / Math.Max(Math.Sqrt(norm * norm0), Tiny * Tiny);
        return (Math.Sqrt(difference) / Math.Max(Math.Sqrt(norm0), Tiny), cosine);
    }

    private void CountAgreement(HostTensor produced, HostTensor reference)
    {
        int classes = (int)produced.Shape[^1];
        if (produced.Shape.Length < 2 || classes < 2) return;
        double[] y = produced.AsDoubles(), y0 = reference.AsDoubles();
        for (int row = 0; row < y.Length / classes; row++)
        {
            if (ArgMax(y.AsSpan(row * classes, classes)) == ArgMax(y0.AsSpan(row * classes, classes))) _agreeing++;
            _rows++;
        }
    }

    private static int ArgMax(ReadOnlySpan<double> row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
        return best;
    }
}

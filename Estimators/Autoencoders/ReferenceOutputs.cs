using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Graph;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// The uncompressed model's outputs on the evaluation data, captured once: what agreement and relative error compare
/// every split or compressed model with. Scoring a model runs it over the same samples, batch by batch, beside them.
/// </summary>
public sealed class ReferenceOutputs
{
    private readonly IReadOnlyList<CapturedTensor> _outputs;
    private readonly IReadOnlyList<TensorInfo> _inputs;

    private ReferenceOutputs(IReadOnlyList<TensorInfo> inputs, IReadOnlyList<string> names, IReadOnlyList<CapturedTensor> outputs, int samples)
    {
        _inputs = inputs;
        Names = names;
        _outputs = outputs;
        Samples = samples;
    }

    /// <summary>The model's output names, in the model's order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>How many samples were captured.</summary>
    public int Samples { get; }

    /// <summary>Runs <paramref name="graph"/> over <paramref name="evaluation"/> and keeps every output.</summary>
    /// <param name="graph">The uncompressed model.</param>
    /// <param name="shapes">Its tensors' shapes.</param>
    /// <param name="evaluation">The evaluation samples.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public static ReferenceOutputs Capture(OnnxGraph graph, TensorShapes shapes, SampleSet evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var captured = ActivationCapture.Capture(graph, shapes, graph.Outputs, evaluation, cancellationToken);
        return new ReferenceOutputs(shapes.Inputs, graph.Outputs, graph.Outputs.Select(o => captured[o]).ToList(), evaluation.Count);
    }

    /// <summary>The scores of the uncompressed model itself: its accuracy where there are labels, agreement 1, no error.</summary>
    /// <param name="evaluation">The samples the outputs were captured on.</param>
    public FidelityScores Itself(SampleSet evaluation) => Score(Batch, evaluation);

    /// <summary>Runs <paramref name="run"/> over <paramref name="evaluation"/> and scores its outputs against these.</summary>
    /// <param name="run">The model under test: a feed for every model input in, every model output out.</param>
    /// <param name="evaluation">The samples these outputs were captured on.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public FidelityScores Score(Func<IReadOnlyDictionary<string, HostTensor>, IReadOnlyDictionary<string, HostTensor>> run, SampleSet evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(evaluation);
        return Score((start, count) =>
        {
            var outputs = run(evaluation.Feeds(start, count, _inputs));
            return Names.Select(n => outputs[n]).ToList();
        }, evaluation, cancellationToken);
    }

    private FidelityScores Score(Func<int, int, IReadOnlyList<HostTensor>> produce, SampleSet evaluation, CancellationToken cancellationToken = default)
    {
        if (evaluation.Count != Samples)
            throw new ArgumentException($"the reference outputs hold {Samples} samples, but {evaluation.Source} has {evaluation.Count}", nameof(evaluation));
        var accumulator = new FidelityAccumulator(Names);
        for (int start = 0; start < Samples; start += ActivationCapture.Batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(ActivationCapture.Batch, Samples - start);
            accumulator.Add(produce(start, count), Batch(start, count), evaluation.Labels is { } labels ? labels.AsSpan(start, count) : []);
        }
        return accumulator.Result();
    }

    /// <summary>Samples [start, start + count) of every output.</summary>
    private IReadOnlyList<HostTensor> Batch(int start, int count) => _outputs.Select(o =>
    {
        long size = o.Values.LongLength / o.Shape[0];
        return HostTensor.Float([count, .. o.Shape[1..]], o.Values.AsSpan(checked((int)(start * size)), checked((int)(count * size))).ToArray());
    }).ToList();
}

using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Measures what each compression option costs at each cut: autoencoders are fitted on calibration data
/// (see <see cref="BottleneckFitter"/>), fused into the stages, and the partitioned model's accuracy is
/// measured with ONNX Runtime on evaluation data the autoencoders never saw, against the uncompressed model's outputs
/// there (and the labels, where there are any). Each row's loss is in the sweep's metric. Measurements are cached like
/// the autoencoders, keyed also by the evaluation data.
/// </summary>
public static class CompressionSweep
{
    /// <summary>Fits and measures every option of <paramref name="grid"/>.</summary>
    /// <param name="graph">The model.</param>
    /// <param name="shapes">Its tensors' shapes.</param>
    /// <param name="grid">The cuts, ratios, bits and stride to try.</param>
    /// <param name="calibration">The images the autoencoders are fitted on.</param>
    /// <param name="evaluation">Held-out images the accuracy is measured on.</param>
    /// <param name="training">How the autoencoders are trained.</param>
    /// <param name="cache">Where fitted autoencoders and measured rows are kept; null keeps them in memory.</param>
    /// <param name="progress">Receives the current step's name and the fraction of the sweep done.</param>
    /// <param name="metric">The metric the rows' losses are in; null: accuracy where the evaluation data has labels, else agreement.</param>
    /// <exception cref="QuiltNetException"><paramref name="evaluation"/> is empty, or an option of <paramref name="grid"/> is out of range.</exception>
    public static CompressionSweepResult Run(
        OnnxGraph graph, TensorShapes shapes, SweepGrid grid, SampleSet calibration, SampleSet evaluation,
        TrainingOptions training, AutoencoderCache? cache = null, IProgress<(string Step, double Done)>? progress = null, FidelityMetric? metric = null)
    {
        var fitter = new BottleneckFitter(graph, shapes, calibration, training, cache);
        var reference = new Lazy<ReferenceOutputs>(() => ReferenceOutputs.Capture(graph, shapes, evaluation));
        return Run(fitter, grid, evaluation, reference, metric ?? FidelityMetric.Default(evaluation.HasLabels), progress);
    }

    /// <summary>The sweep with a fitter that already holds the model, its calibration captures and the cache.</summary>
    /// <param name="fitter">Fits the autoencoders.</param>
    /// <param name="grid">The cuts, ratios, bits and stride to try.</param>
    /// <param name="evaluation">Held-out samples every option is measured on.</param>
    /// <param name="reference">The uncompressed model's outputs on <paramref name="evaluation"/>, captured only when something is measured.</param>
    /// <param name="metric">The metric the rows' losses are in.</param>
    /// <param name="progress">Receives the current step's name and the fraction of the sweep done.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public static CompressionSweepResult Run(BottleneckFitter fitter, SweepGrid grid, SampleSet evaluation, Lazy<ReferenceOutputs> reference, FidelityMetric metric,
        IProgress<(string Step, double Done)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fitter);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(metric);
        BottleneckFitting.Validate(grid.Ratios, [grid.Stride], grid.Bits);
        if (evaluation.Count == 0) throw new QuiltNetException(evaluation.Source, "the data set is empty");
        var (graph, shapes, cache) = (fitter.Graph, fitter.Shapes, fitter.Cache);
        var original = ReferenceFidelity.Measure(graph, evaluation, cache, () => reference.Value);
        metric.Value(original); // accuracy without labels fails here, before anything is trained
        string evaluationKey = $"{fitter.KeyPrefix}|{evaluation.Fingerprint()}";

        var rows = new List<CompressionRow>();
        int done = 0;
        foreach (int cut in grid.Cuts)
        {
            var frontier = CutPoints.At(graph, shapes, cut).Tensors;
            var held = new Lazy<IReadOnlyDictionary<string, CapturedTensor>>(() => ActivationCapture.Capture(graph, shapes, frontier.Select(t => t.Name).ToList(), evaluation, cancellationToken));
            foreach (int ratio in grid.Ratios)
                foreach (int bits in grid.Bits)
                {
                    progress?.Report(($"cut {cut}, ratio {ratio}, {bits}-bit", (double)done++ / grid.Count));
                    var measured = cache.GetOrAdd($"fidelity|{evaluationKey}|{cut}|{ratio}|{grid.Stride}|{bits}", () =>
                    {
                        var fitted = fitter.Fit(cut, ratio, grid.Stride, bits, cancellationToken);
                        var scores = JointFidelity.Measure(graph, shapes, [cut], new Dictionary<int, IReadOnlyList<BottleneckWeights>> { [cut] = fitted.Weights },
                            evaluation, reference.Value, cancellationToken);
                        return new Measurement(fitted.Weights.Sum(CodeBytes), ReconstructionError.Measure(fitted.Weights, held.Value), scores, fitted.TrainSeconds);
                    });
                    rows.Add(new CompressionRow(cut, ratio, grid.Stride, bits, fitter.Training.Method.ToString().ToLowerInvariant(),
                        frontier.Sum(SampleBytes), measured.CodeBytes, measured.ReconstructionError, measured.Fidelity,
                        100 * (original.Accuracy - measured.Fidelity.Accuracy), metric.Name, metric.LossPp(original, measured.Fidelity), measured.TrainSeconds));
                }
        }
        progress?.Report(("done", 1));
        return new CompressionSweepResult(original, metric.Name, rows, fitter.Warnings);
    }

    /// <summary>Bytes of one sample of a frontier tensor, whatever batch its dynamic dimensions were bound to.</summary>
    private static long SampleBytes(TensorInfo tensor) => tensor.Bytes / Math.Max(1, tensor.Shape[0]);

    /// <summary>Bytes of one sample's code at batch 1.</summary>
    private static long CodeBytes(BottleneckWeights w) => w.Option.Bits * w.CodeWidth * w.Positions / w.Option.Stride / w.Option.Stride / 8;

    /// <summary>What is cached per option: the metric's loss is worked out from it for whichever metric a sweep uses.</summary>
    private sealed record Measurement(long CodeBytes, double ReconstructionError, FidelityScores Fidelity, double TrainSeconds);
}

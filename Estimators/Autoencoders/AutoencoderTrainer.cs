using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Trains the autoencoders of one cut from their PCA initialisation: mini-batches of captured activations
/// (and, for distillation, the teacher's output probabilities or the original's tensors at the target) go through the training-step graph in ONNX
/// Runtime, which returns the loss and the weights' gradients; Adam updates the weights in C#. The model's
/// own weights never change. Seeded: the same inputs give the same weights.
/// </summary>
public static class AutoencoderTrainer
{
    /// <summary>Trains the autoencoders of cut <paramref name="cut"/> from <paramref name="initial"/>; returns <paramref name="initial"/> unchanged for PCA or zero epochs.</summary>
    /// <param name="graph">The model, whose own weights stay frozen.</param>
    /// <param name="shapes">Its tensors' shapes.</param>
    /// <param name="cut">The cut position.</param>
    /// <param name="initial">One starting autoencoder per frontier tensor of the cut (from <see cref="PcaInitializer"/>).</param>
    /// <param name="captured">The activations captured at the cut and at <paramref name="target"/>.</param>
    /// <param name="target">What the partitioned model is matched on.</param>
    /// <param name="options">Method, epochs, batch size, learning rate and seed.</param>
    /// <param name="progress">Receives the fraction of training done, from 0 to 1.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    public static IReadOnlyList<BottleneckWeights> Train(
        OnnxGraph graph, TensorShapes shapes, int cut, IReadOnlyList<BottleneckWeights> initial,
        IReadOnlyDictionary<string, CapturedTensor> captured, DistillationTarget target, TrainingOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (options.Method == TrainingMethod.Pca || options.Epochs == 0) return initial;
        var step = TrainingGraph.Build(graph, shapes, cut, initial, options.Method, target);
        var parameters = initial.SelectMany(w => new[] { (float[])w.EncoderWeight.Clone(), (float[])w.EncoderBias.Clone(), (float[])w.DecoderWeight.Clone(), (float[])w.DecoderBias.Clone() }).ToList();
        var names = step.Names.SelectMany(n => n.Weights).ToList();
        var shapesOf = initial.SelectMany(WeightShapes).ToList();
        var sources = initial.Select((w, i) => (Input: step.Names[i].Source, Data: captured[w.Tensor])).ToList();
        bool distilled = options.Method == TrainingMethod.Distill && target.Position > cut;
        var teacher = !distilled || !target.IsModelOutput ? null
            : step.OutputIsProbabilities ? (captured[graph.Outputs[0]].Shape, captured[graph.Outputs[0]].Values) : Probabilities(captured[graph.Outputs[0]]);
        var targets = distilled && !target.IsModelOutput ? target.Tensors.Select(t => (Input: TrainingGraph.TargetInput(t), Data: captured[t])).ToList() : [];

        int samples = (int)sources[0].Data.Shape[0];
        var adam = new Adam(parameters, options.LearningRate);
        var random = new Random(options.Seed);
        using var runner = new OnnxRunner(OrtSessions.Open(step.Model));
        var gradientNames = names.Select(n => step.Gradients[n]).ToList();
        int batches = (samples + options.BatchSize - 1) / options.BatchSize;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var order = Enumerable.Range(0, samples).OrderBy(_ => random.Next()).ToArray();
            for (int b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = order.AsSpan(b * options.BatchSize, Math.Min(options.BatchSize, samples - b * options.BatchSize)).ToArray();
                var feeds = new Dictionary<string, HostTensor> { [step.Upstream] = HostTensor.Float([], [1f]) };
                foreach (var (input, data) in sources) feeds[input] = Rows(data.Shape, data.Values, rows);
                if (teacher is not null) feeds[TrainingGraph.TeacherInput] = Rows(teacher.Value.Shape, teacher.Value.Values, rows);
                foreach (var (input, data) in targets) feeds[input] = Rows(data.Shape, data.Values, rows);
                for (int p = 0; p < names.Count; p++) feeds[names[p]] = HostTensor.Float(shapesOf[p], parameters[p]);
                for (int i = 0; i < initial.Count; i++)
                    if (step.Names[i].QuantizationResidual is { } residual)
                        feeds[residual] = QuantizationResidual.Compute(Current(initial[i], parameters, i), feeds[sources[i].Input]);
                var result = runner.Run(feeds, gradientNames);
                adam.Step(gradientNames.Select(g => (float[])result[g].Data).ToList());
                TrainingMetrics.Batches.Add(1);
            }
            progress?.Report((epoch + 1.0) / options.Epochs);
        }
        return initial.Select((w, i) => Current(w, parameters, i)).ToList();
    }

    private static BottleneckWeights Current(BottleneckWeights w, IReadOnlyList<float[]> parameters, int i) => w with
    {
        EncoderWeight = parameters[4 * i],
        EncoderBias = parameters[4 * i + 1],
        DecoderWeight = parameters[4 * i + 2],
        DecoderBias = parameters[4 * i + 3],
    };

    private static IEnumerable<long[]> WeightShapes(BottleneckWeights w) => w.Axis == FeatureAxis.Channels
        ? [[w.CodeWidth, w.Channels, 1, 1], [w.CodeWidth], [w.Channels, w.CodeWidth, 1, 1], [w.Channels]]
        : [[w.CodeWidth, w.Channels], [w.CodeWidth], [w.Channels, w.CodeWidth], [w.Channels]];

    private static (long[] Shape, float[] Values)? Probabilities(CapturedTensor logits)
    {
        int classes = (int)logits.Shape[^1];
        var probabilities = new float[logits.Values.Length];
        for (int row = 0; row < probabilities.Length / classes; row++)
        {
            var z = logits.Values.AsSpan(row * classes, classes);
            float max = float.MinValue;
            foreach (float v in z) max = Math.Max(max, v);
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += Math.Exp(z[c] - max);
            for (int c = 0; c < classes; c++) probabilities[row * classes + c] = (float)(Math.Exp(z[c] - max) / sum);
        }
        return (logits.Shape, probabilities);
    }

    /// <summary>The given samples (first axis) of a captured array, as one batch.</summary>
    private static HostTensor Rows(long[] shape, float[] values, int[] rows)
    {
        int size = (int)(values.LongLength / shape[0]);
        var batch = new float[rows.Length * size];
        for (int r = 0; r < rows.Length; r++)
            Array.Copy(values, (long)rows[r] * size, batch, (long)r * size, size);
        return HostTensor.Float([rows.Length, .. shape[1..]], batch);
    }
}

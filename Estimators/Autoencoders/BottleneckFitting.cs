using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Graph.Data;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Fits the autoencoders of a set of cuts on calibration data: captures every frontier tensor (and the
/// model's output, the teacher) once, initialises each autoencoder from its principal components at the
/// cut's ratio, trains it as <see cref="TrainingOptions.Method"/> says, and calibrates quantised codes.
/// </summary>
public static class BottleneckFitting
{
    /// <param name="options">Per cut position: feature reduction ratio (a tensor of C features gets max(1, C / ratio)), spatial stride, code bits.</param>
    public static IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>> Fit(
        OnnxGraph graph, TensorShapes shapes, IReadOnlyDictionary<int, (int Ratio, int Stride, int Bits)> options,
        LabelledImages calibration, TrainingOptions training)
    {
        Validate(options.Values.Select(o => o.Ratio), options.Values.Select(o => o.Stride), options.Values.Select(o => o.Bits));
        var frontiers = options.Keys.ToDictionary(p => p, p => CutPoints.At(graph, shapes, p).Tensors);
        var wanted = frontiers.Values.SelectMany(t => t).Select(t => t.Name).Append(graph.Outputs[0]).Distinct().ToList();
        var captured = ActivationCapture.Capture(graph, shapes, wanted, calibration);

        var result = new Dictionary<int, IReadOnlyList<BottleneckWeights>>();
        foreach (var (position, (ratio, stride, bits)) in options)
        {
            var initial = frontiers[position].Select(tensor =>
            {
                var data = captured[tensor.Name];
                return PcaInitializer.Fit(data, new BottleneckOption(Math.Max(1, data.Channels / ratio), stride, bits));
            }).ToList();
            var trained = AutoencoderTrainer.Train(graph, shapes, position, initial, captured, training);
            result[position] = trained.Select(w => CodeRange.Calibrate(w, captured[w.Tensor])).ToList();
        }
        return result;
    }

    /// <summary>Refuses options no autoencoder can have, naming the option at fault.</summary>
    public static void Validate(IEnumerable<int> ratios, IEnumerable<int> strides, IEnumerable<int> bits)
    {
        foreach (int ratio in ratios)
            if (ratio < 1) throw new QuiltNetException("--ratios", $"ratio {ratio} must be at least 1 (a code cannot be wider than its tensor)");
        foreach (int stride in strides)
            if (stride is not (1 or 2)) throw new QuiltNetException("--stride", $"stride {stride} must be 1 or 2");
        foreach (int b in bits)
            if (!BottleneckOption.SupportedBits.Contains(b))
                throw new QuiltNetException("--bits", $"{b} is not one of {string.Join(", ", BottleneckOption.SupportedBits)}");
    }
}

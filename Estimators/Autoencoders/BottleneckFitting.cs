using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Graph.Data;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Fits the autoencoders of a set of cuts on calibration data: captures every frontier tensor once,
/// initialises each from its principal components at the option's code width (the same compression
/// ratio for every tensor of a cut), and calibrates quantised codes.
/// </summary>
public static class BottleneckFitting
{
    /// <param name="ratio">Feature reduction: a tensor of C features gets a code of max(1, C / ratio).</param>
    public static IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>> FitPca(
        OnnxGraph graph, TensorShapes shapes, IReadOnlyDictionary<int, (int Ratio, int Stride, int Bits)> options, LabelledImages calibration)
    {
        var frontiers = options.Keys.ToDictionary(p => p, p => CutPoints.At(graph, shapes, p).Tensors);
        var captured = ActivationCapture.Capture(graph, shapes, frontiers.Values.SelectMany(t => t).Select(t => t.Name).Distinct().ToList(), calibration);
        var result = new Dictionary<int, IReadOnlyList<BottleneckWeights>>();
        foreach (var (position, (ratio, stride, bits)) in options)
        {
            if (!BottleneckOption.SupportedBits.Contains(bits))
                throw new QuiltNetException("--bits", $"{bits} is not one of {string.Join(", ", BottleneckOption.SupportedBits)}");
            result[position] = frontiers[position].Select(tensor =>
            {
                var data = captured[tensor.Name];
                var option = new BottleneckOption(Math.Max(1, data.Channels / ratio), stride, bits);
                return CodeRange.Calibrate(PcaInitializer.Fit(data, option), data);
            }).ToList();
        }
        return result;
    }
}

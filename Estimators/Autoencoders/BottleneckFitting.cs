using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>Fits the autoencoders of a set of cuts at once, and checks options before anything is fitted.</summary>
public static class BottleneckFitting
{
    /// <param name="options">Per cut position: feature reduction ratio (a tensor of C features gets max(1, C / ratio)), spatial stride, code bits.</param>
    /// <param name="graph">The model.</param>
    /// <param name="shapes">Its tensors' shapes.</param>
    /// <param name="calibration">The images the autoencoders are fitted on.</param>
    /// <param name="training">How they are trained.</param>
    /// <param name="cache">Where fitted autoencoders are kept; null keeps them in memory.</param>
    public static IReadOnlyDictionary<int, IReadOnlyList<BottleneckWeights>> Fit(
        OnnxGraph graph, TensorShapes shapes, IReadOnlyDictionary<int, (int Ratio, int Stride, int Bits)> options,
        SampleSet calibration, TrainingOptions training, AutoencoderCache? cache = null)
    {
        Validate(options.Values.Select(o => o.Ratio), options.Values.Select(o => o.Stride), options.Values.Select(o => o.Bits));
        var fitter = new BottleneckFitter(graph, shapes, calibration, training, cache);
        return options.ToDictionary(o => o.Key, o => fitter.Fit(o.Key, o.Value.Ratio, o.Value.Stride, o.Value.Bits).Weights);
    }

    /// <summary>Refuses options no autoencoder can have, naming the option at fault.</summary>
    public static void Validate(IEnumerable<int> ratios, IEnumerable<int> strides, IEnumerable<int> bits)
    {
        foreach (int ratio in ratios)
            if (ratio < 1) throw new ArgumentException($"ratio {ratio} must be at least 1 (a code cannot be wider than its tensor)", nameof(ratios));
        foreach (int stride in strides)
            if (stride is not (1 or 2)) throw new ArgumentException($"stride {stride} must be 1 or 2", nameof(strides));
        foreach (int b in bits)
            if (!BottleneckOption.SupportedBits.Contains(b))
                throw new ArgumentException($"{b} is not one of {string.Join(", ", BottleneckOption.SupportedBits)}", nameof(bits));
    }
}

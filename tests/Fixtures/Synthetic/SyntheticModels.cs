using QuiltNet.Graph;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Testing;

/// <summary>
/// Seeded synthetic profiles and compression menus, for instances of any size (the solver-speed benchmark
/// links this file too). A chain of 3×3 convolutions shaped like a CNN's: the resolution halves four times
/// along the depth while the width doubles, so layers cost about the same, each width varied at random by
/// up to a factor of two. Every position is a candidate cut carrying one NCHW tensor.
/// </summary>
public static class SyntheticModels
{
    /// <summary>(ratio, stride, bits) of the six options each cut gets.</summary>
    public static readonly (int Ratio, int Stride, int Bits)[] Shapes = [(2, 1, 8), (4, 1, 8), (8, 1, 8), (4, 1, 4), (8, 2, 8), (16, 2, 4)];

    public static ModelProfile Chain(int layers, int seed, int resolution = 56)
    {
        var random = new Random(seed);
        var input = new TensorInfo("input", ElementType.Float, [1, 3, resolution, resolution]);
        var previous = input;
        var profiles = new List<LayerProfile>();
        var cuts = new List<CutPoint>();
        for (int i = 0; i < layers; i++)
        {
            int level = Math.Min(4, 5 * i / layers);
            long size = Math.Max(1, resolution >> level);
            long inChannels = previous.Shape[1], outChannels = (long)((16 << level) * (0.7 + 0.7 * random.NextDouble()));
            var output = new TensorInfo($"t{i}", ElementType.Float, [1, outChannels, size, size]);
            long parameters = inChannels * outChannels * 9 + outChannels;
            profiles.Add(new LayerProfile(i, $"conv{i}", "Conv", [output], inChannels * outChannels * 9 * size * size, 0, parameters, parameters * 4,
                previous.Elements, previous.Elements + output.Elements, false));
            if (i > 0) cuts.Add(new CutPoint(i, [previous]));
            previous = output;
        }
        var totals = new ProfileTotals(profiles.Sum(l => l.Macs), 0, profiles.Sum(l => l.Parameters), profiles.Sum(l => l.WeightBytes), profiles.Sum(l => l.OutputBytes));
        return new ModelProfile($"synthetic-{layers}-{seed}.onnx", [input], [previous], "synthetic", profiles, totals, cuts, []);
    }

    /// <summary>
    /// The first <paramref name="options"/> of <see cref="Shapes"/> at every cut of any profile: bytes shrink by
    /// ratio × stride² × 8 / bits (against int8 activations; the stride only on NCHW tensors), encoder and
    /// decoder are 1×1 convolutions on every frontier tensor, and the drop grows with the factor.
    /// </summary>
    public static CompressionMenu Menu(ModelProfile profile, int options, int seed)
    {
        var random = new Random(seed);
        var menu = new Dictionary<int, IReadOnlyList<CompressionOption>>();
        foreach (var cut in profile.Cuts)
        {
            menu[cut.Position] = Shapes.Take(options).Select(shape =>
            {
                long encoderMacs = 0, decoderMacs = 0, parameters = 0, codeElements = 0;
                foreach (var tensor in cut.Tensors)
                {
                    long channels = tensor.Shape.Count > 1 ? tensor.Shape[1] : 1, positions = tensor.Elements / channels;
                    int stride = tensor.Shape.Count == 4 ? shape.Stride : 1;
                    long code = Math.Max(1, channels / shape.Ratio), coded = Math.Max(1, positions / stride / stride);
                    encoderMacs += channels * code * coded;
                    decoderMacs += code * channels * positions;
                    parameters += channels * code + code;
                    codeElements += code * coded;
                }
                double factor = (double)cut.Tensors.Sum(t => t.Elements) / codeElements * 8 / shape.Bits;
                var cost = new CutCompression(factor, encoderMacs, decoderMacs, parameters, parameters);
                return new CompressionOption(shape.Ratio, shape.Stride, shape.Bits, Math.Log2(factor) * (0.02 + 0.2 * random.NextDouble()), cost);
            }).ToList();
        }
        return new CompressionMenu(menu);
    }
}

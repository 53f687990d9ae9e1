using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Calibrates the range each code feature is quantised over: the per-feature minimum and maximum of the
/// encoder's output on the captured activations (pooling for stride 2 stays inside that range).
/// </summary>
internal static class CodeRange
{
    public static BottleneckWeights Calibrate(BottleneckWeights weights, CapturedTensor captured)
    {
        if (weights.Option.Bits is 32 or 16) return weights;
        int c = weights.Channels, k = weights.CodeWidth;
        var min = Enumerable.Repeat(float.MaxValue, k).ToArray();
        var max = Enumerable.Repeat(float.MinValue, k).ToArray();
        var x = new float[c];
        for (long v = 0; v < captured.Vectors; v++)
        {
            for (int i = 0; i < c; i++) x[i] = captured.At(v, i);
            for (int j = 0; j < k; j++)
            {
                float code = weights.EncoderBias[j];
                var row = weights.EncoderWeight.AsSpan(j * c, c);
                for (int i = 0; i < c; i++) code += row[i] * x[i];
                min[j] = Math.Min(min[j], code);
                max[j] = Math.Max(max[j], code);
            }
        }
        return weights with { CodeMin = min, CodeMax = max };
    }
}

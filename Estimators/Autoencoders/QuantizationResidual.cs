using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// The straight-through estimator's constant: Q(code) − code for a batch, with the code computed from the
/// current encoder weights and quantised over each feature's range in the batch (fp16 rounding for 16 bits,
/// 2^bits affine levels below), exactly as the fused stages will quantise it.
/// </summary>
internal static class QuantizationResidual
{
    public static HostTensor Compute(BottleneckWeights w, HostTensor source)
    {
        var x = (float[])source.Data;
        var (code, shape) = Encode(w, x, source.Shape);
        int k = w.CodeWidth;
        bool channels = w.Axis == FeatureAxis.Channels;
        long inner = channels ? shape[2] * shape[3] : 1;
        int Feature(long i) => (int)(channels ? i / inner % k : i % k);

        var min = Enumerable.Repeat(float.MaxValue, k).ToArray();
        var max = Enumerable.Repeat(float.MinValue, k).ToArray();
        for (long i = 0; i < code.Length; i++)
        {
            int f = Feature(i);
            min[f] = Math.Min(min[f], code[i]);
            max[f] = Math.Max(max[f], code[i]);
        }
        int levels = (1 << Math.Min(w.Option.Bits, 8)) - 1;
        var residual = new float[code.Length];
        for (long i = 0; i < code.Length; i++)
        {
            float value = code[i];
            float quantised;
            if (w.Option.Bits == 16)
            {
                quantised = (float)(Half)value;
            }
            else
            {
                int f = Feature(i);
                float scale = Math.Max(max[f] - min[f], 1e-8f) / levels;
                float zero = Math.Clamp(MathF.Round(-min[f] / scale), 0, levels);
                float level = Math.Clamp(MathF.Round(value / scale) + zero, 0, levels);
                quantised = (level - zero) * scale;
            }
            residual[i] = quantised - value;
        }
        return HostTensor.Float(shape, residual);
    }

    /// <summary>The encoder's output (after pooling for stride 2) for a batch laid out as the source tensor.</summary>
    private static (float[] Code, long[] Shape) Encode(BottleneckWeights w, float[] x, long[] shape)
    {
        int c = w.Channels, k = w.CodeWidth;
        if (w.Axis == FeatureAxis.Last)
        {
            long vectors = x.LongLength / c;
            var code = new float[vectors * k];
            for (long v = 0; v < vectors; v++)
            {
                var row = x.AsSpan((int)(v * c), c);
                for (int j = 0; j < k; j++)
                {
                    float sum = w.EncoderBias[j];
                    var weights = w.EncoderWeight.AsSpan(j * c, c);
                    for (int i = 0; i < c; i++) sum += weights[i] * row[i];
                    code[v * k + j] = sum;
                }
            }
            return (code, [.. shape[..^1], k]);
        }
        long batch = shape[0], height = shape[2], width = shape[3], plane = height * width;
        var full = new float[batch * k * plane];
        for (long b = 0; b < batch; b++)
            for (int j = 0; j < k; j++)
            {
                var target = full.AsSpan((int)((b * k + j) * plane), (int)plane);
                target.Fill(w.EncoderBias[j]);
                for (int i = 0; i < c; i++)
                {
                    float weight = w.EncoderWeight[j * c + i];
                    var input = x.AsSpan((int)((b * c + i) * plane), (int)plane);
                    for (int p = 0; p < plane; p++) target[p] += weight * input[p];
                }
            }
        if (w.Option.Stride == 1) return (full, [batch, k, height, width]);
        long h2 = height / 2, w2 = width / 2;
        var pooled = new float[batch * k * h2 * w2];
        for (long plane2 = 0; plane2 < batch * k; plane2++)
            for (long r = 0; r < h2; r++)
                for (long q = 0; q < w2; q++)
                {
                    long at = plane2 * plane + 2 * r * width + 2 * q;
                    pooled[(plane2 * h2 + r) * w2 + q] = (full[at] + full[at + 1] + full[at + width] + full[at + width + 1]) / 4;
                }
        return (pooled, [batch, k, h2, w2]);
    }
}

using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Relative reconstruction error Σ(x̂ − x)² / Σx² of an autoencoder on captured activations, measured
/// through the very encoder and decoder nodes that get fused into the stages (quantisation included).
/// </summary>
public static class ReconstructionError
{
    /// <summary>The relative error of <paramref name="weights"/>' round trip over <paramref name="data"/>, run through the fused encoder and decoder nodes <paramref name="batch"/> images at a time.</summary>
    public static double Measure(BottleneckWeights weights, CapturedTensor data, int batch = 100)
    {
        var (error, energy) = Sums(weights, data, batch);
        return energy > 0 ? error / energy : 0;
    }

    /// <summary>The relative error over all frontier tensors of a cut together: Σ over tensors of squared errors / Σ of squares.</summary>
    public static double Measure(IReadOnlyList<BottleneckWeights> weights, IReadOnlyDictionary<string, CapturedTensor> data)
    {
        var sums = weights.Select(w => Sums(w, data[w.Tensor], 100)).ToList();
        double energy = sums.Sum(s => s.Energy);
        return energy > 0 ? sums.Sum(s => s.Error) / energy : 0;
    }

    private static (double Error, double Energy) Sums(BottleneckWeights weights, CapturedTensor data, int batch)
    {
        var info = new TensorInfo(weights.Tensor, ElementType.Float, data.Shape) { SymbolicDims = [.. data.Shape.Select((_, i) => i == 0 ? "N" : null)] };
        using var chain = new StageChain([
            new OnnxRunner(OrtSessions.Open(Serialize(BottleneckModels.Encoder(weights, info)))),
            new OnnxRunner(OrtSessions.Open(Serialize(BottleneckModels.Decoder(weights, info)))),
        ]);

        long samples = data.Shape[0];
        int size = (int)(data.Values.LongLength / samples);
        double error = 0, energy = 0;
        for (long start = 0; start < samples; start += batch)
        {
            int count = (int)Math.Min(batch, samples - start);
            var x = data.Values.AsSpan((int)(start * size), count * size).ToArray();
            var output = chain.Run(new Dictionary<string, HostTensor> { [weights.Tensor] = HostTensor.Float([count, .. data.Shape[1..]], x) });
            var reconstructed = (float[])output[weights.Tensor].Data;
            for (int i = 0; i < x.Length; i++)
            {
                double d = reconstructed[i] - x[i];
                error += d * d;
                energy += (double)x[i] * x[i];
            }
        }
        return (error, energy);
    }

    private static byte[] Serialize(Onnx.ModelProto model) => Google.Protobuf.MessageExtensions.ToByteArray(model);
}

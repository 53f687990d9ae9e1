using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Activations of one frontier tensor over a data set, concatenated along the batch axis, and viewed as
/// feature vectors: one C-vector per (sample, position) on <see cref="Axis"/>.
/// </summary>
public sealed record CapturedTensor(string Name, long[] Shape, float[] Values)
{
    /// <summary>The axis an autoencoder compresses (<see cref="FeatureAxes.Of"/>): channels of NCHW maps, else the last axis.</summary>
    public FeatureAxis Axis => FeatureAxes.Of(Shape);

    /// <summary>Features along <see cref="Axis"/>.</summary>
    public int Channels => FeatureAxes.Features(Shape);

    /// <summary>Feature vectors held: every position of every image.</summary>
    public long Vectors => Values.LongLength / Channels;

    /// <summary>Whether no value is negative (a ReLU output): the fitted decoder then ends in a ReLU too.</summary>
    public bool NonNegative => Values.All(v => v >= 0);

    /// <summary>Feature c of vector i.</summary>
    public float At(long vector, int channel)
    {
        if (Axis == FeatureAxis.Last) return Values[vector * Channels + channel];
        long spatial = Shape[2] * Shape[3];
        long sample = vector / spatial, position = vector % spatial;
        return Values[(sample * Channels + channel) * spatial + position];
    }
}

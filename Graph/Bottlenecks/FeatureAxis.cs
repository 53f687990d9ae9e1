namespace QuiltNet.Graph.Bottlenecks;

/// <summary>Which axis of a frontier tensor the autoencoder compresses.</summary>
public enum FeatureAxis
{
    /// <summary>NCHW: axis 1, by 1×1 convolutions (optionally with spatial stride 2).</summary>
    Channels,

    /// <summary>[N,T,D] or [N,D]: the last axis, by matrix products.</summary>
    Last,
}

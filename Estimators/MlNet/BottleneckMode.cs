namespace QuiltNet.Estimators.MlNet;

/// <summary>What a fitted bottleneck applies to its input column.</summary>
public enum BottleneckMode
{
    /// <summary>Vector → code.</summary>
    Encode,

    /// <summary>Code → vector.</summary>
    Decode,

    /// <summary>Vector → code → reconstructed vector.</summary>
    RoundTrip,
}

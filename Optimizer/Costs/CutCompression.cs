namespace QuiltNet.Optimizer.Costs;

/// <summary>
/// How a cut is compressed: the factor its bytes shrink by, and what its encoder (run at the end of the
/// sending stage) and decoder (at the start of the receiving one) cost.
/// </summary>
public sealed record CutCompression(double Factor, long EncoderMacs = 0, long DecoderMacs = 0, long EncoderParameters = 0, long DecoderParameters = 0)
{
    /// <summary>A cut sent as it is.</summary>
    public static readonly CutCompression None = new(1);

    /// <summary>Whether the cut sends fewer bytes than uncompressed.</summary>
    public bool IsCompressed => Factor > 1;
}

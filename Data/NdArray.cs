namespace QuiltNet.Data;

/// <summary>An n-dimensional array read from a data file, values widened to float.</summary>
internal sealed record NdArray(long[] Shape, float[] Values, bool IsBytes)
{
    public long Count => Shape.Length == 0 ? 1 : Shape[0];
}

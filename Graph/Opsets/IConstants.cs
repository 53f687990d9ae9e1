namespace QuiltNet.Graph.Opsets;

/// <summary>Adds constant tensors to the graph being emitted and returns their names.</summary>
internal interface IConstants
{
    /// <summary>A 1-D int64 constant.</summary>
    string Int64s(long[] values);

    /// <summary>A float constant of <paramref name="dims"/> (empty for a scalar).</summary>
    string Floats(float[] values, long[] dims);
}

namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// Each output element of MaxPool is one input element: the gradient is scatter-added to the
/// positions MaxPool reports in its Indices output (flat over the whole unpadded input), from the
/// forward node when it outputs them, else from a copy that does. Overlapping windows add up.
/// </summary>
internal sealed class MaxPoolRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        if (c.Node.Int("storage_order", 0) != 0)
            throw c.Unsupported("storage_order 1 (column-major indices)");
        var e = c.E;
        string indices = c.Node.Output.Count > 1 && c.Node.Output[1].Length > 0
            ? c.Node.Output[1]
            : e.Node("MaxPool", [c.X], 2, c.Node.AttributeCopies())[1];
        c.SetGradient(0, e.ScatterAdd(c.Upstream(), indices, c.X));
    }
}
